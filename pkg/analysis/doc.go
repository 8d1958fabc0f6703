// Package analysis holds the computations behind lensbook's standard
// reports: counts, shares, daily series and audits over the typed records of
// the three Cryptolens logs ([cryptolens.WebAPILog], [cryptolens.Event] and
// [cryptolens.ObjectLogEntry]).
//
// The complex reports also have DataFrame entry points, which take a log's
// frame (as pkg/frames and pkg/report's Session frames make it) and return
// the report's frames, ready for pkg/display: [FloatingLicenseReport],
// [TeamAudit], [Revenue], [FeatureUsageReport], [InactiveKeysReport] and
// [ActiveKeysAndMachines]. They run the typed functions below on the frame's
// rows, so both give the same figures; [ColumnTitles] names their columns
// on a page.
//
// Every function is pure: it takes plain parameters (a [cryptolens.Window],
// an explicit as-of time where one is needed) and never reads the clock. Its
// result is sorted and deterministic: equal inputs give equal results, and
// ties are broken by a stated secondary key.
//
// Shared conventions:
//   - A row belongs to a window when [cryptolens.Window.Contains] its time.
//   - A day is a UTC calendar day, represented by its 00:00:00 UTC instant.
//   - Daily series cover every day of the window, zero-filled: from the day
//     of Since to the day of the last instant before Until. An open bound
//     is taken from the earliest (or latest) row inside the window; an open
//     window with no rows has no days.
//   - A share is a count divided by the rows the report counts, and 0 when
//     there are none: the rows inside the window that carry what is ranked
//     (a key, a machine, a usage event). Rows a report leaves out (no key,
//     no machine code, a purchase among usage events) are left out of its
//     total too, so the shares of a complete ranking add up to 1; each
//     function names its total.
package analysis
