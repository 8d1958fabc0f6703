package jupyterserver

import (
	"context"
	"fmt"
	"io"
)

// Serve starts the server, writes the URL to open (with its login token) to
// w, and runs until ctx ends (then stops the server and its kernels) or the
// server exits. It is `lensbook notebook` in one call.
func Serve(ctx context.Context, opts Options, w io.Writer) error {
	srv, err := Start(ctx, opts)
	if err != nil {
		return err
	}
	defer srv.Close()
	fmt.Fprintf(w, "Jupyter notebook with the GoNB kernel: open %s\n", srv.URL())
	exited := make(chan error, 1)
	go func() { exited <- srv.Wait() }()
	select {
	case <-ctx.Done():
		return nil
	case err := <-exited:
		if err != nil {
			return fmt.Errorf("jupyterserver: jupyter notebook exited: %w: %s", err, srv.output.String())
		}
		return nil
	}
}
