package store

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/lensbook/lensbook/internal/emulator"
	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// snapshotRows is a Web API Log big enough for its windows to get snapshots.
func snapshotRows(t *testing.T) []cryptolens.WebAPILog {
	t.Helper()
	ds := emulator.Generate(emulator.Config{Seed: 7, Rows: 3 * snapshotMinRows})
	if len(ds.WebAPILog) < 2*snapshotMinRows {
		t.Fatalf("the emulator made %d rows, want at least %d", len(ds.WebAPILog), 2*snapshotMinRows)
	}
	return ds.WebAPILog
}

// syncRows syncs rows forward into the account, as pages of 1000.
func syncRows(t *testing.T, a *Account, rows []cryptolens.WebAPILog) {
	t.Helper()
	m := &memLog[cryptolens.WebAPILog]{rows: rows, id: webLogTable.id, pageSize: 1000}
	if _, err := runSync(t.Context(), a, webLogTable, m.pager(false), time.Time{}); err != nil {
		t.Fatal(err)
	}
}

func within(rows []cryptolens.WebAPILog, w cryptolens.Window, keep func(*cryptolens.WebAPILog) bool) []cryptolens.WebAPILog {
	var out []cryptolens.WebAPILog
	for i := range rows {
		if w.Contains(rows[i].Time) && (keep == nil || keep(&rows[i])) {
			out = append(out, rows[i])
		}
	}
	return out
}

func snapshotFiles(t *testing.T, st *Store) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(st.snapshotDir(), "*"+snapshotExt))
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func readWeb(t *testing.T, a *Account, w cryptolens.Window, f Filter) []cryptolens.WebAPILog {
	t.Helper()
	got, err := a.WebAPILog(t.Context(), w, f)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestWindowSnapshotReadsBackTheSameRows(t *testing.T) {
	rows := snapshotRows(t)
	st := openTemp(t)
	a := testAccount(t, st, "tok")
	syncRows(t, a, rows)
	w := cryptolens.Window{Since: rows[len(rows)/4].Time, Until: rows[len(rows)-10].Time}
	want := within(rows, w, nil)

	if diff := cmp.Diff(want, readWeb(t, a, w, Filter{})); diff != "" {
		t.Fatalf("first read, through SQL (-want +got):\n%s", diff)
	}
	files := snapshotFiles(t, st)
	if len(files) != 1 {
		t.Fatalf("after reading a window of %d rows: snapshots %v, want one", len(want), files)
	}
	if fi, err := os.Stat(files[0]); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("snapshot %s: %v, mode %v; want 0600: it holds customer keys", files[0], err, fi.Mode())
	}
	if diff := cmp.Diff(want, readWeb(t, a, w, Filter{})); diff != "" {
		t.Fatalf("second read, from the snapshot (-want +got):\n%s", diff)
	}

	// Filters read the snapshot as the SQL of before filtered the rows.
	key, name := want[100].Key, want[200].FriendlyName
	filters := []struct {
		f    Filter
		keep func(*cryptolens.WebAPILog) bool
	}{
		{Filter{Key: key}, func(r *cryptolens.WebAPILog) bool { return r.Key == key }},
		{Filter{ProductID: want[0].ProductID, States: []cryptolens.State{cryptolens.StateActivation, 2024}},
			func(r *cryptolens.WebAPILog) bool {
				return r.ProductID == want[0].ProductID && (r.State == cryptolens.StateActivation || r.State == 2024)
			}},
		{Filter{FriendlyName: strings.ToUpper(name[1:4])}, func(r *cryptolens.WebAPILog) bool {
			return strings.Contains(strings.ToLower(r.FriendlyName), strings.ToLower(name[1:4]))
		}},
		{Filter{Key: "no such key"}, func(*cryptolens.WebAPILog) bool { return false }},
	}
	for _, tc := range filters {
		wantF := within(rows, w, tc.keep)
		if diff := cmp.Diff(wantF, readWeb(t, a, w, tc.f)); diff != "" {
			t.Errorf("filter %+v (-want +got):\n%s", tc.f, diff)
		}
		c, err := a.Columns(t.Context(), WebAPILog, w, tc.f)
		if err != nil {
			t.Fatal(err)
		}
		if c.Len() != len(wantF) {
			t.Errorf("filter %+v: Columns has %d rows, want %d", tc.f, c.Len(), len(wantF))
		}
	}

	// A damaged snapshot is read through SQL again, and written anew.
	data, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	data[len(data)/2] ^= 0xff
	if err := os.WriteFile(files[0], data, 0o600); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, readWeb(t, a, w, Filter{})); diff != "" {
		t.Fatalf("read with a damaged snapshot (-want +got):\n%s", diff)
	}
	if again, err := os.ReadFile(files[0]); err != nil || slices.Equal(again, data) {
		t.Fatalf("the damaged snapshot was not written anew (%v)", err)
	}
}

