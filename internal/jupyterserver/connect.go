package jupyterserver

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// Connect attaches to a Jupyter server that runs elsewhere (another process,
// a container) at baseURL with its login token, and returns once the server
// answers its API with that token, or after wait. The Server it returns
// speaks the same REST and kernel websocket API as one from Start; its Close
// and Wait do nothing, since the server belongs to someone else.
func Connect(ctx context.Context, baseURL, token string, wait time.Duration) (*Server, error) {
	if !strings.HasSuffix(baseURL, "/") {
		baseURL += "/"
	}
	if token == "" {
		return nil, fmt.Errorf("jupyterserver: connecting to %s: no token given", baseURL)
	}
	s := &Server{BaseURL: baseURL, Token: token, output: &tailBuffer{max: 1}}
	if err := s.waitReady(ctx, wait); err != nil {
		return nil, err
	}
	return s, nil
}
