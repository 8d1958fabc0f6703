package analysis

import (
	"cmp"
	"encoding/json"
	"slices"
	"strconv"
	"time"

	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// MaxMachinesFromObjectLog returns a license key's MaxNoOfMachines as the
// Object Log records it up to asOf, for the floating audit when the key
// itself cannot be fetched (GetKey needs another permission).
//
// The key is found by its LicenseKey "Added" entry, whose Data is the whole
// key object with "ProductId", "Key" and "MaxNoOfMachines" fields; later
// LicenseKey "Updated" entries of the same object (AffectedObjectID, or the
// object's "Id" when that is 0) whose Data holds
// {"MaxNoOfMachines":[old,new]} replace the value. Entries are applied in
// Created then ID order; those created after asOf are ignored. ok is false
// when no Added entry of the key is found (the Object Log keeps entries for
// 30 days only).
func MaxMachinesFromObjectLog(entries []cryptolens.ObjectLogEntry, productID int, key string, asOf time.Time) (maxMachines int, ok bool) {
	var keyEntries []*cryptolens.ObjectLogEntry
	for i := range entries {
		o := &entries[i]
		if o.ResourceType == cryptolens.ResourceLicenseKey && !o.Created.After(asOf) {
			keyEntries = append(keyEntries, o)
		}
	}
	slices.SortStableFunc(keyEntries, func(a, b *cryptolens.ObjectLogEntry) int {
		if c := a.Created.Compare(b.Created); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	var objectID int64
	for _, o := range keyEntries {
		switch o.ResourceAction {
		case cryptolens.ActionAdded:
			var added struct {
				ID              int64           `json:"Id"`
				ProductID       int             `json:"ProductId"`
				Key             string          `json:"Key"`
				MaxNoOfMachines json.RawMessage `json:"MaxNoOfMachines"`
			}
			if json.Unmarshal([]byte(o.Data), &added) != nil || added.ProductID != productID || added.Key != key {
				continue
			}
			n, isInt := jsonInt(added.MaxNoOfMachines)
			if !isInt {
				continue
			}
			maxMachines, ok = n, true
			objectID = o.AffectedObjectID
			if objectID == 0 {
				objectID = added.ID
			}
		case cryptolens.ActionUpdated:
			if !ok || o.AffectedObjectID != objectID {
				continue
			}
			changes, _ := ParseFieldChanges(o.Data)
			for _, c := range changes {
				if n, err := strconv.Atoi(c.New); c.Field == "MaxNoOfMachines" && err == nil {
					maxMachines = n
				}
			}
		}
	}
	return maxMachines, ok
}

// jsonInt reads a JSON number or numeric string as an int.
func jsonInt(raw json.RawMessage) (int, bool) {
	var n int
	if json.Unmarshal(raw, &n) == nil {
		return n, true
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		if v, err := strconv.Atoi(s); err == nil {
			return v, true
		}
	}
	return 0, false
}
