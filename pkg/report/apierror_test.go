package report

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/lensbook/lensbook/pkg/cryptolens"
)

func TestCellErrorsLeadWithTheAPIsMessage(t *testing.T) {
	api := &cryptolens.APIError{Method: "GetWebAPILog", StatusCode: 200, Message: "Unable to authenticate"}
	err := fmt.Errorf("report: sync weblog: store: sync weblog: fetch rows before id 0: %w", api)
	defer func() {
		got, ok := recover().(error)
		if !ok {
			t.Fatal("Check did not panic with an error")
		}
		want := "cryptolens: GetWebAPILog: Unable to authenticate (the access token is wrong"
		if !strings.HasPrefix(got.Error(), want) || !strings.HasSuffix(got.Error(), "[during report: sync weblog: store: sync weblog: fetch rows before id 0]") {
			t.Errorf("panic %q", got)
		}
		var back *cryptolens.APIError
		if !errors.As(got, &back) || !errors.Is(got, err) {
			t.Error("the reordered error does not unwrap to the original")
		}
	}()
	plain := errors.New("plain")
	if apiFirst(plain) != plain {
		t.Error("an error without an API refusal was changed")
	}
	Check(err)
}
