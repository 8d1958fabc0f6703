package emulator

import (
	"bytes"
	"net/http"
	"strconv"
)

// errorBody is the envelope of a failed call.
func errorBody(message string) []byte {
	return append(appendJSONString([]byte(`{"result":1,"message":`), message), '}')
}

// successBody is the envelope of a successful call without a payload.
func successBody() []byte { return []byte(`{"result":0,"message":""}`) }

// listBody builds {"<key>":[rows...],"result":0,"message":null}.
func listBody[T interface{ MarshalJSON() ([]byte, error) }](key string, rows []T) []byte {
	var b bytes.Buffer
	b.Grow(64 + 220*len(rows))
	b.WriteString(`{"`)
	b.WriteString(key)
	b.WriteString(`":[`)
	for i, row := range rows {
		if i > 0 {
			b.WriteByte(',')
		}
		j, err := row.MarshalJSON()
		if err != nil { // the records' MarshalJSON cannot fail
			panic("emulator: encoding a row: " + err.Error())
		}
		b.Write(j)
	}
	b.WriteString(`],"result":0,"message":null}`)
	return b.Bytes()
}

// writeJSON writes a complete JSON answer.
func writeJSON(w http.ResponseWriter, status int, body []byte) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	w.Write(body) //nolint:errcheck // the client may have gone; nothing to do
}
