package emulator_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"

	"github.com/lensbook/lensbook/pkg/emulator"
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
	last := data.WebLog[len(data.WebLog)-1]
	fmt.Println(page.Result, len(page.Logs), page.Logs[0].ID == last.ID)
	// Output: 0 2 true
}

// Generate the demo dataset: about 58,500 Web API Log rows over the 90 days
// before DemoEnd.
func ExampleGenerate() {
	data := emulator.Generate(emulator.Config{})
	first, last := data.WebLog[0], data.WebLog[len(data.WebLog)-1]
	fmt.Println(!first.Time.Before(data.Config.Start()), last.Time.Before(emulator.DemoEnd))
	fmt.Println(len(data.Products) >= 3, len(data.Licenses) > 100)
	// Output:
	// true true
	// true true
}
