package cryptolens

import "encoding/json"

// DecodePageBothWays decodes a page body of R's log, whose rows are under
// listKey, with the scanner and the generated fill as the client does and,
// row by row, with the schema-driven reference decoder; the external differential test feeds it
// the emulator's pages.
func DecodePageBothWays[R any](body []byte, listKey string) (fast, ref []R, err error) {
	schema := SchemaOf[R]()
	var fill any
	switch any(*new(R)).(type) {
	case WebAPILog:
		fill = webAPILogFrom
	case Event:
		fill = eventFrom
	case ObjectLogEntry:
		fill = objectLogFrom
	}
	if _, err := decodeEnvelope(body, listKey, rowsDecoder(&schema.row, fill.(func(*[maxFields]int64, *[maxFields]string) R), &fast), newInterner()); err != nil {
		return nil, nil, err
	}
	var page map[string]json.RawMessage
	if err := json.Unmarshal(body, &page); err != nil {
		return nil, nil, err
	}
	var raws []json.RawMessage
	if err := json.Unmarshal(page[listKey], &raws); err != nil {
		return nil, nil, err
	}
	d := newRefDecoder(schema)
	ref = make([]R, len(raws))
	for i, raw := range raws {
		if err := d.decode(raw, &ref[i]); err != nil {
			return nil, nil, err
		}
	}
	return fast, ref, nil
}
