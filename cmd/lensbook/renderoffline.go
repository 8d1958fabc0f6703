package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/lensbook/lensbook/pkg/publish"
	"github.com/lensbook/lensbook/pkg/store"
)

// envOffline makes the notebooks read only the local store.
const envOffline = "LENSBOOK_OFFLINE"

// storeInstant is the as-of instant of a render from the store alone: the
// moment up to which the store holds every log it has synced (the earliest
// of their last syncs).
func storeInstant(ctx context.Context) (time.Time, error) {
	st, acc, _, err := openAccount(nil)
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

// configureOffline points the notebooks at the configured account's store,
// with LENSBOOK_OFFLINE=1 so that they make no request. The data
// fingerprint is the newest ids the store holds and the as-of time.
func configureOffline(ctx context.Context, opts *publish.Options) error {
	st, acc, creds, err := openAccount(nil)
	if err != nil {
		return err
	}
	defer st.Close()
	opts.Env["CRYPTOLENS_TOKEN"] = creds.Token
	opts.Env["CRYPTOLENS_BASE_URL"] = creds.BaseURL
	opts.Env[envOffline] = "1"
	if p := os.Getenv("LENSBOOK_STORE"); p != "" {
		opts.Env["LENSBOOK_STORE"] = p
	}
	opts.Token = creds.Token
	opts.Redactor = creds.Redactor()
	fp := "account=" + creds.BaseURL + " as-of=" + opts.Env[envAsOf] + " offline"
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
	opts.DataWindow = "Cryptolens account at " + creds.ShownBaseURL() + ", from the local store, as of " + shownInstant(opts.Env[envAsOf])
	return nil
}
