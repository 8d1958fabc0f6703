package report

import (
	"runtime/debug"
	"testing"
)

func TestOverlappingFrameBuildsRestoreTheCollectorsTarget(t *testing.T) {
	before := debug.SetGCPercent(100)
	defer debug.SetGCPercent(before)
	restoreA := fewerCollections()
	restoreB := fewerCollections()
	restoreA() // the first build ends while the second still runs
	if got := debug.SetGCPercent(buildGCPercent); got != buildGCPercent {
		t.Errorf("during the second build the target is %d, want %d", got, buildGCPercent)
	}
	restoreB()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("after both builds the target is %d, want the program's 100", got)
	}
}
