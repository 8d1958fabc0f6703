package emulator

import "encoding/json"

// appendJSONString appends s as a JSON string literal.
func appendJSONString(b []byte, s string) []byte {
	q, err := json.Marshal(s)
	if err != nil { // a Go string always marshals
		panic("emulator: " + err.Error())
	}
	return append(b, q...)
}

// mustJSON encodes v, which must be a value that always encodes.
func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic("emulator: " + err.Error())
	}
	return string(b)
}
