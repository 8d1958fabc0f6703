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
// emulator or an on-premises server, [WithRetry], [WithTimeouts],
// [WithLogger], [WithObserver]). Each method is a form-encoded POST to
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
// Every walk pages through [Pages] ([Client.WebAPILogPages],
// [Client.EventsPages], [Client.ObjectLogPages]): one page at a time, each
// checked to lie beyond its cursor and in order, so that a server that
// ignores a cursor stops the walk with an error instead of looping. A
// store's sync pages through them too.
//
// An iterator yields every row of its window or, on failure, one error and
// stops: a page is decoded whole or retried, never used in part. Breaking
// out of the loop stops it without further requests.
//
// # Failures
//
// Network errors (a connection refused or dropped, mid-body too), timeouts,
// HTTP 5xx, HTTP 429 and 2xx bodies that do not decode are retried with
// exponential backoff and full jitter ([RetryPolicy]); a Retry-After header
// (seconds or an HTTP date) is honoured exactly, and one longer than the
// policy's MaxWait or the context's deadline ends the call at once. API
// errors (result 1) and other 4xx answers are not retried. A cancelled
// context ends a call at once with the context's error wrapped. The final
// error can be matched with errors.As: [*APIError] (the envelope's message,
// with what fixes a wrong token or a missing permission), [*NotFoundError]
// (HTTP 404: the base URL is not the API root), [*RateLimitError] (HTTP
// 429), [*RedirectError] (a redirect the client refused), [*HTTPError] (a
// non-2xx answer that is not the envelope) or [*DecodeError] (a 2xx answer
// that does not decode).
//
// # Timeouts and redirects
//
// No server can hang a call: with [DefaultTimeouts] a connection must be
// made within 10s, a TLS handshake done within 10s, the answer's headers
// arrive within 60s of the request and its body never pause for more than
// 30s, and one attempt ends after 5 minutes whatever happens
// ([WithTimeouts] changes them). Each is a transient error, retried.
//
// The token travels in the POST form. A redirect is followed only to the
// base URL's own origin (scheme, host and port) and only when it keeps the
// POST (307, 308); any other is refused with a [*RedirectError], so the
// token never reaches another host or port and https never falls back to
// http. A user name and password in the base URL are sent as basic
// authentication and, like the token, never shown in an error or log line.
//
// # Decoding
//
// Pages are decoded without reflection by a small scanner that accepts what
// the records' tolerant UnmarshalJSON accepts (numbers as strings, nulls,
// unknown fields, names in any case) and shares repeated strings (keys, IPs,
// machine codes) between rows, so that a million-row crawl stays lean.
package cryptolens
