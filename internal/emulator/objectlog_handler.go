package emulator

import (
	"cmp"
	"slices"

	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// getObjectLog answers ai/GetObjectLog: ascending by id after the
// exclusive StartingAfter cursor; Limit default 10, at most 100.
func (s *Server) getObjectLog(req *request) []byte {
	after, err := req.params.int64Param("StartingAfter")
	if err != nil {
		return errorBody(msgBadInput)
	}
	limit, err := req.params.limit(eventsDefaultLimit, eventsMaxLimit)
	if err != nil {
		return errorBody(msgBadInput)
	}
	log := s.objectLog
	if upTo, live := s.cutoff(); live {
		log = log[:s.objectLogVisible(upTo)]
	}
	lo := 0
	if after > 0 {
		lo, _ = slices.BinarySearchFunc(log, after+1, func(e cryptolens.ObjectLogEntry, id int64) int {
			return cmp.Compare(e.ID, id)
		})
	}
	page := log[lo:min(lo+limit, len(log))]
	s.countRows(MethodGetObjectLog, len(page))
	return listBody("events", page)
}
