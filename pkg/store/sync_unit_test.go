package store

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/lensbook/lensbook/pkg/cryptolens"
)

func openTemp(t *testing.T) *Store {
	t.Helper()
	st, err := Open(filepath.Join(t.TempDir(), "store.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// testAccount is the store's account of a client of http://h/api with token.
func testAccount(t *testing.T, st *Store, token string) *Account {
	t.Helper()
	c, err := cryptolens.NewClient(token, cryptolens.WithBaseURL("http://h/api"))
	if err != nil {
		t.Fatal(err)
	}
	return st.Account(c)
}

func memWebAPILog(rows []cryptolens.WebAPILog, pageSize int) *memLog[cryptolens.WebAPILog] {
	return &memLog[cryptolens.WebAPILog]{rows: rows, id: webLogTable.id, pageSize: pageSize}
}

func syncMem(t *testing.T, a *Account, m *memLog[cryptolens.WebAPILog], since time.Time) SyncStats {
	t.Helper()
	st, err := runSync(t.Context(), a, webLogTable, m.pager(true), since)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func wantRows(t *testing.T, a *Account, w cryptolens.Window, want []cryptolens.WebAPILog) {
	t.Helper()
	got, err := a.WebAPILog(t.Context(), w, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("rows in %v (-want +got):\n%s", w, diff)
	}
}

func TestSyncRangesWithHandBuiltRows(t *testing.T) {
	st := openTemp(t)
	a := testAccount(t, st, "tok")
	all := handWebAPILog(1, 95)
	m := memWebAPILog(all[:80], 10)
	st.now = func() time.Time { return base.Add(24 * time.Hour) }

	// First sync: rows at or after id 50's time, newest first: ids 80..41
	// (4 pages; the last holds rows before since).
	since := all[49].Time
	s := syncMem(t, a, m, since)
	if s.Requests != 4 || s.RowsFetched != 40 || s.RowsNew != 40 {
		t.Fatalf("first sync stats %+v, want 4 requests, 40 rows", s)
	}
	wantRows(t, a, cryptolens.Window{}, all[40:80])
	cov, err := a.Coverage(t.Context(), WebAPILog)
	if err != nil {
		t.Fatal(err)
	}
	wantCov := []Coverage{{Log: WebAPILog, FromID: 41, ToID: 80, Window: cryptolens.Window{
		Since: all[40].Time.Add(time.Second), Until: base.Add(24 * time.Hour)}}}
	if diff := cmp.Diff(wantCov, cov); diff != "" {
		t.Fatalf("coverage (-want +got):\n%s", diff)
	}

	// Unchanged: one request.
	if s := syncMem(t, a, m, since); s.Requests != 1 || s.RowsFetched != 0 {
		t.Fatalf("unchanged sync %+v, want 1 request and no rows", s)
	}
	// New rows: only they come.
	m.rows = all
	if s := syncMem(t, a, m, since); s.Requests != 3 || s.RowsFetched != 15 || s.RowsNew != 15 {
		t.Fatalf("incremental sync %+v, want 3 requests (10+5+empty), 15 rows", s)
	}
	// Wider window: only the older part, down to the first row.
	if s := syncMem(t, a, m, time.Time{}); s.RowsFetched != 40 || s.RowsNew != 40 || s.Requests != 6 {
		t.Fatalf("widening sync %+v, want 40 rows in 6 requests (nothing newer, 4 pages, the empty end)", s)
	}
	wantRows(t, a, cryptolens.Window{}, all)
	wantRows(t, a, cryptolens.Window{Since: all[10].Time, Until: all[20].Time}, all[10:20])
	ok, err := a.Covered(t.Context(), WebAPILog, cryptolens.Window{Until: all[90].Time})
	if err != nil || !ok {
		t.Fatalf("Covered(whole past) = %v, %v; want true", ok, err)
	}
	if s := syncMem(t, a, m, time.Time{}); s.Requests != 1 {
		t.Fatalf("re-run after widening: %d requests, want 1", s.Requests)
	}
}

func TestSyncResumesAfterAFailureAtEveryPage(t *testing.T) {
	all := handWebAPILog(1, 57)
	for failAt := 1; failAt <= 8; failAt++ {
		st := openTemp(t)
		a := testAccount(t, st, "tok")
		m := memWebAPILog(all[:40], 7)
		m.failAt = failAt
		_, err := runSync(t.Context(), a, webLogTable, m.pager(true), time.Time{})
		if failAt <= 7 && !errors.Is(err, errInjected) {
			t.Fatalf("failAt %d: err = %v, want the injected failure", failAt, err)
		}
		m.rows = all
		m.failAt = 0
		fetchedBefore := m.requests
		s := syncMem(t, a, m, time.Time{})
		wantRows(t, a, cryptolens.Window{}, all)
		// Rows fetched again: only those of the failed page (none: a failed
		// page yields nothing) plus the 17 new ones.
		if s.RowsNew != s.RowsFetched {
			t.Fatalf("failAt %d: fetched %d rows but %d new: a covered range was fetched again (requests before %d)",
				failAt, s.RowsFetched, s.RowsNew, fetchedBefore)
		}
		cov, _ := a.Coverage(t.Context(), WebAPILog)
		if len(cov) != 1 || cov[0].FromID != 0 || cov[0].ToID != 57 {
			t.Fatalf("failAt %d: coverage %+v, want one range 0..57", failAt, cov)
		}
	}
}

func TestSpanUnion(t *testing.T) {
	tests := []struct {
		name  string
		a, b  span
		touch bool
		want  span
	}{
		{"adjacent", span{1, 5, 10, 20}, span{6, 9, 15, 30}, true, span{1, 9, 10, 30}},
		{"overlap", span{1, 5, 10, 20}, span{3, 9, noSince, 30}, true, span{1, 9, 10, 30}},
		{"gap", span{1, 5, 10, 20}, span{7, 9, 15, 30}, false, span{}},
		{"empty proof on top", span{6, 5, noSince, 40}, span{1, 5, 10, 20}, true, span{1, 5, 10, 40}},
		{"from start", span{0, 3, fromStart, noUntil}, span{4, 9, 15, 30}, true, span{0, 9, fromStart, 30}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.a.touches(tt.b); got != tt.touch {
				t.Fatalf("touches = %v, want %v", got, tt.touch)
			}
			if tt.touch {
				if got := tt.a.union(tt.b); got != tt.want {
					t.Fatalf("union = %+v, want %+v", got, tt.want)
				}
			}
		})
	}
}

func TestTextIsKeptExactly(t *testing.T) {
	st := openTemp(t)
	a := testAccount(t, st, "tok")
	rows := handWebAPILog(1, 6)
	hostile := []string{"<script>alert(1)</script>", "a\"b,c\nd", "nul\x00byte", "\xff\xfe not utf-8",
		"ünïcødé 日本 🎉", "", "  spaced  "}
	for i := range rows {
		rows[i].FriendlyName = hostile[i]
		rows[i].MachineCode = hostile[len(hostile)-1-i]
		rows[i].Key = hostile[(i+2)%len(hostile)]
	}
	syncMem(t, a, memWebAPILog(rows, 4), time.Time{})
	wantRows(t, a, cryptolens.Window{}, rows)
}

func TestAccountsDoNotMix(t *testing.T) {
	st := openTemp(t)
	one, two := testAccount(t, st, "token-one"), testAccount(t, st, "token-two")
	rowsOne, rowsTwo := handWebAPILog(1, 5), handWebAPILog(3, 9)
	for i := range rowsTwo {
		rowsTwo[i].FriendlyName = "second account"
	}
	syncMem(t, one, memWebAPILog(rowsOne, 2), time.Time{})
	syncMem(t, two, memWebAPILog(rowsTwo, 2), time.Time{})
	wantRows(t, one, cryptolens.Window{}, rowsOne)
	wantRows(t, two, cryptolens.Window{}, rowsTwo)
	if one.Fingerprint() == two.Fingerprint() {
		t.Fatal("two tokens share a fingerprint")
	}
}

func TestReadFilters(t *testing.T) {
	st := openTemp(t)
	a := testAccount(t, st, "tok")
	rows := handWebAPILog(1, 30)
	rows[4].FriendlyName, rows[4].State = "Alice@Example.com", cryptolens.StateSeatLimitReached
	rows[9].State = cryptolens.StateSeatLimitReached
	syncMem(t, a, memWebAPILog(rows, 100), time.Time{})
	tests := []struct {
		name string
		f    Filter
		keep func(cryptolens.WebAPILog) bool
	}{
		{"product", Filter{ProductID: 2}, func(r cryptolens.WebAPILog) bool { return r.ProductID == 2 }},
		{"key and machine", Filter{Key: rows[3].Key, MachineCode: rows[3].MachineCode}, func(r cryptolens.WebAPILog) bool {
			return r.Key == rows[3].Key && r.MachineCode == rows[3].MachineCode
		}},
		{"friendly name any case", Filter{FriendlyName: "alice@EXAMPLE"}, func(r cryptolens.WebAPILog) bool { return r.ID == 5 }},
		{"states", Filter{States: []cryptolens.State{cryptolens.StateSeatLimitReached}}, func(r cryptolens.WebAPILog) bool {
			return r.State == cryptolens.StateSeatLimitReached
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var want []cryptolens.WebAPILog
			for _, r := range rows {
				if tt.keep(r) {
					want = append(want, r)
				}
			}
			got, err := a.WebAPILog(t.Context(), cryptolens.Window{}, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Fatalf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestOpenSetsUpTheFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "store.db")
	st, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	var version, fk, pageSize int
	var mode string
	if err := st.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		t.Fatal(err)
	}
	st.db.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode)
	st.db.QueryRowContext(ctx, "PRAGMA foreign_keys").Scan(&fk)
	st.db.QueryRowContext(ctx, "PRAGMA page_size").Scan(&pageSize)
	if version != SchemaVersion || mode != "wal" || fk != 1 || pageSize != 16384 {
		t.Fatalf("user_version %d, journal_mode %q, foreign_keys %d, page_size %d; want %d, wal, 1, 16384", version, mode, fk, pageSize, SchemaVersion)
	}
	st.Close()
	st, err = Open(path) // reopening applies nothing twice
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
}

// TestSyncIntoAFileWithSmallPages syncs into a store file made before new
// files got 16 KiB pages (4 KiB, in WAL mode): it keeps its pages and works.
func TestSyncIntoAFileWithSmallPages(t *testing.T) {
	path := filepath.Join(t.TempDir(), "store.db")
	old, err := sql.Open("sqlite", path+"?_pragma=page_size(4096)&_pragma=journal_mode(WAL)")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := old.Exec("CREATE TABLE before_16k (x)"); err != nil {
		t.Fatal(err)
	}
	old.Close()
	st, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	a := testAccount(t, st, "tok")
	rows := handWebAPILog(1, 3000)
	st.now = func() time.Time { return base.Add(90 * 24 * time.Hour) }
	if s := syncMem(t, a, memWebAPILog(rows, 1000), time.Time{}); s.RowsNew != len(rows) {
		t.Fatalf("stored %d new rows, want %d", s.RowsNew, len(rows))
	}
	wantRows(t, a, cryptolens.Window{}, rows)
	var pageSize int
	if err := st.db.QueryRow("PRAGMA page_size").Scan(&pageSize); err != nil || pageSize != 4096 {
		t.Fatalf("page_size %d (%v), want the file's 4096", pageSize, err)
	}
}

func TestDefaultPathHidesTheToken(t *testing.T) {
	const token = "s3cr3t-token-value"
	path, err := DefaultPath("https://api.cryptolens.io/api/", token)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(path, token) {
		t.Fatalf("path %q holds the token", path)
	}
	want := "api.cryptolens.io-" + Fingerprint("https://api.cryptolens.io/api", token) + ".db"
	if filepath.Base(path) != want || filepath.Base(filepath.Dir(path)) != "lensbook" {
		t.Fatalf("path %q, want .../lensbook/%s", path, want)
	}
	if _, err := DefaultPath("no host "+token, token); err == nil || strings.Contains(err.Error(), token) {
		t.Fatalf("bad base URL: err %v, want an error without the token", err)
	}
}

func TestParseLog(t *testing.T) {
	for _, l := range Logs() {
		if got, err := ParseLog(strings.ToUpper(string(l))); err != nil || got != l {
			t.Fatalf("ParseLog(%q) = %q, %v", strings.ToUpper(string(l)), got, err)
		}
	}
	if _, err := ParseLog("audit"); err == nil {
		t.Fatal("ParseLog accepted an unknown log")
	}
}

func TestOpenRefusesANewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "store.db")
	st, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.db.Exec("PRAGMA user_version = 99"); err != nil {
		t.Fatal(err)
	}
	st.Close()
	if st, err := Open(path); err == nil {
		st.Close()
		t.Fatal("Open accepted a file of schema version 99")
	}
}

func TestCoverageContains(t *testing.T) {
	day := func(d int) time.Time { return base.AddDate(0, 0, d) }
	bounded := Coverage{Window: cryptolens.Window{Since: day(0), Until: day(10)}}
	fromStart := Coverage{Window: cryptolens.Window{Until: day(10)}}
	noClaim := Coverage{Window: cryptolens.Window{Since: time.Unix(0, 0), Until: time.Unix(0, 0)}}
	tests := []struct {
		name string
		c    Coverage
		w    cryptolens.Window
		want bool
	}{
		{"inside", bounded, cryptolens.Window{Since: day(1), Until: day(9)}, true},
		{"exactly", bounded, cryptolens.Window{Since: day(0), Until: day(10)}, true},
		{"starts before", bounded, cryptolens.Window{Since: day(-1), Until: day(9)}, false},
		{"ends after", bounded, cryptolens.Window{Since: day(1), Until: day(11)}, false},
		{"open start", bounded, cryptolens.Window{Until: day(9)}, false},
		{"open start, covered from the start", fromStart, cryptolens.Window{Until: day(9)}, true},
		{"open end means now", fromStart, cryptolens.Window{Since: day(1)}, false},
		{"no time claim", noClaim, cryptolens.Window{Since: day(1), Until: day(2)}, false},
	}
	for _, tt := range tests {
		if got := tt.c.Contains(tt.w); got != tt.want {
			t.Errorf("%s: Contains = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestOpenPathWithOddCharacters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "odd dir #1 ?x=y %20", "store ü.db")
	st, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	a := testAccount(t, st, "tok")
	syncMem(t, a, memWebAPILog(handWebAPILog(1, 3), 10), time.Time{})
	st.Close()
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("the store is not at %q: %v", path, err)
	}
}

// TestSyncStoresTextByteForByte syncs rows whose text is empty, not UTF-8,
// holds NUL bytes, or is longer than the sync's text buffer starts, and
// reads each column back through SQL: the same bytes, as TEXT, never NULL.
func TestSyncStoresTextByteForByte(t *testing.T) {
	st := openTemp(t)
	a := testAccount(t, st, "tok")
	rows := handWebAPILog(1, 300)
	odd := []string{"", "\x00", "a\x00b", "\xff\xfe", "ключ-ü-😀", strings.Repeat("x", 200<<10), "'); DROP TABLE weblog; --"}
	for i := range rows {
		rows[i].Key = odd[i%len(odd)]
		rows[i].IP = odd[(i+1)%len(odd)]
		rows[i].MachineCode = odd[(i+2)%len(odd)]
		rows[i].FriendlyName = odd[(i+3)%len(odd)]
	}
	st.now = func() time.Time { return base.Add(24 * time.Hour) }
	if s := syncMem(t, a, memWebAPILog(rows, 100), time.Time{}); s.RowsNew != len(rows) {
		t.Fatalf("stored %d new rows, want %d", s.RowsNew, len(rows))
	}
	q, err := st.db.QueryContext(t.Context(), `SELECT id, key, ip, machine_code, friendly_name,
		typeof(key) || typeof(ip) || typeof(machine_code) || typeof(friendly_name) FROM weblog ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	n := 0
	for ; q.Next(); n++ {
		var id int64
		var got [4][]byte
		var types string
		if err := q.Scan(&id, &got[0], &got[1], &got[2], &got[3], &types); err != nil {
			t.Fatal(err)
		}
		r := rows[n]
		if id != r.ID || types != "texttexttexttext" {
			t.Fatalf("row %d: id %d, types %s; want id %d, four text columns", n, id, types, r.ID)
		}
		for j, want := range []string{r.Key, r.IP, r.MachineCode, r.FriendlyName} {
			if string(got[j]) != want {
				t.Errorf("row %d column %d: %d bytes %.20q, want %d bytes %.20q", id, j, len(got[j]), got[j], len(want), want)
			}
		}
	}
	if err := q.Err(); err != nil {
		t.Fatal(err)
	}
	if n != len(rows) {
		t.Fatalf("read %d rows, want %d", n, len(rows))
	}
}
