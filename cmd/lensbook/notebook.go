package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/lensbook/lensbook/internal/account"
	"github.com/lensbook/lensbook/internal/credentials"
	"github.com/lensbook/lensbook/internal/emulator"
	"github.com/lensbook/lensbook/internal/jupyterserver"
)

const notebookUsage = `[--demo] [--ip 127.0.0.1] [--port 8888] [--dir notebooks]

Starts Debian's Jupyter notebook server with the GoNB kernel of
scripts/setup.sh, serving notebooks/, and prints the URL to open with its
login token (JUPYTER_TOKEN when set, else a new random one). Cells read the
account configured as for every command (CRYPTOLENS_TOKEN or lensbook login).

With --demo (or LENSBOOK_DEMO=1) it first starts the emulator with the demo's
data, on 127.0.0.1:8471 or, when that port is taken, any free one (never
clashing with a running lensbook emulate), and the cells read it: the server
passes them CRYPTOLENS_BASE_URL, CRYPTOLENS_TOKEN (the demo's fixed token),
LENSBOOK_AS_OF (the demo's end) and LENSBOOK_STORE (one demo store file in
the cache folder, reused by every session). Ctrl-C stops the server, its
kernels and the emulator.`

// demoNotebookToken is the token of the emulator that `lensbook notebook
// --demo` starts. It is fixed, so that every session's store account (a
// fingerprint of the base URL and the token) is the same; it opens only the
// emulator's generated data on a loopback port, so it is no secret.
const demoNotebookToken = "lensbook-notebook-demo-token-3f1c7a92e5b04d68"

// demoEmulatorAddr is the port the demo's emulator prefers: not emulate's
// default 8470, so that both can run at once.
const demoEmulatorAddr = "127.0.0.1:8471"

func runNotebook(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("notebook", notebookUsage, stderr)
	demo := fs.Bool("demo", os.Getenv("LENSBOOK_DEMO") == "1", "start the emulator with the demo's data and point the notebooks at it")
	ip := fs.String("ip", "127.0.0.1", "address the server listens on (0.0.0.0 in a container)")
	port := fs.Int("port", 8888, "port of the server (0: any free port)")
	dir := fs.String("dir", "", "folder of notebooks to serve (default: notebooks/ of this checkout)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	if *port < 0 || *port > 65535 {
		return usagef("--port %d: want 0 to 65535", *port)
	}
	if net.ParseIP(*ip) == nil {
		return usagef("--ip %q: want an IP address such as 127.0.0.1", *ip)
	}
	opts := jupyterserver.Options{Host: *ip, Port: *port, Token: os.Getenv("JUPYTER_TOKEN"), Env: map[string]string{}, NotebookDir: *dir}
	if *port != 0 {
		if ln, err := net.Listen("tcp", net.JoinHostPort(*ip, strconv.Itoa(*port))); err != nil {
			return fmt.Errorf("port %d on %s is taken (another Jupyter?): choose another with --port N (make notebook PORT=N), or --port 0 for any free one", *port, *ip)
		} else {
			ln.Close()
		}
	}
	if *demo {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		done, err := startNotebookDemo(ctx, opts.Env, stderr)
		if err != nil {
			return err
		}
		defer func() { cancel(); <-done }()
	}
	return jupyterserver.Serve(ctx, opts, stdout)
}

// startNotebookDemo serves the demo's data until ctx ends and sets the
// environment the notebooks need to read it. done is closed once the
// emulator has stopped.
func startNotebookDemo(ctx context.Context, env map[string]string, stderr io.Writer) (done <-chan struct{}, err error) {
	cache, err := os.UserCacheDir()
	if err != nil {
		return nil, fmt.Errorf("the demo's store: %w", err)
	}
	storeDir := filepath.Join(cache, "lensbook")
	if err := os.MkdirAll(storeDir, 0o700); err != nil {
		return nil, fmt.Errorf("the demo's store: %w", err)
	}
	ds := emulator.Generate(emulator.Config{})
	srv := emulator.NewServer(ds)
	srv.AddToken(emulator.Token{Value: demoNotebookToken, Permissions: emulator.AllPermissions})
	baseURL, finished, err := listenEmulator(ctx, srv, demoEmulatorAddr, "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	demo := &account.Account{
		Credentials: credentials.Credentials{Token: demoNotebookToken, BaseURL: baseURL, Source: "the demo"},
		StorePath:   filepath.Join(storeDir, "notebook-demo.db"),
	}
	maps.Copy(env, demo.Env())
	env[envAsOf] = ds.Config.End.Format(time.RFC3339)
	fmt.Fprintf(stderr, "lensbook notebook: the emulator serves the demo's data at %s (as of %s); store %s\n",
		baseURL, env[envAsOf], demo.StorePath)
	return finished, nil
}

// listenEmulator serves srv on the first of addrs it can listen on, until
// ctx ends, and returns its base URL.
func listenEmulator(ctx context.Context, srv *emulator.Server, addrs ...string) (string, <-chan struct{}, error) {
	var errs []error
	for _, addr := range addrs {
		ready := make(chan string, 1)
		failed := make(chan error, 1)
		finished := make(chan struct{})
		go func() {
			defer close(finished)
			if err := emulator.ListenAndServe(ctx, addr, srv, func(u string) { ready <- u }); err != nil {
				failed <- err
			}
		}()
		select {
		case u := <-ready:
			return u, finished, nil
		case err := <-failed:
			errs = append(errs, err)
		}
	}
	return "", nil, fmt.Errorf("the demo's emulator: %w", errors.Join(errs...))
}
