package cryptolens

import "encoding/json"

// UnmarshalJSON decodes a row as the API sends it (Unix seconds, lower camel
// case, names matched without regard to case, null strings as "", unknown
// fields ignored).
func (r *WebAPILog) UnmarshalJSON(b []byte) error {
	return decodeOne(b, &webAPILogSchema, webAPILogFrom, r)
}

// MarshalJSON encodes a row as the API sends it: the fields of
// [WebAPILogFields] in that order, times in Unix seconds.
func (r WebAPILog) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		ID              int64  `json:"id"`
		ProductID       int    `json:"productId"`
		Key             string `json:"key"`
		IP              string `json:"ip"`
		Time            int64  `json:"time"`
		State           int    `json:"state"`
		MachineCode     string `json:"machineCode"`
		FriendlyName    string `json:"friendlyName"`
		FloatingExpires int64  `json:"floatingExpires"`
		DOIntValue      int    `json:"doIntValue"`
		DOID            int64  `json:"doId"`
	}{r.ID, r.ProductID, r.Key, r.IP, unixSeconds(r.Time), int(r.State), r.MachineCode,
		r.FriendlyName, unixSeconds(r.FloatingExpires), r.DOIntValue, r.DOID})
}

// UnmarshalJSON decodes an event as the API sends it.
func (e *Event) UnmarshalJSON(b []byte) error {
	return decodeOne(b, &eventSchema, eventFrom, e)
}

// MarshalJSON encodes an event as the API sends it: the fields of
// [EventFields] in that order.
func (e Event) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		ID          int64  `json:"id"`
		ProductID   int    `json:"productId"`
		Key         string `json:"key"`
		MachineCode string `json:"machineCode"`
		FeatureName string `json:"featureName"`
		EventName   string `json:"eventName"`
		Value       int64  `json:"value"`
		Currency    string `json:"currency"`
		Time        int64  `json:"time"`
		Metadata    string `json:"metadata"`
	}{e.ID, e.ProductID, e.Key, e.MachineCode, e.FeatureName, e.EventName, e.Value,
		e.Currency, unixSeconds(e.Time), e.Metadata})
}

// UnmarshalJSON decodes an Object Log entry as the API sends it.
func (o *ObjectLogEntry) UnmarshalJSON(b []byte) error {
	return decodeOne(b, &objectLogSchema, objectLogFrom, o)
}

// MarshalJSON encodes an Object Log entry as the API sends it: the fields of
// [ObjectLogFields] in that order.
func (o ObjectLogEntry) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		ID                int64  `json:"id"`
		Created           int64  `json:"created"`
		ResourceType      int    `json:"resourceType"`
		ResourceAction    int    `json:"resourceAction"`
		AffectedObjectID  int64  `json:"affectedObjectId"`
		ObjectOwnerUserID int64  `json:"objectOwnerUserId"`
		PerformedByUserID string `json:"performedByUserId"`
		Data              string `json:"data"`
	}{o.ID, unixSeconds(o.Created), int(o.ResourceType), int(o.ResourceAction),
		o.AffectedObjectID, o.ObjectOwnerUserID, o.PerformedByUserID, o.Data})
}
