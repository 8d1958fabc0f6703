// Command lensbench measures how fast a month of the Web API Log comes down,
// in one go, on one machine: it serves a generated log (870,000 rows over
// 30 days by default) from the emulator on loopback, with no added latency
// and then with 50 ms per round trip, and times, each in its own process so
// that peak memory is its own:
//
//   - floor: the sequential byte-only floor, one page after another with
//     EndingBefore, each body read and dropped (only its last id and time
//     are found, for the cursor);
//   - seed: the seed's loop (Cryptolens/reporting-tools
//     retrieve_logs_last_month.py) ported to Go: sequential pages decoded
//     into generic maps, every row kept, then sorted and written to CSV;
//   - lensbook-1: `lensbook fetch weblog --parallel 1`, strictly sequential;
//   - lensbook: `lensbook fetch weblog` with its default parallelism.
//
// Every run is made -rounds times (3 by default), the rounds interleaved so
// that a change in the machine's load falls on every run alike, except the
// sequential runs at the added latency (floor, seed, lensbook-1), whose
// time is hundreds of round trips of it and which run -distant-rounds
// times (1). It prints one line per run and round: wall seconds, the
// client's CPU seconds (user+sys), the server's CPU seconds (this
// process's while the run lasted: the emulator and little else), peak RSS
// and requests; then each run's median, and the targets of issue 14,
// judged on the medians: at 50 ms lensbook at least 10x faster than the
// seed's sequential paging, at 0 ms within 1.3x of the byte-only floor,
// and at most 150 MiB peak RSS (the largest of every round). The load
// average is printed at the start and the end: the server and the client
// share the machine's cores, so a busy machine slows both. Run it with
// scripts/bench.sh, which builds lensbook first.
package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/lensbook/lensbook/internal/emulator"
)

const token = "lensbench-token"

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "lensbench:", err)
		os.Exit(1)
	}
}

