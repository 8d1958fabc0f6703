package main

import (
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/lensbook/lensbook/internal/credentials"
	"github.com/lensbook/lensbook/internal/emulator"
	"github.com/lensbook/lensbook/internal/notebook"
	"github.com/lensbook/lensbook/pkg/cryptolens"
	"github.com/lensbook/lensbook/pkg/store"
)

// emulatedAccount serves a small emulated account over real HTTP and returns its
// server, its root URL (without /api) and a token with every permission.
func emulatedAccount(t *testing.T) (*emulator.Server, string) {
	t.Helper()
	srv := emulator.NewServer(emulator.Generate(emulator.Config{Seed: 9, Days: 3}))
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	t.Setenv("LENSBOOK_STORE", filepath.Join(t.TempDir(), "store.db"))
	t.Setenv("LENSBOOK_CREDENTIALS", filepath.Join(t.TempDir(), "credentials"))
	return srv, ts.URL
}

// useToken points the CLI at root+"/api" with tok.
func useToken(t *testing.T, root, tok string) {
	t.Setenv("CRYPTOLENS_BASE_URL", root+"/api")
	t.Setenv("CRYPTOLENS_TOKEN", tok)
}

func assertHidden(t *testing.T, what, text string, secrets ...string) {
	t.Helper()
	for _, s := range secrets {
		if strings.Contains(text, s) {
			t.Errorf("%s shows %q:\n%s", what, s, text)
		}
	}
}

func TestRenderStopsBeforeAnyNotebookWhenTheTokenCannotReadALog(t *testing.T) {
	srv, root := emulatedAccount(t)
	tests := []struct {
		name  string
		perms []emulator.Permission
		token string // "" for a new token with perms
		want  []string
	}{
		{"missing GetEvents", []emulator.Permission{emulator.PermGetWebAPILog, emulator.PermGetObjectLog}, "",
			[]string{"Events Log:  Access denied. (the token lacks the GetEvents permission)", "needed by feature-usage",
				"Web API Log: readable", "permission (Cryptolens: Account → Access tokens)", "GetEvents", "CRYPTOLENS_TOKEN", "lensbook login"}},
		{"wrong token", nil, "0123456789abcdef-never-issued",
			[]string{"Unable to authenticate", "CRYPTOLENS_TOKEN", "lensbook login", "GetWebAPILog, GetEvents and GetObjectLog"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tok := tt.token
			if tok == "" {
				tok = srv.NewToken(tt.perms...)
			}
			useToken(t, root, tok)
			out := t.TempDir()
			srv.ResetCounts()
			code, stdout, stderr := runCLI(t, "render", "--out", out,
				"../../notebooks/most-active-keys.ipynb", "../../notebooks/feature-usage.ipynb")
			if code != 1 {
				t.Fatalf("exit %d, want 1; stderr:\n%s", code, stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr)
				}
			}
			assertHidden(t, "render", stdout+stderr, tok, "HTTP 200", "API error")
			if entries, _ := os.ReadDir(out); len(entries) != 0 {
				t.Errorf("render wrote %d files before stopping", len(entries))
			}
			// One request per log the two notebooks read, nothing else.
			for _, m := range []string{"GetWebAPILog", "GetEvents"} {
				if n := srv.RequestCount(m); n != 1 {
					t.Errorf("%d %s requests, want 1", n, m)
				}
			}
			if n := srv.RequestCount("GetObjectLog"); n != 0 {
				t.Errorf("%d GetObjectLog requests for notebooks that do not read it", n)
			}
		})
	}
}

func TestPreflightPassesWithThePermissionsNeeded(t *testing.T) {
	srv, root := emulatedAccount(t)
	tok := srv.NewToken(emulator.PermGetWebAPILog)
	creds := credentials.Credentials{Token: tok, BaseURL: root + "/api", Source: "test"}
	c, err := cryptolens.NewClient(tok, cryptolens.WithBaseURL(creds.BaseURL))
	if err != nil {
		t.Fatal(err)
	}
	newest, err := preflight(t.Context(), c, creds, []string{"../../notebooks/most-active-keys.ipynb", "../../notebooks/state-codes.ipynb"})
	if err != nil {
		t.Fatal(err)
	}
	if newest[store.WebAPILog] == 0 || len(newest) != 1 {
		t.Errorf("newest ids %v, want the Web API Log's only", newest)
	}
}

func TestNeededLogsOfTheStandardNotebooks(t *testing.T) {
	nbs, err := notebook.List("../../notebooks")
	if err != nil || len(nbs) == 0 {
		t.Fatalf("notebooks: %v", err)
	}
	need, err := neededLogs(nbs)
	if err != nil {
		t.Fatal(err)
	}
	for l, slug := range map[store.Log]string{store.WebAPILog: "most-active-keys", store.Events: "feature-usage", store.ObjectLog: "team-audit"} {
		if !slices.Contains(need[l], slug) {
			t.Errorf("%s is read by %v; want %s among them", l, need[l], slug)
		}
	}
	if slices.Contains(need[store.ObjectLog], "most-active-keys") {
		t.Error("most-active-keys is said to read the Object Log")
	}
	// A notebook that names no log may read any.
	dir := t.TempDir()
	path := filepath.Join(dir, "custom.ipynb")
	os.WriteFile(path, []byte(`{"cells":[{"cell_type":"code","metadata":{},"outputs":[],"source":"x := 1","execution_count":null}],"metadata":{},"nbformat":4,"nbformat_minor":5}`), 0o644)
	need, err = neededLogs([]string{path})
	if err != nil || len(need) != 3 {
		t.Errorf("a notebook naming no log needs %v (%v), want all three", need, err)
	}
}

