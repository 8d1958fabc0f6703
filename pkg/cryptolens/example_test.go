package cryptolens_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http/httptest"
	"time"

	"github.com/lensbook/lensbook/internal/emulator"
	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// startEmulator serves a small generated dataset over HTTP and returns its
// /api root and a token that may call every method. The examples use it in
// place of https://api.cryptolens.io/api.
func startEmulator() (baseURL, token string, stop func()) {
	srv := emulator.NewServer(emulator.Generate(emulator.Config{Seed: 1, Days: 30, Rows: 5000}))
	ts := httptest.NewServer(srv)
	srv.SetClock(func() time.Time { return emulator.DemoEnd })
	return ts.URL + "/api", srv.NewToken(emulator.AllPermissions...), ts.Close
}

func ExampleNewClient() {
	baseURL, token, stop := startEmulator()
	defer stop()

	// Against the real service: creds, err := credentials.Load(), then
	// cryptolens.NewClient(creds.Token, cryptolens.WithBaseURL(creds.BaseURL)).
	client, err := cryptolens.NewClient(token, cryptolens.WithBaseURL(baseURL),
		cryptolens.WithRetry(cryptolens.RetryPolicy{MaxAttempts: 3}))
	if err != nil {
		log.Fatal(err)
	}
	page, err := client.GetWebAPILog(context.Background(), cryptolens.WebAPILogQuery{Limit: 3})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(page), "rows, the first:", page[0].State)
	// Output:
	// 3 rows, the first: 3010 key created
}

func ExampleClient_WebAPILogWindow() {
	baseURL, token, stop := startEmulator()
	defer stop()
	client, err := cryptolens.NewClient(token, cryptolens.WithBaseURL(baseURL))
	if err != nil {
		log.Fatal(err)
	}

	// Floating activations in the last week of October 2026, per license key.
	week := cryptolens.Window{Since: time.Date(2026, 10, 25, 0, 0, 0, 0, time.UTC),
		Until: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)}
	filter := cryptolens.WebAPILogFilter{States: []cryptolens.State{
		cryptolens.StateFloatingActivation, cryptolens.StateFloatingOverdraft}}
	perKey := map[string]int{}
	inWeek := true
	for row, err := range client.WebAPILogWindow(context.Background(), filter, week) {
		if err != nil {
			log.Fatal(err) // every row of the window, or an error: never a silent gap
		}
		perKey[row.Key]++
		inWeek = inWeek && week.Contains(row.Time)
	}
	fmt.Println("keys with floating activations:", len(perKey) > 0, "all in the week:", inWeek)
	// Output:
	// keys with floating activations: true all in the week: true
}

func ExampleClient_WebAPILogAfter() {
	baseURL, token, stop := startEmulator()
	defer stop()
	client, err := cryptolens.NewClient(token, cryptolens.WithBaseURL(baseURL))
	if err != nil {
		log.Fatal(err)
	}

	// Incremental sync: everything after the largest id already stored.
	ctx := context.Background()
	newest, err := client.GetWebAPILog(ctx, cryptolens.WebAPILogQuery{Limit: 11, OrderBy: "Id descending"})
	if err != nil {
		log.Fatal(err)
	}
	stored := newest[10].ID // as if the ten newest rows had arrived since the last sync
	fetched := 0
	for row, err := range client.WebAPILogAfter(ctx, cryptolens.WebAPILogFilter{}, stored) {
		if err != nil {
			log.Fatal(err)
		}
		stored = max(stored, row.ID)
		fetched++
	}
	fmt.Println("fetched", fetched, "up to the newest:", stored == newest[0].ID)
	// Output:
	// fetched 10 up to the newest: true
}

func ExampleClient_EventsWindow() {
	baseURL, token, stop := startEmulator()
	defer stop()
	client, err := cryptolens.NewClient(token, cryptolens.WithBaseURL(baseURL))
	if err != nil {
		log.Fatal(err)
	}

	october := cryptolens.Window{Since: time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC),
		Until: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)}
	revenue := map[string]int64{}
	for e, err := range client.EventsWindow(context.Background(), cryptolens.EventsFilter{}, october) {
		if err != nil {
			log.Fatal(err)
		}
		if e.EventName == "purchase" {
			revenue[e.Currency] += e.Value
		}
	}
	fmt.Println("currencies with purchases:", len(revenue) > 0)
	// Output:
	// currencies with purchases: true
}

func ExampleClient_ObjectLogWindow() {
	baseURL, token, stop := startEmulator()
	defer stop()
	requests := 0
	client, err := cryptolens.NewClient(token, cryptolens.WithBaseURL(baseURL),
		cryptolens.WithObserver(func(cryptolens.RequestInfo) { requests++ }))
	if err != nil {
		log.Fatal(err)
	}

	lastWeek := cryptolens.Window{Since: time.Date(2026, 10, 25, 0, 0, 0, 0, time.UTC)}
	changes := map[cryptolens.ResourceAction]int{}
	for entry, err := range client.ObjectLogWindow(context.Background(), lastWeek) {
		if err != nil {
			log.Fatal(err)
		}
		changes[entry.ResourceAction]++
	}
	fmt.Println("changes found:", len(changes) > 0, "in under 30 requests:", requests < 30)
	// Output:
	// changes found: true in under 30 requests: true
}

func ExampleClient_RegisterEvent() {
	baseURL, token, stop := startEmulator()
	defer stop()
	client, err := cryptolens.NewClient(token, cryptolens.WithBaseURL(baseURL))
	if err != nil {
		log.Fatal(err)
	}

	err = client.RegisterEvent(context.Background(), cryptolens.EventInput{
		MachineCode: "9f86d081", FeatureName: "ReportGenerator", EventName: "export",
		Metadata: `{"OS":"Linux"}`})
	fmt.Println(err)
	// Output:
	// <nil>
}

func ExampleClient_RegisterEvents() {
	baseURL, token, stop := startEmulator()
	defer stop()
	client, err := cryptolens.NewClient(token, cryptolens.WithBaseURL(baseURL))
	if err != nil {
		log.Fatal(err)
	}

	err = client.RegisterEvents(context.Background(), cryptolens.EventBatch{
		MachineCode: "9f86d081",
		Events: []cryptolens.BatchEvent{
			{FeatureName: "VideoRecorder", EventName: "start"},
			{FeatureName: "Shop", EventName: "purchase", Value: 2530, Currency: "USD",
				Time: time.Date(2026, 10, 31, 12, 0, 0, 0, time.UTC)},
		}})
	fmt.Println(err)
	// Output:
	// <nil>
}

func ExampleAPIError() {
	baseURL, _, stop := startEmulator()
	defer stop()
	client, err := cryptolens.NewClient("not-a-valid-token", cryptolens.WithBaseURL(baseURL))
	if err != nil {
		log.Fatal(err)
	}

	_, err = client.GetEvents(context.Background(), cryptolens.EventsQuery{Limit: 10})
	var apiErr *cryptolens.APIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.Method, apiErr.Message)
	}
	// Output:
	// GetEvents Unable to authenticate
}
