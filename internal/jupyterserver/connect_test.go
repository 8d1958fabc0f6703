package jupyterserver

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/lensbook/lensbook/internal/kerneltest"
)

// Connect attaches to a server started elsewhere (here by Start, as
// scripts/docker-check.sh attaches to the one in the container): the API
// answers with the right token, a wrong token is refused, and Close and
// Wait on the attached Server leave the server running.
func TestConnectToARunningServer(t *testing.T) {
	paths := kerneltest.Paths(t)
	srv, err := Start(t.Context(), Options{NotebookDir: t.TempDir(), Paths: paths})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })

	attached, err := Connect(t.Context(), strings.TrimSuffix(srv.BaseURL, "/"), srv.Token, 30*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	specs, err := attached.KernelSpecs(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(specs, "gonb") {
		t.Errorf("kernelspecs through Connect = %v, want gonb", specs)
	}
	if err := attached.Close(); err != nil {
		t.Errorf("Close on an attached server: %v", err)
	}
	if err := attached.Wait(); err != nil {
		t.Errorf("Wait on an attached server: %v", err)
	}
	if _, err := srv.KernelSpecs(t.Context()); err != nil {
		t.Errorf("the server stopped after Close on an attached Server: %v", err)
	}

	_, err = Connect(t.Context(), srv.BaseURL, "not-"+srv.Token, time.Second)
	if err == nil || !strings.Contains(err.Error(), "no answer") {
		t.Errorf("Connect with a wrong token: err = %v, want no answer", err)
	}
	if err != nil && strings.Contains(err.Error(), srv.Token) {
		t.Errorf("Connect's error shows the token: %v", err)
	}
	if _, err := Connect(t.Context(), srv.BaseURL, "", time.Second); err == nil {
		t.Error("Connect without a token: no error")
	}
}
