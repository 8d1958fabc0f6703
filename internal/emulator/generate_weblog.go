package emulator

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// firstWebAPILogID is where the Web API Log's ids start; they are global on the
// real service, so they are large and have gaps.
const firstWebAPILogID = 47_720_000

// eventAnchor is a successful activation row, which events follow: its
// position in the Web API Log, its key's index and its machine's index.
type eventAnchor struct {
	row     int32
	key     int32
	machine int16
}

// simRow is a compact Web API Log row of one key, before the logs of all
// keys are merged; machine and ipFrom index the key's machines (-1: none,
// or the customer's office address for ipFrom).
type simRow struct {
	t       int64
	expires int64
	doValue int32
	state   int16
	machine int16
	ipFrom  int16
	noKey   bool
}

// genWebAPILog simulates the requests of every key and merges them into one log
// ordered by time, numbering the rows with increasing ids.
func (g *generator) genWebAPILog() {
	perKey := make([][]simRow, len(g.plans))
	total := 0
	for i := range g.plans {
		rng := newRand(g.cfg.Seed, streamKeys+uint64(i))
		lic, plan := &g.ds.Licenses[i], &g.plans[i]
		plan.machines = g.machinesFor(rng, lic, plan, &g.customers[plan.customer])
		perKey[i] = g.keyRows(rng, lic, plan)
		total += len(perKey[i])
	}
	type ref struct {
		t        int64
		key, pos int32
	}
	refs := make([]ref, 0, total)
	for k, rows := range perKey {
		for p, r := range rows {
			refs = append(refs, ref{r.t, int32(k), int32(p)})
		}
	}
	slices.SortFunc(refs, func(a, b ref) int {
		return cmp.Or(cmp.Compare(a.t, b.t), cmp.Compare(a.key, b.key), cmp.Compare(a.pos, b.pos))
	})
	rng := newRand(g.cfg.Seed, streamWebAPILogIDs)
	out := make([]cryptolens.WebAPILog, len(refs))
	id := int64(firstWebAPILogID)
	for i, r := range refs {
		id++
		if rng.IntN(8) == 0 {
			id += int64(rng.IntN(5))
		}
		s := perKey[r.key][r.pos]
		out[i] = g.webRow(id, s, int(r.key))
		if st := cryptolens.State(s.state); st.Group() == cryptolens.GroupActivation && st.Succeeded() {
			g.anchors = append(g.anchors, eventAnchor{row: int32(i), key: r.key, machine: s.machine})
		}
	}
	g.ds.WebAPILog = out
}

// webRow expands a compact row of key k into the API's record.
func (g *generator) webRow(id int64, s simRow, k int) cryptolens.WebAPILog {
	lic, plan := &g.ds.Licenses[k], &g.plans[k]
	row := cryptolens.WebAPILog{
		ID: id, ProductID: lic.ProductID, Key: lic.Key, Time: unix(s.t),
		State: cryptolens.State(s.state), IP: g.customers[plan.customer].officeIP,
		DOIntValue: int(s.doValue),
	}
	if s.noKey {
		row.Key = ""
	}
	if s.expires != 0 {
		row.FloatingExpires = unix(s.expires)
	}
	if s.machine >= 0 {
		m := plan.machines[s.machine]
		row.MachineCode, row.FriendlyName, row.IP = m.code, m.friendly, m.ip
	} else if s.ipFrom >= 0 {
		row.IP = plan.machines[s.ipFrom].ip
	}
	if cryptolens.State(s.state).Group() == cryptolens.GroupDataObject {
		row.DOID = plan.dataObjectID
	}
	return row
}

