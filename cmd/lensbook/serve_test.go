package main

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// startServe runs `lensbook serve DIR --addr ADDR` until the test ends and
// returns the address it listens on.
func startServe(t *testing.T, dir, addr string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan int, 1)
	var errb strings.Builder
	go func() {
		done <- run(ctx, []string{"serve", dir, "--addr", addr}, pw, &errb)
		pw.Close()
	}()
	t.Cleanup(func() {
		cancel()
		if code := <-done; code != 0 {
			t.Errorf("serve exited %d: %s", code, errb.String())
		}
	})
	line, err := bufio.NewReader(pr).ReadString('\n')
	go io.Copy(io.Discard, pr)
	m := regexp.MustCompile(`at http://([^/]+)/`).FindStringSubmatch(line)
	if err != nil || m == nil {
		t.Fatalf("serve printed %q (%v); stderr %q", line, err, errb.String())
	}
	return m[1]
}

// get sends GET path to addr with the given Host header.
func get(t *testing.T, addr, host, path string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, "http://"+addr+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Host = host
	client := &http.Client{Timeout: 30 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestServeServesOnlyTheGallery runs the real server on a gallery folder
// that holds dotfiles, a folder without index.html and symbolic links, one
// inside the folder and two leading out of it.
func TestServeServesOnlyTheGallery(t *testing.T) {
	base := t.TempDir()
	dir, outside := filepath.Join(base, "reports"), filepath.Join(base, "outside")
	writeFiles(t, dir, map[string]string{
		"index.html":          "GALLERY-INDEX",
		"revenue.html":        "REVENUE-PAGE",
		"thumbs/revenue.png":  "PNG",
		"more/index.html":     "MORE-INDEX",
		".env":                "SECRET-DOTFILE",
		".git/config":         "SECRET-GIT",
		"thumbs/.hidden.html": "SECRET-HIDDEN",
	})
	writeFiles(t, outside, map[string]string{"secret.txt": "SECRET-OUTSIDE"})
	for link, target := range map[string]string{
		"alias.html":    "revenue.html",                                     // inside: served
		"leak.txt":      filepath.Join(outside, "secret.txt"),               // absolute, outside
		"leak-rel.txt":  "../outside/secret.txt",                            // relative, outside
		"leakdir":       outside,                                            // a folder outside
		"thumbs/up.txt": filepath.Join("..", "..", "outside", "secret.txt"), // up and out
	} {
		if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
			t.Fatal(err)
		}
	}
	addr := startServe(t, dir, "127.0.0.1:0")
	_, port, _ := strings.Cut(addr, ":")

	for _, tt := range []struct {
		path string
		code int
		want string
	}{
		{"/", 200, "GALLERY-INDEX"},
		{"/revenue.html", 200, "REVENUE-PAGE"},
		{"/thumbs/revenue.png", 200, "PNG"},
		{"/more/", 200, "MORE-INDEX"},
		{"/alias.html", 200, "REVENUE-PAGE"},
		{"/thumbs/", 404, ""},
		{"/thumbs", 404, ""},
		{"/.env", 404, ""},
		{"/.git/config", 404, ""},
		{"/.git/", 404, ""},
		{"/thumbs/.hidden.html", 404, ""},
		{"/%2eenv", 404, ""},
		{"/leak.txt", 0, ""},
		{"/leak-rel.txt", 0, ""},
		{"/leakdir/secret.txt", 0, ""},
		{"/leakdir/", 0, ""},
		{"/thumbs/up.txt", 0, ""},
		{"/../outside/secret.txt", 0, ""},
	} {
		code, body := get(t, addr, "127.0.0.1:"+port, tt.path)
		if strings.Contains(body, "SECRET") || strings.Contains(body, "revenue.png") && tt.code != 200 {
			t.Errorf("GET %s: %d, body %q: a listing or a file it must not serve", tt.path, code, body)
		}
		if tt.code == 0 && code == 200 || tt.code != 0 && code != tt.code || !strings.Contains(body, tt.want) {
			t.Errorf("GET %s: %d %q; want %d and %q", tt.path, code, body, tt.code, tt.want)
		}
	}

	for host, want := range map[string]int{
		"127.0.0.1:" + port:        200,
		"localhost:" + port:        200,
		"LOCALHOST":                200,
		"[::1]:" + port:            200,
		"127.0.0.2":                200,
		"evil.example:" + port:     403,
		"evil.example":             403,
		"localhost.evil.example":   403,
		"192.168.1.20:" + port:     403,
		"127.0.0.1.nip.io:" + port: 403,
	} {
		if code, body := get(t, addr, host, "/"); code != want {
			t.Errorf("Host %q: %d %q, want %d", host, code, body, want)
		}
	}
	req, _ := http.NewRequest(http.MethodPost, "http://"+addr+"/index.html", strings.NewReader("x"))
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST: %v %v", resp.Status, err)
	} else {
		resp.Body.Close()
	}
}

// TestServeAddrNamesTheAcceptedHost: a server told to listen on all
// interfaces accepts the names other machines use for it.
func TestServeAddrNamesTheAcceptedHost(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"index.html": "GALLERY-INDEX"})
	_, port, _ := net.SplitHostPort(startServe(t, dir, "0.0.0.0:0"))
	if code, body := get(t, "127.0.0.1:"+port, "reports.example.com:"+port, "/"); code != 200 || body != "GALLERY-INDEX" {
		t.Errorf("--addr 0.0.0.0: Host reports.example.com: %d %q", code, body)
	}
	if !allowedHost("gallery.lan:8000", "gallery.lan") || allowedHost("evil.example:8000", "gallery.lan") {
		t.Error("--addr gallery.lan:8000 must accept Host gallery.lan and nothing else but loopback")
	}
	if code, _, errs := runCLI(t, "serve", dir, "--addr", "8000"); code != 2 || !strings.Contains(errs, "host:port") {
		t.Errorf("--addr 8000: exit %d %q", code, errs)
	}
}
