package jupyterserver

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// KernelSpec returns the spec of the named kernel (its kernel.json, as
// GET /api/kernelspecs gives it: display_name, language, argv...).
func (s *Server) KernelSpec(ctx context.Context, name string) (map[string]any, error) {
	var specs struct {
		Kernelspecs map[string]struct {
			Spec map[string]any `json:"spec"`
		} `json:"kernelspecs"`
	}
	if err := s.call(ctx, http.MethodGet, "api/kernelspecs", nil, http.StatusOK, &specs); err != nil {
		return nil, err
	}
	ks, ok := specs.Kernelspecs[name]
	if !ok {
		return nil, fmt.Errorf("jupyterserver: no kernelspec %q", name)
	}
	return ks.Spec, nil
}

// Notebook reads a notebook through the contents API (GET
// /api/contents/PATH), as the notebook page loads it, and returns its
// content: the notebook as nbformat's JSON.
func (s *Server) Notebook(ctx context.Context, path string) (map[string]any, error) {
	var model struct {
		Content map[string]any `json:"content"`
	}
	if err := s.call(ctx, http.MethodGet, "api/contents/"+escapePath(path)+"?type=notebook&content=1", nil, http.StatusOK, &model); err != nil {
		return nil, err
	}
	if model.Content == nil {
		return nil, fmt.Errorf("jupyterserver: %s: no notebook content", path)
	}
	return model.Content, nil
}

// SaveNotebook writes a notebook through the contents API (PUT
// /api/contents/PATH), as the notebook page's Save does: the server writes
// it with nbformat.
func (s *Server) SaveNotebook(ctx context.Context, path string, content map[string]any) error {
	body := map[string]any{"type": "notebook", "format": "json", "content": content}
	var saved json.RawMessage
	return s.call(ctx, http.MethodPut, "api/contents/"+escapePath(path), body, http.StatusOK, &saved)
}

// escapePath escapes each segment of a contents path.
func escapePath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}
