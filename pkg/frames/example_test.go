package frames_test

import (
	"fmt"
	"time"

	"github.com/lensbook/lensbook/pkg/cryptolens"
	"github.com/lensbook/lensbook/pkg/frames"
)

func ExampleWebAPILog() {
	rows := []cryptolens.WebAPILog{
		{ID: 1, ProductID: 3, Key: "AAAA", Time: time.Date(2026, 10, 30, 9, 0, 0, 0, time.UTC), State: 1010},
		{ID: 2, ProductID: 3, Key: "AAAA", Time: time.Date(2026, 10, 31, 9, 0, 0, 0, time.UTC), State: 2024},
	}
	df := frames.WebAPILog(rows)
	fmt.Println(df.Select([]string{frames.ColID, frames.ColDay, frames.ColMethod, frames.ColOutcome}).Records())
	// Output:
	// [[id day method outcome] [1 2026-10-30 validation Success] [2 2026-10-31 activation Failure]]
}

func ExampleEvents() {
	df := frames.Events([]cryptolens.Event{{ID: 7, EventName: "start", Metadata: `{"OS":"Linux"}`}})
	fmt.Println(df.Names())
	// Output:
	// [id productId key machineCode featureName eventName value currency time metadata day]
}

func ExampleObjectLog() {
	df := frames.ObjectLog([]cryptolens.ObjectLogEntry{{ID: 901, ResourceType: cryptolens.ResourceLicenseKey,
		ResourceAction: cryptolens.ActionUpdated, Data: `{"Notes":["","VIP"]}`}})
	fmt.Println(df.Col(frames.ColResourceTypeName).Records(), df.Col(frames.ColResourceActionName).Records())
	// Output:
	// [LicenseKey] [Updated]
}

func ExampleJSONField() {
	df := frames.Events([]cryptolens.Event{
		{ID: 1, Metadata: `{"OS":"Windows"}`},
		{ID: 2, Metadata: `{"OS":"Linux"}`},
		{ID: 3, Metadata: `not json`},
	})
	df, err := frames.JSONField(df, frames.ColMetadata, "OS", "os")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%q\n", df.Col("os").Records())
	// Output:
	// ["Windows" "Linux" ""]
}
