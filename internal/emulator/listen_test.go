package emulator_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/lensbook/lensbook/internal/emulator"
)

func TestListenAndServe(t *testing.T) {
	t.Parallel()
	srv := emulator.NewServer(testData())
	token := srv.NewToken(emulator.PermGetObjectLog)
	ctx, cancel := context.WithCancel(t.Context())
	baseURL := make(chan string, 1)
	done := make(chan error, 1)
	go func() { done <- emulator.ListenAndServe(ctx, "127.0.0.1:0", srv, func(u string) { baseURL <- u }) }()
	var base string
	select {
	case base = <-baseURL:
	case err := <-done:
		t.Fatalf("ListenAndServe: %v", err)
	}
	if !strings.HasPrefix(base, "http://127.0.0.1:") || !strings.HasSuffix(base, "/api") {
		t.Errorf("base URL %q", base)
	}
	resp, err := http.PostForm(base+"/ai/GetObjectLog", url.Values{"token": {token}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("status %d", resp.StatusCode)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("after cancel: %v", err)
	}
	if _, err := http.PostForm(base+"/ai/GetObjectLog", url.Values{"token": {token}}); err == nil {
		t.Error("the server still answers after its context ended")
	}
}

func TestListenAndServeReportsABadAddress(t *testing.T) {
	t.Parallel()
	err := emulator.ListenAndServe(t.Context(), "127.0.0.1:not-a-port", emulator.NewServer(testData()), nil)
	if err == nil || !strings.Contains(err.Error(), "not-a-port") {
		t.Errorf("err = %v, want one naming the address", err)
	}
}
