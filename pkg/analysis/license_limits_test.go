package analysis

import (
	"testing"

	"github.com/lensbook/lensbook/pkg/cryptolens"
)

func TestMaxMachinesFromObjectLog(t *testing.T) {
	key, add, upd := cryptolens.ResourceLicenseKey, cryptolens.ActionAdded, cryptolens.ActionUpdated
	entries := []cryptolens.ObjectLogEntry{
		entry(1, 0, 1, "7", key, add, `{"Id":10,"ProductId":3,"Key":"AAAA","MaxNoOfMachines":2}`),
		entry(2, 0, 2, "7", key, add, `{"Id":20,"ProductId":4,"Key":"AAAA","MaxNoOfMachines":9}`), // another product
		entry(3, 1, 0, "7", key, upd, `{"Notes":["","VIP"]}`),
		entry(4, 2, 0, "7", key, upd, `{"MaxNoOfMachines":[2,5]}`),
		entry(6, 4, 0, "7", key, upd, `{"MaxNoOfMachines":["5","7"]}`),
		entry(7, 5, 0, "7", cryptolens.ResourceCustomer, upd, `{"MaxNoOfMachines":[7,1]}`), // not a key
		entry(8, 6, 0, "7", key, upd, `not json`),
		entry(5, 3, 0, "7", key, add, `{"Id":50,"ProductId":3,"Key":"BBBB","MaxNoOfMachines":"4"}`),
	}
	entries[3].AffectedObjectID, entries[4].AffectedObjectID = 10, 10 // entry() sets id*10
	entries[5].AffectedObjectID = 10
	tests := []struct {
		product int
		key     string
		day     int
		want    int
		wantOK  bool
	}{
		{3, "AAAA", 0, 0, false}, // before it was added (added at 01:00)
		{3, "AAAA", 1, 2, true},
		{3, "AAAA", 2, 5, true}, // the update at 00:00 of day 2 counts
		{3, "AAAA", 9, 7, true},
		{4, "AAAA", 9, 9, true},
		{3, "BBBB", 9, 4, true},
		{3, "CCCC", 9, 0, false},
	}
	for _, tt := range tests {
		got, ok := MaxMachinesFromObjectLog(entries, tt.product, tt.key, at(tt.day, 0))
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("MaxMachinesFromObjectLog(%d, %s, day %d) = %d, %v; want %d, %v",
				tt.product, tt.key, tt.day, got, ok, tt.want, tt.wantOK)
		}
	}
}

func TestTruthMaxMachinesFromObjectLog(t *testing.T) {
	d := demoData()
	found := 0
	for _, lic := range d.Licenses {
		got, ok := MaxMachinesFromObjectLog(d.ObjectLog, lic.ProductID, lic.Key, d.Config.End)
		if !ok {
			continue
		}
		found++
		if got != lic.MaxNoOfMachines {
			t.Errorf("%s: %d, want %d", lic.Key, got, lic.MaxNoOfMachines)
		}
	}
	t.Logf("found %d of %d keys", found, len(d.Licenses))
	if found < len(d.Licenses)/2 {
		t.Errorf("found %d of %d keys in the Object Log", found, len(d.Licenses))
	}
}
