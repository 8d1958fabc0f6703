// Package store keeps a local SQLite copy of the three Cryptolens logs (Web
// API Log, Events Log, Object Log) that syncs incrementally and outlives the
// API's 30-day retention of events and object-log entries.
//
// One file may hold several accounts: every table is keyed by an account,
// the fingerprint of a base URL and an access token (see [Fingerprint]), so
// rows of two tokens never mix. The token itself is never stored. An
// [Account] handle is bound to the client of its account ([Store.Account]),
// and syncs through it: the rows of one account cannot be synced into
// another's.
//
// For each account and log the store records coverage: id ranges it holds
// completely. For a covered range [FromID, ToID] the store holds every row
// the API had with an id in that range when it was fetched, and every row
// with a time in [Since, Until) has an id in the range. The time claim rests
// on the API's ids increasing with time, which holds for rows the server
// stamps itself (all Web API Log and Object Log rows, and events registered
// without an explicit time).
//
// [Account.Sync] keeps coverage growing without gaps: every page of rows is
// committed in one transaction together with the coverage it proves, so a
// sync killed at any moment and run again ends with exactly the API's rows,
// none doubled and none missing. Two processes may sync the same file at
// once: they take turns (a flock on the file PATH.sync-lock beside it), so
// the second waits, then fetches only what is new. A store file that cannot
// be written is opened read-only, and a damaged one gives [ErrDamaged],
// naming the file and the command that rebuilds it.
//
// The file is SQLite (modernc.org/sqlite, pure Go) in WAL mode with a busy
// timeout and foreign keys, its schema versioned by user_version
// ([SchemaVersion]); a new file has 16 KiB pages. A sync writes through a
// connection of its own to SQLite's C API (modernc.org/sqlite/lib), which
// binds each row's values straight from the records into multi-row
// INSERTs prepared once per sync. Tables: accounts (fingerprints), weblog, events and
// objectlog (one typed column per API field, times as Unix seconds, text
// byte for byte, primary key (account, id), an index on (account, time)),
// and coverage (account, log, lo_id, hi_id, since, until), and store_id (the
// file's random identity).
//
// A window of at least 20,000 rows is read once through SQL and kept as a
// compact columnar snapshot beside the file (the folder PATH.windows, the
// eight most recently used), named by the window and its content (row
// count and id bounds), so that the next read of that window, such as the
// next cell of a notebook, decodes the snapshot instead: see
// [Account.Columns]. The read through SQL goes below database/sql, on
// read-only connections of its own, one per part of the window's id range
// read at once (sqliteconn.go, columns.go).
package store
