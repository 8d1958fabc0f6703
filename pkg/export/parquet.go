package export

import (
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/lensbook/lensbook/pkg/cryptolens"
	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress/snappy"
)

// Parquet schemas. Every column is named by the API's field name and comes
// in the API's order ([cryptolens.WebAPILogFields], [cryptolens.EventFields],
// [cryptolens.ObjectLogFields]); columns are required unless marked
// optional, and snappy-compressed.
//
//	Web API Log: id INT64, productId INT32, key STRING, ip STRING,
//	  time TIMESTAMP(MILLIS, UTC), state INT32, machineCode STRING,
//	  friendlyName STRING, floatingExpires optional TIMESTAMP(MILLIS, UTC)
//	  (null when the row has none), doIntValue INT32, doId INT64
//	Events Log: id INT64, productId INT32, key STRING, machineCode STRING,
//	  featureName STRING, eventName STRING, value INT64, currency STRING,
//	  time TIMESTAMP(MILLIS, UTC), metadata STRING (JSON text as sent)
//	Object Log: id INT64, created TIMESTAMP(MILLIS, UTC), resourceType INT32,
//	  resourceAction INT32, affectedObjectId INT64, objectOwnerUserId INT64,
//	  performedByUserId STRING, data STRING (JSON text as sent)
//
// STRING is BYTE_ARRAY with the STRING (UTF8) logical type; text is written
// byte for byte as stored.
type (
	webAPILogParquet struct {
		ID              int64  `parquet:"id"`
		ProductID       int32  `parquet:"productId"`
		Key             string `parquet:"key"`
		IP              string `parquet:"ip"`
		Time            int64  `parquet:"time,timestamp(millisecond:utc)"`
		State           int32  `parquet:"state"`
		MachineCode     string `parquet:"machineCode"`
		FriendlyName    string `parquet:"friendlyName"`
		FloatingExpires *int64 `parquet:"floatingExpires,timestamp(millisecond:utc)"`
		DOIntValue      int32  `parquet:"doIntValue"`
		DOID            int64  `parquet:"doId"`
	}
	eventParquet struct {
		ID          int64  `parquet:"id"`
		ProductID   int32  `parquet:"productId"`
		Key         string `parquet:"key"`
		MachineCode string `parquet:"machineCode"`
		FeatureName string `parquet:"featureName"`
		EventName   string `parquet:"eventName"`
		Value       int64  `parquet:"value"`
		Currency    string `parquet:"currency"`
		Time        int64  `parquet:"time,timestamp(millisecond:utc)"`
		Metadata    string `parquet:"metadata"`
	}
	objectLogParquet struct {
		ID                int64  `parquet:"id"`
		Created           int64  `parquet:"created,timestamp(millisecond:utc)"`
		ResourceType      int32  `parquet:"resourceType"`
		ResourceAction    int32  `parquet:"resourceAction"`
		AffectedObjectID  int64  `parquet:"affectedObjectId"`
		ObjectOwnerUserID int64  `parquet:"objectOwnerUserId"`
		PerformedByUserID string `parquet:"performedByUserId"`
		Data              string `parquet:"data"`
	}
)

// parquetRowGroup is the most rows a row group holds, which bounds the
// writer's memory (a variable so that a test can make it small).
var parquetRowGroup int64 = 100_000

// parquetBatch is how many rows the writer hands to parquet-go at a time.
const parquetBatch = 1024

// NewParquetWriter returns a writer of the records to w as a Parquet file in
// the schema documented above. It streams: rows go out in row groups of at
// most 100,000, so memory stays bounded however many rows are written. Close
// writes the footer; it does not close w. The same rows give the same bytes.
func NewParquetWriter[R Record](w io.Writer) (Writer[R], error) {
	var zero R
	switch any(zero).(type) {
	case cryptolens.WebAPILog:
		return newParquetWriter[R](w, webAPILogToParquet), nil
	case cryptolens.Event:
		return newParquetWriter[R](w, eventToParquet), nil
	case cryptolens.ObjectLogEntry:
		return newParquetWriter[R](w, objectLogToParquet), nil
	}
	return nil, fmt.Errorf("export: parquet: unsupported record %T", zero)
}

type parquetWriter[R Record, P any] struct {
	w       *parquet.GenericWriter[P]
	convert func(any) P
	batch   []P
	closed  bool
}

func newParquetWriter[R Record, P any](w io.Writer, convert func(any) P) *parquetWriter[R, P] {
	return &parquetWriter[R, P]{
		w: parquet.NewGenericWriter[P](w, parquet.Compression(&snappy.Codec{}),
			parquet.MaxRowsPerRowGroup(parquetRowGroup), parquet.CreatedBy("lensbook", "1", "")),
		convert: convert,
		batch:   make([]P, 0, parquetBatch),
	}
}

// Write adds one record.
func (p *parquetWriter[R, P]) Write(r R) error {
	if p.closed {
		return errors.New("export: parquet: write after close")
	}
	p.batch = append(p.batch, p.convert(any(r)))
	if len(p.batch) == cap(p.batch) {
		return p.flush()
	}
	return nil
}

