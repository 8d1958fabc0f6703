package store

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/lensbook/lensbook/internal/secret"
	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// Fingerprint returns the account key of a base URL and an access token,
// as [cryptolens.Fingerprint] computes it (and [Store.Account] keys a
// client's account): it cannot be turned back into the token.
func Fingerprint(baseURL, token string) string {
	return cryptolens.Fingerprint(baseURL, token)
}

func normalizeBaseURL(u string) string { return strings.TrimRight(strings.TrimSpace(u), "/") }

// DefaultPath returns the store file for a base URL and token:
// os.UserCacheDir()/lensbook/HOST-FINGERPRINT.db, where HOST is the base
// URL's host (port included, with ':' written as '_') and FINGERPRINT is
// [Fingerprint]. It creates no file or folder.
func DefaultPath(baseURL, token string) (string, error) {
	u, err := url.Parse(normalizeBaseURL(baseURL))
	if err != nil || u.Host == "" {
		return "", fmt.Errorf("store: default path: base URL %q has no host", secret.NewRedactor(token).Redact(secret.URL(baseURL)))
	}
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("store: default path: %w", err)
	}
	return filepath.Join(dir, "lensbook", safeHost(u.Host)+"-"+Fingerprint(baseURL, token)+".db"), nil
}

// safeHost keeps letters, digits, dots and dashes of a host; anything else
// becomes '_'.
func safeHost(h string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '-':
			return r
		}
		return '_'
	}, strings.ToLower(h))
}
