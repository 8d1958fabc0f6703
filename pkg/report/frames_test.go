package report_test

import (
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
	"github.com/google/go-cmp/cmp"
	"github.com/lensbook/lensbook/pkg/analysis"
	"github.com/lensbook/lensbook/pkg/cryptolens"
	"github.com/lensbook/lensbook/pkg/frames"
	"github.com/lensbook/lensbook/pkg/report"
	"github.com/lensbook/lensbook/pkg/store"
)

// columnTypes lists a frame's columns as "name:type".
func columnTypes(df dataframe.DataFrame) []string {
	var out []string
	for i, n := range df.Names() {
		out = append(out, n+":"+string(df.Types()[i]))
	}
	return out
}

func TestSessionFramesHoldTheWindowWithTypedDerivedColumns(t *testing.T) {
	_, ds := startEmulator(t)
	s, err := report.Open(report.Params{Days: 7, AsOf: "2026-11-01", LookBackDays: 3})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.WebAPILogFrame(); err == nil {
		t.Fatal("WebAPILogFrame before Sync: no error")
	}
	if _, err := s.Sync(store.Logs()...); err != nil {
		t.Fatal(err)
	}

	web, err := s.WebAPILogFrame()
	if err != nil {
		t.Fatal(err)
	}
	wantCols := []string{"id:int", "productId:int", "key:string", "ip:string", "time:string", "state:int",
		"machineCode:string", "friendlyName:string", "floatingExpires:string", "doIntValue:int", "doId:int",
		"day:string", "method:string", "outcome:string", "week:string", "licensing:bool", "stateName:string"}
	if diff := cmp.Diff(wantCols, columnTypes(web)); diff != "" {
		t.Errorf("Web API Log frame columns (-want +got):\n%s", diff)
	}
	truth := ds.WebAPILogWhere(func(r cryptolens.WebAPILog) bool { return s.Window.Contains(r.Time) })
	if len(truth) == 0 || web.Nrow() != len(truth) {
		t.Fatalf("frame has %d rows, the dataset %d in the window", web.Nrow(), len(truth))
	}
	ids, _ := web.Col("id").Int()
	outcome, week, licensing := web.Col("outcome").Records(), web.Col("week").Records(), web.Col("licensing").Records()
	seenLicensing := map[bool]bool{}
	for i, r := range truth {
		if ids[i] != int(r.ID) {
			t.Fatalf("row %d: id %d, want %d", i, ids[i], r.ID)
		}
		if want := analysis.OutcomeOf(r.State).String(); outcome[i] != want {
			t.Errorf("row %d (state %d): outcome %q, want %q", i, r.State, outcome[i], want)
		}
		if want := fmt.Sprint(analysis.IsLicensingRequest(r.State)); licensing[i] != want {
			t.Errorf("row %d (state %d): licensing %s, want %s", i, r.State, licensing[i], want)
		}
		seenLicensing[analysis.IsLicensingRequest(r.State)] = true
		wd := analysis.Day(r.Time)
		for wd.Weekday() != time.Monday {
			wd = wd.AddDate(0, 0, -1)
		}
		if week[i] != wd.Format(time.DateOnly) {
			t.Fatalf("row %d (%s): week %s, want %s", i, r.Time, week[i], wd.Format(time.DateOnly))
		}
	}
	if !seenLicensing[true] || !seenLicensing[false] {
		t.Errorf("the window has licensing values %v only: the test proves less than it says", seenLicensing)
	}

	back, err := s.WebAPILogFrameWithLookBack()
	if err != nil {
		t.Fatal(err)
	}
	reach := s.LookBackWindow()
	if !reach.Since.Equal(s.Window.Since.AddDate(0, 0, -3)) {
		t.Errorf("LookBackWindow = %v, want 3 days before %v", reach, s.Window)
	}
	if want := len(ds.WebAPILogWhere(func(r cryptolens.WebAPILog) bool { return reach.Contains(r.Time) })); back.Nrow() != want || want <= web.Nrow() {
		t.Errorf("look-back frame has %d rows, want %d (window alone: %d)", back.Nrow(), want, web.Nrow())
	}

	hist, err := s.WebAPILogHistoryFrame()
	if err != nil {
		t.Fatal(err)
	}
	if want := len(ds.WebAPILogWhere(func(r cryptolens.WebAPILog) bool { return r.Time.Before(s.Window.Until) && !r.Time.Before(reach.Since) })); hist.Nrow() != want {
		t.Errorf("history frame has %d rows, the store holds %d from before the window's end", hist.Nrow(), want)
	}

	ev, err := s.EventsFrame()
	if err != nil {
		t.Fatal(err)
	}
	wantCols = []string{"id:int", "productId:int", "key:string", "machineCode:string", "featureName:string",
		"eventName:string", "value:int", "currency:string", "time:string", "metadata:string", "day:string",
		"week:string", "os:string", "version:string", "purchase:bool"}
	if diff := cmp.Diff(wantCols, columnTypes(ev)); diff != "" {
		t.Errorf("Events frame columns (-want +got):\n%s", diff)
	}
	events, err := s.Events()
	if err != nil {
		t.Fatal(err)
	}
	if len(events) == 0 || ev.Nrow() != len(events) {
		t.Fatalf("events frame has %d rows, the session %d", ev.Nrow(), len(events))
	}
	osCol, purchase, version := ev.Col("os").Records(), ev.Col("purchase").Records(), ev.Col("version").Records()
	purchases, versions := 0, 0
	for i := range events {
		if want := analysis.MetadataOS(events[i].Metadata); osCol[i] != want {
			t.Errorf("event %d: os %q, want %q (metadata %q)", events[i].ID, osCol[i], want, events[i].Metadata)
		}
		if purchase[i] == "true" {
			purchases++
		}
		if version[i] != "" {
			versions++
		}
	}
	if want := len(events) - len(analysis.UsageEvents(events)); purchases != want || want == 0 {
		t.Errorf("%d purchase events in the frame, want %d", purchases, want)
	}
	if versions == 0 {
		t.Error("no event has a version: the metadata's Version field is not read")
	}

	obj, err := s.ObjectLogFrame()
	if err != nil {
		t.Fatal(err)
	}
	if got := obj.Names(); got[len(got)-1] != frames.ColWeek || obj.Nrow() == 0 {
		t.Errorf("Object Log frame: %d rows, columns %v", obj.Nrow(), got)
	}
}

