package jupyterserver

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/lensbook/lensbook/internal/kerneltest"

	"github.com/lensbook/lensbook/internal/notebook"
)

// TestInteractivePath proves the path an analyst takes in a browser: the
// Jupyter notebook server lists the GoNB kernel, starts it, and over the
// kernel's websocket runs the setup cell and then a cell that imports a
// lensbook package and prints.
func TestInteractivePath(t *testing.T) {
	paths := kerneltest.Paths(t)
	marker := fmt.Sprintf("interactive-%d", time.Now().UnixNano())
	var log strings.Builder
	srv, err := Start(t.Context(), Options{
		NotebookDir: t.TempDir(), // outside the module: the setup cell relies on LENSBOOK_ROOT
		Env:         map[string]string{"LENSBOOK_TEST_VALUE": marker},
		Paths:       paths,
		Log:         &log,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		srv.Close()
		if left := notebook.ProcessesWithEnv("LENSBOOK_TEST_VALUE=" + marker); len(left) > 0 {
			t.Errorf("processes still alive after Close: %v", left)
		}
	})
	if !strings.HasPrefix(srv.URL(), srv.BaseURL+"?token=") || len(srv.Token) < 32 {
		t.Errorf("URL = %q, token %d characters", srv.URL(), len(srv.Token))
	}

	specs, err := srv.KernelSpecs(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(specs, "gonb") {
		t.Fatalf("kernelspecs = %v, want gonb among them", specs)
	}

	k, err := srv.StartKernel(t.Context(), "gonb")
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	setup, err := k.Execute(t.Context(), notebook.SetupCellSource)
	if err != nil {
		t.Fatal(err)
	}
	if setup.Status != "ok" || setup.Stderr != "" || len(setup.Errors) > 0 {
		t.Fatalf("setup cell: status %q, stderr %q, errors %v", setup.Status, setup.Stderr, setup.Errors)
	}
	code := "import (\n\t\"os\"\n\n\t\"github.com/lensbook/lensbook/pkg/cryptolens\"\n)\n\n%%\n" +
		"fmt.Println(\"fields:\", len(cryptolens.WebAPILogFields), os.Getenv(\"LENSBOOK_TEST_VALUE\"))\n"
	ex, err := k.Execute(t.Context(), code)
	if err != nil {
		t.Fatal(err)
	}
	if want := "fields: 11 " + marker + "\n"; ex.Stdout != want || ex.Status != "ok" {
		t.Fatalf("cell: status %q, stdout %q, want %q; stderr %q, errors %v", ex.Status, ex.Stdout, want, ex.Stderr, ex.Errors)
	}
	t.Logf("setup cell + import cell over the websocket: %s", time.Since(start).Round(time.Millisecond))

	bad, err := k.Execute(t.Context(), "%%\nfmt.Println(nowhere)\n")
	if err != nil {
		t.Fatal(err)
	}
	if bad.Status != "error" || len(bad.Errors) != 1 || !strings.Contains(bad.Errors[0].EValue, "undefined: nowhere") {
		t.Errorf("failing cell: status %q, errors %+v", bad.Status, bad.Errors)
	}
	if err := k.Close(t.Context()); err != nil {
		t.Error(err)
	}
}

func TestStartFailsClearlyWithoutKernel(t *testing.T) {
	dir := t.TempDir()
	_, err := Start(t.Context(), Options{Paths: &notebook.Paths{Root: dir, BuildDir: dir, JupyterDataDir: filepath.Join(dir, "j"), Jupyter: "jupyter"}})
	if err == nil || !strings.Contains(err.Error(), "run make setup") {
		t.Fatalf("err = %v", err)
	}
}

func TestServeStopsWithItsContext(t *testing.T) {
	paths := kerneltest.Paths(t)
	ctx, cancel := context.WithCancel(t.Context())
	var out strings.Builder
	done := make(chan error, 1)
	w := &notifyWriter{w: &out, wrote: make(chan struct{}, 1)}
	go func() { done <- Serve(ctx, Options{NotebookDir: t.TempDir(), Paths: paths}, w) }()
	select {
	case <-w.wrote:
	case err := <-done:
		t.Fatalf("Serve returned before printing its URL: %v", err)
	case <-time.After(2 * time.Minute):
		t.Fatal("no URL within 2 minutes")
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if got := out.String(); !strings.Contains(got, "open http://127.0.0.1:") || !strings.Contains(got, "/?token=") {
		t.Errorf("Serve printed %q", got)
	}
}

// notifyWriter signals its first write.
type notifyWriter struct {
	w     io.Writer
	wrote chan struct{}
}

func (n *notifyWriter) Write(p []byte) (int, error) {
	k, err := n.w.Write(p)
	select {
	case n.wrote <- struct{}{}:
	default:
	}
	return k, err
}
