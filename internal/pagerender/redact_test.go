package pagerender

import (
	"strings"
	"testing"

	"github.com/lensbook/lensbook/internal/ipynb"
)

func TestRenderRedactsSecrets(t *testing.T) {
	const token = "WyIxMjM0IiwiYWJjL2RlZiJd+tok=="
	escaped := "WyIxMjM0IiwiYWJjL2RlZiJd%2Btok%3D%3D"
	nb := &ipynb.Notebook{NBFormat: 4, Cells: []ipynb.Cell{
		{CellType: "markdown", Source: ipynb.MultilineText("# Report " + token + "\n\nuses other-secret-value")},
		{CellType: "code", Source: ipynb.MultilineText(`token := "` + token + `"`), Outputs: []ipynb.Output{
			{OutputType: "stream", Name: "stdout", Text: ipynb.MultilineText("GET /api?token=" + escaped + "\n")},
			{OutputType: "display_data", Data: map[string]ipynb.MultilineText{"text/html": ipynb.MultilineText("<td>" + token + "</td>")}},
			{OutputType: "error", EName: "ERROR", EValue: token, Traceback: []string{"at " + token}},
		}},
	}}
	before, err := nb.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	page, err := Render(nb, PageMeta{Error: "failed with " + token, Params: []Param{{Name: "token", Value: token}}, Secrets: []string{token, "other-secret-value"}, Status: StatusFailed})
	if err != nil {
		t.Fatal(err)
	}
	s := string(page)
	for _, secret := range []string{token, escaped, "WyIxMjM0IiwiYWJjL2RlZiJd", "other-secret-value"} {
		if strings.Contains(s, secret) {
			t.Errorf("page contains the secret %q", secret)
		}
	}
	if n := strings.Count(s, Redacted); n < 8 {
		t.Errorf("page has %d %s marks, want at least 8", n, Redacted)
	}
	after, err := nb.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if string(before) != string(after) {
		t.Error("Render modified the caller's notebook")
	}
}

func TestRenderReadsNoSecretFromTheEnvironment(t *testing.T) {
	const token = "env-token-not-given-123"
	t.Setenv("CRYPTOLENS_TOKEN", token)
	nb := &ipynb.Notebook{NBFormat: 4, Cells: []ipynb.Cell{{CellType: "markdown", Source: "# " + token}}}
	page, err := Render(nb, PageMeta{})
	if err != nil {
		t.Fatal(err)
	}
	// The page guard (publish), built from the credentials, refuses such a
	// page; pagerender itself knows only the secrets it is given.
	if !strings.Contains(string(page), token) {
		t.Error("Render redacted a secret it was not given: it read the environment")
	}
}
