package emulator

import (
	"math/rand/v2"
	"strconv"
	"time"
)

// Random streams: each part of the dataset draws from its own stream, so
// changing one part leaves the others as they were.
const (
	streamAccount uint64 = iota + 1
	streamLicenses
	streamWebAPILogIDs
	streamEvents
	streamObjectLog
	streamKeys = 1 << 20 // + key index
)

// ownerUserID is the account owner's user id (objectOwnerUserId).
const ownerUserID = 465

// generator holds the state of one Generate call.
type generator struct {
	cfg        Config
	start, end int64 // Unix seconds, data in [start, end)
	ds         *Dataset
	customers  []customer
	plans      []keyPlan // parallel to ds.Licenses
	anchors    []eventAnchor
}

// customer is a company that holds license keys.
type customer struct {
	id       int64
	name     string
	domain   string
	currency string
	tz       int64 // local time = UTC + tz seconds
	officeIP string
}

// machine is a device that uses a license key.
type machine struct {
	code, friendly, ip, os string
}

// keyPlan is how a license key behaves over the window.
type keyPlan struct {
	weight       float64 // share of the window's requests, before normalising
	budget       int     // Web API Log rows to aim for
	stop         int64   // activity ends here (before End for inactive keys)
	tz           int64
	customer     int // index into generator.customers
	machines     []machine
	extraRate    float64 // how often an unlicensed extra machine tries to activate
	invalidRate  float64 // how often an activation fails for another reason
	busy         bool    // floating key used every working day by most machines
	dataObjectID int64   // 0: the key has no data object
	doCreated    int64
}

func newRand(seed int64, stream uint64) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(seed), stream))
}

// Generate builds the dataset that cfg describes. It is deterministic: the
// same cfg gives an identical dataset. About 80,000 rows take well under a
// second and 1,000,000 rows a few seconds (see BenchmarkGenerate).
func Generate(cfg Config) *Dataset {
	cfg = cfg.withDefaults()
	g := &generator{
		cfg:   cfg,
		start: cfg.End.AddDate(0, 0, -cfg.Days).Unix(),
		end:   cfg.End.Unix(),
		ds:    &Dataset{Config: cfg},
	}
	rng := newRand(cfg.Seed, streamAccount)
	g.genProducts(rng)
	g.genTeam(rng)
	g.genCustomers(rng)
	g.genLicenses(newRand(cfg.Seed, streamLicenses))
	g.genWebAPILog()
	g.genEvents(newRand(cfg.Seed, streamEvents))
	g.genObjectLog(newRand(cfg.Seed, streamObjectLog))
	return g.ds
}

func itoa(v int64) string { return strconv.FormatInt(v, 10) }

// unix converts seconds to a UTC time.
func unix(sec int64) time.Time { return time.Unix(sec, 0).UTC() }
