package store

import (
	"fmt"
	"strings"
)

// Log names one of the three Cryptolens logs.
type Log string

// The logs the store keeps.
const (
	WebAPILog Log = "weblog"    // the Web API Log (GetWebAPILog)
	Events    Log = "events"    // the Events Log (GetEvents)
	ObjectLog Log = "objectlog" // the Object Log (GetObjectLog)
)

// Logs returns the three logs in a fixed order.
func Logs() []Log { return []Log{WebAPILog, Events, ObjectLog} }

// ParseLog reads a log name without regard to case: "weblog", "events" or
// "objectlog".
func ParseLog(s string) (Log, error) {
	switch l := Log(strings.ToLower(strings.TrimSpace(s))); l {
	case WebAPILog, Events, ObjectLog:
		return l, nil
	}
	return "", fmt.Errorf("store: unknown log %q: want weblog, events or objectlog", s)
}

// String returns the log's name.
func (l Log) String() string { return string(l) }
