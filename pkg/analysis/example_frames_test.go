package analysis_test

import (
	"fmt"
	"time"

	"github.com/lensbook/lensbook/pkg/analysis"
	"github.com/lensbook/lensbook/pkg/cryptolens"
	"github.com/lensbook/lensbook/pkg/frames"
)

// octoberWindow is 1-3 October 2026.
var octoberWindow = cryptolens.Window{Since: october(1, 0, 0), Until: october(4, 0, 0)}

func ExampleFloatingLicenseReport() {
	web := frames.WebAPILog([]cryptolens.WebAPILog{
		{ID: 1, ProductID: 3, Key: "K", Time: october(1, 9, 0), State: 2014, MachineCode: "m1", FloatingExpires: october(1, 10, 0)},
		{ID: 2, ProductID: 3, Key: "K", Time: october(1, 9, 30), State: 2024, MachineCode: "m2"},
		{ID: 3, ProductID: 3, Key: "K", Time: october(1, 9, 45), State: 6011, MachineCode: "m1"},
	})
	audit, err := analysis.FloatingLicenseReport(web, analysis.FloatingParams{MaxMachines: 1, Window: octoberWindow, AsOf: octoberWindow.Until})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(audit.Describe())
	fmt.Println(audit.Timeline.Col(analysis.ColAction).Records())
	fmt.Println(audit.SeatSteps.Col(analysis.ColSeatsHeld).Records())
	fmt.Println(audit.FreeSeatsPerDay.Col(analysis.ColFewestFree).Records())
	// Output:
	// Key K of product 3: 1 seats (MaxNoOfMachines).
	// [Activation Seat limit reached Deactivation]
	// [0 1 1 0 0]
	// [0 1 1]
}

func ExampleTeamAudit() {
	log := frames.ObjectLog([]cryptolens.ObjectLogEntry{
		{ID: 1, Created: october(1, 9, 0), ResourceType: 1, ResourceAction: cryptolens.ActionAdded, PerformedByUserID: "7"},
		{ID: 2, Created: october(2, 9, 0), ResourceType: 1, ResourceAction: cryptolens.ActionUpdated, PerformedByUserID: "7", Data: `{"Block":[false,true]}`},
		{ID: 3, Created: october(2, 10, 0), ResourceType: 1, ResourceAction: cryptolens.ActionUpdated},
	})
	team, err := analysis.TeamAudit(log, octoberWindow, 2)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(team.ByPerformer.Col(analysis.ColPerformer).Records(), team.ByPerformer.Col(analysis.ColChanges).Records())
	fmt.Println(team.PerDay.Col(analysis.ColUpdated).Records())
	fmt.Println(team.Latest.Col(analysis.ColNewValue).Records())
	// Output:
	// [7 (none)] [2 1]
	// [0 2 0]
	// [ Block: true]
}

func ExampleRevenue() {
	events := frames.Events([]cryptolens.Event{
		{ID: 1, Time: october(1, 9, 0), EventName: "purchase", FeatureName: "Upgrade", Currency: "EUR", Value: 1000},
		{ID: 2, Time: october(1, 9, 0), EventName: "purchase", FeatureName: "Upgrade", Currency: "EUR", Value: 1001},
		{ID: 3, Time: october(2, 9, 0), EventName: "purchase", FeatureName: "Credits", Currency: "SEK", Value: 9900},
	})
	revenue, err := analysis.Revenue(events, octoberWindow)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, currency := range revenue.Currencies { // one table or chart per currency
		fmt.Println(currency, revenue.PerDayIn(currency).Col(analysis.ColRevenue).Records())
	}
	fmt.Println(revenue.ByCurrency.Col(analysis.ColMeanPurchase).Records()) // cents, rounded
	// Output:
	// EUR [2001 0 0]
	// SEK [0 9900 0]
	// [1001 9900]
}

func ExampleFeatureUsageReport() {
	events := frames.Events([]cryptolens.Event{
		{ID: 1, Time: october(1, 9, 0), FeatureName: "Export", EventName: "click", Metadata: `{"OS":"Linux"}`},
		{ID: 2, Time: october(1, 9, 0), FeatureName: "Export", EventName: "start"},
		{ID: 3, Time: october(2, 9, 0), FeatureName: "Credits", EventName: "purchase", Currency: "EUR", Value: 500},
	})
	usage, err := analysis.FeatureUsageReport(events, octoberWindow, 5)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(usage.ByFeature.Col(analysis.ColFeature).Records(), usage.ByOS.Col(analysis.ColOS).Records())
	fmt.Println(usage.Figures.Col(analysis.ColValue).Records())
	// Output:
	// [Export] [(unknown) Linux]
	// [2 1 1]
}

func ExampleInactiveKeysReport() {
	asOf := october(31, 0, 0)
	history := frames.WebAPILog([]cryptolens.WebAPILog{
		{ID: 1, Key: "OLD", Time: time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC), State: 1010},
		{ID: 2, Key: "NEW", Time: october(30, 0, 0), State: 1010},
	})
	inactive, err := analysis.InactiveKeysReport(history, 30, cryptolens.Window{Since: october(1, 0, 0), Until: asOf}, asOf)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(inactive.Inactive, "of", inactive.Seen, inactive.Keys.Col(analysis.ColKey).Records(), inactive.Keys.Col(analysis.ColDaysSilent).Records())
	// Output:
	// 1 of 2 [OLD] [122]
}

func ExampleActiveKeysAndMachines() {
	web := frames.WebAPILog([]cryptolens.WebAPILog{
		{ID: 1, Key: "A", MachineCode: "m1", Time: october(1, 9, 0), State: 1010},
		{ID: 2, Key: "A", MachineCode: "M1 ", Time: october(2, 9, 0), State: 1010},
		{ID: 3, Key: "B", MachineCode: "m2", Time: october(2, 23, 0), State: 2014, FloatingExpires: october(3, 1, 0)},
	})
	active, err := analysis.ActiveKeysAndMachines(web, octoberWindow)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(active.PerDay.Col(analysis.ColKeys).Records(), active.Keys, active.Machines)
	// Output:
	// [1 2 1] 2 2
}
