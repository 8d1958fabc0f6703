package cryptolens

// UnmarshalJSON decodes a row as the API sends it (Unix seconds, lower camel
// case, names matched without regard to case, null strings as "", unknown
// fields ignored).
func (r *WebAPILog) UnmarshalJSON(b []byte) error {
	return decodeOne(b, &webAPILogSchema, webAPILogFrom, r)
}

// MarshalJSON encodes a row as the API sends it: the fields of
// [WebAPILogSchema] in that order, times in Unix seconds.
func (r WebAPILog) MarshalJSON() ([]byte, error) {
	return WebAPILogSchema.AppendJSON(make([]byte, 0, 256), &r), nil
}

// UnmarshalJSON decodes an event as the API sends it.
func (e *Event) UnmarshalJSON(b []byte) error {
	return decodeOne(b, &eventSchema, eventFrom, e)
}

// MarshalJSON encodes an event as the API sends it: the fields of
// [EventSchema] in that order.
func (e Event) MarshalJSON() ([]byte, error) {
	return EventSchema.AppendJSON(make([]byte, 0, 256), &e), nil
}

// UnmarshalJSON decodes an Object Log entry as the API sends it.
func (o *ObjectLogEntry) UnmarshalJSON(b []byte) error {
	return decodeOne(b, &objectLogSchema, objectLogFrom, o)
}

// MarshalJSON encodes an Object Log entry as the API sends it: the fields of
// [ObjectLogSchema] in that order.
func (o ObjectLogEntry) MarshalJSON() ([]byte, error) {
	return ObjectLogSchema.AppendJSON(make([]byte, 0, 256), &o), nil
}
