package analysis

import (
	"time"

	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// base is 2026-10-01 00:00:00 UTC, the start of the test windows.
var base = time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)

// at returns base plus d days and h hours.
func at(d, h int) time.Time {
	return base.Add(time.Duration(d)*24*time.Hour + time.Duration(h)*time.Hour)
}

// days returns the window of n days from base.
func days(n int) cryptolens.Window {
	return cryptolens.Window{Since: base, Until: base.AddDate(0, 0, n)}
}

// row builds a Web API Log row.
func row(id int64, t time.Time, state cryptolens.State, key, machine, friendly string) cryptolens.WebAPILog {
	return cryptolens.WebAPILog{ID: id, ProductID: 3, Key: key, Time: t, State: state,
		MachineCode: machine, FriendlyName: friendly}
}
