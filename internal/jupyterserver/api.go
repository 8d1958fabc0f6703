package jupyterserver

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"slices"
)

// KernelSpecs lists the names of the kernels the server can start, sorted.
func (s *Server) KernelSpecs(ctx context.Context) ([]string, error) {
	var specs struct {
		Kernelspecs map[string]json.RawMessage `json:"kernelspecs"`
	}
	if err := s.call(ctx, http.MethodGet, "api/kernelspecs", nil, http.StatusOK, &specs); err != nil {
		return nil, err
	}
	return slices.Sorted(maps.Keys(specs.Kernelspecs)), nil
}

// call sends a JSON request to the server's REST API and decodes the answer
// into out (when not nil), expecting the status want.
func (s *Server) call(ctx context.Context, method, path string, in any, want int, out any) error {
	var body []byte
	if in != nil {
		var err error
		if body, err = json.Marshal(in); err != nil {
			return fmt.Errorf("jupyterserver: %s %s: %w", method, path, err)
		}
	}
	req, err := s.newRequest(ctx, method, path, body)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("jupyterserver: %s %s: %w", method, path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 16<<20))
	if err != nil {
		return fmt.Errorf("jupyterserver: %s %s: reading the answer: %w", method, path, err)
	}
	if resp.StatusCode != want {
		return fmt.Errorf("jupyterserver: %s %s: %s: %.500s", method, path, resp.Status, data)
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			return fmt.Errorf("jupyterserver: %s %s: decoding the answer: %w", method, path, err)
		}
	}
	return nil
}
