package credentials_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lensbook/lensbook/internal/credentials"
)

func TestLoadFromEnvironment(t *testing.T) {
	t.Setenv(credentials.EnvToken, "tok-env")
	t.Setenv(credentials.EnvBaseURL, "http://127.0.0.1:8470/api/")
	c, err := credentials.Load()
	if err != nil {
		t.Fatal(err)
	}
	if c.Token != "tok-env" || c.BaseURL != "http://127.0.0.1:8470/api" || c.Source != "environment" {
		t.Errorf("Load() = %+v", c)
	}
	if s := fmt.Sprintf("%v %+v %#v %s", c, c, c, c); strings.Contains(s, "tok-env") {
		t.Errorf("formatting shows the token: %s", s)
	}
}

func TestFileRoundTripAndPermissions(t *testing.T) {
	path := filepath.Join(t.TempDir(), "conf", "credentials")
	t.Setenv(credentials.EnvToken, "")
	t.Setenv(credentials.EnvBaseURL, "")
	t.Setenv(credentials.EnvFile, path)

	if _, err := credentials.Load(); !errors.Is(err, credentials.ErrNoToken) {
		t.Fatalf("Load() with no file = %v, want ErrNoToken", err)
	}
	if err := credentials.WriteFile(path, credentials.Credentials{Token: "tok-file"}); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if perm := info.Mode().Perm(); perm != 0o600 {
		t.Errorf("mode = %04o, want 0600", perm)
	}
	c, err := credentials.Load()
	if err != nil {
		t.Fatal(err)
	}
	if c.Token != "tok-file" || c.BaseURL != credentials.DefaultBaseURL || c.Source != path {
		t.Errorf("Load() = %+v", c)
	}

	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = credentials.Load()
	if err == nil || !strings.Contains(err.Error(), "chmod 600") || strings.Contains(err.Error(), "tok-file") {
		t.Errorf("Load() of a world-readable file = %v, want a refusal naming chmod 600", err)
	}
}

func TestReadFileErrors(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"no-token": "base_url = http://x/api\n",
		"bad-line": "token tok\n",
		"bad-name": "token = t\npassword = p\n",
	} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := credentials.ReadFile(p); err == nil {
			t.Errorf("%s: ReadFile succeeded", name)
		} else if !strings.Contains(err.Error(), p) {
			t.Errorf("%s: error %q does not name the file", name, err)
		}
	}
}

func ExampleLoad() {
	os.Setenv("CRYPTOLENS_TOKEN", "example-token")
	os.Setenv("CRYPTOLENS_BASE_URL", "http://127.0.0.1:8470/api")
	c, err := credentials.Load()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c) // never prints the token
	// Output: http://127.0.0.1:8470/api (from environment)
}

func TestBaseURLUserAndPasswordAreNeverShown(t *testing.T) {
	t.Setenv(credentials.EnvToken, "tok-env-123456")
	t.Setenv(credentials.EnvBaseURL, "https://alice-analyst:pr0xy-s3cret@proxy.example.com/api")
	c, err := credentials.Load()
	if err != nil {
		t.Fatal(err)
	}
	s := fmt.Sprintf("%v %+v %#v %s", c, c, c, c.ShownBaseURL())
	if strings.Contains(s, "alice") || strings.Contains(s, "pr0xy") || !strings.Contains(s, "proxy.example.com") {
		t.Errorf("formatting shows the user or password: %s", s)
	}
	r := c.Redactor()
	if got := r.Redact("tok-env-123456 pr0xy-s3cret"); got != "REDACTED REDACTED" {
		t.Errorf("Redactor().Redact = %q", got)
	}
}

func TestLoadRefusesABaseURLWithoutScheme(t *testing.T) {
	t.Setenv(credentials.EnvToken, "tok-env-123456")
	t.Setenv(credentials.EnvBaseURL, "api.cryptolens.io/api")
	_, err := credentials.Load()
	var be *credentials.BaseURLError
	if !errors.As(err, &be) || be.From != credentials.EnvBaseURL || !strings.Contains(err.Error(), "has no scheme") {
		t.Errorf("Load() = %v, want a BaseURLError naming CRYPTOLENS_BASE_URL", err)
	}
}
