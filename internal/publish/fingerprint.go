package publish

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// fingerprintVersion changes when what a page shows for the same inputs
// changes, so that old pages render again.
const fingerprintVersion = "lensbook-render/3"

// fingerprint identifies what a page is rendered from: the notebook's bytes,
// the parameters set in it, the data fingerprint and window, and the
// environment given to it. Variables that hold credentials are left out, so
// the manifest never depends on (or reveals anything of) the token, and so
// are those that say where the data is served and stored (the base URL and
// the store file, which change with every demo run): Options.DataFingerprint
// says which data it is.
func fingerprint(source []byte, params, env map[string]string, dataFingerprint, dataWindow string) string {
	h := sha256.New()
	field := func(name, value string) { fmt.Fprintf(h, "%s %d:%s\n", name, len(value), value) }
	field("version", fingerprintVersion)
	field("source", string(source))
	for _, k := range slices.Sorted(maps.Keys(params)) {
		field("param "+k, params[k])
	}
	for _, k := range slices.Sorted(maps.Keys(env)) {
		if !isCredential(k) && !isLocation(k) {
			field("env "+k, env[k])
		}
	}
	field("data", dataFingerprint)
	field("window", dataWindow)
	return hex.EncodeToString(h.Sum(nil))
}

// isCredential reports whether an environment variable name looks like it
// holds a secret.
func isCredential(name string) bool {
	n := strings.ToUpper(name)
	for _, w := range []string{"TOKEN", "SECRET", "PASSWORD", "KEY"} {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

// isLocation reports whether an environment variable says where the data is
// served or stored rather than what it is.
func isLocation(name string) bool {
	return name == "CRYPTOLENS_BASE_URL" || name == "LENSBOOK_STORE"
}
