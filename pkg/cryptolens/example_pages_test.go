package cryptolens_test

import (
	"context"
	"fmt"
	"log"

	"github.com/lensbook/lensbook/pkg/cryptolens"
)

func ExampleClient_EventsPages() {
	baseURL, token, stop := startEmulator()
	defer stop()
	client, err := cryptolens.NewClient(token, cryptolens.WithBaseURL(baseURL))
	if err != nil {
		log.Fatal(err)
	}

	// The newest events, newest first, then the page below them: every
	// page is checked to be below its cursor and in descending order.
	pages := client.EventsPages(cryptolens.EventsFilter{})
	ctx := context.Background()
	newest, err := pages.Before(ctx, 0, 3)
	if err != nil {
		log.Fatal(err)
	}
	older, err := pages.Before(ctx, newest[len(newest)-1].ID, 3)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(newest), len(older), newest[0].ID > older[0].ID)
	// Output:
	// 3 3 true
}
