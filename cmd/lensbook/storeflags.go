package main

import (
	"context"
	"io"
	"os"
	"time"

	"github.com/lensbook/lensbook/pkg/credentials"
	"github.com/lensbook/lensbook/pkg/cryptolens"
	"github.com/lensbook/lensbook/pkg/store"
)

// storePath returns the store file: LENSBOOK_STORE, or the default file of
// the account in the user's cache folder.
func storePath(creds credentials.Credentials) (string, error) {
	if p := os.Getenv("LENSBOOK_STORE"); p != "" {
		return p, nil
	}
	return store.DefaultPath(creds.BaseURL, creds.Token)
}

// openAccount opens the store of the configured account, bound to a client
// of the account built with opts (progress: see newClient).
func openAccount(progress io.Writer, opts ...cryptolens.Option) (*store.Store, *store.Account, credentials.Credentials, error) {
	c, creds, err := newClient(progress, opts...)
	if err != nil {
		return nil, nil, creds, err
	}
	path, err := storePath(creds)
	if err != nil {
		return nil, nil, creds, err
	}
	st, err := store.Open(path)
	if err != nil {
		return nil, nil, creds, err
	}
	return st, st.Account(c), creds, nil
}

// storeSource reads rows from the local store only.
type storeSource struct {
	st  *store.Store
	acc *store.Account
}

func openStoreSource(context.Context) (source, error) {
	st, acc, _, err := openAccount(nil)
	if err != nil {
		return nil, err
	}
	return storeSource{st, acc}, nil
}

// covered fails when the store does not hold the whole window.
func (s storeSource) covered(ctx context.Context, l store.Log, w cryptolens.Window) error {
	ok, err := s.acc.Covered(ctx, l, w)
	if err != nil {
		return err
	}
	if !ok {
		return errNotCovered(l, w)
	}
	return nil
}

func (s storeSource) WebLog(ctx context.Context, f cryptolens.WebAPILogFilter, w cryptolens.Window) ([]cryptolens.WebAPILog, error) {
	if err := s.covered(ctx, store.WebLog, w); err != nil {
		return nil, err
	}
	return s.acc.WebLog(ctx, w, store.Filter{ProductID: f.ProductID, Key: f.Key, MachineCode: f.MachineCode,
		FriendlyName: f.FriendlyName, States: f.States})
}

func (s storeSource) Events(ctx context.Context, f cryptolens.EventsFilter, w cryptolens.Window) ([]cryptolens.Event, error) {
	if err := s.covered(ctx, store.Events, w); err != nil {
		return nil, err
	}
	if f.Metadata != "" {
		return nil, usagef("--offline cannot filter events by metadata")
	}
	return s.acc.Events(ctx, w, store.Filter{ProductID: f.ProductID, Key: f.Key})
}

func (s storeSource) ObjectLog(ctx context.Context, w cryptolens.Window) ([]cryptolens.ObjectLogEntry, error) {
	if err := s.covered(ctx, store.ObjectLog, w); err != nil {
		return nil, err
	}
	return s.acc.ObjectLog(ctx, w)
}

func (s storeSource) Close() error { return s.st.Close() }

func (s storeSource) Window(ctx context.Context, w *windowFlags, l store.Log, now time.Time) (cryptolens.Window, error) {
	return w.storeWindow(ctx, s.acc, l, now)
}
