package display

import (
	"encoding/gob"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
	"github.com/google/go-cmp/cmp"
	"github.com/janpfeifer/gonb/gonbui"
	"github.com/janpfeifer/gonb/gonbui/protocol"
	"github.com/lensbook/lensbook/pkg/charts"
)

var gonbuiFresh atomic.Bool

func init() { gonbuiFresh.Store(true) }

// gonbEnd is the kernel's end of GoNB's two named pipes, speaking GoNB's
// own gob protocol to the real gonbui package: it acknowledges every Sync
// and hands every other output to the test.
type gonbEnd struct {
	outputs chan *protocol.DisplayData
}

// startGoNBEnd creates the pipes in a temporary folder, points gonbui at them
// as GoNB does (GONB_PIPE, GONB_PIPE_BACK) and serves them.
func startGoNBEnd(t *testing.T) *gonbEnd {
	t.Helper()
	// gonbui opens the pipes once per process and keeps them.
	if !gonbuiFresh.CompareAndSwap(true, false) {
		t.Skip("gonbui is already connected in this process (go test -count > 1)")
	}
	dir := t.TempDir()
	toKernel, fromKernel := filepath.Join(dir, "gonb_pipe"), filepath.Join(dir, "gonb_pipe_back")
	for _, p := range []string{toKernel, fromKernel} {
		if err := syscall.Mkfifo(p, 0o600); err != nil {
			t.Skipf("named pipes unavailable: %v", err)
		}
	}
	t.Setenv(protocol.GONB_PIPE_ENV, toKernel)
	t.Setenv(protocol.GONB_PIPE_BACK_ENV, fromKernel)
	gonbui.IsNotebook = true
	t.Cleanup(func() { gonbui.IsNotebook = false })

	end := &gonbEnd{outputs: make(chan *protocol.DisplayData, 16)}
	go func() {
		// Opening a FIFO blocks until the other side opens it: gonbui opens
		// both on its first display call.
		in, err := os.OpenFile(toKernel, os.O_RDONLY, 0)
		if err != nil {
			close(end.outputs)
			return
		}
		out, err := os.OpenFile(fromKernel, os.O_WRONLY, 0)
		if err != nil {
			close(end.outputs)
			return
		}
		dec, enc := gob.NewDecoder(in), gob.NewEncoder(out)
		for {
			msg := &protocol.DisplayData{}
			if err := dec.Decode(msg); err != nil {
				if !errors.Is(err, io.EOF) {
					t.Logf("kernel end: %v", err)
				}
				close(end.outputs)
				return
			}
			if v, ok := msg.Data[protocol.MIMECommValue].(protocol.CommValue); ok && v.Address == "#gonbui/sync" {
				if err := enc.Encode(&protocol.CommValue{Address: protocol.GonbuiSyncAckAddress, Value: v.Value}); err != nil {
					t.Logf("kernel end: acknowledging sync: %v", err)
				}
				continue
			}
			end.outputs <- msg
		}
	}()
	return end
}

func (e *gonbEnd) next(t *testing.T) *protocol.DisplayData {
	t.Helper()
	select {
	case msg, ok := <-e.outputs:
		if !ok {
			t.Fatal("the kernel end closed")
		}
		return msg
	case <-time.After(10 * time.Second):
		t.Fatal("no output reached the kernel end within 10 s")
	}
	return nil
}

// TestOutputsReachGoNB runs the display calls against GoNB's pipe protocol
// and checks what a kernel receives: the MIME types and their content. Each
// call returns only after its Sync was acknowledged.
func TestOutputsReachGoNB(t *testing.T) {
	end := startGoNBEnd(t)
	c, err := charts.Bar(charts.BarData{Title: "Outcomes <&>", Categories: []string{"Success", "Failure"}, Values: []float64{9, 1}})
	if err != nil {
		t.Fatal(err)
	}

	if err := Chart(c); err != nil {
		t.Fatal(err)
	}
	msg := end.next(t)
	svg, _ := msg.Data[protocol.MIMEImageSVG].(string)
	if !strings.HasPrefix(svg, "<svg ") {
		t.Errorf("Chart sent no SVG for Jupyter: %v", keys(msg))
	}
	doc, _ := msg.Data[ChartMIME].(string)
	var bundle ChartBundle
	if err := json.Unmarshal([]byte(doc), &bundle); err != nil {
		t.Fatalf("Chart's %s output: %v", ChartMIME, err)
	}
	var themes []string
	for _, img := range bundle.Images {
		themes = append(themes, fmt.Sprintf("%s %dx%d %q", img.Theme, img.Width, img.Height, img.Media))
		if !strings.HasPrefix(img.SVG, "<svg ") {
			t.Errorf("rendering %s is no SVG document: %.40q", img.Media, img.SVG)
		}
	}
	want := []string{
		`dark 400x340 "screen and (prefers-color-scheme: dark) and (max-width: 36rem)"`,
		`light 400x340 "(max-width: 36rem)"`,
		`dark 800x450 "screen and (prefers-color-scheme: dark)"`,
		`light 800x450 ""`,
	}
	if diff := cmp.Diff(want, themes); diff != "" {
		t.Errorf("chart renderings (-want +got):\n%s", diff)
	}
	if bundle.Images[3].SVG != svg || bundle.Alt != "Outcomes <&>" {
		t.Errorf("default rendering differs from the Jupyter SVG, or alt = %q", bundle.Alt)
	}
	if got := msg.Data[protocol.MIMETextPlain]; got != "Chart: Outcomes <&>" {
		t.Errorf("Chart text/plain = %q", got)
	}

	if err := ChartSVG(c); err != nil {
		t.Fatal(err)
	}
	svgMsg := end.next(t)
	if _, ok := svgMsg.Data[DataMIME].(string); !ok {
		t.Errorf("ChartSVG sent no figures: %v", keys(svgMsg))
	}
	html, _ := svgMsg.Data[protocol.MIMETextHTML].(string)
	if !strings.HasPrefix(html, "<div><svg ") || strings.Contains(html, "<?xml") || !strings.Contains(html, "Outcomes &lt;&amp;&gt;") {
		t.Errorf("ChartSVG HTML starts %.80q", html)
	}

	if err := Table([]string{"key", "n"}, [][]string{{"<script>", "3"}}); err != nil {
		t.Fatal(err)
	}
	msg = end.next(t)
	if html, _ := msg.Data[protocol.MIMETextHTML].(string); !strings.Contains(html, "&lt;script&gt;") || strings.Contains(html, "<script>") {
		t.Errorf("Table HTML not escaped: %s", html)
	}
	if text, _ := msg.Data[protocol.MIMETextPlain].(string); !strings.Contains(text, "<script>  3") {
		t.Errorf("Table text/plain = %q", text)
	}

	if err := Markdown("**bold**"); err != nil {
		t.Fatal(err)
	}
	if got := end.next(t).Data[protocol.MIMETextMarkdown]; got != "**bold**" {
		t.Errorf("Markdown sent %q", got)
	}
	figuresReachGoNB(t, end, msg)
}

