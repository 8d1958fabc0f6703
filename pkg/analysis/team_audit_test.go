package analysis

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/lensbook/lensbook/pkg/cryptolens"
)

func TestParseFieldChanges(t *testing.T) {
	tests := []struct {
		data   string
		want   []FieldChange
		wantOK bool
	}{
		{`{"Notes":["","VIP"],"Block":[false,true],"Expires":[1700000000, null]}`, []FieldChange{
			{"Block", "false", "true"}, {"Expires", "1700000000", "null"}, {"Notes", "", "VIP"},
		}, true},
		{`{"Data":[{"a": 1}, [1, 2]], "Skip":"x", "Three":[1,2,3]}`, []FieldChange{{"Data", `{"a":1}`, "[1,2]"}}, true},
		{`{}`, nil, true},
		{`{"Id":5,"Name":"whole object"}`, nil, true},
		{`[1,2]`, nil, false},
		{`null`, nil, false},
		{``, nil, false},
		{`{"broken":`, nil, false},
	}
	for _, tt := range tests {
		got, ok := ParseFieldChanges(tt.data)
		if diff := cmp.Diff(tt.want, got); diff != "" || ok != tt.wantOK {
			t.Errorf("ParseFieldChanges(%q) ok=%v (-want +got):\n%s", tt.data, ok, diff)
		}
	}
}

func entry(id int64, d, h int, performer string, rt cryptolens.ResourceType, a cryptolens.ResourceAction, data string) cryptolens.ObjectLogEntry {
	return cryptolens.ObjectLogEntry{ID: id, Created: at(d, h), ResourceType: rt, ResourceAction: a,
		AffectedObjectID: id * 10, ObjectOwnerUserID: 1, PerformedByUserID: performer, Data: data}
}

func TestTeamAudit(t *testing.T) {
	key, cust := cryptolens.ResourceLicenseKey, cryptolens.ResourceCustomer
	entries := []cryptolens.ObjectLogEntry{
		entry(1, 0, 1, "7", key, cryptolens.ActionAdded, `{"Id":10}`),
		entry(2, 0, 2, "7", key, cryptolens.ActionUpdated, `{"Notes":["","VIP"]}`),
		entry(3, 0, 2, "9", cust, cryptolens.ActionUpdated, `not json`),
		entry(4, 2, 5, "", key, cryptolens.ActionDeleted, ``),
		entry(5, 2, 5, "7", key, cryptolens.ActionUpdated, `{"Block":[false,true]}`),
		entry(6, 3, 0, "7", key, cryptolens.ActionUpdated, `{}`), // outside
	}
	w := days(3)
	wantTeam := []TeamCount{
		{NoneLabel, key, cryptolens.ActionDeleted, 1},
		{"7", key, cryptolens.ActionAdded, 1},
		{"7", key, cryptolens.ActionUpdated, 2},
		{"9", cust, cryptolens.ActionUpdated, 1},
	}
	if diff := cmp.Diff(wantTeam, TeamChanges(entries, w)); diff != "" {
		t.Errorf("TeamChanges (-want +got):\n%s", diff)
	}
	wantPerf := []NameCount{{"7", 3, 0.6}, {NoneLabel, 1, 0.2}, {"9", 1, 0.2}}
	if diff := cmp.Diff(wantPerf, ChangesByPerformer(entries, w)); diff != "" {
		t.Errorf("ChangesByPerformer (-want +got):\n%s", diff)
	}
	wantRes := []ResourceCount{
		{cust, cryptolens.ActionUpdated, 1, 0.2},
		{key, cryptolens.ActionAdded, 1, 0.2},
		{key, cryptolens.ActionUpdated, 2, 0.4},
		{key, cryptolens.ActionDeleted, 1, 0.2},
	}
	if diff := cmp.Diff(wantRes, ChangesByResource(entries, w)); diff != "" {
		t.Errorf("ChangesByResource (-want +got):\n%s", diff)
	}
	wantDays := []DailyChanges{
		{Day: at(0, 0), Added: 1, Updated: 2, Total: 3},
		{Day: at(1, 0)},
		{Day: at(2, 0), Updated: 1, Deleted: 1, Total: 2},
	}
	if diff := cmp.Diff(wantDays, ChangesPerDay(entries, w)); diff != "" {
		t.Errorf("ChangesPerDay (-want +got):\n%s", diff)
	}
	change := func(e cryptolens.ObjectLogEntry, performer string, fields []FieldChange) Change {
		return Change{ID: e.ID, Created: e.Created, Performer: performer, ResourceType: e.ResourceType,
			Action: e.ResourceAction, ObjectID: e.AffectedObjectID, OwnerID: 1, Fields: fields, Data: e.Data}
	}
	wantLatest := []Change{
		change(entries[4], "7", []FieldChange{{"Block", "false", "true"}}),
		change(entries[3], NoneLabel, nil),
		change(entries[2], "9", nil),
	}
	if diff := cmp.Diff(wantLatest, LatestChanges(entries, w, 3)); diff != "" {
		t.Errorf("LatestChanges (-want +got):\n%s", diff)
	}
	if got := LatestChanges(entries, w, 0); len(got) != 5 || got[4].ID != 1 || got[4].Fields != nil {
		t.Errorf("LatestChanges(all) = %+v, want 5 changes ending with the added key", got)
	}
	if got := ChangesPerDay(nil, cryptolens.Window{}); len(got) != 0 {
		t.Errorf("empty input gave %v", got)
	}
}
