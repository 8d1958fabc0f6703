package export_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/lensbook/lensbook/internal/export"
	"github.com/lensbook/lensbook/pkg/cryptolens"
)

func TestWriteAllStreamsAndStopsAtTheFirstError(t *testing.T) {
	rows := []cryptolens.WebAPILog{
		{ID: 1, ProductID: 3, Key: "K", Time: time.Unix(100, 0).UTC(), State: 2010},
		{ID: 2, ProductID: 3, Key: "a,\"b\"", Time: time.Unix(101, 0).UTC(), State: 2024},
	}
	seq := func(fail error) func(func(cryptolens.WebAPILog, error) bool) {
		return func(yield func(cryptolens.WebAPILog, error) bool) {
			for _, r := range rows {
				if !yield(r, nil) {
					return
				}
			}
			if fail != nil {
				yield(cryptolens.WebAPILog{}, fail)
			}
		}
	}
	var got bytes.Buffer
	n, err := export.WriteAll(&got, export.CSV, seq(nil))
	if err != nil || n != 2 {
		t.Fatalf("WriteAll: %d rows, %v", n, err)
	}
	var want bytes.Buffer
	ew, _ := export.NewWriter[cryptolens.WebAPILog](&want, export.CSV)
	for _, r := range rows {
		ew.Write(r)
	}
	ew.Close()
	if got.String() != want.String() {
		t.Fatalf("WriteAll wrote\n%s\nwant\n%s", got.String(), want.String())
	}
	boom := errors.New("boom")
	got.Reset()
	if n, err := export.WriteAll(&got, export.JSONL, seq(boom)); !errors.Is(err, boom) || n != 2 ||
		strings.Count(got.String(), "\n") != 2 {
		t.Fatalf("WriteAll with a failing sequence: %d rows, %v, %q", n, err, got.String())
	}
}
