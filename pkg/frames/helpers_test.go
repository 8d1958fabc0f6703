package frames_test

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/go-gota/gota/dataframe"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/lensbook/lensbook/internal/emulator"
	"github.com/lensbook/lensbook/pkg/analysis"
	"github.com/lensbook/lensbook/pkg/cryptolens"
	"github.com/lensbook/lensbook/pkg/frames"
	"github.com/lensbook/lensbook/pkg/report"
)

// at is a time on 2026-10-d at hour h, UTC.
func at(d, h int) time.Time { return time.Date(2026, 10, d, h, 0, 0, 0, time.UTC) }

// small is a hand-made Web API Log frame with every derived column.
func small() dataframe.DataFrame {
	return report.NewWebAPILogFrame([]cryptolens.WebAPILog{
		{ID: 1, ProductID: 3, Key: "AAAA", Time: at(1, 9), State: 1010, MachineCode: "m1"},
		{ID: 2, ProductID: 3, Key: "BBBB", Time: at(1, 10), State: 2024, MachineCode: "m2"},
		{ID: 3, ProductID: 3, Key: "AAAA", Time: at(3, 11), State: 2010, MachineCode: "m1"},
		{ID: 4, ProductID: 4, Key: "", Time: at(3, 12), State: 3010},
		{ID: 5, ProductID: 4, Key: "CCCC", Time: at(5, 13), State: 1010, MachineCode: "m3"},
		{ID: 6, ProductID: 3, Key: "AAAA", Time: at(5, 14), State: 1020, MachineCode: "m4"},
		{ID: 7, ProductID: 3, Key: "BBBB", Time: at(6, 15), State: 5035},
	})
}

// records is df's rows as text, header first, or its error.
func records(t *testing.T, df dataframe.DataFrame) [][]string {
	t.Helper()
	if df.Err != nil {
		t.Fatalf("frame error: %v", df.Err)
	}
	return df.Records()
}

