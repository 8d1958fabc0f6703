package ipynb_test

import (
	"bytes"
	"testing"

	"github.com/lensbook/lensbook/internal/ipynb"
)

func TestRoundTripKeepsMarkupUnescaped(t *testing.T) {
	src := []byte(`{
 "cells": [
  {
   "cell_type": "code",
   "execution_count": null,
   "id": "a",
   "metadata": {},
   "outputs": [],
   "source": [
    "!*cd x && echo '<b>' > y\n",
    "fmt.Println(1)"
   ]
  },
  {
   "cell_type": "markdown",
   "id": "b",
   "metadata": {},
   "source": [
    "# <Title> & more"
   ]
  }
 ],
 "metadata": {},
 "nbformat": 4,
 "nbformat_minor": 5
}
`)
	nb, err := ipynb.Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	out, err := nb.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out, src) {
		t.Errorf("round trip changed the notebook:\n%s", out)
	}
}

func TestParseRefusesOtherFormats(t *testing.T) {
	if _, err := ipynb.Parse([]byte(`{"nbformat": 3, "cells": []}`)); err == nil {
		t.Error("nbformat 3 accepted")
	}
	if _, err := ipynb.Parse([]byte(`not json`)); err == nil {
		t.Error("garbage accepted")
	}
}
