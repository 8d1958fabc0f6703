package cryptolens

import "testing"

// TestPlainRun checks the word-at-a-time scan against a byte loop for every
// byte value at every position of strings of up to 20 bytes, after plain
// bytes of every kind.
func TestPlainRun(t *testing.T) {
	special := func(c byte) bool { return c == '"' || c == '\\' || c < 0x20 || c >= 0x80 }
	want := func(b []byte, i int) int {
		for ; i+8 <= len(b); i += 8 {
			for j := i; j < i+8; j++ {
				if special(b[j]) {
					return j
				}
			}
		}
		return i
	}
	for n := 0; n <= 20; n++ {
		for k := 0; k < n; k++ {
			for c := 0; c < 256; c++ {
				for _, fill := range []byte{'a', ' ', '!', 0x7f, '#', '[', ']'} {
					b := make([]byte, n)
					for i := range b {
						b[i] = fill
					}
					b[k] = byte(c)
					for from := 0; from <= n; from++ {
						if got, w := plainRun(b, from), want(b, from); got != w {
							t.Fatalf("plainRun(%q, %d) = %d, want %d", b, from, got, w)
						}
					}
				}
			}
		}
	}
}
