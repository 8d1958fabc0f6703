package cryptolens

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// Fingerprint returns the key of an account (a base URL and an access
// token): the first 16 hex digits of SHA-256("lensbook\x00" + baseURL +
// "\x00" + token), with white space and trailing slashes trimmed from
// baseURL. It names the account without revealing the token; lensbook's
// store keys its accounts and its default file name by it.
func Fingerprint(baseURL, token string) string {
	sum := sha256.Sum256([]byte("lensbook\x00" + strings.TrimRight(strings.TrimSpace(baseURL), "/") + "\x00" + token))
	return hex.EncodeToString(sum[:8])
}

// Fingerprint returns the [Fingerprint] of the client's base URL and
// token: the account the client reads.
func (c *Client) Fingerprint() string { return Fingerprint(c.rawURL, c.token) }
