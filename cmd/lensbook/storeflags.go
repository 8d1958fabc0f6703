package main

import (
	"context"
	"time"

	"github.com/lensbook/lensbook/internal/account"
	"github.com/lensbook/lensbook/pkg/cryptolens"
	"github.com/lensbook/lensbook/pkg/store"
)

// storeSource reads rows from the local store only.
type storeSource struct {
	st  *store.Store
	acc *store.Account
}

// openStoreSource opens the configured account's store.
func openStoreSource() (source, error) {
	a, err := account.Load()
	if err != nil {
		return nil, err
	}
	st, acc, err := a.OpenStore()
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

func (s storeSource) WebAPILog(ctx context.Context, f cryptolens.WebAPILogFilter, w cryptolens.Window) ([]cryptolens.WebAPILog, error) {
	if err := s.covered(ctx, store.WebAPILog, w); err != nil {
		return nil, err
	}
	return s.acc.WebAPILog(ctx, w, store.Filter{ProductID: f.ProductID, Key: f.Key, MachineCode: f.MachineCode,
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
