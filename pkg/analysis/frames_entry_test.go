package analysis_test

import (
	"math"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-gota/gota/dataframe"
	"github.com/lensbook/lensbook/internal/emulator"
	"github.com/lensbook/lensbook/pkg/analysis"
	"github.com/lensbook/lensbook/pkg/cryptolens"
	"github.com/lensbook/lensbook/pkg/frames"
)

// The DataFrame entry points read the log frames of pkg/frames: their
// results must equal the typed functions' on the demo's data, and the
// report rules of each must hold on rows made for them.

var demo = sync.OnceValue(func() *emulator.Dataset { return emulator.Generate(emulator.Config{Seed: 7, Days: 40}) })

// demoWindow is the last 30 days of the demo data.
func demoWindow() cryptolens.Window {
	end := demo().Config.End
	return cryptolens.Window{Since: end.AddDate(0, 0, -30), Until: end}
}

func texts(t *testing.T, df dataframe.DataFrame, col string) []string {
	t.Helper()
	if df.Err != nil {
		t.Fatal(df.Err)
	}
	return df.Col(col).Records()
}

func ints(t *testing.T, df dataframe.DataFrame, col string) []int {
	t.Helper()
	if df.Err != nil {
		t.Fatal(df.Err)
	}
	v, err := df.Col(col).Int()
	if err != nil {
		t.Fatalf("column %s: %v", col, err)
	}
	return v
}

func floats(t *testing.T, df dataframe.DataFrame, col string) []float64 {
	t.Helper()
	if df.Err != nil {
		t.Fatal(df.Err)
	}
	return df.Col(col).Float()
}

// figure returns the value of one figure of a Figures frame.
func figure(t *testing.T, df dataframe.DataFrame, name string) int {
	t.Helper()
	names, values := texts(t, df, analysis.ColFigure), ints(t, df, analysis.ColValue)
	for i, n := range names {
		if n == name {
			return values[i]
		}
	}
	t.Fatalf("no figure %q in %v", name, names)
	return 0
}

func TestFrameColumnsAreThoseOfPkgFrames(t *testing.T) {
	for _, c := range []struct{ ours, theirs string }{
		{analysis.ColDay, frames.ColDay}, {analysis.ColKey, frames.ColKey},
		{analysis.ColTime, frames.ColTime}, {analysis.ColFriendlyName, frames.ColFriendlyName},
		{analysis.ColCurrency, frames.ColCurrency},
	} {
		if c.ours != c.theirs {
			t.Errorf("analysis column %q, frames column %q", c.ours, c.theirs)
		}
	}
}

func TestEntryPointsNameAMissingColumn(t *testing.T) {
	df := frames.WebAPILog(demo().WebAPILog[:10]).Drop(frames.ColState)
	_, err := analysis.FloatingLicenseReport(df, analysis.FloatingParams{Window: demoWindow(), AsOf: demo().Config.End})
	if err == nil || !strings.Contains(err.Error(), `no column "state"`) || !strings.Contains(err.Error(), "Web API Log") {
		t.Errorf("error %v, want one naming the missing state column and the Web API Log frame", err)
	}
	if _, err := analysis.Revenue(frames.WebAPILog(demo().WebAPILog[:10]), demoWindow()); err == nil || !strings.Contains(err.Error(), "Events Log") {
		t.Errorf("Revenue of a Web API Log frame: %v, want an error naming the Events Log frame", err)
	}
	bad := frames.Events(demo().Events[:3])
	bad.Err = errTest
	if _, err := analysis.FeatureUsageReport(bad, demoWindow(), 5); err == nil || !strings.Contains(err.Error(), "carries an error") {
		t.Errorf("a frame with an error: %v", err)
	}
}

var errTest = errorString("broken")

type errorString string

func (e errorString) Error() string { return string(e) }

