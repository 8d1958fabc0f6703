package store

import (
	"context"
	"errors"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/lensbook/lensbook/internal/emulator"
)

// readAll reads every Web API Log row of the store's first account on a
// read connection, as readColumnsSQL does.
func readAll(ctx context.Context, st *Store) (*Columns, error) {
	c, err := st.openReadConn()
	if err != nil {
		return nil, err
	}
	defer c.close()
	var b *columnBuilder
	err = c.readColumns(ctx, "SELECT "+strings.Join(webLogTable.columns, ", ")+" FROM weblog WHERE account = ? AND id >= ? ORDER BY id",
		[]int64{1, math.MinInt64}, func(text []bool) *columnBuilder {
			b = newColumnBuilder(WebAPILog, webLogTable.columns, text, 1)
			return b
		})
	if err != nil {
		return nil, err
	}
	return concat(b.finish()), nil
}

func TestReadConnReadsEveryValue(t *testing.T) {
	ds := emulator.Generate(emulator.Config{Seed: 5, Rows: 3000, Hostile: true})
	st := openTemp(t)
	syncRows(t, testAccount(t, st, "tok"), ds.WebAPILog)
	c, err := readAll(t.Context(), st)
	if err != nil {
		t.Fatal(err)
	}
	got := records(webLogTable, c)
	if len(got) != len(ds.WebAPILog) {
		t.Fatalf("read %d rows, want %d", len(got), len(ds.WebAPILog))
	}
	for i := range got {
		if got[i] != ds.WebAPILog[i] {
			t.Fatalf("row %d:\n got %+v\nwant %+v", i, got[i], ds.WebAPILog[i])
		}
	}
}

func TestReadConnStopsWhenTheContextIsCancelled(t *testing.T) {
	st := openTemp(t)
	syncRows(t, testAccount(t, st, "tok"), snapshotRows(t))
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := readAll(ctx, st); !errors.Is(err, context.Canceled) {
		t.Fatalf("read with a cancelled context: %v, want context.Canceled", err)
	}
}

func TestReadConnNamesADamagedFile(t *testing.T) {
	st := openTemp(t)
	syncRows(t, testAccount(t, st, "tok"), snapshotRows(t))
	if _, err := st.db.Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(st.path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	info, _ := f.Stat()
	if _, err := f.WriteAt([]byte(strings.Repeat("\xde\xad\xbe\xef", int(info.Size()/8))), info.Size()/2); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, err = readAll(t.Context(), st)
	if err == nil {
		t.Fatal("reading a damaged file: no error")
	}
	if err := st.explain(err); !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), st.path) {
		t.Fatalf("reading a damaged file: %v, want ErrDamaged naming %s", err, st.path)
	}
}