func TestColumnsOfAWindow(t *testing.T) {
	rows := snapshotRows(t)
	st := openTemp(t)
	a := testAccount(t, st, "tok")
	syncRows(t, a, rows)
	w := cryptolens.Window{Since: rows[0].Time, Until: rows[len(rows)-1].Time.Add(time.Second)}
	for range 2 { // through SQL, then from the snapshot
		c, err := a.Columns(t.Context(), WebAPILog, w, Filter{})
		if err != nil {
			t.Fatal(err)
		}
		if c.Len() != len(rows) || c.Log() != WebAPILog {
			t.Fatalf("Columns: %d rows of %s, want %d of weblog", c.Len(), c.Log(), len(rows))
		}
		ids, times, keys := c.Int("id"), c.Int("time"), c.Text("key")
		for _, i := range []int{0, len(rows) / 2, len(rows) - 1} {
			if ids[i] != rows[i].ID || times[i] != rows[i].Time.Unix() || keys[i] != rows[i].Key {
				t.Fatalf("row %d: id %d, time %d, key %q; want %d, %d, %q", i, ids[i], times[i], keys[i],
					rows[i].ID, rows[i].Time.Unix(), rows[i].Key)
			}
		}
		if c.Int("key") != nil || c.Text("id") != nil || c.Int("nope") != nil {
			t.Fatal("a column asked for as the wrong kind, or missing, is not nil")
		}
		if d := c.Distinct("key"); len(d) == 0 || len(d) > len(rows)/2 {
			t.Fatalf("Distinct(key): %d values", len(d))
		}
	}
	// An empty window, and a log the store never synced, have no rows.
	for _, l := range Logs() {
		old := time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC)
		c, err := a.Columns(t.Context(), l, cryptolens.Window{Since: old, Until: old.Add(time.Hour)}, Filter{})
		if err != nil {
			t.Fatal(err)
		}
		if c.Len() != 0 || len(c.Int("id")) != 0 {
			t.Fatalf("Columns of %s in an empty window: %d rows", l, c.Len())
		}
	}
	if _, err := a.Columns(t.Context(), "webapilog", w, Filter{}); err == nil {
		t.Fatal("Columns of an unknown log: no error")
	}
}

func TestWindowSnapshotFollowsNewRows(t *testing.T) {
	rows := snapshotRows(t)
	st := openTemp(t)
	a := testAccount(t, st, "tok")
	half := len(rows) / 2
	syncRows(t, a, rows[:half])
	w := cryptolens.Window{Since: rows[0].Time, Until: rows[len(rows)-1].Time.Add(time.Second)}
	if got := readWeb(t, a, w, Filter{}); len(got) != half {
		t.Fatalf("read %d rows after syncing %d", len(got), half)
	}
	syncRows(t, a, rows)
	if diff := cmp.Diff(rows, readWeb(t, a, w, Filter{})); diff != "" {
		t.Fatalf("after a sync added rows to the window (-want +got):\n%s", diff)
	}
}

func TestWindowSnapshotsOfAnotherFileAreNotRead(t *testing.T) {
	rows := snapshotRows(t)
	path := filepath.Join(t.TempDir(), "store.db")
	w := cryptolens.Window{Since: rows[0].Time, Until: rows[len(rows)-1].Time.Add(time.Second)}
	open := func(rows []cryptolens.WebAPILog) (*Store, []cryptolens.WebAPILog) {
		st, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		a := testAccount(t, st, "tok")
		syncRows(t, a, rows)
		return st, readWeb(t, a, w, Filter{})
	}
	st, _ := open(rows)
	st.Close()
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if err := os.Remove(p); err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}
	// The same ids and times, other keys: only the window's content as the
	// time index tells it (count and id bounds) is the same.
	other := slices.Clone(rows)
	for i := range other {
		other[i].Key = "OTHER-" + other[i].Key
	}
	st, got := open(other)
	defer st.Close()
	if diff := cmp.Diff(other, got); diff != "" {
		t.Fatalf("a new file at the same path read the old file's snapshot (-want +got):\n%s", diff)
	}
}

