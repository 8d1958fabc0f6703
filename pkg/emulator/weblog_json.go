package emulator

import (
	"strconv"
	"time"

	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// webLogBody builds a GetWebAPILog answer. It writes the rows itself,
// byte for byte as cryptolens.WebAPILog.MarshalJSON does (a test holds
// them to that), because a 1000-row page is the server's hottest path.
func webLogBody(rows []cryptolens.WebAPILog) []byte {
	b := make([]byte, 0, 64+240*len(rows))
	b = append(b, `{"logs":[`...)
	for i := range rows {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendWebLogRow(b, &rows[i])
	}
	return append(b, `],"result":0,"message":null}`...)
}

// appendWebLogRow appends the API's JSON of one Web API Log row.
func appendWebLogRow(b []byte, r *cryptolens.WebAPILog) []byte {
	b = append(b, `{"id":`...)
	b = strconv.AppendInt(b, r.ID, 10)
	b = append(b, `,"productId":`...)
	b = strconv.AppendInt(b, int64(r.ProductID), 10)
	b = append(b, `,"key":`...)
	b = appendString(b, r.Key)
	b = append(b, `,"ip":`...)
	b = appendString(b, r.IP)
	b = append(b, `,"time":`...)
	b = strconv.AppendInt(b, unixOrZero(r.Time), 10)
	b = append(b, `,"state":`...)
	b = strconv.AppendInt(b, int64(r.State), 10)
	b = append(b, `,"machineCode":`...)
	b = appendString(b, r.MachineCode)
	b = append(b, `,"friendlyName":`...)
	b = appendString(b, r.FriendlyName)
	b = append(b, `,"floatingExpires":`...)
	b = strconv.AppendInt(b, unixOrZero(r.FloatingExpires), 10)
	b = append(b, `,"doIntValue":`...)
	b = strconv.AppendInt(b, int64(r.DOIntValue), 10)
	b = append(b, `,"doId":`...)
	b = strconv.AppendInt(b, r.DOID, 10)
	return append(b, '}')
}

// unixOrZero is the API's time: Unix seconds, 0 for the zero time.
func unixOrZero(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.Unix()
}

// appendString appends s as encoding/json writes it: plain printable ASCII
// as is, anything else through encoding/json (escapes, HTML-safe <>&,
// invalid UTF-8).
func appendString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			return appendJSONString(b, s)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}
