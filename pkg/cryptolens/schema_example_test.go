package cryptolens_test

import (
	"fmt"
	"time"

	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// List the Object Log's fields with their store columns, read a field
// through its accessor, and encode an entry as the API sends it.
func ExampleSchema() {
	entry := cryptolens.ObjectLogEntry{ID: 7, Created: time.Date(2026, 10, 1, 12, 0, 0, 0, time.UTC),
		ResourceType: cryptolens.ResourceLicenseKey, ResourceAction: cryptolens.ActionUpdated,
		AffectedObjectID: 42, PerformedByUserID: "465", Data: `{"Notes":["","VIP"]}`}
	s := cryptolens.ObjectLogSchema
	for _, f := range s.Fields {
		fmt.Printf("%s -> %s\n", f.Name, f.Column())
	}
	data := s.Fields[len(s.Fields)-1]
	fmt.Println(*data.Text(&entry))
	fmt.Println(string(s.AppendJSON(nil, &entry)))
	// Output:
	// id -> id
	// created -> created
	// resourceType -> resource_type
	// resourceAction -> resource_action
	// affectedObjectId -> affected_object_id
	// objectOwnerUserId -> object_owner_user_id
	// performedByUserId -> performed_by_user_id
	// data -> data
	// {"Notes":["","VIP"]}
	// {"id":7,"created":1790856000,"resourceType":3,"resourceAction":2,"affectedObjectId":42,"objectOwnerUserId":0,"performedByUserId":"465","data":"{\"Notes\":[\"\",\"VIP\"]}"}
}
