package emulator_test

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"testing"
	"time"

	"github.com/lensbook/lensbook/internal/emulator"
	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// A hand-made dataset whose rows are not in id order and whose times jump
// back and forth takes the server's slow paths; the answers must be the
// same as for the generated logs.
func TestHandMadeDatasetWithUnorderedTimes(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(1, 2))
	base := time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
	d := &emulator.Dataset{Products: []emulator.Product{{ID: 1, Name: "P"}}}
	for i := range 500 {
		d.WebAPILog = append(d.WebAPILog, cryptolens.WebAPILog{
			ID: int64(1000 - i), ProductID: 1 + i%2, Key: fmt.Sprintf("KEY%02d", i%7),
			Time:  base.Add(time.Duration(rng.IntN(5000)) * time.Second),
			State: []cryptolens.State{2010, 2011, 2020}[i%3], MachineCode: "m" + strconv.Itoa(i%5),
		})
	}
	h := newHarness(t, d)
	mid := int64(750)
	from := base.Add(1000 * time.Second).Unix()
	tests := []struct {
		pairs []string
		want  logQuery
	}{
		{[]string{"OrderBy", "Time", "Limit", "100"}, logQuery{byTime: true, limit: 100}},
		{[]string{"OrderBy", "Time descending", "Limit", "1000"}, logQuery{byTime: true, desc: true, limit: 1000}},
		{[]string{"OrderBy", "Time descending", "EndingBefore", "750", "StartingAfter", "600"},
			logQuery{byTime: true, desc: true, before: mid, after: 600, limit: 10}},
		{[]string{"Time", fmt.Sprintf(`{"gte":%d}`, from), "Limit", "1000"},
			logQuery{keep: func(r cryptolens.WebAPILog) bool { return r.Time.Unix() >= from }, limit: 1000}},
		{[]string{"Time", fmt.Sprintf(`{"lt":%d}`, from), "EndingBefore", "900", "ProductId", "2", "Key", "KEY03"},
			logQuery{keep: func(r cryptolens.WebAPILog) bool {
				return r.Time.Unix() < from && r.ProductID == 2 && r.Key == "KEY03"
			}, before: 900, desc: true, limit: 10}},
		{[]string{"EndingBefore", "750", "Limit", "20"}, logQuery{before: mid, desc: true, limit: 20}},
	}
	for i, tc := range tests {
		t.Run(strconv.Itoa(i), func(t *testing.T) {
			checkRows(t, wantLogs(d, tc.want), h.call(t, "GetWebAPILog", tc.pairs...).env.Logs)
		})
	}
	// An empty dataset answers empty pages.
	empty := newHarness(t, &emulator.Dataset{})
	for _, m := range []string{"GetWebAPILog", "GetEvents", "GetObjectLog"} {
		a := empty.call(t, m, "Limit", "5")
		if a.result() != 0 || (m == "GetWebAPILog" && a.env.Logs == nil) || (m != "GetWebAPILog" && string(a.env.Events) != "[]") {
			t.Errorf("%s on an empty dataset: %s", m, a.body)
		}
	}
	if a := empty.call(t, "RegisterEvent", "FeatureName", "F"); a.result() != 0 || empty.server.Events()[0].ID != 5001 {
		t.Errorf("registering into an empty dataset: %s, %+v", a.body, empty.server.Events())
	}
}
