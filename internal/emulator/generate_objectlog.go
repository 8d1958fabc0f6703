package emulator

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/lensbook/lensbook/pkg/cryptolens"
)

const firstObjectLogID = 900

// Object Log data: the object as JSON when added, {"Field":[old,new]} when
// updated. Field order is fixed by these structs.
type (
	customerData struct {
		ID          int64  `json:"Id"`
		Name        string `json:"Name"`
		Email       string `json:"Email"`
		CompanyName string `json:"CompanyName"`
		Created     string `json:"Created"`
	}
	licenseKeyData struct {
		ID                   int64  `json:"Id"`
		ProductID            int    `json:"ProductId"`
		Key                  string `json:"Key"`
		Created              string `json:"Created"`
		MaxNoOfMachines      int    `json:"MaxNoOfMachines"`
		FloatingTimeInterval int    `json:"FloatingTimeInterval"`
		CustomerID           int64  `json:"CustomerId"`
		Notes                string `json:"Notes"`
		Block                bool   `json:"Block"`
	}
	dataObjectData struct {
		ID             int64  `json:"Id"`
		Name           string `json:"Name"`
		StringValue    string `json:"StringValue"`
		IntValue       int    `json:"IntValue"`
		ReferencerType string `json:"ReferencerType"`
		ReferencerID   int64  `json:"ReferencerId"`
	}
)

var noteTexts = []string{"VIP", "Reseller: Nordic Distribution", "Trial converted", "Invoice #4411 paid",
	"Moved to annual plan", "Contact IT before changes"}

// objectChange is an Object Log entry before it is numbered; seq keeps
// entries of the same second in the order they were made.
type objectChange struct {
	entry cryptolens.ObjectLogEntry
	seq   int
}

// genObjectLog records the team's changes: customers and license keys
// added (when the keys were created), notes, blocks and extensions, data
// objects added and later deleted, and product descriptions.
func (g *generator) genObjectLog(rng *rand.Rand) {
	var changes []objectChange
	add := func(t int64, rt cryptolens.ResourceType, ra cryptolens.ResourceAction, id int64, by, data string) {
		t = min(max(t, g.start), g.end-1)
		changes = append(changes, objectChange{cryptolens.ObjectLogEntry{
			Created: unix(t), ResourceType: rt, ResourceAction: ra, AffectedObjectID: id,
			ObjectOwnerUserID: ownerUserID, PerformedByUserID: by, Data: data,
		}, len(changes)})
	}
	owner := g.ds.TeamMembers[0].UserID
	member := func() string { return pick(rng, g.ds.TeamMembers).UserID }
	firstKey := make([]int64, len(g.customers))
	for i, lic := range g.ds.Licenses {
		c := g.plans[i].customer
		if firstKey[c] == 0 || lic.Created.Unix() < firstKey[c] {
			firstKey[c] = lic.Created.Unix()
		}
	}
	for i, c := range g.customers {
		t := firstKey[i] - 60 - rng.Int64N(3600)
		if firstKey[i] == 0 {
			t = rhythmTime(rng, g.start, g.end, c.tz)
		}
		email := personEmail(rng, c.domain)
		add(t, cryptolens.ResourceCustomer, cryptolens.ActionAdded, c.id, member(), mustJSON(customerData{
			ID: c.id, Name: c.name, Email: email, CompanyName: c.name, Created: isoTime(t)}))
		switch {
		case firstKey[i] == 0 && rng.IntN(3) == 0:
			add(t+rng.Int64N(max(g.end-t, 1)), cryptolens.ResourceCustomer, cryptolens.ActionDeleted, c.id, member(), "")
		case rng.IntN(10) == 0:
			add(t+rng.Int64N(max(g.end-t, 1)), cryptolens.ResourceCustomer, cryptolens.ActionUpdated, c.id, member(),
				mustJSON(map[string][2]string{"Email": {email, personEmail(rng, c.domain)}}))
		}
	}
	for i := range g.ds.Licenses {
		lic, plan := &g.ds.Licenses[i], &g.plans[i]
		created := lic.Created.Unix()
		add(created, cryptolens.ResourceLicenseKey, cryptolens.ActionAdded, lic.ID, owner, mustJSON(licenseKeyData{
			ID: lic.ID, ProductID: lic.ProductID, Key: lic.Key, Created: isoTime(created),
			MaxNoOfMachines: lic.MaxNoOfMachines, FloatingTimeInterval: int(lic.FloatingInterval / time.Second),
			CustomerID: lic.CustomerID}))
		if rng.Float64() < 0.2 {
			note := pick(rng, noteTexts)
			if g.hostile(rng, 0.3) {
				note = hostileFor(rng)
			}
			add(created+rng.Int64N(max(g.end-created, 1)), cryptolens.ResourceLicenseKey, cryptolens.ActionUpdated,
				lic.ID, member(), mustJSON(map[string][2]string{"Notes": {"", note}}))
		}
		if rng.Float64() < 0.1 {
			add(created+rng.Int64N(max(g.end-created, 1)), cryptolens.ResourceLicenseKey, cryptolens.ActionUpdated,
				lic.ID, member(), mustJSON(map[string][2]string{"Expires": {"2026-12-31T00:00:00", "2027-12-31T00:00:00"}}))
		}
		if !lic.Blocked.IsZero() {
			add(lic.Blocked.Unix(), cryptolens.ResourceLicenseKey, cryptolens.ActionUpdated, lic.ID, member(),
				mustJSON(map[string][2]bool{"Block": {false, true}}))
		}
		if plan.dataObjectID != 0 {
			add(plan.doCreated, cryptolens.ResourceDataObject, cryptolens.ActionAdded, plan.dataObjectID, owner,
				mustJSON(dataObjectData{ID: plan.dataObjectID, Name: "usage", ReferencerType: "Key", ReferencerID: lic.ID}))
			if plan.stop < g.end && rng.IntN(2) == 0 {
				if t := plan.stop + 86400 + rng.Int64N(5*86400); t < g.end {
					add(t, cryptolens.ResourceDataObject, cryptolens.ActionDeleted, plan.dataObjectID, member(), "")
				}
			}
		}
	}
	for _, p := range g.ds.Products {
		if rng.IntN(2) == 0 {
			add(rhythmTime(rng, g.start, g.end, 3600), cryptolens.ResourceProduct, cryptolens.ActionUpdated, int64(p.ID),
				owner, mustJSON(map[string][2]string{"Description": {"", p.Name + " for professionals"}}))
		}
	}
	slices.SortFunc(changes, func(a, b objectChange) int {
		return cmp.Or(a.entry.Created.Compare(b.entry.Created), cmp.Compare(a.seq, b.seq))
	})
	g.ds.ObjectLog = make([]cryptolens.ObjectLogEntry, len(changes))
	id := int64(firstObjectLogID)
	for i, c := range changes {
		id += 1 + int64(rng.IntN(3))
		c.entry.ID = id
		g.ds.ObjectLog[i] = c.entry
	}
}

// isoTime formats Unix seconds the way the API's objects carry dates.
func isoTime(t int64) string { return unix(t).Format("2006-01-02T15:04:05") }
