// Package duckdbtest checks lensbook's Parquet exports with DuckDB, through
// its database/sql driver github.com/duckdb/duckdb-go/v2 (cgo, with its
// prebuilt library). It is a module of its own so that lensbook itself
// needs no cgo; `make test` runs its tests too.
package duckdbtest
