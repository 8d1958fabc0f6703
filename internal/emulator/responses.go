package emulator

import (
	"net/http"
	"strconv"
)

// errorBody is the envelope of a failed call.
func errorBody(message string) []byte {
	return append(appendJSONString([]byte(`{"result":1,"message":`), message), '}')
}

// successBody is the envelope of a successful call without a payload.
func successBody() []byte { return []byte(`{"result":0,"message":""}`) }

// writeJSON writes a complete JSON answer.
func writeJSON(w http.ResponseWriter, status int, body []byte) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	w.Write(body) //nolint:errcheck // the client may have gone; nothing to do
}
