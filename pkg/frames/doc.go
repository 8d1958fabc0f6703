// Package frames turns the typed records of package cryptolens into Gota
// DataFrames (github.com/go-gota/gota) with fixed, typed columns: the API's
// fields in the API's order, then derived columns such as the UTC day; and
// it has the helpers a report needs that Gota lacks, each taking and
// returning DataFrames.
//
// The typed records stay the source of truth; a DataFrame is the analyst's
// view of them. Every frame has the same columns and types whether it holds
// a million rows or none, so notebook cells never special-case empty logs.
// A notebook gets its window's frames from package report (Session's
// WebAPILogFrame, EventsFrame, ObjectLogFrame), which add the columns of
// [ColWeek], [ColLicensing], [ColStateName], [ColOS], [ColVersion] and
// [ColPurchase].
//
// The helpers:
//   - [Where] keeps the rows that match conditions: [Eq], [Ne], [In], [Lt],
//     [Le], [Gt], [Ge], [Not], [Or], [During], and shorthands for the
//     outcome ([Succeeded], [Failed], [OutcomeIn]), the method ([Method]),
//     the state code ([State]), the product ([Product]), the key ([Key],
//     [HasKey]), the machine ([HasMachine]), licensing requests
//     ([Licensing]) and purchases ([Purchases]).
//   - [CountBy] counts rows per value with their shares; [Top] keeps the
//     first rows and sums the rest into one; [Summarize] computes counts,
//     distinct counts, sums, minima, maxima and means per group; [Ratio],
//     [Share], [WithTotal], [Rank] and [Label] add the columns a table
//     shows; [SumOf] reads one figure for a headline.
//   - [PerDay] and [PerWeek] count rows per day or ISO week of a window,
//     every day present, split by a column's values; [SumPerDay] and
//     [DistinctPerDay] sum a column or count its distinct values instead;
//     [LookBack] and [Trailing] make a trailing average whole at the
//     window's start.
//
// A helper that fails (a column the frame lacks, a value of the wrong
// type) returns a frame whose Err says what was wrong and which columns
// there are; the next helper passes the error on, so calls nest and the
// chart or table that shows the result reports it:
//
//	keys := frames.Top(frames.CountBy(frames.Where(web, frames.HasKey()), frames.ColKey), 20, "%d other keys")
//	report.Check(display.Bars(keys, frames.ColKey, frames.ColCount, display.Options{Title: "Most active keys"}))
//
// Gota has four column types (string, int, float, bool) and no time type:
// times are RFC 3339 strings in UTC, which sort correctly as text. One Gota
// quirk survives: a string value that is exactly "NaN" is stored as Gota's
// missing value (it still prints as "NaN").
package frames
