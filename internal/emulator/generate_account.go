package emulator

import (
	"math"
	"math/rand/v2"
	"strings"
	"time"
)

// hostile reports whether a hostile dataset should make this field
// hostile, for the given share of fields.
func (g *generator) hostile(rng *rand.Rand, share float64) bool {
	return g.cfg.Hostile && rng.Float64() < share
}

// genProducts creates 3-5 products; a hostile dataset gets a product name
// with markup.
func (g *generator) genProducts(rng *rand.Rand) {
	n := 3 + rng.IntN(3)
	id := 3941
	for i := range n {
		name := productNames[i]
		if i == 1 && g.cfg.Hostile {
			name = hostileStrings[0] + " " + name
		}
		g.ds.Products = append(g.ds.Products, Product{ID: id, Name: name})
		id += 17 + rng.IntN(400)
	}
}

// genTeam creates the account owner and 2-4 more team members.
func (g *generator) genTeam(rng *rand.Rand) {
	n := 3 + rng.IntN(3)
	g.ds.TeamMembers = append(g.ds.TeamMembers, TeamMember{UserID: itoa(ownerUserID), Name: teamNames[0]})
	id := 5100
	for i := 1; i < n; i++ {
		id += 1 + rng.IntN(900)
		g.ds.TeamMembers = append(g.ds.TeamMembers, TeamMember{UserID: itoa(int64(id)), Name: teamNames[i]})
	}
}

// licenseCount is how many keys an account with this many rows has:
// hundreds for the default size.
func licenseCount(rows int) int {
	return min(max(rows/170, 60), 6000)
}

// genCustomers creates the companies that hold keys, each with a domain
// for e-mail addresses, a currency, a time zone and an office address.
func (g *generator) genCustomers(rng *rand.Rand) {
	n := max(licenseCount(g.cfg.Rows)/2, 20)
	tzs := []int64{-5 * 3600, 0, 3600, 3600, 3600, 2 * 3600, 2 * 3600, 9 * 3600}
	currencies := []string{"USD", "EUR", "EUR", "SEK", "USD"}
	seen := map[string]bool{}
	for i := range n {
		var name string
		for {
			name = pick(rng, companyStems) + " " + pick(rng, companyKinds) + " " + pick(rng, companySuffixes)
			if !seen[name] {
				break
			}
			if len(seen) > 1000 { // the word lists are exhausted: number the rest
				name = pick(rng, companyStems) + " " + pick(rng, companyKinds) + " " + itoa(int64(i))
				break
			}
		}
		seen[name] = true
		domain := strings.ToLower(strings.Fields(name)[0]+"-"+strings.Fields(name)[1]) + ".example"
		if g.hostile(rng, 0.08) {
			name = hostileFor(rng)
		}
		c := customer{
			id: int64(70000 + i*3 + rng.IntN(3)), name: name, domain: domain,
			currency: pick(rng, currencies), tz: pick(rng, tzs), officeIP: anonymisedIP(rng),
		}
		if g.hostile(rng, 0.05) {
			c.currency = hostileFor(rng)
		}
		g.customers = append(g.customers, c)
	}
}

// genLicenses creates the license keys and how each one behaves.
func (g *generator) genLicenses(rng *rand.Rand) {
	n := licenseCount(g.cfg.Rows)
	window := g.end - g.start
	keys := map[string]bool{}
	productWeights := []float64{0.45, 0.25, 0.15, 0.1, 0.05}
	for i := range n {
		key := licenseKey(rng)
		for keys[key] {
			key = licenseKey(rng)
		}
		keys[key] = true
		pi := weightedIndex(rng, productWeights[:len(g.ds.Products)])
		ci := rng.IntN(len(g.customers))
		cust := &g.customers[ci]
		// Keys are created throughout the window, a third of them in its
		// first days; every key's first row is therefore its 3010 row.
		var created int64
		if rng.IntN(3) == 0 {
			created = g.start + 600 + rng.Int64N(window/20)
		} else {
			created = rhythmTime(rng, g.start+600, g.end-2*86400, cust.tz)
		}
		lic := License{
			ID: int64(1_200_000 + i*7 + rng.IntN(7)), ProductID: g.ds.Products[pi].ID, Key: key,
			Created: time.Unix(created, 0).UTC(), Customer: cust.name, CustomerID: cust.id,
		}
		plan := keyPlan{stop: g.end, tz: cust.tz, customer: ci, extraRate: 0.02 + 0.08*rng.Float64(),
			invalidRate: 0.01 + 0.05*rng.Float64()}
		if rng.Float64() < 0.2 {
			plan.extraRate = 0.2 + 0.4*rng.Float64() // users who keep trying one machine too many
		}
		if rng.Float64() < 0.22 {
			lic.Floating = true
			lic.MaxNoOfMachines = 2 + rng.IntN(9)
			lic.FloatingInterval = time.Duration(pick(rng, []int{900, 1800, 1800, 3600})) * time.Second
			if rng.IntN(4) == 0 {
				lic.AllowedOverdraft = 1 + rng.IntN(2)
			}
			plan.busy = rng.IntN(3) == 0
		} else {
			lic.MaxNoOfMachines = pick(rng, []int{1, 1, 1, 1, 2, 2, 2, 3, 3, 5})
		}
		// Pareto-distributed activity: many quiet keys, a few busy ones.
		plan.weight = math.Min(math.Pow(1-rng.Float64(), -1/1.3), 60)
		// Some keys went quiet in the last weeks.
		if rng.Float64() < 0.15 {
			stop := g.end - int64(14+rng.IntN(35))*86400
			if stop > created+2*86400 {
				plan.stop = stop
			}
		}
		if rng.Float64() < 0.06 {
			b := created + rng.Int64N(max(plan.stop-created, 2))
			lic.Blocked = time.Unix(b, 0).UTC()
		}
		if rng.Float64() < 0.3 {
			plan.dataObjectID = int64(20_000 + i*3 + rng.IntN(3))
			plan.doCreated = min(created+60+rng.Int64N(86400), plan.stop-1)
		}
		g.ds.Licenses = append(g.ds.Licenses, lic)
		g.plans = append(g.plans, plan)
	}
	g.chooseVeryActive(rng)
	g.spreadBudget()
}

