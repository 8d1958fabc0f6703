package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/lensbook/lensbook/internal/account"
	"github.com/lensbook/lensbook/internal/credentials"
	"github.com/lensbook/lensbook/pkg/cryptolens"
	"github.com/lensbook/lensbook/pkg/store"
)

const loginUsage = `[--base-url URL] [--no-check]

Reads an access token from standard input, checks it with one request per
log (Web API Log, Events Log, Object Log) and writes the credentials file
(owner-only, mode 600) that every lensbook command and notebook reads when
CRYPTOLENS_TOKEN is not set. It says which logs the token may read; a token
the API refuses, or an API it cannot reach, is not written (exit status 1).
The token is never echoed.`

// stdin is where login reads the token (a variable for tests).
var stdin io.Reader = os.Stdin

func runLogin(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("login", loginUsage, stderr)
	base := fs.String("base-url", credentials.DefaultBaseURL, "the Web API root, ending in /api")
	noCheck := fs.Bool("no-check", false, "write the file without checking the token against the API")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("the token is read from standard input, not from the command line (which shell history keeps)")
	}
	if err := cryptolens.CheckBaseURL(*base); err != nil {
		return usagef("--base-url: %v", err)
	}
	if f, ok := stdin.(*os.File); ok && isTerminal(f) {
		fmt.Fprint(stderr, "Paste the access token (GetWebAPILog, GetEvents, GetObjectLog permissions) and press Enter: ")
	}
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && line == "" {
		return usagef("no token on standard input")
	}
	tok := strings.TrimSpace(line)
	if tok == "" {
		return usagef("empty token")
	}
	creds := credentials.Credentials{Token: tok, BaseURL: strings.TrimRight(strings.TrimSpace(*base), "/"), Source: "standard input"}
	if !*noCheck {
		if err := checkLogin(ctx, creds, stdout); err != nil {
			return err
		}
	}
	path, err := credentials.DefaultPath()
	if err != nil {
		return err
	}
	creds.Source = path
	if err := credentials.WriteFile(path, creds); err != nil {
		return creds.Redactor().RedactError(err)
	}
	fmt.Fprintf(stdout, "wrote %s (mode 600)\n", path)
	return nil
}

// checkLogin asks each log for one row and prints which the token may read.
// It fails when the token may read none of them, or when the API cannot be
// reached or does not answer as the API.
func checkLogin(ctx context.Context, creds credentials.Credentials, stdout io.Writer) error {
	a, err := account.FromCredentials(creds)
	if err != nil {
		return usagef("%v", err)
	}
	c, err := a.Client()
	if err != nil {
		return usagef("%v", err)
	}
	checks := probeLogs(ctx, c, store.Logs())
	readable := 0
	for _, a := range checks {
		switch api := apiRefusal(a.err); {
		case a.err == nil:
			readable++
		case api == nil || api.Unauthenticated():
			return &accessError{creds: creds, checks: checks}
		}
	}
	if readable == 0 {
		return &accessError{creds: creds, checks: checks}
	}
	fmt.Fprintf(stdout, "The token may read %d of the 3 logs at %s:\n", readable, creds.ShownBaseURL())
	writeAccess(stdout, checks)
	return nil
}
