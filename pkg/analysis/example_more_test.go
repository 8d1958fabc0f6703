package analysis_test

import (
	"fmt"
	"time"

	"github.com/lensbook/lensbook/pkg/analysis"
	"github.com/lensbook/lensbook/pkg/cryptolens"
)

func ExampleRequestsPerFriendlyName() {
	for _, n := range analysis.RequestsPerFriendlyName(sampleLogs, october1to4, 1) {
		fmt.Printf("%s %d (%d names)\n", n.Name, n.Count, n.Names)
	}
	// Output:
	// ann 3 (1 names)
	// (rest) 1 (1 names)
}

func ExampleStatesByGroup() {
	for _, g := range analysis.StatesByGroup(sampleLogs, october1to4) {
		fmt.Printf("%s: %d (%d failed)\n", g.Name, g.Count, g.Failed)
		for _, s := range g.States {
			fmt.Printf("  %d %s: %d\n", s.State, s.Name, s.Count)
		}
	}
	// Output:
	// validation: 1 (0 failed)
	//   1010 validation: 1
	// activation: 2 (1 failed)
	//   2010 activation (node-locked): 1
	//   2024 activation failed: seat limit reached: 1
	// deactivation: 1 (0 failed)
	//   6010 deactivation (node-locked): 1
}

func ExampleMethodFailureRates() {
	for _, m := range analysis.MethodFailureRates(sampleLogs, october1to4, nil) {
		fmt.Printf("%s: %d requests, %.0f%% failed\n", m.Method, m.Total, 100*m.FailureRate)
	}
	// Output:
	// activation: 2 requests, 50% failed
	// key creation: 0 requests, 0% failed
	// deactivation: 1 requests, 0% failed
}

func ExampleFeatureUsage() {
	events := []cryptolens.Event{
		{ID: 1, FeatureName: "Export", EventName: "start", Time: october(1, 9, 0), Metadata: `{"OS":"Windows"}`},
		{ID: 2, FeatureName: "Export", EventName: "start", Time: october(1, 9, 30), Metadata: `{"OS":"Linux"}`},
		{ID: 3, FeatureName: "Render", EventName: "click", Time: october(2, 9, 0), Metadata: `not json`},
	}
	for _, f := range analysis.FeatureUsage(events, october1to4) {
		fmt.Println(f.Feature, f.Event, f.Count)
	}
	for _, os := range analysis.EventsByOS(events, october1to4) {
		fmt.Println(os.Name, os.Count)
	}
	// Output:
	// Export start 2
	// Render click 1
	// (unknown) 1
	// Linux 1
	// Windows 1
}

func ExampleTeamChanges() {
	entries := []cryptolens.ObjectLogEntry{
		{ID: 1, Created: october(1, 10, 0), ResourceType: cryptolens.ResourceLicenseKey,
			ResourceAction: cryptolens.ActionUpdated, PerformedByUserID: "465"},
		{ID: 2, Created: october(1, 11, 0), ResourceType: cryptolens.ResourceLicenseKey,
			ResourceAction: cryptolens.ActionUpdated, PerformedByUserID: "465"},
		{ID: 3, Created: october(2, 10, 0), ResourceType: cryptolens.ResourceCustomer,
			ResourceAction: cryptolens.ActionAdded, PerformedByUserID: "5307"},
	}
	for _, c := range analysis.TeamChanges(entries, october1to4) {
		fmt.Println(c.Performer, c.ResourceType, c.Action, c.Count)
	}
	// Output:
	// 465 LicenseKey Updated 2
	// 5307 Customer Added 1
}

func ExampleParseFieldChanges() {
	changes, ok := analysis.ParseFieldChanges(`{"MaxNoOfMachines":[3,5],"Notes":[null,"renewed"]}`)
	fmt.Println(ok)
	for _, c := range changes {
		fmt.Printf("%s: %s -> %s\n", c.Field, c.Old, c.New)
	}
	// Output:
	// true
	// MaxNoOfMachines: 3 -> 5
	// Notes: null -> renewed
}

func ExampleFreeSeatsOverTime() {
	logs := []cryptolens.WebAPILog{
		{ID: 1, Key: "FLOAT", Time: october(5, 9, 0), State: 2014, MachineCode: "pc-1",
			FloatingExpires: october(5, 9, 30)},
		{ID: 2, Key: "FLOAT", Time: october(5, 9, 10), State: 2014, MachineCode: "pc-2",
			FloatingExpires: october(5, 9, 40)},
	}
	window := cryptolens.Window{Since: october(5, 0, 0), Until: october(6, 0, 0)}
	audit := analysis.AuditFloatingLicense(logs, 3, window, october(5, 10, 0))
	for _, p := range analysis.FreeSeatsOverTime(audit) {
		fmt.Println(p.Time.Format(time.TimeOnly), p.FreeSeats)
	}
	// Output:
	// 00:00:00 3
	// 09:00:00 2
	// 09:10:00 1
	// 09:30:00 2
	// 09:40:00 3
}
