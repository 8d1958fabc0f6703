// Package charts draws lensbook's charts in one house style over
// gonum.org/v1/plot: a colour-blind-safe palette (Okabe–Ito) with fixed
// success and failure colours, Liberation Sans throughout, a bold title,
// axis labels, a light grid and no heavy frame.
//
// Four kinds cover the reports: [Bar] (categories with value labels such as
// "87.1%"), [StackedBar] (per-day stacks with an optional overlay line),
// [HorizontalBar] (ranked categories with share labels) and [TimeSeries]
// (lines over days with ticks at UTC midnights). Each constructor takes a
// plain data struct and returns a [*Chart], which renders to PNG or SVG at
// a fixed size (800×450 px at 96 dpi unless Width and Height are set).
// Rendering is deterministic: the same data gives the same bytes.
//
// Empty data is not an error: the chart shows its title and "No data".
package charts
