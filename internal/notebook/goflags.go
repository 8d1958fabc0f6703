package notebook

import "strings"

// cellLinkFlags are added to GOFLAGS for the kernel: GoNB builds every cell
// as a program of its own, and linking that program (lensbook's packages,
// Gota, gonum/plot and SQLite: a binary of about 19 MB) is most of a warm
// cell's time. Without the symbol table and DWARF (-s -w) the link takes
// about a third less CPU and the binary is 14.5 MB; panics still show
// their stack with files and lines, which GoNB maps to the cell.
const cellLinkFlags = "'-ldflags=-s -w'"

// cellGoFlags returns the GOFLAGS of the kernel: the user's, with
// cellLinkFlags unless they set -ldflags themselves. go commands that take
// no -ldflags (go mod edit, go list -m) ignore it.
func cellGoFlags(user string) string {
	if strings.Contains(user, "-ldflags") {
		return user
	}
	return strings.TrimSpace(user + " " + cellLinkFlags)
}
