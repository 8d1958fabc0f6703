package emulator

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// crunchShare is the share of working days on which a busy floating key is
// used: on those days most of its machines want a seat at once.
const crunchShare = 0.4

// busySessionRows is about how many rows a working day's session of a busy
// floating key makes.
func busySessionRows(lic *License) int {
	period := int64(lic.FloatingInterval/time.Second) * 3 / 4
	return int(7*3600/period) + 2
}

// floatReq is one planned request of a floating session.
type floatReq struct {
	t       int64
	session int32
	kind    uint8
	machine int16
}

const (
	reqStart uint8 = iota
	reqHeartbeat
	reqRelease
)

// floatingRows plans sessions for a floating key (each one an activation,
// heartbeats before the lease runs out and, mostly, a release), then plays
// them in time order against the key's seats.
func (g *generator) floatingRows(rng *rand.Rand, lic *License, plan *keyPlan, budget int, rows []simRow) []simRow {
	lease := int64(lic.FloatingInterval / time.Second)
	period := lease * 3 / 4 // with jitter below lease/10 a heartbeat always comes before expiry
	from := lic.Created.Unix() + 60
	if from >= plan.stop {
		return rows
	}
	var reqs []floatReq
	planned, session := 0, int32(0)
	addSession := func(start, dur int64, m int) {
		reqs = append(reqs, floatReq{start, session, reqStart, int16(m)})
		planned++
		end := min(start+dur, plan.stop)
		for j := int64(1); ; j++ {
			t := start + j*period - rng.Int64N(lease/10+1)
			if t >= end {
				break
			}
			reqs = append(reqs, floatReq{t, session, reqHeartbeat, int16(m)})
			planned++
		}
		if start+dur < plan.stop && rng.Float64() < 0.7 {
			reqs = append(reqs, floatReq{start + dur, session, reqRelease, int16(m)})
			planned++
		}
		session++
	}
	if plan.busy {
		perSession := busySessionRows(lic)
		days := max((plan.stop-from)/86400*5/7, 1)
		pDay := min(0.95, float64(budget)/float64(int64(len(plan.machines)*perSession)*days)/crunchShare)
		for d := (from + plan.tz) / 86400; d*86400-plan.tz < plan.stop; d++ {
			midnight := d*86400 - plan.tz
			if !isWeekday(midnight, plan.tz) || rng.Float64() >= crunchShare {
				continue
			}
			for m := range plan.machines {
				if rng.Float64() >= pDay {
					continue
				}
				start := midnight + 7*3600 + rng.Int64N(3*3600)
				if start >= from && start < plan.stop {
					addSession(start, 4*3600+rng.Int64N(5*3600), m)
				}
			}
		}
	} else {
		for planned < budget {
			start := rhythmTime(rng, from, plan.stop, plan.tz)
			addSession(start, 300+int64(rng.ExpFloat64()*2.5*3600), preferredMachine(rng, len(plan.machines)))
		}
	}
	slices.SortStableFunc(reqs, func(a, b floatReq) int { return cmp.Compare(a.t, b.t) })
	return playSessions(lic, lease, reqs, rows)
}

// playSessions runs the planned requests of a floating key in time order.
// A machine holds a seat while its lease (floatingExpires) lies in the
// future. An activation or heartbeat gets 2014 while the holders, itself
// included, number at most MaxNoOfMachines, 2015 beyond that within the
// allowed overdraft, and 2024 (no row change to the seats) when every seat
// is held; a session that fails three times gives up. A release (6011)
// frees the seat.
func playSessions(lic *License, lease int64, reqs []floatReq, rows []simRow) []simRow {
	maxSeats := lic.MaxNoOfMachines
	var pool int16
	for _, q := range reqs {
		pool = max(pool, q.machine+1)
	}
	expires := make([]int64, pool)
	held := func(t int64) int {
		n := 0
		for _, e := range expires {
			if e > t {
				n++
			}
		}
		return n
	}
	type sessionState struct {
		failures int
		gaveUp   bool
	}
	var sessions []sessionState
	blocked, blockedRows := blockedAt(lic), 0
	for _, q := range reqs {
		for int(q.session) >= len(sessions) {
			sessions = append(sessions, sessionState{})
		}
		s := &sessions[q.session]
		if s.gaveUp {
			continue
		}
		m := q.machine
		row := simRow{t: q.t, machine: m, ipFrom: -1}
		holds := expires[m] > q.t
		switch {
		case q.kind == reqRelease:
			if !holds || (blocked != 0 && q.t >= blocked) {
				continue
			}
			expires[m] = 0
			row.state = int16(cryptolens.StateFloatingDeactivation)
		case blocked != 0 && q.t >= blocked:
			s.gaveUp = true
			if blockedRows == maxBlockedRows {
				continue
			}
			blockedRows++
			row.state = int16(stateActivationBlocked)
		case holds || held(q.t) < maxSeats+lic.AllowedOverdraft:
			expires[m] = q.t + lease
			row.expires = expires[m]
			row.state = int16(cryptolens.StateFloatingActivation)
			if held(q.t) > maxSeats {
				row.state = int16(cryptolens.StateFloatingOverdraft)
			}
		default:
			row.state = int16(cryptolens.StateSeatLimitReached)
			s.failures++
			s.gaveUp = s.failures == 3
		}
		rows = append(rows, row)
	}
	return rows
}
