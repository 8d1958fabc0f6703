package frames

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/lensbook/lensbook/pkg/cryptolens"
)

func TestJSONField(t *testing.T) {
	metadata := []string{
		`{"OS":"Windows","Cores":8}`,
		`{"OS":"Linux"}`,
		`{"os":"lowercase key"}`,
		`not json`,
		``,
		`["OS"]`,
		`{"OS":null}`,
		`{"OS":{"Name":"macOS","Version":14}}`,
		`{"OS":"Windows","Cores":8}`,
		`{"OS":"<script>\"quoted\", comma\n</script>"}`,
	}
	var rows []cryptolens.Event
	for _, m := range metadata {
		rows = append(rows, cryptolens.Event{Metadata: m})
	}
	df, err := JSONField(Events(rows), ColMetadata, "OS", "os")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Windows", "Linux", "", "", "", "", "", `{"Name":"macOS","Version":14}`,
		"Windows", "<script>\"quoted\", comma\n</script>"}
	if diff := cmp.Diff(want, df.Col("os").Records()); diff != "" {
		t.Errorf("os column (-want +got):\n%s", diff)
	}
	if got := df.Names()[len(df.Names())-1]; got != "os" {
		t.Errorf("new column is %q at the end, want os", got)
	}
	cores, err := JSONField(df, ColMetadata, "Cores", "cores")
	if err != nil {
		t.Fatal(err)
	}
	if got := cores.Col("cores").Records()[0]; got != "8" {
		t.Errorf("number field = %q, want raw JSON 8", got)
	}
}

func TestJSONFieldOnEmptyFrame(t *testing.T) {
	df, err := JSONField(Events(nil), ColMetadata, "OS", "os")
	if err != nil {
		t.Fatal(err)
	}
	if df.Nrow() != 0 || df.Ncol() != len(EventsColumns())+1 {
		t.Errorf("got %dx%d frame, want 0x%d", df.Nrow(), df.Ncol(), len(EventsColumns())+1)
	}
}

func TestJSONFieldErrors(t *testing.T) {
	df := Events([]cryptolens.Event{{Metadata: `{}`}})
	tests := []struct {
		name, column, newColumn, wantInError string
	}{
		{"missing column", "metadta", "os", `no column "metadta"`},
		{"existing new column", ColMetadata, ColKey, `column "key" already exists`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := JSONField(df, tt.column, "OS", tt.newColumn)
			if err == nil || !strings.Contains(err.Error(), tt.wantInError) {
				t.Errorf("error = %v, want one containing %q", err, tt.wantInError)
			}
		})
	}
}
