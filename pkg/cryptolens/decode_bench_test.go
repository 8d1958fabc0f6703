package cryptolens

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"
)

// benchPage is a 1000-row GetWebAPILog answer of realistic variety.
func benchPage(b *testing.B) []byte {
	rows := make([]WebAPILog, 1000)
	for i := range rows {
		rows[i] = WebAPILog{ID: int64(5_000_000 - i), ProductID: 3 + i%4,
			Key: fmt.Sprintf("ABCDE-FGHIJ-KLMNO-%05d", i%300), IP: fmt.Sprintf("85.230.%d.0", i%200),
			Time: time.Unix(1790000000-int64(i)*60, 0), State: StateFloatingActivation,
			MachineCode: fmt.Sprintf("%064x", i%500), FriendlyName: fmt.Sprintf("laptop-%d@example.com", i%500),
			FloatingExpires: time.Unix(1790000600-int64(i)*60, 0)}
	}
	body, err := json.Marshal(map[string]any{"logs": rows, "result": 0, "message": nil})
	if err != nil {
		b.Fatal(err)
	}
	return body
}

// BenchmarkDecodeWebAPILogPage measures the client's page decoding alone.
func BenchmarkDecodeWebAPILogPage(b *testing.B) {
	body := benchPage(b)
	for _, fill := range []struct {
		name string
		fill func(*[maxFields]int64, *[maxFields]string) WebAPILog
	}{{"scanner", webAPILogFrom}, {"schema", WebAPILogSchema.build}} {
		// scanner is the client's decoder (the generated fill); schema
		// fills records through the schema's accessors instead.
		b.Run(fill.name, func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			var rows []WebAPILog
			in := newInterner()
			for b.Loop() {
				if _, err := decodeEnvelope(body, "logs", rowsDecoder(&webAPILogSchema, fill.fill, &rows), in); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(rows)*b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
	b.Run("reflective", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			var env struct {
				Logs []json.RawMessage `json:"logs"`
			}
			if err := json.Unmarshal(body, &env); err != nil {
				b.Fatal(err)
			}
			rows := make([]WebAPILog, len(env.Logs))
			for i, raw := range env.Logs {
				if err := refWebAPILog.decode(raw, &rows[i]); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(1000*b.N)/b.Elapsed().Seconds(), "rows/s")
	})
}
