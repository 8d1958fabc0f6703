package analysis

import (
	"cmp"
	"slices"
)

// NameCount is a label with a count and its share of a stated total.
type NameCount struct {
	Name  string
	Count int
	Share float64
}

// sortedCounts turns a map of counts into NameCounts sorted by count
// (descending) and then name (ascending), with shares of total.
func sortedCounts(m map[string]int, total int) []NameCount {
	out := make([]NameCount, 0, len(m))
	for name, n := range m {
		out = append(out, NameCount{Name: name, Count: n, Share: share(n, total)})
	}
	slices.SortFunc(out, byCountThenName)
	return out
}

func byCountThenName(a, b NameCount) int {
	if c := cmp.Compare(b.Count, a.Count); c != 0 {
		return c
	}
	return cmp.Compare(a.Name, b.Name)
}
