package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path"
	"strings"
	"time"
)

const serveUsage = `[DIR] [--addr 127.0.0.1:8000]

Serves the gallery (default reports/) on localhost until interrupted: the
files under DIR only (a symbolic link that leads out of it is refused), no
folder listings, no dotfiles, and only to requests addressed to a loopback
name (localhost, 127.0.0.1, [::1]) or to the host of --addr.`

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("serve", serveUsage, stderr)
	addr := fs.String("addr", "127.0.0.1:8000", "address to listen on; a host other than loopback is also the one Host name accepted (0.0.0.0: any)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	dir := "reports"
	switch len(pos) {
	case 0:
	case 1:
		dir = pos[0]
	default:
		return usagef("want at most one folder")
	}
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return usagef("%s is not a folder of rendered reports (run make demo or lensbook render first)", dir)
	}
	host, _, err := net.SplitHostPort(*addr)
	if err != nil {
		return usagef("--addr %q: want host:port, such as 127.0.0.1:8000", *addr)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return err
	}
	defer root.Close()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           galleryHandler(root.FS(), host),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       time.Minute,
		WriteTimeout:      5 * time.Minute,
		IdleTimeout:       2 * time.Minute,
	}
	fmt.Fprintf(stdout, "serving %s at http://%s/ (Ctrl-C stops)\n", dir, ln.Addr())
	go func() {
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(shut)
	}()
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// galleryHandler serves the files of fsys (an os.Root's, which refuses
// symbolic links that lead out of it) with http.FileServerFS, except: a
// Host that is neither loopback nor listenHost is refused (403: a page of
// another site cannot reach the gallery by DNS rebinding), a path with a
// dot-segment (.git, .env, .lensbook-run-*) is not found, and a folder
// without index.html is not found instead of listed. Only GET and HEAD.
func galleryHandler(fsys fs.FS, listenHost string) http.Handler {
	files := http.FileServerFS(fsys)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Referrer-Policy", "no-referrer")
		if !allowedHost(r.Host, listenHost) {
			http.Error(w, "lensbook serve: this server answers only to localhost, 127.0.0.1 or [::1] (or the host given to --addr)", http.StatusForbidden)
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
		for _, seg := range strings.Split(name, "/") {
			if strings.HasPrefix(seg, ".") {
				http.NotFound(w, r)
				return
			}
		}
		if name == "" {
			name = "."
		}
		if info, err := fs.Stat(fsys, name); err == nil && info.IsDir() {
			if _, err := fs.Stat(fsys, path.Join(name, "index.html")); err != nil {
				http.NotFound(w, r)
				return
			}
		}
		files.ServeHTTP(w, r)
	})
}

// allowedHost reports whether a request's Host header names this server: a
// loopback name or address, or listenHost (the host of --addr). A server
// listening on all interfaces (--addr 0.0.0.0:N or :N) accepts any Host.
func allowedHost(hostHeader, listenHost string) bool {
	h := hostHeader
	if hh, _, err := net.SplitHostPort(hostHeader); err == nil {
		h = hh
	}
	h = strings.ToLower(strings.TrimSuffix(strings.Trim(h, "[]"), "."))
	if h == "localhost" {
		return true
	}
	if ip := net.ParseIP(h); ip != nil && ip.IsLoopback() {
		return true
	}
	lh := strings.ToLower(strings.Trim(listenHost, "[]"))
	if ip := net.ParseIP(lh); lh == "" || (ip != nil && ip.IsUnspecified()) {
		return true
	}
	return h != "" && h == lh
}
