package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/lensbook/lensbook/pkg/credentials"
)

const loginUsage = `[--base-url URL]

Reads an access token from standard input and writes the credentials file
(owner-only, mode 600) that every lensbook command and notebook reads when
CRYPTOLENS_TOKEN is not set. The token is never echoed.`

func runLogin(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("login", loginUsage, stderr)
	base := fs.String("base-url", credentials.DefaultBaseURL, "the Web API root")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("the token is read from standard input, not from the command line (which shell history keeps)")
	}
	if isTerminal(os.Stdin) {
		fmt.Fprint(stderr, "Paste the access token (GetWebAPILog, GetEvents, GetObjectLog permissions) and press Enter: ")
	}
	line, err := bufio.NewReader(os.Stdin).ReadString('\n')
	if err != nil && line == "" {
		return usagef("no token on standard input")
	}
	tok := strings.TrimSpace(line)
	if tok == "" {
		return usagef("empty token")
	}
	path, err := credentials.DefaultPath()
	if err != nil {
		return err
	}
	if err := credentials.WriteFile(path, credentials.Credentials{Token: tok, BaseURL: *base}); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s (mode 600)\n", path)
	return nil
}
