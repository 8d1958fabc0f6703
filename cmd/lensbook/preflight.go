package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/lensbook/lensbook/internal/credentials"
	"github.com/lensbook/lensbook/internal/ipynb"
	"github.com/lensbook/lensbook/pkg/cryptolens"
	"github.com/lensbook/lensbook/pkg/store"
)

// logInfo names a log for people and the API method (and permission) that
// reads it.
var logInfo = map[store.Log]struct{ name, method string }{
	store.WebAPILog: {"Web API Log", "GetWebAPILog"},
	store.Events:    {"Events Log", "GetEvents"},
	store.ObjectLog: {"Object Log", "GetObjectLog"},
}

// logMention finds the logs a notebook's code reads: store.WebAPILog,
// store.Events, store.ObjectLog (as Sync takes them) or the Session methods
// WebAPILog(), Events(), ObjectLog().
var logMention = regexp.MustCompile(`\bstore\.(WebAPILog|Events|ObjectLog)\b|\.(WebAPILog|Events|ObjectLog)\(`)

// neededLogs maps each log the notebooks read to the notebooks (base names)
// that read it. A notebook whose code names no log may read any: it needs
// all three.
func neededLogs(notebooks []string) (map[store.Log][]string, error) {
	byName := map[string]store.Log{"WebAPILog": store.WebAPILog, "Events": store.Events, "ObjectLog": store.ObjectLog}
	need := map[store.Log][]string{}
	for _, path := range notebooks {
		nb, err := ipynb.ReadFile(path)
		if err != nil {
			return nil, err
		}
		slug := strings.TrimSuffix(filepath.Base(path), ".ipynb")
		found := map[store.Log]bool{}
		for _, c := range nb.Cells {
			if c.CellType != "code" {
				continue
			}
			for _, m := range logMention.FindAllStringSubmatch(string(c.Source), -1) {
				found[byName[m[1]+m[2]]] = true
			}
		}
		if len(found) == 0 {
			for _, l := range store.Logs() {
				found[l] = true
			}
		}
		for l := range found {
			need[l] = append(need[l], slug)
		}
	}
	return need, nil
}

// logAccess is what one request to a log said.
type logAccess struct {
	log    store.Log
	newest int64 // the newest row's id (Web API Log, Events Log); 0 when empty or not asked
	err    error
}

// probeLogs makes one request per log: the newest row of the Web API Log
// and the Events Log, the first of the Object Log.
func probeLogs(ctx context.Context, c *cryptolens.Client, logs []store.Log) []logAccess {
	var out []logAccess
	for _, l := range logs {
		a := logAccess{log: l}
		switch l {
		case store.WebAPILog:
			rows, err := c.WebAPILogPages(cryptolens.WebAPILogFilter{}).Before(ctx, 0, 1)
			if a.err = err; err == nil && len(rows) > 0 {
				a.newest = rows[0].ID
			}
		case store.Events:
			rows, err := c.EventsPages(cryptolens.EventsFilter{}).Before(ctx, 0, 1)
			if a.err = err; err == nil && len(rows) > 0 {
				a.newest = rows[0].ID
			}
		case store.ObjectLog:
			_, a.err = c.ObjectLogPages().After(ctx, 0, 1)
		}
		out = append(out, a)
		if ctx.Err() != nil {
			break
		}
	}
	return out
}

// accessError says which logs the credentials cannot read, with the API's
// messages and what to do. It is an API failure: exit status 1.
type accessError struct {
	creds  credentials.Credentials
	checks []logAccess
	need   map[store.Log][]string // nil for login
}

func (e *accessError) Error() string {
	var b strings.Builder
	if e.need != nil {
		fmt.Fprintf(&b, "the credentials (%s) cannot read every log the notebooks need; nothing was rendered:\n", e.creds)
	} else {
		fmt.Fprintf(&b, "the token was not written: it cannot read the logs at %s:\n", e.creds.ShownBaseURL())
	}
	var missing []string
	unauthenticated := false
	for _, a := range e.checks {
		info := logInfo[a.log]
		fmt.Fprintf(&b, "  %-12s %s\n", info.name+":", accessLine(a))
		if a.err == nil {
			continue
		}
		if api := apiRefusal(a.err); api != nil && api.Unauthenticated() {
			unauthenticated = true
		}
		missing = append(missing, info.method)
		if e.need != nil {
			fmt.Fprintf(&b, "  %-12s needed by %s\n", "", strings.Join(e.need[a.log], ", "))
		}
	}
	b.WriteString(fixFor(e.checks, unauthenticated, missing, e.need == nil))
	return b.String()
}