// keyRows simulates one key: its creation (3010), its activations,
// deactivations and data-object changes, ascending by time.
func (g *generator) keyRows(rng *rand.Rand, lic *License, plan *keyPlan) []simRow {
	created := lic.Created.Unix()
	rows := make([]simRow, 0, plan.budget+2)
	if rng.Float64() < 0.03 { // a failed CreateKey call just before the real one
		rows = append(rows, simRow{t: max(created-30-rng.Int64N(600), g.start), state: int16(cryptolens.StateKeyCreateFailed),
			machine: -1, ipFrom: -1, noKey: true})
	}
	rows = append(rows, simRow{t: created, state: int16(cryptolens.StateKeyCreated), machine: -1, ipFrom: -1})
	activity := max(plan.budget-1, 0)
	if plan.dataObjectID != 0 {
		n := plan.budget * 15 / 100
		activity = max(activity-n, 0)
		rows = g.dataObjectRows(rng, plan, n, rows)
	}
	if lic.Floating {
		rows = g.floatingRows(rng, lic, plan, activity, rows)
	} else {
		rows = g.nodeLockedRows(rng, lic, plan, activity, rows)
	}
	slices.SortStableFunc(rows, func(a, b simRow) int { return cmp.Compare(a.t, b.t) })
	return rows
}

// dataObjectRows adds n data-object changes (8010, a few failed 8020) made
// through the API, carrying the key's data object id.
func (g *generator) dataObjectRows(rng *rand.Rand, plan *keyPlan, n int, rows []simRow) []simRow {
	if plan.doCreated+1 >= plan.stop {
		return rows
	}
	for range n {
		t := rhythmTime(rng, plan.doCreated+1, plan.stop, plan.tz)
		state := cryptolens.StateDataObjectChanged
		if rng.Float64() < 0.06 {
			state = cryptolens.StateDataObjectFailed
		}
		rows = append(rows, simRow{t: t, state: int16(state), doValue: int32(1 + rng.IntN(25)),
			machine: -1, ipFrom: int16(rng.IntN(len(plan.machines)))})
	}
	return rows
}

// preferredMachine draws a machine index, favouring the first ones.
func preferredMachine(rng *rand.Rand, n int) int {
	return min(int(float64(n)*math.Pow(rng.Float64(), 1.8)), n-1)
}

// Detail codes of failed activations whose meaning the documentation leaves
// open; the emulator uses them for a blocked key and for a generic failure.
const (
	stateActivationBlocked cryptolens.State = 2021
	stateActivationInvalid cryptolens.State = 2023
	maxBlockedRows                          = 300
)

// nodeLockedRows simulates n requests to a node-locked key: every start of
// the application activates (2010 on a known machine, 2011 on a new one
// while there is room, 2020 when the key is full), now and then a machine
// is deactivated (6010) and frees its place.
func (g *generator) nodeLockedRows(rng *rand.Rand, lic *License, plan *keyPlan, n int, rows []simRow) []simRow {
	if lic.Created.Unix()+30 >= plan.stop {
		return rows
	}
	times := make([]int64, n)
	for i := range times {
		times[i] = rhythmTime(rng, lic.Created.Unix()+30, plan.stop, plan.tz)
	}
	slices.Sort(times)
	pool := len(plan.machines)
	licensed := min(lic.MaxNoOfMachines, pool)
	active := make([]bool, pool)
	count := 0
	blocked, blockedRows := blockedAt(lic), 0
	for _, t := range times {
		m := preferredMachine(rng, licensed)
		if rng.Float64() < plan.extraRate {
			m = rng.IntN(pool)
		}
		row := simRow{t: t, machine: int16(m), ipFrom: -1}
		switch {
		case blocked != 0 && t >= blocked:
			if blockedRows == maxBlockedRows {
				continue
			}
			blockedRows++
			row.state = int16(stateActivationBlocked)
		case count > 0 && rng.Float64() < 0.012:
			for !active[m] {
				m = rng.IntN(pool)
			}
			active[m], count = false, count-1
			row.machine, row.state = int16(m), int16(cryptolens.StateDeactivation)
		case rng.Float64() < plan.invalidRate:
			row.state = int16(stateActivationInvalid)
		case active[m]:
			row.state = int16(cryptolens.StateActivation)
		case count < lic.MaxNoOfMachines:
			active[m], count = true, count+1
			row.state = int16(cryptolens.StateActivationNewMachine)
		default:
			row.state = int16(cryptolens.StateActivationFailed)
		}
		rows = append(rows, row)
	}
	return rows
}

func blockedAt(lic *License) int64 {
	if lic.Blocked.IsZero() {
		return 0
	}
	return lic.Blocked.Unix()
}
