package main

import (
	"bufio"
	"context"
	"io"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/lensbook/lensbook/internal/jupyterserver"
	"github.com/lensbook/lensbook/internal/kerneltest"
	"github.com/lensbook/lensbook/internal/notebook"
	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// notebookSession is one `lensbook notebook --demo` run.
type notebookSession struct {
	url, baseURL, store string
	cancel              func()
}

// startNotebookSession runs `lensbook notebook --demo --port 0` and waits
// for the URL it prints.
func startNotebookSession(t *testing.T, dir string) *notebookSession {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	var errb lockedBuilder
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"notebook", "--demo", "--port", "0", "--dir", dir}, pw, &errb)
		pw.Close()
	}()
	s := &notebookSession{}
	stopped := false
	s.cancel = func() {
		if stopped {
			return
		}
		stopped = true
		cancel()
		if code := <-done; code != 0 {
			t.Errorf("lensbook notebook exited %d: %s", code, errb.String())
		}
	}
	t.Cleanup(s.cancel)
	lines := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(pr).ReadString('\n')
		lines <- line
		io.Copy(io.Discard, pr)
	}()
	select {
	case line := <-lines:
		m := regexp.MustCompile(`open (http://\S+)`).FindStringSubmatch(line)
		if m == nil {
			t.Fatalf("lensbook notebook printed %q; stderr %s", line, errb.String())
		}
		s.url = m[1]
	case <-time.After(3 * time.Minute):
		t.Fatalf("no URL within 3 minutes; stderr %s", errb.String())
	}
	m := regexp.MustCompile(`demo's data at (\S+) \(as of \S+\); store (\S+)\n`).FindStringSubmatch(errb.String())
	if m == nil {
		t.Fatalf("stderr %q names no emulator and store", errb.String())
	}
	s.baseURL, s.store = m[1], m[2]
	return s
}

// lockedBuilder is a strings.Builder safe for one writer and one reader.
type lockedBuilder struct {
	mu chan struct{}
	b  strings.Builder
}

func (l *lockedBuilder) lock() {
	if l.mu == nil {
		l.mu = make(chan struct{}, 1)
	}
	l.mu <- struct{}{}
}

func (l *lockedBuilder) Write(p []byte) (int, error) {
	l.lock()
	defer func() { <-l.mu }()
	return l.b.Write(p)
}

func (l *lockedBuilder) String() string {
	l.lock()
	defer func() { <-l.mu }()
	return l.b.String()
}

// TestNotebookDemo: `lensbook notebook --demo` starts Jupyter and the
// emulator on a free port while its preferred port is taken (by a running
// `lensbook emulate`, say), and a cell of a GoNB kernel started on that
// server reads the demo through the environment it was given. A second
// session uses the same token and store file.
func TestNotebookDemo(t *testing.T) {
	kerneltest.Paths(t)
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	t.Setenv("JUPYTER_TOKEN", "jupyter-login-of-the-test")
	if ln, err := net.Listen("tcp", demoEmulatorAddr); err == nil {
		defer ln.Close() // the preferred port is taken
	}
	dir := t.TempDir()
	s := startNotebookSession(t, dir)
	if !strings.HasPrefix(s.url, "http://127.0.0.1:") || !strings.HasSuffix(s.url, "/?token=jupyter-login-of-the-test") {
		t.Errorf("URL %q", s.url)
	}
	if strings.Contains(s.baseURL, demoEmulatorAddr) || !strings.HasPrefix(s.baseURL, "http://127.0.0.1:") {
		t.Errorf("the emulator is at %s, want a free port other than the taken %s", s.baseURL, demoEmulatorAddr)
	}
	wantStore := filepath.Join(os.Getenv("XDG_CACHE_HOME"), "lensbook", "notebook-demo.db")
	if s.store != wantStore {
		t.Errorf("store %s, want %s", s.store, wantStore)
	}

	// The emulator answers the demo's token.
	c, err := cryptolens.NewClient(demoNotebookToken, cryptolens.WithBaseURL(s.baseURL))
	if err != nil {
		t.Fatal(err)
	}
	if rows, err := c.GetWebAPILog(t.Context(), cryptolens.WebAPILogQuery{Limit: 1}); err != nil || len(rows) != 1 {
		t.Fatalf("GetWebAPILog on the demo's emulator: %d rows, %v", len(rows), err)
	}

	// A cell sees the demo's environment.
	base, _, _ := strings.Cut(s.url, "?token=")
	srv := &jupyterserver.Server{BaseURL: base, Token: "jupyter-login-of-the-test"}
	k, err := srv.StartKernel(t.Context(), "gonb")
	if err != nil {
		t.Fatal(err)
	}
	defer k.Close(context.WithoutCancel(t.Context()))
	if ex, err := k.Execute(t.Context(), notebook.SetupCellSource); err != nil || ex.Status != "ok" {
		t.Fatalf("setup cell: %+v %v", ex, err)
	}
	ex, err := k.Execute(t.Context(), "import \"os\"\n\n%%\nfor _, k := range []string{\"CRYPTOLENS_BASE_URL\", \"LENSBOOK_AS_OF\", \"LENSBOOK_STORE\"} {\n\tfmt.Println(os.Getenv(k))\n}\nfmt.Println(os.Getenv(\"CRYPTOLENS_TOKEN\") == \""+demoNotebookToken+"\")\n")
	if err != nil {
		t.Fatal(err)
	}
	want := s.baseURL + "\n2026-11-01T00:00:00Z\n" + wantStore + "\ntrue\n"
	if ex.Stdout != want {
		t.Errorf("the cell printed %q, want %q (stderr %q, errors %v)", ex.Stdout, want, ex.Stderr, ex.Errors)
	}
	k.Close(t.Context())
	s.cancel()

	// A second session: the same store file, whatever its port.
	if s2 := startNotebookSession(t, dir); s2.store != s.store {
		t.Errorf("the second session's store is %s, the first's %s", s2.store, s.store)
	}
}

func TestNotebookPortTaken(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	code, _, errs := runCLI(t, "notebook", "--port", port)
	if code != 1 || !strings.Contains(errs, "is taken") || !strings.Contains(errs, "PORT=N") {
		t.Errorf("exit %d, %q", code, errs)
	}
	if code, _, errs := runCLI(t, "notebook", "--ip", "localhost"); code != 2 || !strings.Contains(errs, "--ip") {
		t.Errorf("--ip localhost: exit %d, %q", code, errs)
	}
}