func TestFloatingLicenseReportOnTheDemo(t *testing.T) {
	d, w := demo(), demoWindow()
	asOf := w.Until
	look := cryptolens.Window{Since: w.Since.AddDate(0, 0, -1), Until: w.Until}
	var rows []cryptolens.WebAPILog
	for _, r := range d.WebAPILog {
		if look.Contains(r.Time) {
			rows = append(rows, r)
		}
	}
	rep, err := analysis.FloatingLicenseReport(frames.WebAPILog(rows), analysis.FloatingParams{Window: w, AsOf: asOf, TimelineRows: 40})
	if err != nil {
		t.Fatal(err)
	}
	product, key, ok := analysis.DefaultAuditKey(rows, w)
	if !ok || rep.Key != key || rep.ProductID != product {
		t.Fatalf("audited %s/%d, want %s/%d", rep.Key, rep.ProductID, key, product)
	}
	if k := texts(t, rep.Audited, analysis.ColKey); len(k) != 1 || k[0] != key || ints(t, rep.Audited, analysis.ColSeatLimit)[0] != rep.SeatLimit {
		t.Errorf("audited key row %v", rep.Audited)
	}
	if !rep.LimitEstimated || rep.SeatLimit <= 0 {
		t.Errorf("seat limit %d estimated %v, want an estimate above 0", rep.SeatLimit, rep.LimitEstimated)
	}
	want := analysis.AuditFloatingLicense(analysis.KeyRows(rows, product, key), rep.SeatLimit, w, asOf)
	if !reflect.DeepEqual(rep.Audit, want) {
		t.Error("the report's audit differs from AuditFloatingLicense's")
	}
	s := want.Summary
	for name, v := range map[string]int{
		analysis.FigureActivations: s.Activations, analysis.FigureVerifications: s.Verifications,
		analysis.FigureReleases: s.Deactivations - s.ExpiryDeactivations, analysis.FigureExpiries: s.ExpiryDeactivations,
		analysis.FigureOverdrafts: s.Overdrafts, analysis.FigureLimitReached: s.DeviceLimitReached,
		analysis.FigureSeatLimit: rep.SeatLimit,
	} {
		if got := figure(t, rep.Figures, name); got != v {
			t.Errorf("%s = %d, want %d", name, got, v)
		}
	}
	if s.DeviceLimitReached == 0 {
		t.Error("the default key has no seat-limit refusal")
	}
	if n := rep.Timeline.Nrow(); n != min(40, len(want.Activities)) || rep.Activities != len(want.Activities) {
		t.Errorf("timeline %d rows of %d activities, want the latest 40 of %d", n, rep.Activities, len(want.Activities))
	}
	if days := rep.FreeSeatsPerDay.Nrow(); days != 30 {
		t.Errorf("%d days of free seats, want 30", days)
	}
	// The steps hold the seats held, never over the limit of an estimate,
	// and end at the window's end.
	held, limits, times := ints(t, rep.SeatSteps, analysis.ColSeatsHeld), ints(t, rep.SeatSteps, analysis.ColSeatLimit), texts(t, rep.SeatSteps, analysis.ColTime)
	most := 0
	for i := range held {
		most = max(most, held[i])
		if limits[i] != rep.SeatLimit {
			t.Fatalf("step %d: limit %d, want %d", i, limits[i], rep.SeatLimit)
		}
	}
	if most != rep.SeatLimit {
		t.Errorf("most seats held %d, estimated limit %d", most, rep.SeatLimit)
	}
	if times[0] != w.Since.Format(time.RFC3339) || times[len(times)-1] != w.Until.Format(time.RFC3339) {
		t.Errorf("steps from %s to %s, want the window", times[0], times[len(times)-1])
	}
}

// floatingRow is a floating activation (2014), release (6011) or refusal
// (2024) of key K on machine mc.
func floatingRow(id int64, t time.Time, state cryptolens.State, mc string, expires time.Time) cryptolens.WebAPILog {
	return cryptolens.WebAPILog{ID: id, ProductID: 3, Key: "K", Time: t, State: state, MachineCode: mc, FloatingExpires: expires}
}

