package analysis_test

import (
	"fmt"
	"time"

	"github.com/lensbook/lensbook/pkg/analysis"
	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// october returns 2026-10-dd hh:mm UTC.
func october(dd, hh, mm int) time.Time { return time.Date(2026, 10, dd, hh, mm, 0, 0, time.UTC) }

var sampleLogs = []cryptolens.WebAPILog{
	{ID: 1, Key: "AAAA", Time: october(1, 9, 0), State: 2010, MachineCode: "m1", FriendlyName: "ann"},
	{ID: 2, Key: "AAAA", Time: october(1, 9, 5), State: 1010, MachineCode: "m1", FriendlyName: "ann"},
	{ID: 3, Key: "BBBB", Time: october(2, 14, 0), State: 2024, MachineCode: "m2"},
	{ID: 4, Key: "AAAA", Time: october(3, 8, 0), State: 6010, MachineCode: "M1 ", FriendlyName: "ann"},
}

var october1to4 = cryptolens.Window{Since: october(1, 0, 0), Until: october(4, 0, 0)}

func ExampleRequestOutcomes() {
	s := analysis.RequestOutcomes(sampleLogs, october1to4)
	fmt.Printf("%d requests: %.0f%% success, %.0f%% failure\n", s.Total, 100*s.SucceededShare, 100*s.FailedShare)
	// Output: 4 requests: 75% success, 25% failure
}

func ExampleRequestsPerDay() {
	// The six days before the window count in the trailing average: pass
	// the rows of analysis.TrailingLookBack before it (none here).
	for _, d := range analysis.RequestsPerDay(sampleLogs, october1to4) {
		fmt.Printf("%s ok=%d failed=%d avg=%.2f over %d days\n",
			d.Day.Format(time.DateOnly), d.Succeeded, d.Failed, d.Trailing7, d.TrailingDays)
	}
	// Output:
	// 2026-10-01 ok=2 failed=0 avg=0.29 over 7 days
	// 2026-10-02 ok=0 failed=1 avg=0.43 over 7 days
	// 2026-10-03 ok=1 failed=0 avg=0.57 over 7 days
}

func ExampleMostActiveKeys() {
	for _, k := range analysis.MostActiveKeys(sampleLogs, october1to4) {
		fmt.Printf("%s %d %.2f\n", k.Name, k.Count, k.Share)
	}
	// Output:
	// AAAA 3 0.75
	// BBBB 1 0.25
}

func ExampleActivePerDay() {
	for _, d := range analysis.ActivePerDay(sampleLogs, october1to4) {
		fmt.Printf("%s keys=%d machines=%d\n", d.Day.Format(time.DateOnly), d.Keys, d.Machines)
	}
	// Output:
	// 2026-10-01 keys=1 machines=1
	// 2026-10-02 keys=1 machines=1
	// 2026-10-03 keys=1 machines=1
}

func ExampleInactiveKeys() {
	asOf := october(31, 6, 0) // AAAA was active on October 3 at 08:00, within 28 days
	for _, k := range analysis.InactiveKeys(sampleLogs, []string{"CCCC"}, true, 28, asOf) {
		fmt.Printf("%s last=%v\n", k.Key, k.LastActivity)
	}
	// Output:
	// CCCC last=0001-01-01 00:00:00 +0000 UTC
	// BBBB last=2026-10-02 14:00:00 +0000 UTC
}

func ExampleAuditFloatingLicense() {
	seat := func(id int64, t time.Time, state cryptolens.State, machine, name string) cryptolens.WebAPILog {
		return cryptolens.WebAPILog{ID: id, ProductID: 3, Key: "FLOAT", Time: t, State: state,
			MachineCode: machine, FriendlyName: name, FloatingExpires: t.Add(10 * time.Minute)}
	}
	logs := []cryptolens.WebAPILog{
		seat(1, october(5, 9, 0), 2014, "pc-1", "ann"),
		seat(2, october(5, 9, 2), 2014, "pc-2", "bob"),
		seat(3, october(5, 9, 3), 2024, "pc-3", "cid"),
		seat(4, october(5, 9, 5), 2014, "pc-1", "ann"),
		seat(5, october(5, 9, 8), 6011, "pc-2", "bob"),
	}
	window := cryptolens.Window{Since: october(5, 0, 0), Until: october(6, 0, 0)}
	audit := analysis.AuditFloatingLicense(logs, 2, window, october(5, 12, 0))
	fmt.Printf("seats available now: %d of %d\n", audit.Summary.SeatsAvailableNow, audit.Summary.MaxNoOfMachines)
	for _, a := range audit.Activities {
		fmt.Printf("%s %-18s free=%d %s %s\n", a.Time.Format("15:04"), a.Action, a.FreeSeats, a.MachineCode, a.FriendlyName)
	}
	// Output:
	// seats available now: 2 of 2
	// 09:00 Activation         free=1 pc-1 ann
	// 09:02 Activation         free=0 pc-2 bob
	// 09:03 DeviceLimitReached free=0 pc-3 cid
	// 09:05 Verification       free=0 pc-1 ann
	// 09:08 Deactivation       free=1 pc-2 bob
	// 09:15 Deactivation       free=2 pc-1 ann
}

func ExampleRevenueByCurrency() {
	events := []cryptolens.Event{
		{ID: 1, FeatureName: "Pro", EventName: "purchase", Value: 1999, Currency: "USD", Time: october(1, 10, 0)},
		{ID: 2, FeatureName: "Pro", EventName: "purchase", Value: 1500, Currency: "EUR", Time: october(1, 11, 0)},
		{ID: 3, FeatureName: "Pro", EventName: "purchase", Value: 1999, Currency: "usd", Time: october(2, 10, 0)},
		{ID: 4, FeatureName: "Pro", EventName: "start", Time: october(2, 10, 0)},
	}
	for _, r := range analysis.RevenueByCurrency(events, october1to4) {
		fmt.Printf("%s %d.%02d (%d purchases)\n", r.Currency, r.Amount/100, r.Amount%100, r.Purchases)
	}
	// Output:
	// EUR 15.00 (1 purchases)
	// USD 39.98 (2 purchases)
}

func ExampleLatestChanges() {
	entries := []cryptolens.ObjectLogEntry{
		{ID: 1, Created: october(1, 10, 0), ResourceType: cryptolens.ResourceLicenseKey,
			ResourceAction: cryptolens.ActionAdded, PerformedByUserID: "465", Data: `{"Key":"AAAA"}`},
		{ID: 2, Created: october(2, 10, 0), ResourceType: cryptolens.ResourceLicenseKey,
			ResourceAction: cryptolens.ActionUpdated, PerformedByUserID: "465", Data: `{"Notes":["","VIP"],"Block":[false,true]}`},
	}
	for _, c := range analysis.LatestChanges(entries, october1to4, 10) {
		fmt.Println(c.Created.Format(time.DateOnly), c.Performer, c.ResourceType, c.Action)
		for _, f := range c.Fields {
			fmt.Printf("  %s: %q -> %q\n", f.Field, f.Old, f.New)
		}
	}
	// Output:
	// 2026-10-02 465 LicenseKey Updated
	//   Block: "false" -> "true"
	//   Notes: "" -> "VIP"
	// 2026-10-01 465 LicenseKey Added
}
