// Package account is the one constructor of the Cryptolens account lensbook
// reads: its credentials (token and base URL), the store file that holds its
// copy of the logs, the client that reads the API, and the redactor of its
// secrets. The command line (cmd/lensbook) and the notebooks' facade
// (package report) both open the account with [Load], so the credentials are
// loaded once per command or session, and the environment variables that
// say where the store is and whether to stay offline are read here alone.
//
// It is not part of package credentials on purpose: credentials only finds,
// reads and writes the token and base URL (what `lensbook login` needs, with
// no dependency beyond the client's URL check), while an account also
// opens the SQLite store, which credentials must not pull in.
package account

import (
	"os"

	"github.com/lensbook/lensbook/internal/credentials"
	"github.com/lensbook/lensbook/internal/secret"
	"github.com/lensbook/lensbook/pkg/cryptolens"
	"github.com/lensbook/lensbook/pkg/store"
)

// Environment variables read by [Load], besides those of package
// credentials.
const (
	EnvStore   = "LENSBOOK_STORE"   // the store file; default: the account's file in the user's cache folder
	EnvOffline = "LENSBOOK_OFFLINE" // "1": read the store only, make no request
)

// Account is the configured Cryptolens account: the credentials and where
// its store is. Its token never shows in %v, %+v or %#v.
type Account struct {
	Credentials credentials.Credentials
	// StorePath is the store file: $LENSBOOK_STORE, else the account's
	// default file (store.DefaultPath).
	StorePath string
	// Offline is true when $LENSBOOK_OFFLINE is "1": the account is read
	// from its store only.
	Offline bool
}

// Load loads the credentials (credentials.Load) and resolves the store
// file. It makes no request and opens no file but the credentials file.
func Load() (*Account, error) {
	creds, err := credentials.Load()
	if err != nil {
		return nil, err
	}
	return FromCredentials(creds)
}

// FromCredentials is the account of creds, its store file resolved as
// [Load] resolves it.
func FromCredentials(creds credentials.Credentials) (*Account, error) {
	path := os.Getenv(EnvStore)
	if path == "" {
		var err error
		if path, err = store.DefaultPath(creds.BaseURL, creds.Token); err != nil {
			return nil, err
		}
	}
	return &Account{Credentials: creds, StorePath: path, Offline: os.Getenv(EnvOffline) == "1"}, nil
}

// String describes the account without its secrets: its base URL, where the
// credentials came from, and its store file.
func (a *Account) String() string { return a.Credentials.String() + ", store " + a.StorePath }

// GoString keeps the token out of %#v.
func (a *Account) GoString() string { return "account.Account{" + a.String() + "}" }

// Redactor returns the redactor of the account's secrets (see
// credentials.Credentials.Redactor), to pass down to whatever prints
// errors, renders pages or writes files.
func (a *Account) Redactor() *secret.Redactor { return a.Credentials.Redactor() }

// Client returns a client of the account's API: its token and base URL,
// then opts.
func (a *Account) Client(opts ...cryptolens.Option) (*cryptolens.Client, error) {
	all := append([]cryptolens.Option{cryptolens.WithBaseURL(a.Credentials.BaseURL)}, opts...)
	return cryptolens.NewClient(a.Credentials.Token, all...)
}

// OpenStore opens (creating it when needed) the account's store file and
// returns it with the account's handle in it, bound to a client of the
// account built with opts (see [Account.Client]): the handle's syncs go
// through that client. The caller closes the store.
func (a *Account) OpenStore(opts ...cryptolens.Option) (*store.Store, *store.Account, error) {
	c, err := a.Client(opts...)
	if err != nil {
		return nil, nil, err
	}
	st, err := store.Open(a.StorePath)
	if err != nil {
		return nil, nil, err
	}
	return st, st.Account(c), nil
}

// StoreExists reports whether the store file exists, so that a read that
// finds nothing need not create it.
func (a *Account) StoreExists() bool {
	_, err := os.Stat(a.StorePath)
	return err == nil
}

// Fingerprint identifies the account (base URL and token) without revealing
// the token: store.Fingerprint.
func (a *Account) Fingerprint() string {
	return store.Fingerprint(a.Credentials.BaseURL, a.Credentials.Token)
}

// Env is the environment that makes a notebook (package report) open this
// same account and store: CRYPTOLENS_TOKEN, CRYPTOLENS_BASE_URL and
// LENSBOOK_STORE, plus LENSBOOK_OFFLINE=1 when offline.
func (a *Account) Env() map[string]string {
	env := map[string]string{
		credentials.EnvToken:   a.Credentials.Token,
		credentials.EnvBaseURL: a.Credentials.BaseURL,
		EnvStore:               a.StorePath,
	}
	if a.Offline {
		env[EnvOffline] = "1"
	}
	return env
}
