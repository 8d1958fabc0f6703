// Package frames turns the typed records of package cryptolens into Gota
// DataFrames (github.com/go-gota/gota) with fixed, typed columns: the API's
// fields in the API's order, then derived columns such as the UTC day.
//
// The typed records stay the source of truth; a DataFrame is the analyst's
// view of them. Every frame has the same columns and types whether it holds
// a million rows or none, so notebook cells never special-case empty logs.
//
// Gota has four column types (string, int, float, bool) and no time type:
// times are RFC 3339 strings in UTC, which sort correctly as text. One Gota
// quirk survives: a string value that is exactly "NaN" is stored as Gota's
// missing value (it still prints as "NaN").
package frames
