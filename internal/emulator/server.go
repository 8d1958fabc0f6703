package emulator

import (
	"cmp"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// The API's error messages, exactly as the real service words them.
const (
	msgUnauthenticated = "Unable to authenticate"
	msgAccessDenied    = "Access denied."
	msgBadInput        = "The input parameters were incorrect."
	msgNotFound        = "The requested method does not exist."
	msgMethod          = "Only GET and POST are supported."
	msgServerError     = "Something went wrong. Please contact support@cryptolens.io and we will try to fix it."
	msgTooManyRequests = "Too many requests. Please try again later."
)

// Canonical method names, as RequestCount takes them.
const (
	MethodGetWebAPILog   = "GetWebAPILog"
	MethodGetEvents      = "GetEvents"
	MethodGetObjectLog   = "GetObjectLog"
	MethodRegisterEvent  = "RegisterEvent"
	MethodRegisterEvents = "RegisterEvents"
)

// endpoint is one API method the server answers.
type endpoint struct {
	name       string
	permission Permission
	registers  bool // changes the server's state
	handle     func(s *Server, req *request) []byte
}

var endpoints = map[string]endpoint{
	"getwebapilog":   {MethodGetWebAPILog, PermGetWebAPILog, false, (*Server).getWebAPILog},
	"getevents":      {MethodGetEvents, PermGetEvents, false, (*Server).getEvents},
	"getobjectlog":   {MethodGetObjectLog, PermGetObjectLog, false, (*Server).getObjectLog},
	"registerevent":  {MethodRegisterEvent, PermRegisterEvent, true, (*Server).registerEvent},
	"registerevents": {MethodRegisterEvents, PermRegisterEvent, true, (*Server).registerEvents},
}

// request is an authenticated call to an endpoint.
type request struct {
	params params
	token  Token
}

// Server serves a [Dataset] as the Cryptolens API under /api/ai/. It
// implements http.Handler and is safe for concurrent use.
type Server struct {
	data      *Dataset
	web       *webLogIndex                // immutable after NewServer
	objectLog []cryptolens.ObjectLogEntry // ascending by ID, immutable

	mu      sync.RWMutex
	tokens  map[string]Token
	events  []cryptolens.Event // generated plus registered, ascending by ID
	clock   func() time.Time
	counts  map[string]int
	faults  Faults
	faultNo uint64

	// Live mode (NewLiveServer): rows show only once their time has come.
	live      bool
	eventsDue int            // events[:eventsDue] have been served or registered
	rowCounts map[string]int // rows sent, by method
}

// NewServer returns a server for d, which it does not modify. It has no
// tokens yet: add them with [Server.NewToken] or [Server.AddToken].
func NewServer(d *Dataset) *Server {
	return &Server{
		data:      d,
		web:       newWebAPILogIndex(d.WebAPILog),
		objectLog: sortedByID(d.ObjectLog, func(o cryptolens.ObjectLogEntry) int64 { return o.ID }),
		tokens:    map[string]Token{},
		events:    slices.Clip(sortedByID(d.Events, func(e cryptolens.Event) int64 { return e.ID })),
		clock:     time.Now,
		counts:    map[string]int{},
		rowCounts: map[string]int{},
	}
}

// sortedByID returns rows if they are ascending by id, else a sorted copy.
func sortedByID[T any](rows []T, id func(T) int64) []T {
	byID := func(a, b T) int { return cmp.Compare(id(a), id(b)) }
	if slices.IsSortedFunc(rows, byID) {
		return rows
	}
	rows = slices.Clone(rows)
	slices.SortStableFunc(rows, byID)
	return rows
}

// Dataset returns the dataset the server was made with.
func (s *Server) Dataset() *Dataset { return s.data }

// SetClock sets the clock that stamps events registered without a time.
// The default is time.Now.
func (s *Server) SetClock(now func() time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.clock = now
}

// RequestCount returns how many requests reached the method ("GetWebAPILog",
// "GetEvents", "GetObjectLog", "RegisterEvent", "RegisterEvents"; case does
// not matter), whether they succeeded, failed or met an injected fault.
func (s *Server) RequestCount(method string) int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if e, ok := endpoints[strings.ToLower(method)]; ok {
		return s.counts[e.name]
	}
	return 0
}

// ResetCounts sets every request and row count back to zero.
func (s *Server) ResetCounts() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.counts)
	clear(s.rowCounts)
}

// Events returns the generated events and those registered since, ascending
// by ID.
func (s *Server) Events() []cryptolens.Event {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return slices.Clone(s.events)
}

// route finds the endpoint of a path such as /api/ai/GetWebAPILog, matched
// without regard to case, repeated slashes or a trailing slash.
func route(path string) (endpoint, bool) {
	var parts []string
	for part := range strings.SplitSeq(strings.ToLower(path), "/") {
		if part != "" {
			parts = append(parts, part)
		}
	}
	if len(parts) != 3 || parts[0] != "api" || parts[1] != "ai" {
		return endpoint{}, false
	}
	e, ok := endpoints[parts[2]]
	return e, ok
}

// ServeHTTP answers one API call.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	e, ok := route(r.URL.Path)
	if !ok {
		writeJSON(w, http.StatusNotFound, errorBody(msgNotFound))
		return
	}
	s.mu.Lock()
	s.counts[e.name]++
	fault := s.nextFault()
	s.mu.Unlock()
	if r.Method != http.MethodGet && r.Method != http.MethodPost {
		writeJSON(w, http.StatusMethodNotAllowed, errorBody(msgMethod))
		return
	}
	if !fault.wait(r) {
		return
	}
	if fault.answerEarly(w) {
		return
	}
	var body []byte
	if fault.kind == faultTruncate && e.registers {
		body = successBody() // a cut answer to a call that did nothing
	} else {
		body = s.answer(e, r)
	}
	fault.write(w, body)
}

// answer authenticates the call and runs the endpoint.
func (s *Server) answer(e endpoint, r *http.Request) []byte {
	p, err := readParams(r)
	if err != nil {
		return errorBody(msgBadInput)
	}
	s.mu.RLock()
	token, ok := s.tokens[p.text("token")]
	s.mu.RUnlock()
	switch {
	case !ok:
		return errorBody(msgUnauthenticated)
	case !token.allows(e.permission):
		return errorBody(msgAccessDenied)
	}
	return e.handle(s, &request{params: p, token: token})
}
