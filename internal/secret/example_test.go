package secret_test

import (
	"encoding/base64"
	"fmt"

	"github.com/lensbook/lensbook/internal/secret"
)

func ExampleRedactor() {
	r := secret.NewRedactor("WyI0NjUiLCJBWnpzK3RvL2E9PSJd")
	fmt.Println(r.Redact("GET /api?token=WyI0NjUiLCJBWnpzK3RvL2E9PSJd failed"))
	encoded := base64.StdEncoding.EncodeToString([]byte(`{"token":"WyI0NjUiLCJBWnpzK3RvL2E9PSJd"}`))
	fmt.Println(r.Check("the page x.html", []byte("<img src=\"data:text/plain;base64,"+encoded+"\">")))
	fmt.Println(r.Check("the page y.html", []byte("<p>&#87;yI0NjUiLCJBWnpzK3RvL2E9PSJd</p>")))
	fmt.Println(r.Check("the page z.html", []byte("<p>nothing secret</p>")))
	// Output:
	// GET /api?token=REDACTED failed
	// the page x.html holds the access token (base64): refused
	// the page y.html holds the access token (HTML character references): refused
	// <nil>
}
