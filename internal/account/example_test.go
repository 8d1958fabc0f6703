package account_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/lensbook/lensbook/internal/account"
)

// Load opens the configured account: the credentials from the environment
// (or the credentials file) and the store file. Client and OpenStore then
// give the API and the local copy of the same account.
func ExampleLoad() {
	os.Setenv("CRYPTOLENS_TOKEN", "an-access-token")
	os.Setenv("CRYPTOLENS_BASE_URL", "http://127.0.0.1:8470/api")
	os.Setenv(account.EnvStore, filepath.Join(os.TempDir(), "example-store.db"))
	a, err := account.Load()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(a.Credentials.ShownBaseURL(), filepath.Base(a.StorePath))
	// Output: http://127.0.0.1:8470/api example-store.db
}
