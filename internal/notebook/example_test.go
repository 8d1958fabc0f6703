package notebook_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/lensbook/lensbook/internal/ipynb"
	"github.com/lensbook/lensbook/internal/notebook"
)

// Execute a notebook through the GoNB kernel and report its failed cells.
func ExampleExecute() {
	res, err := notebook.Execute(context.Background(), "notebooks/overview.ipynb", notebook.ExecOptions{
		Timeout: 5 * time.Minute,
		Params:  map[string]string{"days": "7"},
		Env:     map[string]string{"CRYPTOLENS_BASE_URL": "http://127.0.0.1:8470/api", "LENSBOOK_AS_OF": "2026-11-01"},
	})
	if err != nil {
		log.Fatal(err) // no kernel, bad parameter, timeout, token in the output...
	}
	for _, f := range res.Failures {
		fmt.Println(f) // cell 4 ("byDay := ..."): line 2: undefined: x
	}
}

func ExampleInjectParameters() {
	nb, err := ipynb.ReadFile("testdata/params.ipynb")
	if err != nil {
		log.Fatal(err)
	}
	if err := notebook.InjectParameters(nb, map[string]string{"days": "7", "asOf": "2026-10-01"}); err != nil {
		log.Fatal(err)
	}
	params, err := notebook.Parameters(nb)
	if err != nil {
		log.Fatal(err)
	}
	for _, p := range params[:2] {
		fmt.Printf("%s: default %q, runs with %q\n", p.Name, p.Default, p.Value)
	}
	fmt.Print(nb.Cells[2].Source)
	// Output:
	// days: default "30", runs with "7"
	// asOf: default "", runs with "2026-10-01"
	// // Parameters injected by lensbook.
	// var (
	// 	days = 7
	// 	asOf = "2026-10-01"
	// )
}

// Bind parses and checks command-line values once; the typed values go into
// the notebook unchanged.
func ExampleBind() {
	nb, err := ipynb.ReadFile("testdata/params.ipynb")
	if err != nil {
		log.Fatal(err)
	}
	declared, err := notebook.Parameters(nb)
	if err != nil {
		log.Fatal(err)
	}
	if _, err := notebook.Bind(declared, map[string]string{"weeks": "2"}); err != nil {
		fmt.Println(err)
	}
	if _, err := notebook.Bind(declared, map[string]string{"days": "0"}); errors.Is(err, notebook.ErrParam) {
		fmt.Println(err)
	}
	values, err := notebook.Bind(declared, map[string]string{"span": "90m", "ratio": "2"})
	if err != nil {
		log.Fatal(err)
	}
	for _, v := range values {
		fmt.Printf("%s=%s\n", v.Name, v.Value)
	}
	if err := notebook.InjectValues(nb, values); err != nil {
		log.Fatal(err)
	}
	// Output:
	// unknown parameter "weeks": the parameters are days (int, default 30), asOf (string, default ""), ratio (float64, default 0.5), all (bool, default false), span (time.Duration, default 24 * time.Hour)
	// parameter days=0: the window would be empty or inverted; want a positive number of days, such as 30
	// ratio=2.0
	// span=1h30m0s
}

func ExampleCheck() {
	nb, err := ipynb.ReadFile("testdata/executed-failures.ipynb")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(notebook.Check(nb)) > 0)
	notebook.Strip(nb)
	fmt.Println(notebook.Check(nb))
	// Output:
	// true
	// []
}
