// Package cryptolens is a client for the data-analysis endpoints of the
// Cryptolens Web API: the Web API Log (ai/GetWebAPILog), the Events Log
// (ai/GetEvents, ai/RegisterEvent, ai/RegisterEvents) and the Object Log
// (ai/GetObjectLog). It returns typed records with UTC times, pages through
// each log with iterators, retries transient failures and never lets the
// access token reach an error string or a log line.
//
// # Calls
//
// [NewClient] takes the access token and options ([WithBaseURL] for the
// emulator or an on-premises server, [WithRetry], [WithLogger],
// [WithObserver]). Each method is a form-encoded POST to
// {base}/ai/{Method}; the JSON envelope is decoded whatever the HTTP status.
// The single-page calls (GetWebAPILog, GetEvents, GetObjectLog) return one
// page in the server's order; the iterators walk whole windows:
//
//   - [Client.WebAPILogWindow] and [Client.EventsWindow]: the rows of a time
//     window, newest first, paging backwards with EndingBefore;
//   - [Client.ObjectLogWindow]: ascending, after a binary search for the
//     window's first id (the Object Log only has StartingAfter);
//   - [Client.WebAPILogAfter], [Client.EventsAfter], [Client.ObjectLogAfter]:
//     every row after an id, ascending, for incremental sync.
//
// An iterator yields every row of its window or, on failure, one error and
// stops: a page is decoded whole or retried, never used in part. Breaking
// out of the loop stops it without further requests.
//
// # Failures
//
// Network errors (a connection refused or dropped, mid-body too), HTTP 5xx,
// HTTP 429 and 2xx bodies that do not decode are retried with exponential
// backoff and full jitter, honouring Retry-After up to the policy's MaxDelay
// ([RetryPolicy]). API errors (result 1) and other 4xx answers are not. A
// cancelled context ends a call at once with the context's error wrapped.
// The final error can be matched with errors.As: [*APIError] (the
// envelope's message), [*HTTPError] (a non-2xx answer that is not the
// envelope) or [*DecodeError] (a 2xx answer that does not decode).
//
// # Decoding
//
// Pages are decoded without reflection by a small scanner that accepts what
// the records' tolerant UnmarshalJSON accepts (numbers as strings, nulls,
// unknown fields, names in any case) and shares repeated strings (keys, IPs,
// machine codes) between rows, so that a million-row crawl stays lean.
package cryptolens