func TestFloatingLicenseReportStepsAndDailyMinimum(t *testing.T) {
	day := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	h := func(hours float64) time.Time { return day.Add(time.Duration(hours * float64(time.Hour))) }
	w := cryptolens.Window{Since: day, Until: day.AddDate(0, 0, 2)}
	rows := []cryptolens.WebAPILog{
		floatingRow(1, h(-1), 2014, "A", h(1)),  // held across the window's start
		floatingRow(2, h(0.5), 2014, "B", h(3)), // two seats held
		floatingRow(3, h(0.75), 2024, "C", time.Time{}),
		floatingRow(4, h(2), 6011, "B", time.Time{}), // A lapsed at 1:00; B released
		floatingRow(5, h(30), 2014, "A", h(31)),      // day 2: one seat, lapses at 31:00
	}
	rep, err := analysis.FloatingLicenseReport(frames.WebAPILog(rows), analysis.FloatingParams{MaxMachines: 2, Window: w, AsOf: w.Until})
	if err != nil {
		t.Fatal(err)
	}
	if rep.LimitEstimated || rep.SeatLimit != 2 || rep.Key != "K" {
		t.Fatalf("limit %d estimated %v key %q", rep.SeatLimit, rep.LimitEstimated, rep.Key)
	}
	wantSteps := map[string]int{ // time -> seats held
		"2026-10-01T00:00:00Z": 1, "2026-10-01T00:30:00Z": 2, "2026-10-01T00:45:00Z": 2,
		"2026-10-01T01:00:00Z": 1, "2026-10-01T02:00:00Z": 0, "2026-10-02T06:00:00Z": 1,
		"2026-10-02T07:00:00Z": 0, "2026-10-03T00:00:00Z": 0,
	}
	times, held := texts(t, rep.SeatSteps, analysis.ColTime), ints(t, rep.SeatSteps, analysis.ColSeatsHeld)
	got := map[string]int{}
	for i := range times {
		got[times[i]] = held[i]
	}
	if !reflect.DeepEqual(got, wantSteps) {
		t.Errorf("steps %v, want %v", got, wantSteps)
	}
	if f, e := ints(t, rep.FreeSeatsPerDay, analysis.ColFewestFree), ints(t, rep.FreeSeatsPerDay, analysis.ColFreeAtEnd); !reflect.DeepEqual(f, []int{0, 1}) || !reflect.DeepEqual(e, []int{2, 2}) {
		t.Errorf("fewest free %v and free at the day's end %v, want [0 1] and [2 2]", f, e)
	}
	// Only the window's activities count; A's lapse at 1:00 is an expiry.
	for name, v := range map[string]int{analysis.FigureActivations: 2, analysis.FigureVerifications: 0,
		analysis.FigureReleases: 1, analysis.FigureExpiries: 2, analysis.FigureLimitReached: 1} {
		if got := figure(t, rep.Figures, name); got != v {
			t.Errorf("%s = %d, want %d", name, got, v)
		}
	}
	if actions := texts(t, rep.Timeline, analysis.ColAction); !reflect.DeepEqual(actions,
		[]string{"Activation", "Seat limit reached", "Expiry", "Deactivation", "Activation", "Expiry"}) {
		t.Errorf("timeline %v", actions)
	}
	if !strings.Contains(rep.Describe(), "2 seats (MaxNoOfMachines)") {
		t.Errorf("Describe: %s", rep.Describe())
	}
}

