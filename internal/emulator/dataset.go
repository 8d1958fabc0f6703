package emulator

import (
	"time"

	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// DemoEnd is where the demo's data ends: the default [Config.End].
var DemoEnd = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)

// Default sizes used when the matching [Config] field is zero.
const (
	DefaultSeed = 1
	DefaultDays = 90
	// DefaultRowsPerDay gives about 58,500 Web API Log rows for 90 days.
	DefaultRowsPerDay = 650
)

// Config chooses what [Generate] builds. The zero value is the demo dataset.
type Config struct {
	Seed int64     // 0 means 1
	End  time.Time // zero means DemoEnd; data lies in [End-Days, End)
	Days int       // 0 means 90
	// Rows is the approximate number of Web API Log rows; 0 means
	// DefaultRowsPerDay per day.
	Rows int
	// Hostile seeds hostile strings (markup, script, quotes, commas,
	// newlines, unicode, javascript: URLs, template braces) into a share of
	// every user-controlled text field: friendly names, machine codes,
	// feature and event names, metadata, currencies, customer and product
	// names and Object Log data. License keys stay key-shaped.
	Hostile bool
}

// withDefaults returns the config with every zero field replaced by its
// default, End truncated to the second in UTC.
func (c Config) withDefaults() Config {
	if c.Seed == 0 {
		c.Seed = DefaultSeed
	}
	if c.End.IsZero() {
		c.End = DemoEnd
	}
	c.End = c.End.UTC().Truncate(time.Second)
	if c.Days <= 0 {
		c.Days = DefaultDays
	}
	if c.Rows <= 0 {
		c.Rows = DefaultRowsPerDay * c.Days
	}
	return c
}

// Start is the first instant of the data: End minus Days days.
func (c Config) Start() time.Time {
	c = c.withDefaults()
	return c.End.AddDate(0, 0, -c.Days)
}

// Product is a product of the vendor's account.
type Product struct {
	ID   int
	Name string
}

// License is a license key of one product.
type License struct {
	ID              int64 // the key's id (Object Log affectedObjectId; Token.KeyLock)
	ProductID       int
	Key             string // Cryptolens-shaped: ABCDE-FGHIJ-KLMNO-PQRST
	Floating        bool
	MaxNoOfMachines int
	// FloatingInterval is the floating seat lease: a 2014 row's
	// floatingExpires is its time plus this. Zero for node-locked keys.
	FloatingInterval time.Duration
	// AllowedOverdraft is how many seats a floating key may exceed its
	// maximum by (2015 rows); zero for node-locked keys.
	AllowedOverdraft int
	Created          time.Time // the time of the key's 3010 row
	Customer         string
	CustomerID       int64
	// Blocked is when the key was blocked (activations fail from then on),
	// or the zero time.
	Blocked time.Time
}

// TeamMember is a user of the vendor's account who changes objects (the
// Object Log's performedByUserId).
type TeamMember struct {
	UserID string
	Name   string
}

// Dataset is everything the emulator serves. Each log is ascending by ID,
// and a later ID never has an earlier time.
type Dataset struct {
	Config      Config // with defaults filled in
	Products    []Product
	Licenses    []License
	TeamMembers []TeamMember
	WebAPILog   []cryptolens.WebAPILog      // ascending by ID
	Events      []cryptolens.Event          // ascending by ID
	ObjectLog   []cryptolens.ObjectLogEntry // ascending by ID
}

// WebAPILogWhere returns the Web API Log rows for which keep is true, in ID
// order. It is a plain loop, meant as ground truth in tests.
func (d *Dataset) WebAPILogWhere(keep func(cryptolens.WebAPILog) bool) []cryptolens.WebAPILog {
	return where(d.WebAPILog, keep)
}

// EventsWhere returns the generated events for which keep is true, in ID
// order. It is a plain loop, meant as ground truth in tests.
func (d *Dataset) EventsWhere(keep func(cryptolens.Event) bool) []cryptolens.Event {
	return where(d.Events, keep)
}

// ObjectLogWhere returns the Object Log entries for which keep is true, in
// ID order. It is a plain loop, meant as ground truth in tests.
func (d *Dataset) ObjectLogWhere(keep func(cryptolens.ObjectLogEntry) bool) []cryptolens.ObjectLogEntry {
	return where(d.ObjectLog, keep)
}

// where returns the rows for which keep is true, in their order (nil when
// none is).
func where[T any](rows []T, keep func(T) bool) []T {
	var out []T
	for _, r := range rows {
		if keep(r) {
			out = append(out, r)
		}
	}
	return out
}

// License returns the license with this product and key.
func (d *Dataset) License(productID int, key string) (License, bool) {
	for _, l := range d.Licenses {
		if l.ProductID == productID && l.Key == key {
			return l, true
		}
	}
	return License{}, false
}
