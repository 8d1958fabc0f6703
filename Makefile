# lensbook: the two everyday commands are `make demo` and `make test`.
#
#   make setup            Debian packages, tools in .build/bin, GoNB kernel (scripts/setup.sh)
#   make install          build lensbook into BINDIR (default: $(go env GOPATH)/bin)
#   make demo             render notebooks/*.ipynb against the local emulator into reports/
#   make test             gofmt, go vet, staticcheck, go test (notebook tests run the real kernel)
#   make notebook         Jupyter notebook server on 127.0.0.1 serving notebooks/ (lensbook notebook)
#   make notebook DEMO=1  the same, reading the emulator's demo data (on a free port)
#   make clean-notebooks  strip outputs and execution counts from notebooks/*.ipynb
#   make notebook-stats   code lines, longest cell and boilerplate of notebooks/*.ipynb against their targets
#   make docker-check     build the Docker image with Podman and prove it (scripts/docker-check.sh)
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
IP ?= 127.0.0.1
# Where make install puts lensbook: GOBIN when set, else the first GOPATH's bin.
BINDIR ?= $(or $(shell go env GOBIN 2>/dev/null),$(firstword $(subst :, ,$(shell go env GOPATH 2>/dev/null)))/bin)

.NOTPARALLEL:
.PHONY: setup install demo test fmt-check vet staticcheck go-test notebook clean-notebooks notebook-stats docker-check

setup:
	@scripts/setup.sh

# -buildvcs=auto: the version (lensbook version) comes from the git commit,
# whatever GOFLAGS says; installedFrom lets the binary find this checkout's
# kernel and module when run from another folder.
install:
	$(ENV) mkdir -p "$(BINDIR)" && go build -buildvcs=auto -ldflags "-X main.installedFrom=$(CURDIR)" -o "$(BINDIR)/lensbook" ./cmd/lensbook
	@case ":$$PATH:" in \
	*":$(BINDIR):"*) echo "install: $(BINDIR)/lensbook (on your PATH: run lensbook version)" ;; \
	*) echo "install: $(BINDIR)/lensbook; $(BINDIR) is not on your PATH: export PATH=\"$(BINDIR):\$$PATH\"" ;; \
	esac

demo: setup
	$(ENV) go run ./cmd/lensbook render --demo --out $(REPORTS) $(NOTEBOOKS)
	@echo "demo: open $(CURDIR)/$(REPORTS)/index.html (or: lensbook serve $(REPORTS), after make install)"

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
	$(ENV) go build -o "$$LENSBOOK_BUILD_DIR/bin/lensbook" ./cmd/lensbook && \
		exec "$$LENSBOOK_BUILD_DIR/bin/lensbook" notebook $(if $(filter 1 yes true,$(DEMO)),--demo) --ip $(IP) --port $(PORT)

clean-notebooks:
	$(ENV) go run ./cmd/lensbook clean-notebooks $(NOTEBOOKS)

notebook-stats:
	go run ./cmd/notebookstats $(NOTEBOOKS)

docker-check:
	scripts/docker-check.sh