func TestNewFramesAreTypedWhenEmpty(t *testing.T) {
	for name, df := range map[string]dataframe.DataFrame{
		"web": report.NewWebAPILogFrame(nil), "events": report.NewEventsFrame(nil), "objects": report.NewObjectLogFrame(nil),
	} {
		if df.Err != nil || df.Nrow() != 0 {
			t.Fatalf("%s: %d rows, err %v", name, df.Nrow(), df.Err)
		}
		for i, n := range df.Names() {
			if (n == frames.ColLicensing || n == frames.ColPurchase) && df.Types()[i] != series.Bool {
				t.Errorf("%s: column %s is %s, want bool", name, n, df.Types()[i])
			}
		}
	}
}

func TestAProgramReadsEachFrameOnce(t *testing.T) {
	startEmulator(t)
	s, err := report.Open(report.Params{Days: 5, AsOf: "2026-11-01"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Sync(store.WebAPILog); err != nil {
		t.Fatal(err)
	}
	first, err := s.WebAPILogFrame()
	if err != nil {
		t.Fatal(err)
	}
	// The second read is the first frame, whatever the store holds now.
	path := os.Getenv(report.EnvStore)
	if err := os.Rename(path, path+".away"); err != nil {
		t.Fatal(err)
	}
	second, err := s.WebAPILogFrame()
	if err != nil || second.Nrow() != first.Nrow() || first.Nrow() == 0 {
		t.Fatalf("second read: %d rows (first %d), err %v", second.Nrow(), first.Nrow(), err)
	}
	if err := os.Rename(path+".away", path); err != nil {
		t.Fatal(err)
	}
	// Other parameters: a new read.
	s.Params.Key = "no such key"
	third, err := s.WebAPILogFrame()
	if err != nil || third.Nrow() != 0 {
		t.Errorf("a read for another key: %d rows, err %v", third.Nrow(), err)
	}
}
