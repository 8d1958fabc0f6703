package emulator

import (
	"encoding/json"
	"slices"

	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// maxNameLength is the longest FeatureName or EventName the API accepts.
const maxNameLength = 100

// eventInput is one event of a RegisterEvents batch, as the SDKs send it
// (PascalCase names, matched without regard to case; null strings are "").
type eventInput struct {
	FeatureName string
	EventName   string
	Value       int64
	Currency    string
	Time        int64 // Unix seconds; 0 means now
	Metadata    string
}

// registerEvent answers ai/RegisterEvent: one event from the form fields,
// stamped with the server's clock.
func (s *Server) registerEvent(req *request) []byte {
	p := req.params
	value, err := p.int64Param("Value")
	if err != nil {
		return errorBody(msgBadInput)
	}
	in := eventInput{
		FeatureName: p.text("FeatureName"), EventName: p.text("EventName"), Value: value,
		Currency: p.text("Currency"), Metadata: p.text("Metadata"),
	}
	return s.register(req, []eventInput{in})
}

// registerEvents answers ai/RegisterEvents: Events is a JSON array of
// events that share the form's ProductId, Key and MachineCode.
func (s *Server) registerEvents(req *request) []byte {
	raw := req.params.get("Events")
	var batch []eventInput
	if raw == "" || json.Unmarshal([]byte(raw), &batch) != nil || batch == nil {
		return errorBody(msgBadInput)
	}
	return s.register(req, batch)
}

// register checks the shared fields and the batch, then stores every event
// or none, numbering them after the last event id.
func (s *Server) register(req *request, batch []eventInput) []byte {
	productID, key, err := req.params.productAndKey()
	if err != nil {
		return errorBody(msgBadInput)
	}
	if lock := req.token.ProductLock; lock != 0 && productID != 0 && productID != lock {
		return errorBody(msgAccessDenied)
	}
	machine := req.params.text("MachineCode")
	for _, in := range batch {
		if len([]rune(in.FeatureName)) > maxNameLength || len([]rune(in.EventName)) > maxNameLength || in.Time < 0 {
			return errorBody(msgBadInput)
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.clock().UTC().Unix()
	at, next := s.registerAt(len(batch))
	added := make([]cryptolens.Event, 0, len(batch))
	for _, in := range batch {
		next++
		t := in.Time
		if t == 0 {
			t = now
		}
		added = append(added, cryptolens.Event{
			ID: next, ProductID: productID, Key: key, MachineCode: machine,
			FeatureName: in.FeatureName, EventName: in.EventName, Value: in.Value,
			Currency: in.Currency, Time: unix(t), Metadata: in.Metadata,
		})
	}
	s.events = slices.Insert(s.events, at, added...)
	return successBody()
}