// apiRefusal returns the API's refusal of a call (a wrong token, a missing
// permission...), or nil for any other failure: the network, a base URL that
// is not the API root (HTTP 404), a server error.
func apiRefusal(err error) *cryptolens.APIError {
	var nf *cryptolens.NotFoundError
	var api *cryptolens.APIError
	if err == nil || errors.As(err, &nf) || !errors.As(err, &api) {
		return nil
	}
	return api
}

// accessLine is "readable" or the API's message of one check.
func accessLine(a logAccess) string {
	if a.err == nil {
		return "readable"
	}
	if api := apiRefusal(a.err); api != nil {
		msg := api.Message
		if msg == "" {
			msg = "an API error without a message"
		}
		if api.AccessDenied() {
			return fmt.Sprintf("%s (the token lacks the %s permission)", msg, api.Permission())
		}
		return msg
	}
	var nf *cryptolens.NotFoundError
	if errors.As(a.err, &nf) {
		return nf.URL + " answered HTTP 404 (not found)"
	}
	return a.err.Error()
}

// fixFor says what to do about the failed checks.
func fixFor(checks []logAccess, unauthenticated bool, missing []string, login bool) string {
	setting := "CRYPTOLENS_BASE_URL"
	if login {
		setting = "--base-url"
	}
	for _, a := range checks {
		var nf *cryptolens.NotFoundError
		switch {
		case errors.As(a.err, &nf):
			return fmt.Sprintf("The base URL is not the API root: set %s to the root, ending in /api, such as %s.",
				setting, cryptolens.DefaultBaseURL)
		case a.err != nil && apiRefusal(a.err) == nil:
			// Not the API's refusal: the network or the server.
			return fmt.Sprintf("Check %s (the API root, ending in /api, such as %s) and the network, then try again.",
				setting, cryptolens.DefaultBaseURL)
		}
	}
	if unauthenticated && login {
		return "The API refused the token: check that it is a whole, valid access token " +
			"(Cryptolens: Account → Access tokens) with the GetWebAPILog, GetEvents and GetObjectLog permissions."
	}
	if unauthenticated {
		return "The API refused the token: set CRYPTOLENS_TOKEN to a valid access token, or run `lensbook login` " +
			"(the token needs the GetWebAPILog, GetEvents and GetObjectLog permissions)."
	}
	perms := strings.Join(missing, ", ") + " permission"
	if len(missing) > 1 {
		perms += "s"
	}
	if login {
		return "Create an access token with the " + perms + " (Cryptolens: Account → Access tokens) and run `lensbook login` with it."
	}
	return "Create an access token with the " + perms + " (Cryptolens: Account → Access tokens), then set " +
		"CRYPTOLENS_TOKEN to it or run `lensbook login`; or render only the notebooks that read the other logs."
}

// preflight checks, before any notebook runs, that the credentials can read
// every log the notebooks need: one request per log. It returns the newest
// ids it saw (for the data fingerprint) or an *accessError.
func preflight(ctx context.Context, c *cryptolens.Client, creds credentials.Credentials, notebooks []string) (map[store.Log]int64, error) {
	need, err := neededLogs(notebooks)
	if err != nil {
		return nil, err
	}
	logs := slices.Sorted(maps.Keys(need))
	slices.SortFunc(logs, func(a, b store.Log) int { return slices.Index(store.Logs(), a) - slices.Index(store.Logs(), b) })
	checks := probeLogs(ctx, c, logs)
	newest := map[store.Log]int64{}
	failed := false
	for _, a := range checks {
		newest[a.log] = a.newest
		failed = failed || a.err != nil
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if failed {
		return nil, &accessError{creds: creds, checks: checks, need: need}
	}
	return newest, nil
}

// writeAccess prints which logs the token may read, for login.
func writeAccess(w io.Writer, checks []logAccess) {
	for _, a := range checks {
		info := logInfo[a.log]
		fmt.Fprintf(w, "  %-12s %s\n", info.name+":", accessLine(a))
	}
}
