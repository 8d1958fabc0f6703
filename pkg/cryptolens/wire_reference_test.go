package cryptolens

// The reflective decoders that wire.go started with, kept as the reference
// that the scanner's fast decoding is compared with.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
)

// flexInt decodes a JSON integer leniently: a number (integral float
// included), a numeric string, null or "" (both 0).
type flexInt int64

func (f *flexInt) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || string(b) == "null" {
		*f = 0
		return nil
	}
	if b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		if s == "" {
			*f = 0
			return nil
		}
		b = []byte(s)
	}
	if v, err := strconv.ParseInt(string(b), 10, 64); err == nil {
		*f = flexInt(v)
		return nil
	}
	v, err := strconv.ParseFloat(string(b), 64)
	if err != nil || v != math.Trunc(v) || math.Abs(v) > 1<<53 {
		return fmt.Errorf("not an integer: %.40s", b)
	}
	*f = flexInt(v)
	return nil
}

// flexString decodes a JSON string leniently: null becomes "", and a number
// or boolean becomes its literal text.
type flexString string

func (f *flexString) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case string(b) == "null":
		*f = ""
	case len(b) > 0 && b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*f = flexString(s)
	default:
		*f = flexString(b)
	}
	return nil
}

// webAPILogWire is the API's JSON shape of a Web API Log row.
type webAPILogWire struct {
	ID              flexInt    `json:"id"`
	ProductID       flexInt    `json:"productId"`
	Key             flexString `json:"key"`
	IP              flexString `json:"ip"`
	Time            flexInt    `json:"time"`
	State           flexInt    `json:"state"`
	MachineCode     flexString `json:"machineCode"`
	FriendlyName    flexString `json:"friendlyName"`
	FloatingExpires flexInt    `json:"floatingExpires"`
	DOIntValue      flexInt    `json:"doIntValue"`
	DOID            flexInt    `json:"doId"`
}

// refDecode... decodes a row as the API sends it (Unix seconds, lower camel
// case, names matched without regard to case, null strings as "", unknown
// fields ignored).
func refDecodeWebAPILog(b []byte, r *WebAPILog) error {
	var w webAPILogWire
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*r = WebAPILog{
		ID: int64(w.ID), ProductID: int(w.ProductID), Key: string(w.Key), IP: string(w.IP),
		Time: unixTime(int64(w.Time)), State: State(w.State), MachineCode: string(w.MachineCode),
		FriendlyName: string(w.FriendlyName), FloatingExpires: unixTime(int64(w.FloatingExpires)),
		DOIntValue: int(w.DOIntValue), DOID: int64(w.DOID),
	}
	return nil
}

// refDecode... decodes an event as the API sends it.
func refDecodeEvent(b []byte, e *Event) error {
	var w struct {
		ID          flexInt    `json:"id"`
		ProductID   flexInt    `json:"productId"`
		Key         flexString `json:"key"`
		MachineCode flexString `json:"machineCode"`
		FeatureName flexString `json:"featureName"`
		EventName   flexString `json:"eventName"`
		Value       flexInt    `json:"value"`
		Currency    flexString `json:"currency"`
		Time        flexInt    `json:"time"`
		Metadata    flexString `json:"metadata"`
	}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*e = Event{
		ID: int64(w.ID), ProductID: int(w.ProductID), Key: string(w.Key),
		MachineCode: string(w.MachineCode), FeatureName: string(w.FeatureName),
		EventName: string(w.EventName), Value: int64(w.Value), Currency: string(w.Currency),
		Time: unixTime(int64(w.Time)), Metadata: string(w.Metadata),
	}
	return nil
}

// refDecode... decodes an Object Log entry as the API sends it.
func refDecodeObjectLog(b []byte, o *ObjectLogEntry) error {
	var w struct {
		ID                flexInt    `json:"id"`
		Created           flexInt    `json:"created"`
		ResourceType      flexInt    `json:"resourceType"`
		ResourceAction    flexInt    `json:"resourceAction"`
		AffectedObjectID  flexInt    `json:"affectedObjectId"`
		ObjectOwnerUserID flexInt    `json:"objectOwnerUserId"`
		PerformedByUserID flexString `json:"performedByUserId"`
		Data              flexString `json:"data"`
	}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*o = ObjectLogEntry{
		ID: int64(w.ID), Created: unixTime(int64(w.Created)),
		ResourceType: ResourceType(w.ResourceType), ResourceAction: ResourceAction(w.ResourceAction),
		AffectedObjectID: int64(w.AffectedObjectID), ObjectOwnerUserID: int64(w.ObjectOwnerUserID),
		PerformedByUserID: string(w.PerformedByUserID), Data: string(w.Data),
	}
	return nil
}
