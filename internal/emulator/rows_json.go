package emulator

import "github.com/lensbook/lensbook/pkg/cryptolens"

// listBody builds {"<key>":[rows...],"result":0,"message":null}, each row
// as the API sends it ([cryptolens.Schema.AppendJSON]: the bytes of the
// records' MarshalJSON, appended in place, since a 1000-row page is the
// server's hottest path).
func listBody[R cryptolens.WebAPILog | cryptolens.Event | cryptolens.ObjectLogEntry](key string, rows []R) []byte {
	schema := cryptolens.SchemaOf[R]()
	b := make([]byte, 0, 64+240*len(rows))
	b = append(b, `{"`...)
	b = append(b, key...)
	b = append(b, `":[`...)
	for i := range rows {
		if i > 0 {
			b = append(b, ',')
		}
		b = schema.AppendJSON(b, &rows[i])
	}
	return append(b, `],"result":0,"message":null}`...)
}
