package export

import (
	"fmt"
	"io"
	"iter"
)

// WriteAll writes the rows of seq to w in the format, as they arrive, and
// returns how many it wrote. It holds no more than the writer's buffer:
// a fetch streams a window of any size in bounded memory. The first error
// of seq, or of writing, stops it; what was written by then stays written.
// Parquet, which buffers row groups, is written the same way.
func WriteAll[R Record](w io.Writer, f Format, seq iter.Seq2[R, error]) (int, error) {
	ew, err := NewWriter[R](w, f)
	if err != nil {
		return 0, err
	}
	n := 0
	for r, err := range seq {
		if err != nil {
			ew.Close()
			return n, err
		}
		if err := ew.Write(r); err != nil {
			return n, fmt.Errorf("export: write row %d: %w", n+1, err)
		}
		n++
	}
	return n, ew.Close()
}