func TestFloatingLicenseReportWithNothingToAudit(t *testing.T) {
	w := demoWindow()
	rep, err := analysis.FloatingLicenseReport(frames.WebAPILog(nil), analysis.FloatingParams{Window: w, AsOf: w.Until})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Key != "" || rep.Timeline.Nrow() != 0 || rep.SeatSteps.Nrow() != 0 || rep.Figures.Nrow() != 0 || rep.FreeSeatsPerDay.Nrow() != 0 {
		t.Errorf("an empty log audited %q with %d, %d, %d rows", rep.Key, rep.Timeline.Nrow(), rep.SeatSteps.Nrow(), rep.Figures.Nrow())
	}
	if !strings.Contains(rep.Describe(), "nothing to audit") {
		t.Errorf("Describe: %s", rep.Describe())
	}
	rep, err = analysis.FloatingLicenseReport(frames.WebAPILog(demo().WebAPILog[:100]), analysis.FloatingParams{Key: "NO-SUCH-KEY", Window: w, AsOf: w.Until})
	if err != nil || rep.Key != "" || !strings.Contains(rep.Describe(), "of key NO-SUCH-KEY in the window: nothing to audit") {
		t.Errorf("an unknown key: %q, %v", rep.Describe(), err)
	}
}

func TestTeamAuditOnTheDemo(t *testing.T) {
	d, w := demo(), demoWindow()
	rep, err := analysis.TeamAudit(frames.ObjectLog(d.ObjectLog), w, 25)
	if err != nil {
		t.Fatal(err)
	}
	// Ground truth: the plainest count of the window's entries.
	want := map[string]int{}
	performers, resources := map[string]bool{}, map[[2]int]bool{}
	for _, e := range d.ObjectLog {
		if !w.Contains(e.Created) {
			continue
		}
		want[analysis.FigureChanges]++
		switch e.ResourceAction {
		case cryptolens.ActionAdded:
			want[analysis.FigureAdded]++
		case cryptolens.ActionUpdated:
			want[analysis.FigureUpdated]++
		case cryptolens.ActionDeleted:
			want[analysis.FigureDeleted]++
		}
		performers[e.PerformedByUserID] = true
		resources[[2]int{int(e.ResourceType), int(e.ResourceAction)}] = true
	}
	want[analysis.FigureTeamMembers] = len(performers)
	for name, v := range want {
		if got := figure(t, rep.Figures, name); got != v {
			t.Errorf("%s = %d, ground truth %d", name, got, v)
		}
	}
	if rep.Changes != want[analysis.FigureChanges] || rep.TeamMembers != len(performers) {
		t.Errorf("%d changes by %d members", rep.Changes, rep.TeamMembers)
	}
	if rep.ByPerformer.Nrow() != len(performers) || rep.ByResource.Nrow() != len(resources) {
		t.Errorf("%d performers and %d resources, ground truth %d and %d", rep.ByPerformer.Nrow(), rep.ByResource.Nrow(), len(performers), len(resources))
	}
	if n := sumInts(ints(t, rep.WhoChangedWhat, analysis.ColChanges)); n != want[analysis.FigureChanges] {
		t.Errorf("who changed what sums to %d, want %d", n, want[analysis.FigureChanges])
	}
	if n := sumInts(ints(t, rep.PerDay, analysis.ColAdded)); rep.PerDay.Nrow() != 30 || n != want[analysis.FigureAdded] {
		t.Errorf("per day: %d days, %d added", rep.PerDay.Nrow(), n)
	}
	if rep.Latest.Nrow() != 25 {
		t.Errorf("%d latest changes, want 25", rep.Latest.Nrow())
	}
	if shares := floats(t, rep.ByPerformer, analysis.ColShare); math.Abs(sumFloats(shares)-1) > 1e-9 {
		t.Errorf("shares add up to %v", sumFloats(shares))
	}
}

