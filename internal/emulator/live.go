package emulator

import (
	"slices"
	"sort"
	"strings"
	"time"
)

// DefaultLiveAhead is how long a live server's data keeps growing when
// LiveConfig.Ahead is zero.
const DefaultLiveAhead = 24 * time.Hour

// LiveConfig chooses what [NewLiveServer] serves.
type LiveConfig struct {
	// Config sets the seed, the days of data before now, the rows (per
	// Days, as for Generate) and hostile strings. Its End is ignored: the
	// data ends at the real now.
	Config
	// Ahead is how long after the server starts new rows keep appearing;
	// zero means DefaultLiveAhead.
	Ahead time.Duration
	// Now is the server's clock; nil means time.Now.
	Now func() time.Time
}

// NewLiveServer returns a server whose data ends at the present moment and
// keeps growing while it serves, as a real account's does: the three logs
// are generated for [now-Days, now+Ahead) at the rate Config.Rows asks
// for, and every answer holds only the rows whose time has come by the
// server's clock (see [Server.SetClock]). Ids grow with time, so a row that
// appears later has a greater id than every row served before it. Events
// registered while it serves are numbered after the events already served
// (the generated events still to come move up to make room).
//
// Dataset returns everything generated, including the rows still to come;
// [Server.Visible] says how many of each log are served at a moment.
func NewLiveServer(cfg LiveConfig) *Server {
	now := time.Now
	if cfg.Now != nil {
		now = cfg.Now
	}
	ahead := cfg.Ahead
	if ahead <= 0 {
		ahead = DefaultLiveAhead
	}
	c := cfg.Config
	if c.Days <= 0 {
		c.Days = DefaultDays
	}
	extra := int((ahead + 24*time.Hour - 1) / (24 * time.Hour))
	if c.Rows > 0 {
		c.Rows = c.Rows * (c.Days + extra) / c.Days
	}
	c.Days += extra
	c.End = now().UTC().Truncate(time.Second).Add(ahead)
	ds := Generate(c)
	s := NewServer(ds)
	s.events = slices.Clone(s.events) // renumbered in place on registration
	s.clock = now
	s.live = true
	return s
}

// Visible returns how many rows of each log the server serves at t: for a
// server made by NewServer, every row.
func (s *Server) Visible(t time.Time) (webLog, events, objectLog int) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if !s.live {
		return len(s.web.rows), len(s.events), len(s.objectLog)
	}
	sec := t.Unix()
	return s.webLogVisible(sec), s.eventsVisible(sec), s.objectLogVisible(sec)
}

// cutoff returns the last second whose rows a live server serves now; ok is
// false for a server that serves every row.
func (s *Server) cutoff() (sec int64, ok bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if !s.live {
		return 0, false
	}
	return s.clock().Unix(), true
}

// webLogVisible is how many Web API Log rows have a time up to sec.
func (s *Server) webLogVisible(sec int64) int {
	return sort.Search(len(s.web.times), func(i int) bool { return s.web.times[i] > sec })
}

// objectLogVisible is how many Object Log entries were created up to sec.
func (s *Server) objectLogVisible(sec int64) int {
	return sort.Search(len(s.objectLog), func(i int) bool { return s.objectLog[i].Created.Unix() > sec })
}

// eventsVisible is how many events are served at sec: those served already
// (generated ones whose time has come, and registered ones) and the
// generated ones due by sec. The caller holds s.mu.
func (s *Server) eventsVisible(sec int64) int {
	rest := s.events[s.eventsDue:]
	return s.eventsDue + sort.Search(len(rest), func(i int) bool { return rest[i].Time.Unix() > sec })
}

// registerAt returns where n newly registered events go in s.events and
// the id before the first of them. On a live server they go after the
// events served so far, and the generated events still to come get ids
// above theirs. The caller holds s.mu for writing.
func (s *Server) registerAt(n int) (at int, prevID int64) {
	at = len(s.events)
	if s.live {
		s.eventsDue = s.eventsVisible(s.clock().Unix())
		at = s.eventsDue
		s.eventsDue += n
	}
	prevID = int64(firstEventID)
	if at > 0 {
		prevID = s.events[at-1].ID
	}
	if at < len(s.events) {
		if shift := prevID + int64(n) + 1 - s.events[at].ID; shift > 0 {
			for i := at; i < len(s.events); i++ {
				s.events[i].ID += shift
			}
		}
	}
	return at, prevID
}

// countRows adds n to the rows served by method.
func (s *Server) countRows(method string, n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rowCounts[method] += n
}

// RowCount returns how many rows the server has sent in answers to the
// method ("GetWebAPILog", "GetEvents", "GetObjectLog"; case does not
// matter) since it started or since [Server.ResetCounts].
func (s *Server) RowCount(method string) int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if e, ok := endpoints[strings.ToLower(method)]; ok {
		return s.rowCounts[e.name]
	}
	return 0
}