func run() error {
	mode := flag.String("mode", "", "internal: run one client (floor or seed) against -url")
	base := flag.String("url", "", "internal: the /api root")
	since := flag.Int64("since", 0, "internal: window start, Unix seconds")
	until := flag.Int64("until", 0, "internal: window end, Unix seconds")
	out := flag.String("out", os.DevNull, "where the clients write their CSV")
	rows := flag.Int("rows", 870_000, "Web API Log rows of the month")
	latency := flag.Duration("latency", 50*time.Millisecond, "the added round-trip time of the distant runs")
	lensbook := flag.String("lensbook", "", "the lensbook binary to measure (required)")
	only := flag.String("only", "", "comma-separated runs to make (floor,seed,lensbook-1,lensbook); default all")
	rounds := flag.Int("rounds", 3, "times each run is made; the median is judged")
	distantRounds := flag.Int("distant-rounds", 1, "times the sequential runs at -latency (floor, seed, lensbook-1) are made")
	flag.Parse()
	switch *mode {
	case "floor":
		return floor(*base, *since)
	case "seed":
		return seed(*base, *since, *until, *out)
	case "":
	default:
		return fmt.Errorf("unknown -mode %q", *mode)
	}
	if *lensbook == "" {
		return errors.New("-lensbook: the lensbook binary to measure is required (scripts/bench.sh builds it)")
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	start := time.Now()
	ds := emulator.Generate(emulator.Config{Seed: 1, Days: 30, Rows: *rows})
	srv := emulator.NewServer(ds)
	srv.AddToken(emulator.Token{Value: token, Permissions: emulator.AllPermissions})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ready := make(chan string, 1)
	served := make(chan error, 1)
	go func() { served <- emulator.ListenAndServe(ctx, "127.0.0.1:0", srv, func(u string) { ready <- u }) }()
	var api string
	select {
	case api = <-ready:
	case err := <-served:
		return err
	}
	if *rounds < 1 || *distantRounds < 1 {
		return errors.New("-rounds and -distant-rounds: want at least 1")
	}
	w0, w1 := ds.Config.Start(), ds.Config.End
	fmt.Printf("lensbench: %d Web API Log rows from %s to %s (generated in %s), served on %s\n",
		len(ds.WebAPILog), w0.Format(time.RFC3339), w1.Format(time.RFC3339), time.Since(start).Round(time.Millisecond), api)
	if *latency != 0 {
		fmt.Printf("lensbench: load average %s at the start; %d rounds (%d for the sequential runs at %s)\n", loadAverage(), *rounds, *distantRounds, *latency)
	} else {
		fmt.Printf("lensbench: load average %s at the start; %d rounds\n", loadAverage(), *rounds)
	}
	fmt.Printf("%-11s %-8s %5s %8s %10s %10s %12s %9s\n", "run", "latency", "round", "seconds", "client cpu", "server cpu", "peak RSS MiB", "requests")
	env := append(os.Environ(), "CRYPTOLENS_BASE_URL="+api, "CRYPTOLENS_TOKEN="+token)
	runs := []struct {
		name string
		args []string
	}{
		{"floor", []string{self, "-mode", "floor", "-url", api, "-since", itoa(w0.Unix())}},
		{"seed", []string{self, "-mode", "seed", "-url", api, "-since", itoa(w0.Unix()), "-until", itoa(w1.Unix()), "-out", *out}},
		{"lensbook-1", []string{*lensbook, "fetch", "weblog", "--since", w0.Format(time.RFC3339), "--until", w1.Format(time.RFC3339), "--parallel", "1", "--out", *out}},
		{"lensbook", []string{*lensbook, "fetch", "weblog", "--since", w0.Format(time.RFC3339), "--until", w1.Format(time.RFC3339), "--out", *out}},
	}
	type key struct {
		run string
		lat time.Duration
	}
	secs := map[key][]float64{}
	rss := map[key]float64{}
	latencies := []time.Duration{0}
	if *latency != 0 {
		latencies = append(latencies, *latency)
	}
	for _, lat := range latencies {
		srv.SetFaults(emulator.Faults{Latency: lat})
		for round := 1; round <= *rounds; round++ {
			for _, r := range runs {
				if *only != "" && !slices.Contains(strings.Split(*only, ","), r.name) {
					continue
				}
				if lat != 0 && r.name != "lensbook" && round > *distantRounds {
					continue
				}
				m, err := measure(r.args, env, srv)
				if err != nil {
					return fmt.Errorf("%s: %w", r.name, err)
				}
				k := key{r.name, lat}
				secs[k] = append(secs[k], m.seconds)
				rss[k] = max(rss[k], m.peakMiB)
				fmt.Printf("%-11s %-8s %5d %8.2f %10.2f %10.2f %12.1f %9d\n", r.name, lat, round, m.seconds, m.clientCPU, m.serverCPU, m.peakMiB, m.requests)
			}
		}
	}
	fmt.Printf("lensbench: load average %s at the end\n\n", loadAverage())
	median := func(k key) float64 {
		v := slices.Clone(secs[k])
		if len(v) == 0 {
			return 0
		}
		slices.Sort(v)
		if len(v)%2 == 1 {
			return v[len(v)/2]
		}
		return (v[len(v)/2-1] + v[len(v)/2]) / 2
	}
	fmt.Println("medians (seconds, every round above):")
	for _, lat := range latencies {
		for _, r := range runs {
			if k := (key{r.name, lat}); len(secs[k]) > 0 {
				fmt.Printf("  %-11s %-8s %8.2f  of %s\n", r.name, lat, median(k), figures(secs[k]))
			}
		}
	}
	lb0, lbL := median(key{"lensbook", 0}), median(key{"lensbook", *latency})
	if lb0 == 0 {
		return nil
	}
	fmt.Println()
	check := func(ok bool) string {
		if ok {
			return "met"
		}
		return "NOT met"
	}
	if s := median(key{"seed", *latency}); s > 0 && lbL > 0 && *latency != 0 {
		fmt.Printf("at %s: lensbook %.1fx faster than the seed's sequential paging (target >= 10x): %s\n", *latency, s/lbL, check(s/lbL >= 10))
	}
	if s := median(key{"lensbook-1", *latency}); s > 0 && lbL > 0 && *latency != 0 {
		fmt.Printf("at %s: lensbook %.1fx faster than lensbook --parallel 1\n", *latency, s/lbL)
	}
	if f := median(key{"floor", 0}); f > 0 {
		fmt.Printf("at 0s: lensbook %.2fx the sequential byte-only floor (target <= 1.3x): %s (medians %.2f s and %.2f s)\n", lb0/f, check(lb0/f <= 1.3), lb0, f)
	}
	peak := max(rss[key{"lensbook", 0}], rss[key{"lensbook", *latency}])
	fmt.Printf("lensbook peak RSS %.1f MiB, the largest of every round (target <= 150 MiB): %s\n", peak, check(peak <= 150))
	return nil
}

// measurement is what one run of a client took.
type measurement struct {
	seconds   float64 // wall clock
	clientCPU float64 // the client process's user+sys seconds
	serverCPU float64 // this process's user+sys seconds meanwhile: the server's
	peakMiB   float64
	requests  int
}

// measure runs one client to its end against srv.
func measure(args, env []string, srv *emulator.Server) (measurement, error) {
	srv.ResetCounts()
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Env = env
	cmd.Stderr = os.Stderr
	cpu0 := selfCPU()
	t0 := time.Now()
	if err := cmd.Start(); err != nil {
		return measurement{}, err
	}
	peak := watchPeak(cmd.Process.Pid)
	if err := cmd.Wait(); err != nil {
		return measurement{}, err
	}
	m := measurement{seconds: time.Since(t0).Seconds(), serverCPU: selfCPU() - cpu0}
	m.clientCPU = (cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()).Seconds()
	m.peakMiB = float64(<-peak) / 1024
	m.requests = srv.RequestCount(emulator.MethodGetWebAPILog)
	return m, nil
}

// selfCPU is this process's user+sys CPU seconds so far.
func selfCPU() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
}

