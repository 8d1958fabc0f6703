package cryptolens

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// rowInputs are rows as servers might send them: the documented shape and
// the tolerated deviations.
var rowInputs = []string{
	`{"id":47720990,"productId":3941,"key":"KWJRH-IWVJH-OGMTQ-ISOOZ","ip":"85.230.98.0","time":1614705487,"state":3010,"machineCode":null,"friendlyName":"","floatingExpires":0,"doIntValue":0,"doId":0}`,
	`{"ID":"12","ProductId":"3","Key":"a\"b\\c\u00e9\ud83d\ude00","TIME":1.6e9,"state":2014.0,"machineCode":123,"friendlyName":true,"floatingExpires":""}`,
	`{"id":1,"isAnomaly":true,"anomalyProperties":{"groupId":5,"x":[1,2,{"y":null}]},"key":"k"}`,
	` { "id" : 2 , "key" : "<script>alert(1)</script>" , "friendlyName" : "x,\ny" } `,
	`{"id":3,"friendlyName":{"nested":[1,2]},"machineCode":[1,"a"]}`,
	`{"id":4,"key":"\xff\xfeinvalid","ip":"caf\u00e9","machineCode":"日本"}`,
	`{"id":5,"id":6,"Id":7}`,
	`{}`,
	`null`,
	`{"\u0069d":8,"metadata":"{\"OS\":\"Windows\"}","data":"{\"Notes\":[\"\",\"VIP\"]}"}`,
	`{"id":9,"created":1614705487,"resourceType":3,"resourceAction":2,"affectedObjectId":123456,"objectOwnerUserId":465,"performedByUserId":465,"data":null}`,
	`{"id":10,"value":-2530,"currency":"SEK","eventName":"purchase"}`,
	`{"id":-0,"productId":-12,"time":9007199254740992}`,
	`{"\u212Aey":"kelvin"}`,
	// The fast path's edges: 18 and 19 digits, a minus, long strings with
	// an escape, invalid UTF-8 or non-ASCII past the first eight bytes.
	`{"id":123456789012345678,"productId":-1234567,"doId":1234567890123456789,"doIntValue":-9}`,
	`{"id":1,"key":"abcdefghijklmnop\"q","ip":"abcdefghijkl\u00e9","machineCode":"abcdefghijklmnop` + "\xff" + `"}`,
	`{"id":2,"key":"abcdefghijklmnop日本語abcdefgh","friendlyName":"abcdefgh` + "\t" + `ijk"}`,
	`{"id":3 ,"productId" :4,"key": "k","ip":"i" }`,
	// Malformed: each must fail in both decoders.
	`{"id":1.5}`,
	`{"id":"x"}`,
	`{"id":true}`,
	`{"id":{"a":1}}`,
	`{"id":1e400}`,
	`{"id":12345678901234567890}`,
	`{"id":01}`,
	`{"id":1.}`,
	`{"id":-}`,
	`{"key":"abc}`,
	`{"key":"a\qb"}`,
	`{"key":"a` + "\x01" + `b"}`,
	`{"id":1,}`,
	`{"id":1}x`,
	`{"id" 1}`,
	`{"id":1`,
	`{"unknown":[1,2}`,
	`{"unknown":tru}`,
	`{"unknown":nul`,
	`[]`,
	``,
	`"row"`,
	"{}\x00",
	`{"key":"\ud800"}`, `{"key":"\u00"}`, `{"id":1 , }`, `{"id":"\u0031"}`, `{"id":" 1"}`,
	`{"id":"+1"}`, `{"id":"0x1"}`, `{"id":"NaN"}`, `{"id":"1e2"}`, `{"id":"-0.0"}`, `{"id":1E+2}`,
	"{\"id\":1}\x00 ",
}

// checkAgainstReference decodes b with the scanner, directly (as pages are
// decoded) and through json.Unmarshal, and with the reference decoder of T;
// all three must agree on the row and on whether b is acceptable.
func checkAgainstReference[T any](t *testing.T, b []byte, schema *rowSchema,
	build func(*[maxFields]int64, *[maxFields]string) T, ref func([]byte, *T) error) {
	t.Helper()
	var direct, viaJSON, slow T
	directErr := decodeOne(b, schema, build, &direct)
	jsonErr := json.Unmarshal(b, &viaJSON)
	slowErr := ref(b, &slow)
	if (directErr == nil) != (slowErr == nil) || (jsonErr == nil) != (slowErr == nil) {
		t.Fatalf("%q: scanner error %v, via json.Unmarshal %v, reference error %v", b, directErr, jsonErr, slowErr)
	}
	if slowErr == nil {
		if diff := cmp.Diff(slow, direct); diff != "" {
			t.Fatalf("%q: scanner and reference differ (-reference +scanner):\n%s", b, diff)
		}
		if diff := cmp.Diff(slow, viaJSON); diff != "" {
			t.Fatalf("%q: json.Unmarshal and reference differ (-reference +scanner):\n%s", b, diff)
		}
	}
}

func checkAllAgainstReference(t *testing.T, b []byte) {
	t.Helper()
	checkAgainstReference(t, b, &webAPILogSchema, webAPILogFrom, refWebAPILog.decode)
	checkAgainstReference(t, b, &eventSchema, eventFrom, refEvent.decode)
	checkAgainstReference(t, b, &objectLogSchema, objectLogFrom, refObjectLog.decode)
}