func TestRevenueByCurrencyRoundsTheMeanAndKeepsCurrenciesApart(t *testing.T) {
	day := time.Date(2026, 10, 1, 12, 0, 0, 0, time.UTC)
	w := cryptolens.Window{Since: day.Add(-12 * time.Hour), Until: day.AddDate(0, 0, 2).Add(-12 * time.Hour)}
	purchase := func(id int64, t time.Time, cur string, cents int64, feature string) cryptolens.Event {
		return cryptolens.Event{ID: id, Time: t, EventName: "purchase", Currency: cur, Value: cents, FeatureName: feature}
	}
	events := []cryptolens.Event{
		purchase(1, day, "eur", 1000, "Credits"),
		purchase(2, day, "EUR", 1001, "Upgrade"),
		purchase(3, day, "EUR", 1001, "Upgrade"), // 3002 / 3 = 1000.67: the mean is 10.01 EUR, not 10.00
		purchase(4, day.AddDate(0, 0, 1), "SEK", 5000, "ExtraSeat"),
		{ID: 5, Time: day, EventName: "click", FeatureName: "Export", Value: 99999, Currency: "EUR"},
	}
	rep, err := analysis.Revenue(frames.Events(events), w)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(rep.Currencies, []string{"EUR", "SEK"}) {
		t.Fatalf("currencies %v", rep.Currencies)
	}
	if got := ints(t, rep.ByCurrency, analysis.ColMeanPurchase); !reflect.DeepEqual(got, []int{1001, 5000}) {
		t.Errorf("mean purchases %v, want [1001 5000] cents", got)
	}
	if got := ints(t, rep.ByCurrency, analysis.ColRevenue); !reflect.DeepEqual(got, []int{3002, 5000}) {
		t.Errorf("revenue %v, want [3002 5000] cents", got)
	}
	eur := rep.PerDayIn("EUR")
	if names := eur.Names(); !reflect.DeepEqual(names, []string{analysis.ColDay, analysis.ColPurchases, analysis.ColRevenue}) {
		t.Errorf("one currency's columns %v", names)
	}
	if got := ints(t, eur, analysis.ColRevenue); !reflect.DeepEqual(got, []int{3002, 0}) {
		t.Errorf("EUR per day %v", got)
	}
	if got := texts(t, rep.FeaturesIn("EUR"), analysis.ColFeature); !reflect.DeepEqual(got, []string{"Upgrade", "Credits"}) {
		t.Errorf("EUR features %v", got)
	}
	if got := rep.PerDayIn("USD"); got.Err != nil || got.Nrow() != 0 {
		t.Errorf("a currency without purchases: %d rows, %v", got.Nrow(), got.Err)
	}
}

func TestRevenueOnTheDemo(t *testing.T) {
	d, w := demo(), demoWindow()
	rep, err := analysis.Revenue(frames.Events(d.Events), w)
	if err != nil {
		t.Fatal(err)
	}
	want := analysis.RevenueByCurrency(d.Events, w)
	purchases := ints(t, rep.ByCurrency, analysis.ColPurchases)
	revenue := ints(t, rep.ByCurrency, analysis.ColRevenue)
	if len(want) == 0 || len(purchases) != len(want) || rep.Purchases != sumInts(purchases) {
		t.Fatalf("%d currencies, want %d", len(purchases), len(want))
	}
	for i, c := range want {
		if purchases[i] != c.Purchases || int64(revenue[i]) != c.Amount {
			t.Errorf("%s: %d purchases, %v, want %d and %d cents", c.Currency, purchases[i], revenue[i], c.Purchases, c.Amount)
		}
		if n := rep.PerDayIn(c.Currency).Nrow(); n != 30 {
			t.Errorf("%s: %d days", c.Currency, n)
		}
	}
}

