package emulator

import (
	"cmp"
	"slices"
	"sort"

	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// productKey identifies a license key.
type productKey struct {
	productID int
	key       string
}

// webLogIndex lets GetWebAPILog answer a page without scanning the log:
// rows by id, and the positions of each product's and each key's rows.
type webLogIndex struct {
	rows       []cryptolens.WebAPILog // ascending by ID
	times      []int64                // Unix seconds of rows
	timeSorted bool                   // times never decrease with ID
	byProduct  map[int][]int32
	byKey      map[productKey][]int32
}

func newWebAPILogIndex(rows []cryptolens.WebAPILog) *webLogIndex {
	if !slices.IsSortedFunc(rows, func(a, b cryptolens.WebAPILog) int { return cmp.Compare(a.ID, b.ID) }) {
		rows = slices.Clone(rows)
		slices.SortStableFunc(rows, func(a, b cryptolens.WebAPILog) int { return cmp.Compare(a.ID, b.ID) })
	}
	x := &webLogIndex{
		rows: rows, times: make([]int64, len(rows)), timeSorted: true,
		byProduct: map[int][]int32{}, byKey: map[productKey][]int32{},
	}
	for i, r := range rows {
		x.times[i] = r.Time.Unix()
		if i > 0 && x.times[i] < x.times[i-1] {
			x.timeSorted = false
		}
		x.byProduct[r.ProductID] = append(x.byProduct[r.ProductID], int32(i))
		if r.Key != "" {
			k := productKey{r.ProductID, r.Key}
			x.byKey[k] = append(x.byKey[k], int32(i))
		}
	}
	return x
}

// candidates are the positions (ascending) of the rows a query can match,
// as a view: all rows when positions is nil.
type candidates struct {
	positions []int32
	all       int
}

func (c candidates) len() int {
	if c.positions == nil {
		return c.all
	}
	return len(c.positions)
}

func (c candidates) at(i int) int {
	if c.positions == nil {
		return i
	}
	return int(c.positions[i])
}

// candidatesFor picks the narrowest index for the product and key filters.
func (x *webLogIndex) candidatesFor(productID int, key string) candidates {
	switch {
	case key != "":
		return candidates{positions: nonNil(x.byKey[productKey{productID, key}])}
	case productID > 0:
		return candidates{positions: nonNil(x.byProduct[productID])}
	}
	return candidates{all: len(x.rows)}
}

func nonNil(p []int32) []int32 {
	if p == nil {
		return []int32{}
	}
	return p
}

// firstIndex returns the first candidate index in [0, n) for which the
// row at that position satisfies ok, which must be monotone (false, then
// true).
func (c candidates) firstIndex(ok func(pos int) bool) int {
	return sort.Search(c.len(), func(i int) bool { return ok(c.at(i)) })
}
