# lensbook: the two everyday commands are `make demo` and `make test`.
#
#   make setup            Debian packages, tools in .build/bin, GoNB kernel (scripts/setup.sh)
#   make demo             render notebooks/*.ipynb against the local emulator into reports/
#   make test             gofmt, go vet, staticcheck, go test (notebook tests run the real kernel)
#   make notebook         Jupyter notebook server on 127.0.0.1 serving notebooks/
#   make notebook DEMO=1  the same, with the emulator started and its credentials exported
#   make clean-notebooks  strip outputs and execution counts from notebooks/*.ipynb
#
# Every recipe line sources scripts/env.sh (PATH, JUPYTER_DATA_DIR, LENSBOOK_ROOT).

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
ENV := . scripts/env.sh &&

GO_TEST_TIMEOUT ?= 30m
GO_TEST_FLAGS ?=
NOTEBOOKS ?= $(sort $(wildcard notebooks/*.ipynb))
REPORTS ?= reports
PORT ?= 8888

.NOTPARALLEL:
.PHONY: setup demo test fmt-check vet staticcheck go-test notebook clean-notebooks

setup:
	@scripts/setup.sh

demo: setup
	$(ENV) go run ./cmd/lensbook render --demo --out $(REPORTS) $(NOTEBOOKS)
	@echo "demo: open $(CURDIR)/$(REPORTS)/index.html (or: go run ./cmd/lensbook serve $(REPORTS))"

test: setup fmt-check vet staticcheck go-test

fmt-check:
	@$(ENV) unformatted=$$(scripts/go-files.sh | xargs -r gofmt -l); \
	if [ -n "$$unformatted" ]; then \
		echo "gofmt: these files need gofmt -w:"; echo "$$unformatted" | sed 's/^/  /'; exit 1; \
	fi; echo "gofmt: clean"

vet:
	$(ENV) go vet ./...

staticcheck:
	$(ENV) staticcheck ./...

go-test:
	$(ENV) LENSBOOK_REQUIRE_KERNEL=1 LENSBOOK_REQUIRE_BROWSER=1 go test -timeout $(GO_TEST_TIMEOUT) $(GO_TEST_FLAGS) ./...
	$(ENV) cd internal/duckdbtest && go vet ./... && go test -timeout $(GO_TEST_TIMEOUT) $(GO_TEST_FLAGS) ./...

notebook: setup
	$(ENV) scripts/notebook.sh $(if $(filter 1 yes true,$(DEMO)),--demo) --port $(PORT)

clean-notebooks:
	$(ENV) go run ./cmd/lensbook clean-notebooks $(NOTEBOOKS)
