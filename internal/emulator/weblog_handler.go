package emulator

import (
	"cmp"
	"slices"
	"strings"

	"github.com/lensbook/lensbook/pkg/cryptolens"
)

const (
	webLogDefaultLimit = 10
	webLogMaxLimit     = 1000
	eventsDefaultLimit = 10
	eventsMaxLimit     = 100
)

// webLogQuery is a parsed GetWebAPILog request.
type webLogQuery struct {
	productID     int
	key           string
	machineCode   string
	friendlyName  string // lower-cased
	states        []cryptolens.State
	time          timeRange
	after, before int64
	live          bool  // serve only the rows up to upTo (live mode)
	upTo          int64 // Unix seconds
	order         order
	limit         int
}

func parseWebAPILogQuery(p params) (q webLogQuery, err error) {
	if q.productID, q.key, err = p.productAndKey(); err != nil {
		return q, err
	}
	q.machineCode = p.text("MachineCode")
	q.friendlyName = strings.ToLower(p.text("FriendlyName"))
	if q.states, err = p.states(); err != nil {
		return q, err
	}
	if q.time, err = p.timeRange(); err != nil {
		return q, err
	}
	if q.after, q.before, err = p.cursors(); err != nil {
		return q, err
	}
	if q.order, err = p.orderBy(q.before); err != nil {
		return q, err
	}
	q.limit, err = p.limit(webLogDefaultLimit, webLogMaxLimit)
	return q, err
}

// lockScope applies a token's product and key locks to a query's product
// and key. It reports false when the query asks for rows outside them (the
// answer is then an empty page) and returns errBadInput when a KeyLock -1
// token leaves out ProductId or Key.
func (s *Server) lockScope(t Token, productID *int, key *string) (bool, error) {
	if t.KeyLock == -1 && (*productID == 0 || *key == "") {
		return false, errBadInput
	}
	if t.ProductLock != 0 {
		if *productID != 0 && *productID != t.ProductLock {
			return false, nil
		}
		*productID = t.ProductLock
	}
	if t.KeyLock > 0 {
		lic, ok := s.licenseByID(int64(t.KeyLock))
		if !ok || (*productID != 0 && *productID != lic.ProductID) || (*key != "" && *key != lic.Key) {
			return false, nil
		}
		*productID, *key = lic.ProductID, lic.Key
	}
	return true, nil
}

func (s *Server) licenseByID(id int64) (License, bool) {
	for _, l := range s.data.Licenses {
		if l.ID == id {
			return l, true
		}
	}
	return License{}, false
}

// getWebAPILog answers ai/GetWebAPILog: filter, apply both exclusive
// cursors, order, and return the first Limit rows.
func (s *Server) getWebAPILog(req *request) []byte {
	q, err := parseWebAPILogQuery(req.params)
	if err != nil {
		return errorBody(msgBadInput)
	}
	inScope, err := s.lockScope(req.token, &q.productID, &q.key)
	if err != nil {
		return errorBody(msgBadInput)
	}
	if !inScope {
		return listBody[cryptolens.WebAPILog]("logs", nil)
	}
	q.upTo, q.live = s.cutoff()
	rows := s.web.query(q)
	s.countRows(MethodGetWebAPILog, len(rows))
	return listBody("logs", rows)
}

// query runs q against the index. It narrows by the product or key index,
// then by binary search on the id cursors (and on time when times never
// decrease with ids), and walks in the requested order until it has Limit
// rows. Only an order by time on a log whose times are not sorted by id
// collects and sorts every match.
func (x *webLogIndex) query(q webLogQuery) []cryptolens.WebAPILog {
	c := x.candidatesFor(q.productID, q.key)
	lo, hi := 0, c.len()
	if q.after > 0 {
		lo = max(lo, c.firstIndex(func(p int) bool { return x.rows[p].ID > q.after }))
	}
	if q.before > 0 {
		hi = min(hi, c.firstIndex(func(p int) bool { return x.rows[p].ID >= q.before }))
	}
	if q.live {
		// Live data is generated with times that never decrease with ids.
		hi = min(hi, c.firstIndex(func(p int) bool { return x.times[p] > q.upTo }))
	}
	timeChecked := false
	if x.timeSorted && q.time.active() {
		if q.time.hasFrom {
			lo = max(lo, c.firstIndex(func(p int) bool { return x.times[p] >= q.time.from }))
		}
		if q.time.hasTo {
			hi = min(hi, c.firstIndex(func(p int) bool { return x.times[p] >= q.time.to }))
		}
		timeChecked = true
	}
	keep := func(p int) bool {
		r := &x.rows[p]
		return (timeChecked || q.time.contains(x.times[p])) &&
			(q.machineCode == "" || r.MachineCode == q.machineCode) &&
			(q.friendlyName == "" || containsFold(r.FriendlyName, q.friendlyName)) &&
			(q.states == nil || slices.Contains(q.states, r.State))
	}
	out := []cryptolens.WebAPILog{}
	if q.order.byTime && !x.timeSorted {
		for i := lo; i < hi; i++ {
			if p := c.at(i); keep(p) {
				out = append(out, x.rows[p])
			}
		}
		slices.SortStableFunc(out, func(a, b cryptolens.WebAPILog) int {
			o := cmp.Or(a.Time.Compare(b.Time), cmp.Compare(a.ID, b.ID))
			if q.order.descending {
				return -o
			}
			return o
		})
		return out[:min(len(out), q.limit)]
	}
	if q.order.descending {
		for i := hi - 1; i >= lo && len(out) < q.limit; i-- {
			if p := c.at(i); keep(p) {
				out = append(out, x.rows[p])
			}
		}
		return out
	}
	for i := lo; i < hi && len(out) < q.limit; i++ {
		if p := c.at(i); keep(p) {
			out = append(out, x.rows[p])
		}
	}
	return out
}

// containsFold reports whether s contains lowerSub, ignoring case.
func containsFold(s, lowerSub string) bool {
	return strings.Contains(strings.ToLower(s), lowerSub)
}