func (p *parquetWriter[R, P]) flush() error {
	if len(p.batch) == 0 {
		return nil
	}
	if _, err := p.w.Write(p.batch); err != nil {
		return fmt.Errorf("export: parquet: write rows: %w", err)
	}
	clear(p.batch)
	p.batch = p.batch[:0]
	return nil
}

// Close writes the buffered rows and the file footer.
func (p *parquetWriter[R, P]) Close() error {
	if p.closed {
		return nil
	}
	p.closed = true
	if err := p.flush(); err != nil {
		return err
	}
	if err := p.w.Close(); err != nil {
		return fmt.Errorf("export: parquet: close: %w", err)
	}
	return nil
}

// ReadParquet reads a whole Parquet file written by [NewParquetWriter] back
// into records; size is the file's length.
func ReadParquet[R Record](r io.ReaderAt, size int64) ([]R, error) {
	var zero R
	switch any(zero).(type) {
	case cryptolens.WebAPILog:
		return readParquet[R](r, size, webAPILogFromParquet)
	case cryptolens.Event:
		return readParquet[R](r, size, eventFromParquet)
	case cryptolens.ObjectLogEntry:
		return readParquet[R](r, size, objectLogFromParquet)
	}
	return nil, fmt.Errorf("export: parquet: unsupported record %T", zero)
}

func readParquet[R Record, P any](r io.ReaderAt, size int64, convert func(P) any) ([]R, error) {
	rows, err := parquet.Read[P](r, size)
	if err != nil {
		return nil, fmt.Errorf("export: read parquet: %w", err)
	}
	out := make([]R, len(rows))
	for i, row := range rows {
		out[i] = convert(row).(R)
	}
	return out, nil
}

// millis converts a time to Unix milliseconds; the zero time gives 0.
func millis(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

// fromMillis converts Unix milliseconds to a UTC time; 0 gives the zero time.
func fromMillis(ms int64) time.Time {
	if ms == 0 {
		return time.Time{}
	}
	return time.UnixMilli(ms).UTC()
}

func webAPILogToParquet(v any) webAPILogParquet {
	r := v.(cryptolens.WebAPILog)
	p := webAPILogParquet{ID: r.ID, ProductID: int32(r.ProductID), Key: r.Key, IP: r.IP,
		Time: millis(r.Time), State: int32(r.State), MachineCode: r.MachineCode,
		FriendlyName: r.FriendlyName, DOIntValue: int32(r.DOIntValue), DOID: r.DOID}
	if !r.FloatingExpires.IsZero() {
		ms := r.FloatingExpires.UnixMilli()
		p.FloatingExpires = &ms
	}
	return p
}

func webAPILogFromParquet(p webAPILogParquet) any {
	r := cryptolens.WebAPILog{ID: p.ID, ProductID: int(p.ProductID), Key: p.Key, IP: p.IP,
		Time: fromMillis(p.Time), State: cryptolens.State(p.State), MachineCode: p.MachineCode,
		FriendlyName: p.FriendlyName, DOIntValue: int(p.DOIntValue), DOID: p.DOID}
	if p.FloatingExpires != nil {
		r.FloatingExpires = time.UnixMilli(*p.FloatingExpires).UTC()
	}
	return r
}

func eventToParquet(v any) eventParquet {
	e := v.(cryptolens.Event)
	return eventParquet{ID: e.ID, ProductID: int32(e.ProductID), Key: e.Key, MachineCode: e.MachineCode,
		FeatureName: e.FeatureName, EventName: e.EventName, Value: e.Value, Currency: e.Currency,
		Time: millis(e.Time), Metadata: e.Metadata}
}

func eventFromParquet(p eventParquet) any {
	return cryptolens.Event{ID: p.ID, ProductID: int(p.ProductID), Key: p.Key, MachineCode: p.MachineCode,
		FeatureName: p.FeatureName, EventName: p.EventName, Value: p.Value, Currency: p.Currency,
		Time: fromMillis(p.Time), Metadata: p.Metadata}
}

func objectLogToParquet(v any) objectLogParquet {
	o := v.(cryptolens.ObjectLogEntry)
	return objectLogParquet{ID: o.ID, Created: millis(o.Created), ResourceType: int32(o.ResourceType),
		ResourceAction: int32(o.ResourceAction), AffectedObjectID: o.AffectedObjectID,
		ObjectOwnerUserID: o.ObjectOwnerUserID, PerformedByUserID: o.PerformedByUserID, Data: o.Data}
}

func objectLogFromParquet(p objectLogParquet) any {
	return cryptolens.ObjectLogEntry{ID: p.ID, Created: fromMillis(p.Created),
		ResourceType: cryptolens.ResourceType(p.ResourceType), ResourceAction: cryptolens.ResourceAction(p.ResourceAction),
		AffectedObjectID: p.AffectedObjectID, ObjectOwnerUserID: p.ObjectOwnerUserID,
		PerformedByUserID: p.PerformedByUserID, Data: p.Data}
}
