package cryptolens

// identified is a row type with an id.
type identified interface {
	rowID() int64
}

func (r WebAPILog) rowID() int64      { return r.ID }
func (e Event) rowID() int64          { return e.ID }
func (o ObjectLogEntry) rowID() int64 { return o.ID }

// minByID returns the index of the row with the smallest id of a non-empty
// page: the oldest, and the next backward cursor.
func minByID[T identified](rows []T) int {
	best := 0
	for i := range rows {
		if rows[i].rowID() < rows[best].rowID() {
			best = i
		}
	}
	return best
}

// maxByID returns the index of the row with the largest id of a non-empty
// page: the newest, and the next forward cursor.
func maxByID[T identified](rows []T) int {
	best := 0
	for i := range rows {
		if rows[i].rowID() > rows[best].rowID() {
			best = i
		}
	}
	return best
}
