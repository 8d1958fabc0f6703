// Package cryptolens is a client for the data-analysis endpoints of the
// Cryptolens Web API: the Web API Log (ai/GetWebAPILog), the Events Log
// (ai/GetEvents, ai/RegisterEvent, ai/RegisterEvents) and the Object Log
// (ai/GetObjectLog). It returns typed records with UTC times, pages through
// each log with iterators, retries transient failures and never lets the
// access token reach an error string or a log line.
package cryptolens
