package emulator_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"time"

	"github.com/lensbook/lensbook/internal/emulator"
)

// Serve a small generated dataset and ask it for the two newest Web API Log
// rows, as a client would.
func ExampleNewServer() {
	data := emulator.Generate(emulator.Config{Seed: 7, Rows: 5000})
	srv := emulator.NewServer(data)
	token := srv.NewToken(emulator.PermGetWebAPILog)
	ts := httptest.NewServer(srv)
	defer ts.Close()

	form := url.Values{"token": {token}, "Limit": {"2"}, "OrderBy": {"Id descending"}}
	resp, err := http.Get(ts.URL + "/api/ai/GetWebAPILog?" + form.Encode())
	if err != nil {
		fmt.Println(err)
		return
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var page struct {
		Logs []struct {
			ID int64 `json:"id"`
		} `json:"logs"`
		Result int `json:"result"`
	}
	if err := json.Unmarshal(body, &page); err != nil {
		fmt.Println(err)
		return
	}
	last := data.WebAPILog[len(data.WebAPILog)-1]
	fmt.Println(page.Result, len(page.Logs), page.Logs[0].ID == last.ID)
	// Output: 0 2 true
}

// Generate the demo dataset: about 58,500 Web API Log rows over the 90 days
// before DemoEnd.
func ExampleGenerate() {
	data := emulator.Generate(emulator.Config{})
	first, last := data.WebAPILog[0], data.WebAPILog[len(data.WebAPILog)-1]
	fmt.Println(!first.Time.Before(data.Config.Start()), last.Time.Before(emulator.DemoEnd))
	fmt.Println(len(data.Products) >= 3, len(data.Licenses) > 100)
	// Output:
	// true true
	// true true
}

// Run the emulator on a free local port until the context ends, as
// `lensbook emulate` and the report pipeline do.
func ExampleListenAndServe() {
	srv := emulator.NewServer(emulator.Generate(emulator.Config{Rows: 2000}))
	token := srv.NewToken(emulator.AllPermissions...)
	ctx, stop := context.WithCancel(context.Background())
	ready := make(chan string)
	go emulator.ListenAndServe(ctx, "127.0.0.1:0", srv, func(baseURL string) { ready <- baseURL })
	baseURL := <-ready // CRYPTOLENS_BASE_URL for a client

	resp, err := http.PostForm(baseURL+"/ai/GetObjectLog", url.Values{"token": {token}, "Limit": {"1"}})
	if err == nil {
		resp.Body.Close()
		fmt.Println(resp.StatusCode)
	}
	stop()
	// Output: 200
}

// Make every third request fail somehow, the same way on every run.
func ExampleServer_SetFaults() {
	srv := emulator.NewServer(emulator.Generate(emulator.Config{Rows: 2000}))
	srv.SetFaults(emulator.Faults{ServerErrorRate: 0.1, DropRate: 0.1, TooManyRequestsRate: 0.13,
		RetryAfter: 2 * time.Second, Seed: 42})
	ts := httptest.NewServer(srv)
	defer ts.Close()
	token := srv.NewToken(emulator.PermGetEvents)
	statuses := map[int]int{}
	for range 30 {
		resp, err := http.PostForm(ts.URL+"/api/ai/GetEvents", url.Values{"token": {token}})
		if err != nil {
			statuses[0]++ // dropped
			continue
		}
		resp.Body.Close()
		statuses[resp.StatusCode]++
	}
	fmt.Println(srv.RequestCount("GetEvents"), statuses[200] > 10)
	// Output: 30 true
}
