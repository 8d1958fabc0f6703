package emulator

import (
	"sort"
	"strings"

	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// getEvents answers ai/GetEvents: filters ProductId, Key, Metadata (a
// case-sensitive substring of the metadata text) and Time; exclusive
// StartingAfter and EndingBefore cursors; ascending by id, or descending
// when EndingBefore is set; Limit default 10, at most 100.
func (s *Server) getEvents(req *request) []byte {
	p := req.params
	productID, key, err := p.productAndKey()
	if err != nil {
		return errorBody(msgBadInput)
	}
	metadata := p.text("Metadata")
	window, err := p.timeRange()
	if err != nil {
		return errorBody(msgBadInput)
	}
	after, before, err := p.cursors()
	if err != nil {
		return errorBody(msgBadInput)
	}
	limit, err := p.limit(eventsDefaultLimit, eventsMaxLimit)
	if err != nil {
		return errorBody(msgBadInput)
	}
	inScope, err := s.lockScope(req.token, &productID, &key)
	if err != nil {
		return errorBody(msgBadInput)
	}
	out := []cryptolens.Event{}
	if !inScope {
		return listBody("events", out)
	}
	keep := func(e *cryptolens.Event) bool {
		return (productID == 0 || e.ProductID == productID) && (key == "" || e.Key == key) &&
			(metadata == "" || strings.Contains(e.Metadata, metadata)) &&
			(!window.active() || window.contains(e.Time.Unix()))
	}
	upTo, live := s.cutoff()
	s.mu.RLock()
	events := s.events
	lo, hi := 0, len(events)
	if live {
		hi = s.eventsVisible(upTo)
	}
	if after > 0 {
		lo = sort.Search(hi, func(i int) bool { return events[i].ID > after })
	}
	if before > 0 {
		hi = sort.Search(hi, func(i int) bool { return events[i].ID >= before })
	}
	if before > 0 {
		for i := hi - 1; i >= lo && len(out) < limit; i-- {
			if keep(&events[i]) {
				out = append(out, events[i])
			}
		}
	} else {
		for i := lo; i < hi && len(out) < limit; i++ {
			if keep(&events[i]) {
				out = append(out, events[i])
			}
		}
	}
	s.mu.RUnlock()
	s.countRows(MethodGetEvents, len(out))
	return listBody("events", out)
}