// chooseVeryActive makes three keys created early each carry about 3% of
// all requests, so some keys stand out in a "most active keys" chart.
func (g *generator) chooseVeryActive(rng *rand.Rand) {
	var total float64
	for _, p := range g.plans {
		total += p.weight
	}
	chosen := 0
	for i := range g.plans {
		if chosen == 3 {
			break
		}
		lic, p := &g.ds.Licenses[i], &g.plans[i]
		if lic.Created.Unix() > g.start+(g.end-g.start)/10 || p.stop != g.end || !lic.Blocked.IsZero() {
			continue
		}
		p.weight = total * 0.03 / 0.91 * (0.8 + 0.4*rng.Float64())
		p.extraRate = 0.1
		switch chosen {
		case 0: // a busy floating key that often runs out of seats
			lic.Floating, lic.MaxNoOfMachines, p.busy = true, 3, true
			lic.FloatingInterval, lic.AllowedOverdraft = 3600*time.Second, 0
		case 1: // a busy floating key that may overdraw by one seat
			lic.Floating, lic.MaxNoOfMachines, p.busy = true, 2, true
			lic.FloatingInterval, lic.AllowedOverdraft = 1800*time.Second, 1
		}
		chosen++
	}
}

// spreadBudget turns the keys' weights into row budgets that add up to
// about cfg.Rows, weighting each key by how long it is active.
func (g *generator) spreadBudget() {
	window := float64(g.end - g.start)
	var total float64
	for i := range g.plans {
		p := &g.plans[i]
		span := float64(p.stop-g.ds.Licenses[i].Created.Unix()) / window
		p.weight *= max(span, 0.01)
		total += p.weight
	}
	// Blocked keys' clients give up and failed floating sessions stop early,
	// so budgets are set a little above the target.
	rows := 1.06 * float64(max(g.cfg.Rows-len(g.plans), len(g.plans)))
	for i := range g.plans {
		g.plans[i].budget = int(math.Round(rows * g.plans[i].weight / total))
	}
}

// weightedIndex draws an index with probability proportional to its weight.
func weightedIndex(rng *rand.Rand, weights []float64) int {
	var sum float64
	for _, w := range weights {
		sum += w
	}
	u := rng.Float64() * sum
	for i, w := range weights {
		if u < w {
			return i
		}
		u -= w
	}
	return len(weights) - 1
}

// machinesFor creates the devices that use a license key.
func (g *generator) machinesFor(rng *rand.Rand, lic *License, plan *keyPlan, cust *customer) []machine {
	n := lic.MaxNoOfMachines + rng.IntN(3)
	if lic.Floating {
		n = lic.MaxNoOfMachines + 1 + rng.IntN(lic.MaxNoOfMachines+1)
	}
	if plan.busy {
		// A busy key with a large budget needs more machines (and seats)
		// to spend it: each machine works at most one session a day.
		days := float64(plan.stop-lic.Created.Unix()) / 86400 * 5 / 7 * crunchShare
		perMachine := days * 0.9 * float64(busySessionRows(lic))
		if need := int(float64(plan.budget)/perMachine) + 1; need > n {
			n = need
			lic.MaxNoOfMachines = max(lic.MaxNoOfMachines, n*2/5)
		}
	}
	ms := make([]machine, n)
	for i := range ms {
		m := machine{code: machineCode(rng), friendly: deviceName(rng, cust.domain),
			ip: cust.officeIP, os: pick(rng, osNames)}
		if rng.Float64() < 0.4 {
			m.ip = anonymisedIP(rng)
		}
		if g.hostile(rng, 0.1) {
			m.friendly = hostileFor(rng)
		}
		if g.hostile(rng, 0.05) {
			m.code = hostileFor(rng)
		}
		ms[i] = m
	}
	return ms
}
