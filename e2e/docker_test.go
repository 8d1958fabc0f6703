package e2e_test

import (
	"net/http"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/lensbook/lensbook/internal/jupyterserver"
	"github.com/lensbook/lensbook/internal/notebook"
)

// firstCell is what a standard report's first Go cell builds: the packages
// every notebook imports (pkg/report pulls in the SQLite store, Gota and the
// client).
const firstCell = `import (
	"github.com/lensbook/lensbook/pkg/charts"
	"github.com/lensbook/lensbook/pkg/display"
	"github.com/lensbook/lensbook/pkg/report"
	"github.com/lensbook/lensbook/pkg/store"
)

%%
fmt.Printf("report.Open %T\n", report.Open)
_, _ = store.Open, display.Table
fmt.Println("count:", charts.Count(1234))`

// TestDockerImageServer checks, from outside, the Jupyter server that the
// lensbook image runs: scripts/docker-check.sh starts the container and sets
// LENSBOOK_DOCKER_URL (the published port) and LENSBOOK_DOCKER_TOKEN (the
// JUPYTER_TOKEN it gave the container). The server answers its API with the
// token and refuses without it or with another; a kernel of the gonb
// kernelspec starts through the REST API and runs the setup cell and a cell
// importing lensbook packages over the kernel websocket. It logs the
// first-cell latency (kernel start to the first Go cell's reply).
func TestDockerImageServer(t *testing.T) {
	base, token := os.Getenv("LENSBOOK_DOCKER_URL"), os.Getenv("LENSBOOK_DOCKER_TOKEN")
	if base == "" || token == "" {
		t.Skip("LENSBOOK_DOCKER_URL and LENSBOOK_DOCKER_TOKEN are not set: scripts/docker-check.sh runs this test against the image")
	}
	ctx := t.Context()
	srv, err := jupyterserver.Connect(ctx, base, token, 2*time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, auth string
		want       int
	}{
		{"with the token", "token " + token, http.StatusOK},
		{"without a token", "", http.StatusForbidden},
		{"with another token", "token not-" + token, http.StatusForbidden},
	} {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, srv.BaseURL+"api/kernels", nil)
		if err != nil {
			t.Fatal(err)
		}
		if tc.auth != "" {
			req.Header.Set("Authorization", tc.auth)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tc.want {
			t.Errorf("GET /api/kernels %s: %s, want %d", tc.name, resp.Status, tc.want)
		}
	}
	specs, err := srv.KernelSpecs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(specs, "gonb") {
		t.Fatalf("kernelspecs = %v, want gonb", specs)
	}

	start := time.Now()
	k, err := srv.StartKernel(ctx, "gonb")
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := k.Close(ctx); err != nil {
			t.Errorf("closing the kernel: %v", err)
		}
	}()
	run := func(name, code string) *jupyterserver.Execution {
		t.Helper()
		t0 := time.Now()
		ex, err := k.Execute(ctx, code)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if ex.Status != "ok" || len(ex.Errors) > 0 || strings.Contains(ex.Stderr, "exit status") {
			t.Fatalf("%s: status %q, errors %v, stderr %q", name, ex.Status, ex.Errors, ex.Stderr)
		}
		t.Logf("%s: %s", name, time.Since(t0).Round(10*time.Millisecond))
		return ex
	}
	run("setup cell", notebook.SetupCellSource)
	ex := run("first Go cell", firstCell)
	t.Logf("first-cell latency (kernel start to the first Go cell's reply): %s", time.Since(start).Round(10*time.Millisecond))
	if !strings.Contains(ex.Stdout, "report.Open func(") || !strings.Contains(ex.Stdout, "count: 1,234\n") {
		t.Errorf("first Go cell stdout = %q, want report.Open's type and count: 1,234", ex.Stdout)
	}
	run("the same cell again", firstCell)
}