// figuresReachGoNB checks that every chart, table and headline sends its
// figures as DataMIME; table is the Table message sent above.
func figuresReachGoNB(t *testing.T, end *gonbEnd, table *protocol.DisplayData) {
	figures := func(msg *protocol.DisplayData) Data {
		t.Helper()
		text, ok := msg.Data[DataMIME].(string)
		if !ok {
			t.Fatalf("no %s in the bundle: %v", DataMIME, keys(msg))
		}
		var d Data
		if err := json.Unmarshal([]byte(text), &d); err != nil {
			t.Fatalf("%s is not JSON: %v: %s", DataMIME, err, text)
		}
		return d
	}
	if diff := cmp.Diff(Data{Title: "1 row × 2 columns", Columns: []string{"key", "n"}, Rows: [][]any{{"<script>", 3.0}}, Text: [][]string{{"<script>", "3"}}}, figures(table)); diff != "" {
		t.Errorf("Table figures (-want +got):\n%s", diff)
	}

	df := dataframe.New(series.New([]string{"AAAA", "BBBB"}, series.String, "key"),
		series.New([]int{1234, 56}, series.Int, "count"), series.New([]float64{0.9566, 0.0434}, series.Float, "share"))
	steps := []struct {
		name string
		call func() error
		want Data
	}{
		{"Chart", func() error {
			c, err := charts.TimeSeries(charts.TimeSeriesData{Title: "Per day", Days: []time.Time{time.Date(2026, 10, 2, 0, 0, 0, 0, time.UTC)},
				Series: []charts.Series{{Name: "Failure", Values: []float64{math.NaN()}}}})
			if err != nil {
				return err
			}
			return Chart(c)
		}, Data{Title: "Per day", Columns: []string{"day", "Failure"}, Rows: [][]any{{"2026-10-02", nil}}}},
		{"Bars", func() error {
			return Bars(df, "key", "count", Options{Title: "Most active keys", Labels: "share"})
		}, Data{Title: "Most active keys", Columns: []string{"key", "count", "share"},
			Rows: [][]any{{"AAAA", 1234.0, 0.9566}, {"BBBB", 56.0, 0.0434}},
			Text: [][]string{{"AAAA", "1,234", "95.7%"}, {"BBBB", "56", "4.3%"}}}},
		{"Frame", func() error { return Frame(df, Options{Title: "Keys", MaxRows: 1}) },
			Data{Title: "Keys", Columns: []string{"key", "count", "share"},
				Rows: [][]any{{"AAAA", 1234.0, 0.9566}, {"BBBB", 56.0, 0.0434}},
				Text: [][]string{{"AAAA", "1,234", "95.7%"}, {"BBBB", "56", "4.3%"}}}},
		{"FrameTable", func() error { return FrameTable(df.Select([]string{"key"}), 1) },
			Data{Title: "2 rows × 1 column", Columns: []string{"key"}, Rows: [][]any{{"AAAA"}, {"BBBB"}}, Text: [][]string{{"AAAA"}, {"BBBB"}}}},
		{"Headline", func() error { return Headline(" 95.7% of requests came from AAAA ") },
			Data{Title: "95.7% of requests came from AAAA", Columns: []string{}, Rows: [][]any{}}},
		{"HeadlineFrame", func() error { return HeadlineFrame("2 keys", df.Select([]string{"count"})) },
			Data{Title: "2 keys", Columns: []string{"count"}, Rows: [][]any{{1234.0}, {56.0}}}},
	}
	for _, step := range steps {
		if err := step.call(); err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		if diff := cmp.Diff(step.want, figures(end.next(t))); diff != "" {
			t.Errorf("%s figures (-want +got):\n%s", step.name, diff)
		}
	}
}

func keys(msg *protocol.DisplayData) []protocol.MIMEType {
	var out []protocol.MIMEType
	for k := range msg.Data {
		out = append(out, k)
	}
	return out
}
