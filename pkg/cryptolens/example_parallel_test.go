package cryptolens_test

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/lensbook/lensbook/pkg/cryptolens"
)

func ExampleClient_WebAPILogAscending() {
	baseURL, token, stop := startEmulator()
	defer stop()
	// Eight requests in flight; rows come in ascending id order all the same.
	client, err := cryptolens.NewClient(token, cryptolens.WithBaseURL(baseURL), cryptolens.WithParallel(8))
	if err != nil {
		log.Fatal(err)
	}
	month := cryptolens.Window{Since: time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC),
		Until: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)}
	n, ascending, last := 0, true, int64(0)
	for row, err := range client.WebAPILogAscending(context.Background(), cryptolens.WebAPILogFilter{}, month) {
		if err != nil {
			log.Fatal(err)
		}
		ascending = ascending && row.ID > last
		last = row.ID
		n++
	}
	fmt.Println(n > 4000, ascending)
	// Output:
	// true true
}