func TestCountByCountsSharesAndRanks(t *testing.T) {
	got := records(t, frames.CountBy(small(), "key"))
	want := [][]string{{"key", "count", "share"},
		{"AAAA", "3", "0.428571"}, {"BBBB", "2", "0.285714"}, {"", "1", "0.142857"}, {"CCCC", "1", "0.142857"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("CountBy key (-want +got):\n%s", diff)
	}
	got = records(t, frames.CountBy(small(), "productId", "outcome"))
	want = [][]string{{"productId", "outcome", "count", "share"},
		{"3", "Failure", "2", "0.285714"}, {"3", "Success", "2", "0.285714"}, {"4", "Success", "2", "0.285714"},
		{"3", "Other", "1", "0.142857"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("CountBy productId, outcome (-want +got):\n%s", diff)
	}
	if types := frames.CountBy(small(), "productId").Types(); types[0] != "int" {
		t.Errorf("an int key column comes back as %s", types[0])
	}
	got = records(t, frames.CountBy(frames.Where(small(), frames.Key("none")), "key"))
	if diff := cmp.Diff([][]string{{"key", "count", "share"}}, got); diff != "" {
		t.Errorf("CountBy of no rows (-want +got):\n%s", diff)
	}
	got = records(t, frames.CountBy(small()))
	if diff := cmp.Diff([][]string{{"count", "share"}, {"7", "1.000000"}}, got); diff != "" {
		t.Errorf("CountBy with no columns (-want +got):\n%s", diff)
	}
	err := frames.CountBy(small(), "kye").Err
	if err == nil || !strings.Contains(err.Error(), `no column "kye"`) || !strings.Contains(err.Error(), "key, ip") {
		t.Errorf("CountBy on a missing column: %v", err)
	}
	// Errors travel through nested calls.
	if err := frames.Top(frames.CountBy(frames.Where(small(), frames.Eq("nope", 1)), "key"), 2, "rest").Err; err == nil || !strings.Contains(err.Error(), `"nope"`) {
		t.Errorf("nested error: %v", err)
	}
}

func TestTopSumsTheRest(t *testing.T) {
	got := records(t, frames.Top(frames.CountBy(small(), "key"), 2, "%d other keys"))
	want := [][]string{{"key", "count", "share"},
		{"AAAA", "3", "0.428571"}, {"BBBB", "2", "0.285714"}, {"2 other keys", "2", "0.285714"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Top (-want +got):\n%s", diff)
	}
	counts := frames.CountBy(small(), "key")
	if got := frames.Top(counts, 4, "rest"); got.Nrow() != 4 {
		t.Errorf("Top of 4 rows to 4: %d rows", got.Nrow())
	}
}

func TestSummarizeAggregates(t *testing.T) {
	df := frames.Summarize(small(), []string{frames.ColProductID},
		frames.Count("requests"), frames.CountWhere("failed", frames.Failed()),
		frames.Distinct(frames.ColMachineCode, "machines"), frames.Sum(frames.ColState, "stateSum"),
		frames.Min(frames.ColTime, "first"), frames.Max(frames.ColID, "lastId"), frames.Mean(frames.ColID, "meanId"))
	got := records(t, df)
	want := [][]string{{"productId", "requests", "failed", "machines", "stateSum", "first", "lastId", "meanId"},
		{"3", "5", "2", "3", "11099", "2026-10-01T09:00:00Z", "7", "3.800000"},
		{"4", "2", "0", "1", "4020", "2026-10-03T12:00:00Z", "5", "4.500000"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Summarize (-want +got):\n%s", diff)
	}
	got = records(t, frames.Ratio(frames.Summarize(small(), nil, frames.Count("n"), frames.CountWhere("failed", frames.Failed())), "failed", "n", "rate"))
	if diff := cmp.Diff([][]string{{"n", "failed", "rate"}, {"7", "2", "0.285714"}}, got); diff != "" {
		t.Errorf("Summarize with no by, Ratio (-want +got):\n%s", diff)
	}
	if err := frames.Summarize(small(), []string{"key"}, frames.Sum(frames.ColKey, "x")).Err; err == nil || !strings.Contains(err.Error(), "want int or float") {
		t.Errorf("Sum of a text column: %v", err)
	}
}

func TestWithTotalAndRatio(t *testing.T) {
	df := frames.Ratio(frames.Summarize(small(), []string{"method"}, frames.Count("requests"),
		frames.CountWhere("failed", frames.Failed())), "failed", "requests", "rate")
	got := records(t, frames.WithTotal(df, "Total", "rate"))
	want := [][]string{{"method", "requests", "failed", "rate"},
		{"activation", "2", "1", "0.500000"}, {"key creation", "1", "0", "0.000000"},
		{"no request", "1", "0", "0.000000"}, {"validation", "3", "1", "0.333333"}, {"Total", "7", "2", "NaN"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("WithTotal (-want +got):\n%s", diff)
	}
	zero := frames.Ratio(frames.Where(df, frames.Method("key creation")), "failed", "failed", "r")
	if v := zero.Col("r").Float()[0]; !math.IsNaN(v) {
		t.Errorf("0/0 = %v, want NaN", v)
	}
}

func TestWhereConditions(t *testing.T) {
	ids := func(df dataframe.DataFrame) []int {
		t.Helper()
		if df.Err != nil {
			t.Fatal(df.Err)
		}
		v, _ := df.Col("id").Int()
		return v
	}
	tests := []struct {
		name  string
		conds []frames.Cond
		want  []int
	}{
		{"none", nil, []int{1, 2, 3, 4, 5, 6, 7}},
		{"failed", []frames.Cond{frames.Failed()}, []int{2, 6}},
		{"succeeded", []frames.Cond{frames.Succeeded()}, []int{1, 3, 4, 5}},
		{"other", []frames.Cond{frames.OutcomeIn(frames.OutcomeOther)}, []int{7}},
		{"method", []frames.Cond{frames.Method("validation", "key creation")}, []int{1, 4, 5, 6}},
		{"state", []frames.Cond{frames.State(cryptolens.StateSeatLimitReached, 3010)}, []int{2, 4}},
		{"product 0", []frames.Cond{frames.Product(0)}, []int{1, 2, 3, 4, 5, 6, 7}},
		{"product 4", []frames.Cond{frames.Product(4)}, []int{4, 5}},
		{"key", []frames.Cond{frames.Key("AAAA", "CCCC")}, []int{1, 3, 5, 6}},
		{"has key", []frames.Cond{frames.HasKey()}, []int{1, 2, 3, 5, 6, 7}},
		{"has machine", []frames.Cond{frames.HasMachine()}, []int{1, 2, 3, 5, 6}},
		{"licensing", []frames.Cond{frames.Licensing()}, []int{1, 2, 3, 5, 6, 7}},
		{"and", []frames.Cond{frames.Key("AAAA"), frames.Succeeded()}, []int{1, 3}},
		{"or", []frames.Cond{frames.Or(frames.Key("CCCC"), frames.Failed())}, []int{2, 5, 6}},
		{"not", []frames.Cond{frames.Not(frames.HasKey())}, []int{4}},
		{"eq int64", []frames.Cond{frames.Eq("id", int64(3))}, []int{3}},
		{"in none", []frames.Cond{frames.In("key")}, []int{}},
		{"during", []frames.Cond{frames.During(cryptolens.Window{Since: at(3, 11), Until: at(5, 13)})}, []int{3, 4}},
		{"during open", []frames.Cond{frames.During(cryptolens.Window{Since: at(5, 13)})}, []int{5, 6, 7}},
	}
	for _, tt := range tests {
		got := ids(frames.Where(small(), tt.conds...))
		if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
	for _, bad := range []struct {
		cond frames.Cond
		want string
	}{
		{frames.Eq("state", "1010"), `column "state" holds numbers (int); the value "1010" is a string`},
		{frames.Eq("key", 3), `column "key" holds text; the value 3 is a int`},
		{frames.Eq("licensing", "true"), `column "licensing" holds bools`},
		{frames.In("keys", "A"), `no column "keys"`},
		{frames.Cond{}, "the zero Cond"},
	} {
		err := frames.Where(small(), bad.cond).Err
		if err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("Where(%s) error %v, want one containing %q", bad.cond, err, bad.want)
		}
	}
}

func TestPerDayHasEveryDayAndSplitsByColumn(t *testing.T) {
	w := cryptolens.Window{Since: at(1, 0), Until: at(7, 0)}
	got := records(t, frames.PerDay(small(), w))
	want := [][]string{{"day", "count"}, {"2026-10-01", "2"}, {"2026-10-02", "0"}, {"2026-10-03", "2"},
		{"2026-10-04", "0"}, {"2026-10-05", "2"}, {"2026-10-06", "1"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("PerDay (-want +got):\n%s", diff)
	}
	// A live window: it starts and ends inside a day; rows before its
	// start (a look-back) do not count.
	live := cryptolens.Window{Since: at(1, 10), Until: at(5, 14)}
	got = records(t, frames.PerDay(small(), live, "outcome"))
	want = [][]string{{"day", "Success", "Failure", "total"}, {"2026-10-01", "0", "1", "1"}, {"2026-10-02", "0", "0", "0"},
		{"2026-10-03", "2", "0", "2"}, {"2026-10-04", "0", "0", "0"}, {"2026-10-05", "1", "0", "1"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("PerDay by outcome over a live window (-want +got):\n%s", diff)
	}
	got = records(t, frames.PerDay(small(), w, "key"))
	if diff := cmp.Diff([]string{"day", "AAAA", "BBBB", "(none)", "CCCC", "total"}, got[0]); diff != "" {
		t.Errorf("PerDay by key columns (-want +got):\n%s", diff)
	}
	got = records(t, frames.PerWeek(small(), cryptolens.Window{Since: at(1, 0), Until: at(8, 0)}, "productId"))
	want = [][]string{{"week", "3", "4", "total"}, {"2026-09-28", "3", "1", "4"}, {"2026-10-05", "2", "1", "3"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("PerWeek (-want +got):\n%s", diff)
	}
	if got := frames.WeekOf(time.Date(2026, 10, 4, 23, 0, 0, 0, time.UTC)); got != "2026-09-28" {
		t.Errorf("WeekOf(Sunday 4 Oct 2026) = %s", got)
	}
}

func TestTrailingWithLookBackMatchesTheReport(t *testing.T) {
	ds := emulator.Generate(emulator.Config{Seed: 5, Days: 40})
	w := cryptolens.Window{Since: emulator.DemoEnd.AddDate(0, 0, -30), Until: emulator.DemoEnd}
	web := report.NewWebAPILogFrame(ds.WebAPILog)
	daily := frames.Trailing(frames.PerDay(web, frames.LookBack(w, 6), "outcome"), frames.ColTotal, 7)
	daily = frames.Where(daily, frames.During(w))
	if daily.Err != nil {
		t.Fatal(daily.Err)
	}
	truth := analysis.RequestsPerDay(ds.WebAPILog, w)
	if daily.Nrow() != len(truth) || len(truth) != 30 {
		t.Fatalf("%d days, the report %d", daily.Nrow(), len(truth))
	}
	days := daily.Col("day").Records()
	succ, _ := daily.Col("Success").Int()
	fail, _ := daily.Col("Failure").Int()
	total, _ := daily.Col("total").Int()
	avg := daily.Col(frames.TrailingColumn("total", 7)).Float()
	for i, d := range truth {
		if days[i] != d.Day.Format(time.DateOnly) || succ[i] != d.Succeeded || fail[i] != d.Failed || total[i] != d.Total {
			t.Errorf("day %d: %s %d/%d/%d, the report %s %d/%d/%d", i, days[i], succ[i], fail[i], total[i],
				d.Day.Format(time.DateOnly), d.Succeeded, d.Failed, d.Total)
		}
		if math.Abs(avg[i]-d.Trailing7) > 1e-9 {
			t.Errorf("%s: 7-day average %v, the report %v", days[i], avg[i], d.Trailing7)
		}
	}
}

func TestMoreHelpers(t *testing.T) {
	counts := frames.CountBy(small(), "key")
	got := records(t, frames.WithTotal(frames.Rank(frames.Top(counts, 2, ""), "rank"), "Total", "rank"))
	want := [][]string{{"rank", "key", "count", "share"}, {"1", "AAAA", "3", "0.428571"}, {"2", "BBBB", "2", "0.285714"},
		{"NaN", "Total", "5", "0.714286"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Rank, Top without rest, WithTotal (-want +got):\n%s", diff)
	}
	got = records(t, frames.Share(frames.Where(counts, frames.HasKey()), "count", "of keyed"))
	if diff := cmp.Diff([]string{"AAAA", "3", "0.428571", "0.500000"}, got[1]); diff != "" {
		t.Errorf("Share (-want +got):\n%s", diff)
	}
	if v := frames.SumOf(counts, "count", frames.HasKey()); v != 6 {
		t.Errorf("SumOf count with a key = %v, want 6", v)
	}
	if v := frames.SumOf(counts, "cuont"); !math.IsNaN(v) {
		t.Errorf("SumOf a missing column = %v, want NaN", v)
	}
	got = records(t, frames.Label(frames.Where(small(), frames.Key("CCCC")), "label", "%d %s (%s)", "state", "method", "outcome").Select([]string{"label"}))
	if diff := cmp.Diff([][]string{{"label"}, {"1010 validation (Success)"}}, got); diff != "" {
		t.Errorf("Label (-want +got):\n%s", diff)
	}
	for _, tt := range []struct {
		cond frames.Cond
		want int
	}{
		{frames.Lt("id", 3), 2}, {frames.Le("id", 3), 3}, {frames.Gt("id", 6.5), 1}, {frames.Ge("id", 7), 1},
		{frames.Lt(frames.ColTime, at(3, 11)), 2}, {frames.Ge(frames.ColTime, at(3, 11)), 5},
	} {
		if n := frames.Where(small(), tt.cond).Nrow(); n != tt.want {
			t.Errorf("Where(%s): %d rows, want %d", tt.cond, n, tt.want)
		}
	}
	if err := frames.Where(small(), frames.Lt("key", 3)).Err; err == nil || !strings.Contains(err.Error(), "holds text") {
		t.Errorf("Lt on text with a number: %v", err)
	}
}

func TestSumAndDistinctPerDay(t *testing.T) {
	w := cryptolens.Window{Since: at(1, 0), Until: at(4, 0)}
	got := records(t, frames.DistinctPerDay(small(), w, frames.ColKey, frames.ColOutcome))
	want := [][]string{{"day", "Success", "Failure", "total"}, {"2026-10-01", "1", "1", "2"}, {"2026-10-02", "0", "0", "0"},
		{"2026-10-03", "1", "0", "1"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("DistinctPerDay by outcome (-want +got):\n%s", diff)
	}
	got = records(t, frames.SumPerDay(small(), w, frames.ColState))
	want = [][]string{{"day", "state"}, {"2026-10-01", "3034"}, {"2026-10-02", "0"}, {"2026-10-03", "5020"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("SumPerDay (-want +got):\n%s", diff)
	}
	got = records(t, frames.DistinctPerWeek(small(), cryptolens.Window{Since: at(1, 0), Until: at(8, 0)}, frames.ColMachineCode))
	want = [][]string{{"week", "machineCode"}, {"2026-09-28", "2"}, {"2026-10-05", "2"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("DistinctPerWeek (-want +got):\n%s", diff)
	}
	if err := frames.SumPerWeek(small(), w, frames.ColKey).Err; err == nil || !strings.Contains(err.Error(), "want int or float") {
		t.Errorf("SumPerWeek of text: %v", err)
	}
}

func TestSummarizeOrdersOutcomes(t *testing.T) {
	got := records(t, frames.Summarize(small(), []string{frames.ColOutcome}, frames.Count("all"), frames.CountWhere("licensing", frames.Licensing())))
	want := [][]string{{"outcome", "all", "licensing"}, {"Success", "4", "3"}, {"Failure", "2", "2"}, {"Other", "1", "1"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Summarize by outcome (-want +got):\n%s", diff)
	}
}
