package main

import (
	"context"
	"fmt"
	"time"

	"github.com/lensbook/lensbook/internal/account"
	"github.com/lensbook/lensbook/internal/publish"
	"github.com/lensbook/lensbook/pkg/store"
)

// storeInstant is the as-of instant of a render from the store alone: the
// moment up to which the store holds every log it has synced (the earliest
// of their last syncs).
func storeInstant(ctx context.Context, a *account.Account) (time.Time, error) {
	st, acc, err := a.OpenStore()
	if err != nil {
		return time.Time{}, err
	}
	defer st.Close()
	var t time.Time
	for _, l := range store.Logs() {
		c, ok, err := acc.Synced(ctx, l)
		if err != nil {
			return time.Time{}, err
		}
		if ok && (t.IsZero() || c.Window.Until.Before(t)) {
			t = c.Window.Until
		}
	}
	if t.IsZero() {
		return t, fmt.Errorf("the local store at %s has never been synced: run `lensbook sync all --since 30d` first", st.Path())
	}
	return t, nil
}

// configureOffline is configureAccount for an offline account, whose
// notebooks make no request (LENSBOOK_OFFLINE=1, in the account's
// environment). The data fingerprint is the newest ids the store holds and
// the as-of time.
func configureOffline(ctx context.Context, a *account.Account, opts *publish.Options) error {
	st, acc, err := a.OpenStore()
	if err != nil {
		return err
	}
	defer st.Close()
	fp := "account=" + a.Credentials.BaseURL + " as-of=" + opts.AsOf.Format(time.RFC3339) + " offline"
	for _, l := range store.Logs() {
		cov, err := acc.Coverage(ctx, l)
		if err != nil {
			return err
		}
		var top int64
		for _, c := range cov {
			top = max(top, c.ToID)
		}
		fp += fmt.Sprintf(" %s=%d", l, top)
	}
	opts.DataFingerprint = fp
	opts.DataWindow = "Cryptolens account at " + a.Credentials.ShownBaseURL() + ", from the local store, as of " + shownInstant(opts.AsOf)
	return nil
}
