package jupyterserver

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"sync"
	"syscall"
	"time"

	"github.com/lensbook/lensbook/internal/notebook"
)

// Options configures Start.
type Options struct {
	// NotebookDir is the folder the server serves; empty means
	// <module root>/notebooks.
	NotebookDir string
	// Host is the address to listen on; empty means 127.0.0.1.
	Host string
	// Port to listen on; zero picks a free one.
	Port int
	// Token is the server's login token; empty generates a random one.
	Token string
	// Env is added to the environment of the server and so of its kernels:
	// CRYPTOLENS_BASE_URL, CRYPTOLENS_TOKEN, LENSBOOK_AS_OF...
	Env map[string]string
	// Log receives the server's own output; nil keeps only its tail, for
	// error messages.
	Log io.Writer
	// StartTimeout bounds the wait for the server to answer; zero means 60 s.
	StartTimeout time.Duration
	// Paths locates jupyter and the GoNB kernel; nil means notebook.FindPaths().
	Paths *notebook.Paths
}

// Server is a running Jupyter notebook server.
type Server struct {
	// BaseURL is the server's root, e.g. "http://127.0.0.1:8888/".
	BaseURL string
	// Token is the login token.
	Token string

	cmd    *exec.Cmd
	mark   notebook.RunMark
	done   chan struct{}
	err    error
	output *tailBuffer
	once   sync.Once
}

// URL is the address to open in a browser: BaseURL with the login token.
func (s *Server) URL() string { return s.BaseURL + "?token=" + s.Token }

// Start runs `jupyter notebook` with the GoNB kernel registered and returns
// once the server answers its API. Stop it with Close.
func Start(ctx context.Context, opts Options) (*Server, error) {
	paths := opts.Paths
	if paths == nil {
		p, err := notebook.FindPaths()
		if err != nil {
			return nil, err
		}
		paths = &p
	}
	if ok, why := paths.KernelInstalled(); !ok {
		return nil, fmt.Errorf("jupyterserver: %s", why)
	}
	host := opts.Host
	if host == "" {
		host = "127.0.0.1"
	}
	port := opts.Port
	if port == 0 {
		p, err := freePort(host)
		if err != nil {
			return nil, err
		}
		port = p
	}
	token := opts.Token
	if token == "" {
		b := make([]byte, 24)
		if _, err := rand.Read(b); err != nil {
			return nil, fmt.Errorf("jupyterserver: token: %w", err)
		}
		token = hex.EncodeToString(b)
	}
	dir := opts.NotebookDir
	if dir == "" {
		dir = paths.Root + "/notebooks"
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("jupyterserver: notebook folder: %w", err)
	}
	mark, err := notebook.NewRunMark()
	if err != nil {
		return nil, err
	}
	args := []string{"notebook", "--no-browser",
		"--ip=" + host, "--port=" + strconv.Itoa(port), "--port-retries=0",
		"--notebook-dir=" + dir,
		"--NotebookApp.token=" + token,
	}
	if os.Geteuid() == 0 {
		args = append(args, "--allow-root")
	}
	cmd := exec.Command(paths.Jupyter, args...)
	cmd.Dir = dir
	cmd.Env = append(notebook.KernelEnv(*paths, opts.Env), mark.Env())
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	s := &Server{
		BaseURL: "http://" + net.JoinHostPort(host, strconv.Itoa(port)) + "/",
		Token:   token,
		cmd:     cmd,
		mark:    mark,
		done:    make(chan struct{}),
		output:  &tailBuffer{max: 8 << 10},
	}
	var out io.Writer = s.output
	if opts.Log != nil {
		out = io.MultiWriter(s.output, opts.Log)
	}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("jupyterserver: starting %s notebook: %w", paths.Jupyter, err)
	}
	go func() {
		s.err = cmd.Wait()
		close(s.done)
	}()
	wait := opts.StartTimeout
	if wait <= 0 {
		wait = 60 * time.Second
	}
	if err := s.waitReady(ctx, wait); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// waitReady polls /api/status until the server answers.
func (s *Server) waitReady(ctx context.Context, wait time.Duration) error {
	deadline := time.Now().Add(wait)
	for {
		req, err := s.newRequest(ctx, http.MethodGet, "api/status", nil)
		if err != nil {
			return err
		}
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-s.done:
			return fmt.Errorf("jupyterserver: jupyter notebook exited (%v): %s", s.err, s.output.String())
		case <-ctx.Done():
			return fmt.Errorf("jupyterserver: waiting for the server: %w", context.Cause(ctx))
		case <-time.After(100 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("jupyterserver: no answer from %s within %s: %s", s.BaseURL, wait, s.output.String())
		}
	}
}

// Wait blocks until the server exits and returns how it exited (at once on
// a Server from Connect).
func (s *Server) Wait() error {
	if s.cmd == nil { // from Connect
		return nil
	}
	<-s.done
	return s.err
}

// Close stops the server: SIGTERM (Jupyter then shuts its kernels down),
// SIGKILL 10 s later, and finally every process the server started. On a
// Server from Connect it does nothing.
func (s *Server) Close() error {
	s.once.Do(func() {
		if s.cmd == nil { // from Connect: not ours to stop
			return
		}
		pid := s.cmd.Process.Pid
		_ = syscall.Kill(-pid, syscall.SIGTERM)
		select {
		case <-s.done:
		case <-time.After(10 * time.Second):
			_ = syscall.Kill(-pid, syscall.SIGKILL)
			<-s.done
		}
		s.mark.KillAll()
	})
	return nil
}

func (s *Server) newRequest(ctx context.Context, method, path string, body []byte) (*http.Request, error) {
	var r io.Reader
	if body != nil {
		r = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, s.BaseURL+path, r)
	if err != nil {
		return nil, fmt.Errorf("jupyterserver: %s %s: %w", method, path, err)
	}
	req.Header.Set("Authorization", "token "+s.Token)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return req, nil
}

// freePort asks the system for a free TCP port on host.
func freePort(host string) (int, error) {
	l, err := net.Listen("tcp", net.JoinHostPort(host, "0"))
	if err != nil {
		return 0, fmt.Errorf("jupyterserver: finding a free port on %s: %w", host, err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// tailBuffer keeps the last max bytes written to it.
type tailBuffer struct {
	mu  sync.Mutex
	buf []byte
	max int
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, p...)
	if len(t.buf) > t.max {
		t.buf = t.buf[len(t.buf)-t.max:]
	}
	return len(p), nil
}

func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(bytes.TrimSpace(t.buf))
}
