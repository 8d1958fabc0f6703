package publish

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestSummaryText(t *testing.T) {
	s := &Summary{Index: "reports/index.html", Reports: []Report{
		{Notebook: "notebooks/a.ipynb", Status: StatusOK, Duration: 4200 * time.Millisecond},
		{Notebook: "notebooks/b.ipynb", Status: StatusFailed, Error: "cell 3 (\"x\"): boom\nmore", Duration: time.Second},
		{Notebook: "notebooks/c.ipynb", Status: StatusUnchanged},
		{Notebook: "notebooks/d.ipynb", Status: StatusFailed, Error: "cell 5 (Fetch the window): no data", Duration: 2 * time.Second, LastGood: time.Date(2026, 11, 1, 6, 0, 0, 0, time.UTC)},
	}}
	var b strings.Builder
	if err := s.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	want := `NOTEBOOK           STATUS     TIME  ERROR
notebooks/a.ipynb  ok         4.2s  
notebooks/b.ipynb  failed     1s    cell 3 ("x"): boom
notebooks/c.ipynb  unchanged  0s    
notebooks/d.ipynb  failed     2s    cell 5 (Fetch the window): no data (kept the page of 2026-11-01 06:00 UTC)

1 ok, 2 failed, 1 unchanged; gallery: reports/index.html
`
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("WriteText (-want +got):\n%s", diff)
	}
	if err := s.Err(); err == nil || err.Error() != "notebooks/b.ipynb: cell 3 (\"x\"): boom\nmore\nnotebooks/d.ipynb: cell 5 (Fetch the window): no data" {
		t.Errorf("Err = %v", err)
	}
}