// loadAverage is the first three fields of /proc/loadavg, or "unknown".
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(b)); err == nil && len(f) >= 3 {
		return strings.Join(f[:3], " ")
	}
	return "unknown"
}

// figures lists seconds as "1.23 1.45 1.31".
func figures(v []float64) string {
	s := make([]string, len(v))
	for i, x := range v {
		s[i] = strconv.FormatFloat(x, 'f', 2, 64)
	}
	return strings.Join(s, " ")
}

// watchPeak polls the process's peak resident set (VmHWM, KiB) until it
// exits and then sends the last value read. The rusage of a child is no
// use here: it counts the pages it shared with this big process before
// exec.
func watchPeak(pid int) <-chan int64 {
	out := make(chan int64, 1)
	go func() {
		var peak int64
		path := "/proc/" + strconv.Itoa(pid) + "/status"
		for {
			b, err := os.ReadFile(path)
			if err != nil {
				break
			}
			if i := bytes.Index(b, []byte("VmHWM:")); i >= 0 {
				f := strings.Fields(string(b[i+6:]))
				if v, err := strconv.ParseInt(f[0], 10, 64); err == nil && v > peak {
					peak = v
				} else if err == nil && v < peak/2 {
					break // the pid now runs the exited process's successor
				}
			} else if peak > 0 {
				break // a zombie: it has exited
			}
			time.Sleep(10 * time.Millisecond)
		}
		out <- peak
	}()
	return out
}

func itoa(v int64) string { return strconv.FormatInt(v, 10) }

// page asks for one page of 1000 rows below cursor, newest first.
func page(client *http.Client, base string, cursor int64, buf *bytes.Buffer) error {
	form := url.Values{"token": {token}, "Limit": {"1000"}, "OrderBy": {"Id descending"}}
	if cursor != 0 {
		form.Set("EndingBefore", itoa(cursor))
	}
	resp, err := client.PostForm(base+"/ai/GetWebAPILog", form)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	buf.Reset()
	if _, err := buf.ReadFrom(resp.Body); err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK || !bytes.Contains(buf.Bytes(), []byte(`"result":0`)) {
		return fmt.Errorf("HTTP %d: %.200s", resp.StatusCode, buf.Bytes())
	}
	return nil
}

// lastNumber finds the value of the last "name": in body.
func lastNumber(body []byte, name string) (int64, bool) {
	i := bytes.LastIndex(body, []byte(`"`+name+`":`))
	if i < 0 {
		return 0, false
	}
	rest := body[i+len(name)+3:]
	j := 0
	for j < len(rest) && (rest[j] == '-' || rest[j] >= '0' && rest[j] <= '9') {
		j++
	}
	v, err := strconv.ParseInt(string(rest[:j]), 10, 64)
	return v, err == nil
}

// floor pages the log newest first, reading each body and nothing more.
func floor(base string, since int64) error {
	client := &http.Client{}
	var buf bytes.Buffer
	var cursor int64
	for {
		if err := page(client, base, cursor, &buf); err != nil {
			return err
		}
		id, ok := lastNumber(buf.Bytes(), "id")
		if !ok {
			return nil // an empty page
		}
		if t, _ := lastNumber(buf.Bytes(), "time"); t < since {
			return nil
		}
		cursor = id
	}
}

// seed is the seed's loop: pages decoded into generic maps, every row
// kept, then the window's rows sorted by id and written as CSV.
func seed(base string, since, until int64, out string) error {
	client := &http.Client{}
	var buf bytes.Buffer
	var all []map[string]any
	var cursor int64
	for {
		if err := page(client, base, cursor, &buf); err != nil {
			return err
		}
		var env struct {
			Logs []map[string]any `json:"logs"`
		}
		if err := json.Unmarshal(buf.Bytes(), &env); err != nil {
			return err
		}
		if len(env.Logs) == 0 {
			break
		}
		all = append(all, env.Logs...)
		last := env.Logs[len(env.Logs)-1]
		if int64(last["time"].(float64)) < since {
			break
		}
		cursor = int64(last["id"].(float64))
	}
	var keep []map[string]any
	for _, r := range all {
		if t := int64(r["time"].(float64)); t >= since && t < until {
			keep = append(keep, r)
		}
	}
	slices.SortFunc(keep, func(a, b map[string]any) int {
		return int(a["id"].(float64) - b["id"].(float64))
	})
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	defer f.Close()
	w := csv.NewWriter(f)
	fields := []string{"id", "productId", "key", "ip", "time", "state", "machineCode", "friendlyName", "floatingExpires", "doIntValue", "doId"}
	w.Write(fields) //nolint:errcheck // checked by Flush
	rec := make([]string, len(fields))
	for _, r := range keep {
		for i, k := range fields {
			switch v := r[k].(type) {
			case float64:
				rec[i] = strconv.FormatFloat(v, 'f', -1, 64)
			case nil:
				rec[i] = ""
			default:
				rec[i] = fmt.Sprint(v)
			}
		}
		w.Write(rec) //nolint:errcheck // checked by Flush
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	return f.Close()
}