func TestFeatureUsageReportLeavesPurchasesOut(t *testing.T) {
	d, w := demo(), demoWindow()
	rep, err := analysis.FeatureUsageReport(frames.Events(d.Events), w, 5)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{}
	perFeature, pairs, systems := map[string]int{}, map[[2]string]bool{}, map[string]bool{}
	unknown := 0
	for i := range d.Events {
		e := &d.Events[i]
		if !w.Contains(e.Time) {
			continue
		}
		if strings.EqualFold(strings.TrimSpace(e.EventName), "purchase") {
			want[analysis.FigurePurchaseEvents]++
			continue
		}
		want[analysis.FigureUsageEvents]++
		perFeature[e.FeatureName]++
		pairs[[2]string{e.FeatureName, e.EventName}] = true
		os := analysis.MetadataOS(e.Metadata)
		systems[os] = true
		if os == analysis.UnknownOS {
			unknown++
		}
	}
	want[analysis.FigureFeatures] = len(perFeature)
	if want[analysis.FigurePurchaseEvents] == 0 {
		t.Fatal("the demo has no purchase in the window")
	}
	for name, v := range want {
		if got := figure(t, rep.Figures, name); got != v {
			t.Errorf("%s = %d, ground truth %d", name, got, v)
		}
	}
	if rep.Events != want[analysis.FigureUsageEvents] || rep.Purchases != want[analysis.FigurePurchaseEvents] || rep.Features != len(perFeature) {
		t.Errorf("%d events, %d purchases, %d features", rep.Events, rep.Purchases, rep.Features)
	}
	for _, f := range texts(t, rep.ByFeature, analysis.ColFeature) {
		if f == "Credits" || f == "Upgrade" || f == "ExtraSeat" {
			t.Errorf("purchase feature %s counted as usage", f)
		}
	}
	if rep.ByFeatureAndEvent.Nrow() != len(pairs) || rep.ByOS.Nrow() != len(systems) {
		t.Errorf("%d pairs and %d systems, ground truth %d and %d", rep.ByFeatureAndEvent.Nrow(), rep.ByOS.Nrow(), len(pairs), len(systems))
	}
	top := 0
	for _, n := range perFeature {
		top = max(top, n)
	}
	if got := ints(t, rep.ByFeature, analysis.ColEvents)[0]; got != top {
		t.Errorf("top feature %d events, ground truth %d", got, top)
	}
	if names := rep.TopPerDay.Names(); len(names) != 6 || rep.TopPerDay.Nrow() != 30 || !reflect.DeepEqual(names[1:], rep.TopFeatures) {
		t.Errorf("top per day: columns %v, %d rows", names, rep.TopPerDay.Nrow())
	}
	if got := sumInts(ints(t, rep.ByEvent, analysis.ColEvents)); got != want[analysis.FigureUsageEvents] {
		t.Errorf("events by name sum to %d", got)
	}
}

func TestInactiveKeysReportReadsTheHistory(t *testing.T) {
	asOf := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	w := cryptolens.Window{Since: asOf.AddDate(0, 0, -14), Until: asOf}
	row := func(id int64, key string, t time.Time) cryptolens.WebAPILog {
		return cryptolens.WebAPILog{ID: id, Key: key, Time: t, State: 1010}
	}
	history := []cryptolens.WebAPILog{
		row(1, "OLD", asOf.AddDate(0, 0, -100)),                                   // silent long before the window
		row(2, "EDGE", asOf.Add(-30*24*time.Hour-2*time.Hour)),                    // 30 days 2 hours: 31 days silent
		row(3, "ACTIVE", asOf.Add(-30*24*time.Hour)),                              // exactly 30 days: active
		row(4, "RECENT", asOf.AddDate(0, 0, -1)),                                  // active
		row(5, "INWINDOW", asOf.AddDate(0, 0, -13)),                               // inactive for 7 days
		row(6, "", asOf.AddDate(0, 0, -50)), row(7, "LATER", asOf.Add(time.Hour)), // no key; after asOf
	}
	rep, err := analysis.InactiveKeysReport(frames.WebAPILog(history), 7, w, asOf)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Seen != 5 || rep.Inactive != 4 || rep.Share != 0.8 {
		t.Errorf("seen %d inactive %d share %v, want 5, 4, 0.8", rep.Seen, rep.Inactive, rep.Share)
	}
	if keys := texts(t, rep.Keys, analysis.ColKey); !reflect.DeepEqual(keys, []string{"OLD", "EDGE", "ACTIVE", "INWINDOW"}) {
		t.Errorf("inactive keys %v", keys)
	}
	if silent := ints(t, rep.Keys, analysis.ColDaysSilent); !reflect.DeepEqual(silent, []int{100, 31, 30, 13}) {
		t.Errorf("days silent %v", silent)
	}
	if weeks, n := texts(t, rep.ByWeek, analysis.ColWeek), ints(t, rep.ByWeek, analysis.ColKeys); !reflect.DeepEqual(weeks, []string{"2026-10-18", "2026-10-25"}) || !reflect.DeepEqual(n, []int{4, 0}) {
		t.Errorf("by week %v %v", weeks, n)
	}
	rep30, err := analysis.InactiveKeysReport(frames.WebAPILog(history), 30, w, asOf)
	if err != nil {
		t.Fatal(err)
	}
	if keys := texts(t, rep30.Keys, analysis.ColKey); !reflect.DeepEqual(keys, []string{"OLD", "EDGE"}) {
		t.Errorf("inactive for 30 days: %v, want OLD (silent before the window) and EDGE", keys)
	}
}

