// Package emulator is a local stand-in for the data-analysis endpoints of the
// Cryptolens Web API (ai/GetWebAPILog, ai/GetEvents, ai/GetObjectLog,
// ai/RegisterEvent and ai/RegisterEvents), serving deterministic generated
// data so that the client, the store, the notebooks and every test run
// without a network.
//
// [Generate] builds a [Dataset] from a [Config]: products, license keys,
// team members and the three logs, consistent with one another (floating
// seats are simulated per key, so a 2024 "seat limit reached" row appears
// only while every seat is held). [NewServer] serves a dataset over HTTP as
// /api/ai/{Method}, with the API's envelope, error strings, parameter rules
// and pagination, for tokens created with [Server.NewToken] or
// [Server.AddToken]. [Server.SetFaults] injects deterministic transport
// faults for client tests, and [ListenAndServe] runs a server on a real
// port for the command line and the report pipeline.
//
// Choices where the API documentation is silent:
//
//   - Errors are HTTP 200 with {"result":1,"message":...}; an unknown path is
//     HTTP 404 with the same envelope.
//   - GetWebAPILog applies StartingAfter and EndingBefore together when both
//     are set (a range, both exclusive).
//   - The Metadata filter of GetEvents is a case-sensitive substring match.
//   - A token's ProductLock narrows the rows to that product (a request for
//     another product gets an empty page); a positive KeyLock narrows them to
//     the license key with that [License.ID]; KeyLock -1 requires ProductId
//     and Key on GetWebAPILog and GetEvents. GetObjectLog is not narrowed.
//   - States "", "null" and "[]" mean no state filter.
//   - AnomalyClassification is accepted and ignored.
//   - RegisterEvent(s) with a ProductLock token and another ProductId is
//     "Access denied."; FeatureName and EventName may have 100 characters.
//   - OrderBy "Time" breaks ties by id. Generated times never decrease with
//     ids, so on generated data it equals the id order.
//   - Faults apply only to the five known methods and are decided before any
//     work, so a faulted RegisterEvent registers nothing.
//
// The generated Web API Log uses these state codes: 3010 (key created, each
// key's first row) and a few 3020 without a key; node-locked 2010 (known
// machine), 2011 (new machine), 2020 (machine limit reached), 6010
// (deactivation); floating 2014 (activation or heartbeat, floatingExpires =
// time + the key's FloatingInterval), 2015 (overdraft), 2024 (every seat
// held), 6011 (seat released); 2021 (the key is blocked, see
// [License.Blocked]) and 2023 (another failed activation); 8010 and 8020
// (data-object changes with doId and doIntValue). About 88% of rows
// succeed. Ids start near 47,720,000 and have small gaps, as on the real,
// shared service.
package emulator
