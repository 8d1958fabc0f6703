package store

import (
	"time"

	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// parallelReadRows is the window size from which a read is split over
// several connections (columns.go).
const parallelReadRows = 50_000

// The record builders below fill records from a window's columns, by
// column name: a column the store file lacks reads as zero.

// unixUTC is a time stored as Unix seconds; 0 is the zero time.
func unixUTC(sec int64) time.Time {
	if sec == 0 {
		return time.Time{}
	}
	return time.Unix(sec, 0).UTC()
}

func webLogFromColumns(out []cryptolens.WebAPILog, c *Columns) {
	id, product, key, ip := c.colInt("id"), c.colInt("product_id"), c.colText("key"), c.colText("ip")
	tm, state, machine, name := c.colInt("time"), c.colInt("state"), c.colText("machine_code"), c.colText("friendly_name")
	floating, doInt, doID := c.colInt("floating_expires"), c.colInt("do_int_value"), c.colInt("do_id")
	for i := range out {
		out[i] = cryptolens.WebAPILog{ID: id[i], ProductID: int(product[i]), Key: key.at(i), IP: ip.at(i),
			Time: unixUTC(tm[i]), State: cryptolens.State(state[i]), MachineCode: machine.at(i),
			FriendlyName: name.at(i), FloatingExpires: unixUTC(floating[i]), DOIntValue: int(doInt[i]), DOID: doID[i]}
	}
}

func eventsFromColumns(out []cryptolens.Event, c *Columns) {
	id, product, key, machine := c.colInt("id"), c.colInt("product_id"), c.colText("key"), c.colText("machine_code")
	feature, event, value, currency := c.colText("feature_name"), c.colText("event_name"), c.colInt("value"), c.colText("currency")
	tm, meta := c.colInt("time"), c.colText("metadata")
	for i := range out {
		out[i] = cryptolens.Event{ID: id[i], ProductID: int(product[i]), Key: key.at(i), MachineCode: machine.at(i),
			FeatureName: feature.at(i), EventName: event.at(i), Value: value[i], Currency: currency.at(i),
			Time: unixUTC(tm[i]), Metadata: meta.at(i)}
	}
}

func objectLogFromColumns(out []cryptolens.ObjectLogEntry, c *Columns) {
	id, created, rtype, action := c.colInt("id"), c.colInt("created"), c.colInt("resource_type"), c.colInt("resource_action")
	affected, owner, by, data := c.colInt("affected_object_id"), c.colInt("object_owner_user_id"), c.colText("performed_by_user_id"), c.colText("data")
	for i := range out {
		out[i] = cryptolens.ObjectLogEntry{ID: id[i], Created: unixUTC(created[i]),
			ResourceType: cryptolens.ResourceType(rtype[i]), ResourceAction: cryptolens.ResourceAction(action[i]),
			AffectedObjectID: affected[i], ObjectOwnerUserID: owner[i], PerformedByUserID: by.at(i), Data: data.at(i)}
	}
}