func TestLoginChecksTheTokenPerLog(t *testing.T) {
	srv, root := emulatedAccount(t)
	t.Setenv("CRYPTOLENS_TOKEN", "")
	t.Setenv("CRYPTOLENS_BASE_URL", "")
	credsPath := os.Getenv("LENSBOOK_CREDENTIALS")
	login := func(t *testing.T, token string, args ...string) (int, string, string) {
		t.Helper()
		os.Remove(credsPath)
		stdin = strings.NewReader(token + "\n")
		t.Cleanup(func() { stdin = os.Stdin })
		return runCLI(t, append([]string{"login"}, args...)...)
	}
	written := func() bool { _, err := os.Stat(credsPath); return err == nil }

	all := srv.NewToken(emulator.AllPermissions...)
	code, stdout, stderr := login(t, all, "--base-url", root+"/api")
	if code != 0 || !written() || strings.Count(stdout, "readable") != 3 {
		t.Errorf("all permissions: exit %d, written %t\n%s%s", code, written(), stdout, stderr)
	}
	if info, err := os.Stat(credsPath); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("credentials file: %v %v", info, err)
	}

	partial := srv.NewToken(emulator.PermGetWebAPILog)
	code, stdout, stderr = login(t, partial, "--base-url", root+"/api")
	if code != 0 || !written() || !strings.Contains(stdout, "may read 1 of the 3 logs") ||
		!strings.Contains(stdout, "Events Log:  Access denied. (the token lacks the GetEvents permission)") ||
		!strings.Contains(stdout, "Object Log:  Access denied. (the token lacks the GetObjectLog permission)") {
		t.Errorf("GetWebAPILog only: exit %d, written %t\n%s%s", code, written(), stdout, stderr)
	}

	for _, tt := range []struct {
		name, token, base string
		code              int
		want              string
	}{
		{"wrong token", "0123456789abcdef-never-issued", root + "/api", 1, "Unable to authenticate"},
		{"no permission", srv.NewToken(), root + "/api", 1, "Access denied."},
		{"URL without scheme", all, strings.TrimPrefix(root, "http://") + "/api", 2, "has no scheme"},
		{"URL without /api", all, root, 1, "set --base-url to the root, ending in /api"},
		{"user and password in the URL", all, strings.Replace(root, "://", "://alice-analyst:pr0xy-s3cret@", 1), 1, "http://REDACTED@"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := login(t, tt.token, "--base-url", tt.base)
			if code != tt.code || written() || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d (want %d), written %t, stderr lacks %q?\n%s%s", code, tt.code, written(), tt.want, stdout, stderr)
			}
			assertHidden(t, "login", stdout+stderr, tt.token, "alice-analyst", "pr0xy-s3cret", "HTTP 200")
		})
	}
}

func TestBaseURLMistakesThroughTheCLI(t *testing.T) {
	srv, root := emulatedAccount(t)
	tok := srv.NewToken(emulator.AllPermissions...)
	useToken(t, root, tok)
	withUser := strings.Replace(root, "://", "://alice-analyst:pr0xy-s3cret@", 1)
	tests := []struct {
		name, base string
		args       []string
		code       int
		want       []string
	}{
		{"no scheme", strings.TrimPrefix(root, "http://") + "/api", []string{"fetch", "weblog"}, 2,
			[]string{"CRYPTOLENS_BASE_URL", "has no scheme", "https://"}},
		{"no scheme, sync", "127.0.0.1:8470/api", []string{"sync", "weblog"}, 2, []string{"has no scheme"}},
		{"root without /api", root, []string{"fetch", "events"}, 1,
			[]string{root + "/ai/GetEvents answered HTTP 404", "ending in /api"}},
		{"user and password, no /api", withUser, []string{"fetch", "weblog"}, 1,
			[]string{"http://REDACTED@" + strings.TrimPrefix(root, "http://") + "/ai/GetWebAPILog answered HTTP 404"}},
		{"user and password, sync", withUser + "/api", []string{"sync", "weblog"}, 0,
			[]string{"lensbook sync: http://REDACTED@"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("CRYPTOLENS_BASE_URL", tt.base)
			code, stdout, stderr := runCLI(t, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d:\n%s", code, tt.code, stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr)
				}
			}
			assertHidden(t, "output", stdout+stderr, tok, "alice-analyst", "pr0xy-s3cret")
		})
	}
}

func TestAPIErrorsThroughTheCLI(t *testing.T) {
	srv, root := emulatedAccount(t)
	useToken(t, root, srv.NewToken(emulator.PermGetEvents))
	code, stdout, stderr := runCLI(t, "fetch", "weblog")
	if code != 1 || !strings.Contains(stderr, "cryptolens: GetWebAPILog: Access denied. (the access token lacks the GetWebAPILog permission") {
		t.Errorf("exit %d:\n%s", code, stderr)
	}
	assertHidden(t, "fetch", stdout+stderr, "HTTP 200", "API error")
}