func TestWindowSnapshotsArePruned(t *testing.T) {
	rows := snapshotRows(t)
	st := openTemp(t)
	a := testAccount(t, st, "tok")
	syncRows(t, a, rows)
	for i := range snapshotsKept + 3 {
		w := cryptolens.Window{Since: rows[i].Time, Until: rows[len(rows)-1].Time}
		readWeb(t, a, w, Filter{})
		// Modification times order the snapshots; make them distinct.
		for _, f := range snapshotFiles(t, st) {
			if fi, err := os.Stat(f); err == nil {
				os.Chtimes(f, fi.ModTime().Add(-time.Second), fi.ModTime().Add(-time.Second))
			}
		}
	}
	if files := snapshotFiles(t, st); len(files) != snapshotsKept {
		t.Fatalf("%d snapshots kept, want %d", len(files), snapshotsKept)
	}
}

func TestDecodeColumnsRefusesWhatIsNotASnapshot(t *testing.T) {
	c := newColumns(WebAPILog, []string{"id", "key"}, []bool{false, true})
	b := newColumnBuilder(WebAPILog, c.names, c.text, 2)
	for _, id := range []int64{5, 9} {
		b.addInt(0, id)
		b.addText(1, "A")
		b.endRow()
	}
	good := encodeColumns(concat(b.finish()))
	back, err := decodeColumns(WebAPILog, good)
	if err != nil || back.Len() != 2 || back.Int("id")[1] != 9 || back.Text("key")[1] != "A" {
		t.Fatalf("round trip: %v, %v", back, err)
	}
	for _, bad := range [][]byte{nil, []byte("LBWIN"), good[:len(good)-1], append([]byte("XX"), good[2:]...)} {
		if _, err := decodeColumns(WebAPILog, bad); err == nil {
			t.Errorf("decodeColumns(%q): no error", bad)
		}
	}
}

// TestWindowWhoseIdsDoNotGrowWithTime reads windows holding rows whose ids
// lie below the id of the window's first row in time and above that of its
// last: the read of the ids between those two is completed from the
// window's count, first through SQL, then from the snapshot.
func TestWindowWhoseIdsDoNotGrowWithTime(t *testing.T) {
	rows := slices.Clone(snapshotRows(t))
	mid := rows[len(rows)/2].Time
	// The lowest ids and the highest take times from the middle of the log.
	for _, i := range []int{0, 1, 2, len(rows) - 1, len(rows) - 3} {
		rows[i].Time = mid.Add(time.Duration(i%7) * time.Second)
	}
	st := openTemp(t)
	a := testAccount(t, st, "tok")
	syncRows(t, a, rows)
	for _, w := range []cryptolens.Window{
		{Since: rows[len(rows)/4].Time, Until: rows[3*len(rows)/4].Time},      // a snapshot's worth
		{Since: mid.Add(-time.Minute), Until: mid.Add(time.Minute)},           // a few rows
		{Since: rows[3].Time, Until: rows[len(rows)-4].Time.Add(time.Second)}, // nearly all
	} {
		want := within(rows, w, nil)
		for _, read := range []string{"first", "again"} {
			if diff := cmp.Diff(want, readWeb(t, a, w, Filter{})); diff != "" {
				t.Fatalf("window %v, %s read (-want +got):\n%s", w, read, diff)
			}
		}
	}
}

// TestWindowWhoseFirstRowHasTheHighestID reads a window whose earliest row
// in time has its highest id and whose latest row its lowest: the id
// ranges read around them must not overlap.
func TestWindowWhoseFirstRowHasTheHighestID(t *testing.T) {
	rows := slices.Clone(snapshotRows(t))
	mid := rows[len(rows)/2].Time
	rows[len(rows)-1].Time = mid.Add(-39 * time.Second)
	rows[0].Time = mid.Add(39 * time.Second)
	st := openTemp(t)
	a := testAccount(t, st, "tok")
	syncRows(t, a, rows)
	w := cryptolens.Window{Since: mid.Add(-40 * time.Second), Until: mid.Add(40 * time.Second)}
	want := within(rows, w, nil)
	if len(want) < 4 || want[0].ID != rows[0].ID || want[len(want)-1].ID != rows[len(rows)-1].ID {
		t.Fatalf("the window does not hold the two moved rows: %d rows", len(want))
	}
	for _, read := range []string{"first", "again"} {
		if diff := cmp.Diff(want, readWeb(t, a, w, Filter{})); diff != "" {
			t.Fatalf("%s read (-want +got):\n%s", read, diff)
		}
	}
}
