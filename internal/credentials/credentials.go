// Package credentials finds the Cryptolens access token and base URL that
// lensbook uses: from the environment (CRYPTOLENS_TOKEN, CRYPTOLENS_BASE_URL)
// or from a credentials file in the user's config folder, which must be
// readable by its owner only. Notebooks never hold a token: they call [Load].
package credentials

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/lensbook/lensbook/internal/secret"
	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// Environment variables read by [Load].
const (
	EnvToken   = "CRYPTOLENS_TOKEN"
	EnvBaseURL = "CRYPTOLENS_BASE_URL"
	EnvFile    = "LENSBOOK_CREDENTIALS" // path of the credentials file, overriding the default
)

// DefaultBaseURL is the Cryptolens Web API root.
const DefaultBaseURL = "https://api.cryptolens.io/api"

// ErrNoToken is returned by [Load] when neither the environment nor the
// credentials file holds a token.
var ErrNoToken = errors.New("no Cryptolens token: set CRYPTOLENS_TOKEN, or run `lensbook login` to write the credentials file")

// Credentials say which account to read.
type Credentials struct {
	Token   string
	BaseURL string
	Source  string // "environment" or the file's path, for messages
}

// String describes the credentials without the token, and without the user
// name and password a base URL may hold.
func (c Credentials) String() string {
	return fmt.Sprintf("%s (from %s)", c.ShownBaseURL(), c.Source)
}

// ShownBaseURL is the base URL without its user name and password, for
// messages and pages.
func (c Credentials) ShownBaseURL() string { return secret.URL(c.BaseURL) }

// Redactor returns the redactor of these credentials' secrets: the token
// and the password of the base URL (whose user name [Credentials.ShownBaseURL]
// hides). Pass it down to whatever
// prints errors, renders pages or writes files.
func (c Credentials) Redactor() *secret.Redactor {
	return secret.NewRedactor(append([]string{c.Token}, secret.URLSecrets(c.BaseURL)...)...)
}

// GoString keeps the token out of %#v.
func (c Credentials) GoString() string { return "credentials.Credentials{" + c.String() + "}" }

// DefaultPath returns the credentials file's path: $LENSBOOK_CREDENTIALS, or
// lensbook/credentials in the user's config folder.
func DefaultPath() (string, error) {
	if p := os.Getenv(EnvFile); p != "" {
		return p, nil
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("credentials: %w", err)
	}
	return filepath.Join(dir, "lensbook", "credentials"), nil
}

// Load returns the credentials: CRYPTOLENS_TOKEN and CRYPTOLENS_BASE_URL
// when the token is set in the environment, otherwise the credentials file
// at [DefaultPath]. The base URL defaults to [DefaultBaseURL]. It returns
// [ErrNoToken] when there is no token at all, and a *[BaseURLError] for a
// base URL without an http:// or https:// scheme or host.
func Load() (Credentials, error) {
	c, err := load()
	if err != nil {
		return Credentials{}, err
	}
	if err := cryptolens.CheckBaseURL(c.BaseURL); err != nil {
		from := c.Source
		if os.Getenv(EnvBaseURL) != "" {
			from = EnvBaseURL
		}
		return Credentials{}, &BaseURLError{From: from, Err: err}
	}
	return c, nil
}

// BaseURLError is a base URL that is not an absolute http(s) URL of the
// API root; [Load] returns it before any request is made.
type BaseURLError struct {
	From string // CRYPTOLENS_BASE_URL or the credentials file's path
	Err  error  // what is wrong, without user name or password
}

// Error names where the base URL came from and what is wrong with it.
func (e *BaseURLError) Error() string { return fmt.Sprintf("credentials: %s: %v", e.From, e.Err) }

// Unwrap returns what is wrong.
func (e *BaseURLError) Unwrap() error { return e.Err }

func load() (Credentials, error) {
	if tok := strings.TrimSpace(os.Getenv(EnvToken)); tok != "" {
		return Credentials{Token: tok, BaseURL: baseURL(os.Getenv(EnvBaseURL)), Source: "environment"}, nil
	}
	path, err := DefaultPath()
	if err != nil {
		return Credentials{}, err
	}
	c, err := ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return Credentials{}, ErrNoToken
	}
	if err != nil {
		return Credentials{}, err
	}
	if env := os.Getenv(EnvBaseURL); env != "" {
		c.BaseURL = baseURL(env)
	}
	return c, nil
}

func baseURL(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return DefaultBaseURL
	}
	return strings.TrimRight(s, "/")
}

// ReadFile reads a credentials file: lines of "token = ..." and
// "base_url = ...", with "#" comments. It refuses a file that its group or
// others can read, naming the chmod that fixes it.
func ReadFile(path string) (Credentials, error) {
	f, err := os.Open(path)
	if err != nil {
		return Credentials{}, fmt.Errorf("credentials: %w", err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return Credentials{}, fmt.Errorf("credentials: %w", err)
	}
	if perm := info.Mode().Perm(); perm&0o077 != 0 {
		return Credentials{}, fmt.Errorf("credentials: %s is readable by others (mode %04o): run `chmod 600 %s`", path, perm, path)
	}
	c := Credentials{Source: path}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, value, ok := strings.Cut(line, "=")
		if !ok {
			return Credentials{}, fmt.Errorf("credentials: %s:%d: want name = value", path, n)
		}
		switch strings.ToLower(strings.TrimSpace(name)) {
		case "token":
			c.Token = strings.TrimSpace(value)
		case "base_url":
			c.BaseURL = strings.TrimSpace(value)
		default:
			return Credentials{}, fmt.Errorf("credentials: %s:%d: unknown name %q (want token or base_url)", path, n, strings.TrimSpace(name))
		}
	}
	if err := sc.Err(); err != nil {
		return Credentials{}, fmt.Errorf("credentials: %s: %w", path, err)
	}
	if c.Token == "" {
		return Credentials{}, fmt.Errorf("credentials: %s has no token line", path)
	}
	c.BaseURL = baseURL(c.BaseURL)
	return c, nil
}

// WriteFile writes the credentials to path with owner-only permissions
// (0600, in a 0700 folder), replacing the file atomically.
func WriteFile(path string, c Credentials) error {
	if strings.ContainsAny(c.Token, "\r\n") || strings.TrimSpace(c.Token) == "" {
		return errors.New("credentials: the token is empty or spans lines")
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("credentials: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".credentials-*")
	if err != nil {
		return fmt.Errorf("credentials: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return fmt.Errorf("credentials: %w", err)
	}
	body := fmt.Sprintf("# lensbook credentials: keep this file private (mode 600)\ntoken = %s\nbase_url = %s\n",
		strings.TrimSpace(c.Token), baseURL(c.BaseURL))
	if _, err := tmp.WriteString(body); err != nil {
		tmp.Close()
		return fmt.Errorf("credentials: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("credentials: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("credentials: %w", err)
	}
	return nil
}