func TestActiveKeysAndMachinesCountsASeatHeldIntoTheWindow(t *testing.T) {
	start := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	w := cryptolens.Window{Since: start, Until: start.AddDate(0, 0, 3)}
	rows := []cryptolens.WebAPILog{
		{ID: 1, Key: "A", MachineCode: "m1", State: 2014, Time: start.Add(-time.Hour), FloatingExpires: start.Add(26 * time.Hour)},
		{ID: 2, Key: "B", MachineCode: "M2 ", State: 1010, Time: start.Add(49 * time.Hour)},
		{ID: 3, Key: "B", MachineCode: "m2", State: 1011, Time: start.Add(50 * time.Hour)},
		{ID: 4, Key: "C", MachineCode: "x", State: 1010, Time: start.Add(-2 * time.Hour)}, // before the window
	}
	rep, err := analysis.ActiveKeysAndMachines(frames.WebAPILog(rows), w)
	if err != nil {
		t.Fatal(err)
	}
	if k, m := ints(t, rep.PerDay, analysis.ColKeys), ints(t, rep.PerDay, analysis.ColMachines); !reflect.DeepEqual(k, []int{1, 1, 1}) || !reflect.DeepEqual(m, []int{1, 1, 1}) {
		t.Errorf("keys %v machines %v per day, want [1 1 1] each: A's seat held on days 1 and 2", k, m)
	}
	if rep.Keys != 1 || rep.Machines != 1 {
		t.Errorf("distinct in the window: %d keys, %d machines; want B and M2 only", rep.Keys, rep.Machines)
	}
	if got := floats(t, rep.Figures, analysis.ColKeys); !reflect.DeepEqual(got, []float64{1, 1, 1}) {
		t.Errorf("key figures %v", got)
	}
	if rep.BusiestKeysDay != "2026-10-01" {
		t.Errorf("busiest day %s", rep.BusiestKeysDay)
	}
}

func TestActiveKeysAndMachinesOnTheDemo(t *testing.T) {
	d, w := demo(), demoWindow()
	rep, err := analysis.ActiveKeysAndMachines(frames.WebAPILog(d.WebAPILog), w)
	if err != nil {
		t.Fatal(err)
	}
	want := analysis.ActivePerDay(d.WebAPILog, w)
	keys, machines := ints(t, rep.PerDay, analysis.ColKeys), ints(t, rep.PerDay, analysis.ColMachines)
	sk, sm := 0, 0
	for i, day := range want {
		if keys[i] != day.Keys || machines[i] != day.Machines {
			t.Fatalf("day %d: %d keys %d machines, want %d and %d", i, keys[i], machines[i], day.Keys, day.Machines)
		}
		sk, sm = sk+day.Keys, sm+day.Machines
	}
	mean := floats(t, rep.Figures, analysis.ColKeys)[1]
	if want := math.Round(float64(sk)*10/30) / 10; mean != want {
		t.Errorf("mean keys per day %v, want %v (rounded)", mean, want)
	}
}

func sumInts(v []int) int {
	t := 0
	for _, x := range v {
		t += x
	}
	return t
}

func sumFloats(v []float64) float64 {
	t := 0.0
	for _, x := range v {
		t += x
	}
	return t
}
