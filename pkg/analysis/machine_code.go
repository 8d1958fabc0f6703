package analysis

import (
	"strings"
	"unicode"
)

// MaxMachineCodeLength is the number of characters a normalised machine
// code is truncated to.
const MaxMachineCodeLength = 256

// NormalizeMachineCode normalises a machine code the way Cryptolens's usage
// analytics do (the KeyDevice and LicenseActivityBucket pages): strip control
// characters, trim surrounding white space, truncate to
// [MaxMachineCodeLength] characters (runes), and upper-case. An empty result
// means the row has no machine code.
func NormalizeMachineCode(code string) string {
	code = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, code)
	code = strings.TrimSpace(code)
	if len(code) > MaxMachineCodeLength { // bytes >= runes: cheap test first
		if r := []rune(code); len(r) > MaxMachineCodeLength {
			code = string(r[:MaxMachineCodeLength])
		}
	}
	return strings.ToUpper(code)
}
