package emulator

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"
)

// ListenAndServe serves s on addr (such as "127.0.0.1:0" for any free
// port) until ctx ends, then shuts down gracefully. Once it listens it calls
// ready, if not nil, with the API's base URL, such as
// "http://127.0.0.1:39127/api" (the value for CRYPTOLENS_BASE_URL). It
// returns nil after ctx ends and an error when it cannot listen or serve.
func ListenAndServe(ctx context.Context, addr string, s *Server, ready func(baseURL string)) error {
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", addr)
	if err != nil {
		return fmt.Errorf("emulator: listen on %q: %w", addr, err)
	}
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	if ready != nil {
		ready("http://" + ln.Addr().String() + "/api")
	}
	select {
	case err := <-served:
		return fmt.Errorf("emulator: serve on %s: %w", ln.Addr(), err)
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("emulator: shut down: %w", err)
	}
	return nil
}
