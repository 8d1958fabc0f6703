package store

import (
	"context"
	"errors"
	"sort"
	"time"

	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// memLog is an in-memory log that pages like the API: the unit tests of the
// range logic use it with records built by hand; the tests against the
// emulator cover the real HTTP path.
type memLog[R any] struct {
	rows     []R // ascending by id
	id       func(*R) int64
	pageSize int
	requests int
	failAt   int // fail the request with this number (1-based); 0 never
}

var errInjected = errors.New("injected failure")

func (m *memLog[R]) fail() error {
	m.requests++
	if m.failAt != 0 && m.requests == m.failAt {
		return errInjected
	}
	return nil
}

func (m *memLog[R]) pager(backward bool) pager[R] {
	p := pager[R]{newer: func(_ context.Context, after int64) ([]R, error) {
		if err := m.fail(); err != nil {
			return nil, err
		}
		i := sort.Search(len(m.rows), func(i int) bool { return m.id(&m.rows[i]) > after })
		return append([]R(nil), m.rows[i:min(i+m.pageSize, len(m.rows))]...), nil
	}}
	if backward {
		p.older = func(_ context.Context, before int64) ([]R, error) {
			if err := m.fail(); err != nil {
				return nil, err
			}
			end := len(m.rows)
			if before != 0 {
				end = sort.Search(len(m.rows), func(i int) bool { return m.id(&m.rows[i]) >= before })
			}
			var page []R
			for i := end - 1; i >= 0 && len(page) < m.pageSize; i-- {
				page = append(page, m.rows[i])
			}
			return page, nil
		}
	}
	return p
}

// base is the time of the hand-built rows: row i is at base + i minutes.
var base = time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)

func handWebAPILog(from, to int64) []cryptolens.WebAPILog {
	var rows []cryptolens.WebAPILog
	for id := from; id <= to; id++ {
		rows = append(rows, cryptolens.WebAPILog{ID: id, ProductID: int(id % 3), Key: "KEY-" + string(rune('A'+id%26)),
			IP: "10.0.0.0", Time: base.Add(time.Duration(id) * time.Minute), State: cryptolens.StateActivation,
			MachineCode: "m" + string(rune('a'+id%7)), FriendlyName: "Name", DOID: id})
	}
	return rows
}