func TestUnmarshalMatchesReference(t *testing.T) {
	for _, in := range rowInputs {
		checkAllAgainstReference(t, []byte(in))
	}
}

func TestUnmarshalNestingLimit(t *testing.T) {
	for _, n := range []int{9999, 10000} { // encoding/json allows 10000 levels in all
		checkAllAgainstReference(t, []byte(`{"x":`+strings.Repeat("[", n)+strings.Repeat("]", n)+`}`))
	}
}

func FuzzUnmarshalMatchesReference(f *testing.F) {
	for _, in := range rowInputs {
		f.Add([]byte(in))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		checkAllAgainstReference(t, b)
	})
}

func TestUnmarshalDocumentedRow(t *testing.T) {
	var got WebAPILog
	if err := json.Unmarshal([]byte(rowInputs[0]), &got); err != nil {
		t.Fatal(err)
	}
	want := WebAPILog{ID: 47720990, ProductID: 3941, Key: "KWJRH-IWVJH-OGMTQ-ISOOZ",
		IP: "85.230.98.0", Time: time.Date(2021, 3, 2, 17, 18, 7, 0, time.UTC), State: StateKeyCreated}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("decoded row (-want +got):\n%s", diff)
	}
}

func TestMarshalRoundTrip(t *testing.T) {
	rows := []WebAPILog{
		{ID: 1, ProductID: 2, Key: "K", IP: "1.2.3.0", Time: time.Unix(1700000000, 0).UTC(),
			State: StateSeatLimitReached, MachineCode: `"><img src=x onerror=alert(1)>`,
			FriendlyName: "a,b\nc", FloatingExpires: time.Unix(1700000600, 0).UTC(), DOIntValue: -3, DOID: 9},
	}
	b, err := json.Marshal(rows)
	if err != nil {
		t.Fatal(err)
	}
	var back []WebAPILog
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(rows, back); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}

func TestDecodeEnvelope(t *testing.T) {
	tests := []struct {
		name    string
		body    string
		wantEnv envelope
		rows    int
		wantErr string
	}{
		{"success", `{"logs":[{"id":1},{"id":2}],"result":0,"message":null}`, envelope{0, true, ""}, 2, ""},
		{"list key case", `{"Logs":[{"id":1}],"Result":"0","Message":""}`, envelope{0, true, ""}, 1, ""},
		{"null list", `{"logs":null,"result":0}`, envelope{0, true, ""}, 0, ""},
		{"unknown members", `{"extra":{"a":[1,2]},"result":0,"logs":[]}`, envelope{0, true, ""}, 0, ""},
		{"error", `{"result":1,"message":"Access denied."}`, envelope{1, true, "Access denied."}, 0, ""},
		{"no result", `{"message":"server error"}`, envelope{0, false, "server error"}, 0, ""},
		{"null result", `{"result":null}`, envelope{}, 0, ""},
		{"empty object", `{}`, envelope{}, 0, ""},
		{"truncated", `{"logs":[{"id":1},{"id":2`, envelope{}, 0, "unexpected end"},
		{"html", `<html>oops</html>`, envelope{}, 0, "want '{'"},
		{"empty body", ``, envelope{}, 0, "unexpected end"},
		{"list not array", `{"logs":5,"result":0}`, envelope{}, 0, "not an array"},
		{"null row", `{"logs":[null],"result":0}`, envelope{}, 0, "row is null"},
		{"trailing data", `{"result":0} {}`, envelope{}, 0, "after the top-level value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var rows []WebAPILog
			env, err := decodeEnvelope([]byte(tt.body), "logs", rowsDecoder(&webAPILogSchema, webAPILogFrom, &rows), newInterner())
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if env != tt.wantEnv {
				t.Errorf("envelope %+v, want %+v", env, tt.wantEnv)
			}
			if len(rows) != tt.rows {
				t.Errorf("%d rows, want %d", len(rows), tt.rows)
			}
		})
	}
}

// FuzzDecodeEnvelope checks that any body either fails to decode or is valid
// JSON whose rows the reference decoder reads the same way.
func FuzzDecodeEnvelope(f *testing.F) {
	f.Add([]byte(`{"logs":[{"id":2,"time":1760000000},{"id":1}],"result":0,"message":null}`))
	f.Add([]byte(`{"result":1,"message":"Access denied."}`))
	f.Add([]byte(`{"Logs":null,"extra":{"a":[1,"x"]},"result":"0"}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		var rows []WebAPILog
		env, err := decodeEnvelope(body, "logs", rowsDecoder(&webAPILogSchema, webAPILogFrom, &rows), newInterner())
		if err != nil {
			return
		}
		if !json.Valid(body) {
			t.Fatalf("%q decoded (%+v) but is not valid JSON", body, env)
		}
		var ref struct {
			Logs []json.RawMessage
		}
		if err := json.Unmarshal(body, &ref); err != nil {
			t.Fatalf("%q: scanner accepted, reference rejected: %v", body, err)
		}
		if len(ref.Logs) != len(rows) {
			t.Fatalf("%q: %d rows, reference %d", body, len(rows), len(ref.Logs))
		}
		for i, raw := range ref.Logs {
			var want WebAPILog
			if err := refWebAPILog.decode(raw, &want); err != nil {
				t.Fatalf("%q: row %d: reference error %v", body, i, err)
			}
			if diff := cmp.Diff(want, rows[i]); diff != "" {
				t.Fatalf("%q: row %d differs:\n%s", body, i, diff)
			}
		}
	})
}
