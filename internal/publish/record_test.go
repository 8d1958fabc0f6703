package publish

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/lensbook/lensbook/internal/pagerender"
	"github.com/lensbook/lensbook/internal/secret"
)

// TestRedactRecordKeepsParameterDefaults: the gallery lists only the
// parameters set to another value than their default, so redaction must
// keep each parameter's default (a lost default showed productID=0 on
// every card).
func TestRedactRecordKeepsParameterDefaults(t *testing.T) {
	const token = "obviously-fake-token-1234567890"
	rec := record{Params: []pagerender.Param{
		{Name: "days", Value: "7", Default: "30"},
		{Name: "productID", Value: "0", Default: "0"},
		{Name: "key", Value: token, Default: ""},
	}}
	got := redactRecord(rec, secret.NewRedactor(token)).Params
	want := []pagerender.Param{
		{Name: "days", Value: "7", Default: "30"},
		{Name: "productID", Value: "0", Default: "0"},
		{Name: "key", Value: secret.Redacted, Default: ""},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("redacted params (-want +got):\n%s", diff)
	}
}
