package pagerender

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/lensbook/lensbook/internal/timespec"
)

// Layouts of the pages' one day format and one instant format (the same as
// pkg/charts' DayLayout and InstantLayout).
const (
	dayLayout     = "2 Jan 2006"
	instantLayout = "2 Jan 2006 15:04 UTC"
)

// windowParams are the parameters that the header's window line states in
// words, rather than as name=value.
var windowParams = map[string]bool{"days": true, "asOf": true, "productID": true}

// reportWindow describes the report's own window in words from its days,
// asOf and productID parameters, such as "2 Oct – 31 Oct 2026 (30 days,
// UTC); all products". An empty asOf means the render time (the live
// clock). The window is [asOf − days, asOf): when asOf is a UTC midnight
// the last day shown is the day before it. It is "" when the notebook has
// no days parameter or asOf cannot be read.
func reportWindow(params []Param, renderedAt time.Time) string {
	values := map[string]string{}
	for _, p := range params {
		values[p.Name] = strings.TrimSpace(p.Value)
	}
	days, err := strconv.Atoi(values["days"])
	if err != nil || days <= 0 {
		return ""
	}
	until := renderedAt.UTC()
	if s := values["asOf"]; s != "" {
		t, err := parseInstant(s)
		if err != nil {
			return ""
		}
		until = t
	}
	if until.IsZero() {
		return ""
	}
	span := timespec.WindowText(until.AddDate(0, 0, -days), until, days)
	if p, ok := values["productID"]; ok {
		if n, err := strconv.Atoi(p); err == nil && n != 0 {
			span += fmt.Sprintf("; product %d", n)
		} else {
			span += "; all products"
		}
	}
	return span
}

// shownParams are the parameters the header lists: those that differ from
// their declared default and are not stated by the window line.
func shownParams(params []Param, window string) []Param {
	var out []Param
	for _, p := range params {
		if p.Value == p.Default || window != "" && windowParams[p.Name] {
			continue
		}
		out = append(out, p)
	}
	return out
}

// parseInstant reads an RFC 3339 time or a date (UTC midnight).
func parseInstant(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC(), nil
	}
	t, err := time.Parse(time.DateOnly, s)
	return t.UTC(), err
}
