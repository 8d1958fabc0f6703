# lensbook: GoNB notebooks on the Cryptolens logs, served by Jupyter (README, "Docker").
#
#   docker build -t lensbook .          (Podman: podman build --format docker -t lensbook .,
#                                        so that the HEALTHCHECK is kept)
#   docker run --rm -p 8888:8888 -e JUPYTER_TOKEN lensbook                  # serve notebooks/
#   docker run --rm -p 8888:8888 -e JUPYTER_TOKEN -e LENSBOOK_DEMO=1 lensbook # with the emulator
#   docker run --rm --network none --user "$(id -u):$(id -g)" \
#       -v "$PWD/reports:/lensbook/reports" lensbook make demo              # pages, offline, yours
#
# Layers, each keyed on its own inputs, so that a source edit rebuilds only the last two:
#   1. Debian packages and the user (this file only)
#   2. the project's modules (go.mod, go.sum)
#   3. a build cache of every package the project imports (the list of those packages)
#   4. gonb, goimports, staticcheck and the gonb kernelspec (tools/go.*, scripts/setup.sh, env.sh)
#   5. the source, and scripts/setup.sh checking it all and building the project
# scripts/docker-check.sh (make docker-check) builds and proves it.

FROM docker.io/library/golang:1.26.8-bookworm AS env

# 1. Jupyter's notebook server, nbconvert and kernel client, fonts for the charts; no
# recommended packages and no Chromium (see README). DEBIAN_FRONTEND is a build argument:
# containers do not inherit it.
ARG DEBIAN_FRONTEND=noninteractive
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      jupyter-notebook jupyter-nbconvert jupyter-client python3-nbformat python3-nbclient \
      fonts-liberation \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --uid 1000 --user-group --create-home --shell /bin/bash lensbook \
 && chmod 1777 /home/lensbook \
 && install -d -o 1000 -g 1000 /lensbook

# What scripts/env.sh exports, fixed here so that every process sees it; PATH adds only
# .build/bin to the golang image's. What is written at run time (HOME, the build cache, .build
# and the kernel's log, notebooks, reports) is writable by any uid, so that
# `--user "$(id -u):$(id -g)"` works.
ENV HOME=/home/lensbook \
    GOCACHE=/home/lensbook/.cache/go-build \
    LENSBOOK_ROOT=/lensbook \
    LENSBOOK_BUILD_DIR=/lensbook/.build \
    LENSBOOK_SKIP_APT=1 \
    JUPYTER=/usr/bin/jupyter \
    JUPYTER_DATA_DIR=/lensbook/.build/jupyter \
    JUPYTER_CONFIG_DIR=/lensbook/.build/jupyter-config \
    PATH=/lensbook/.build/bin:$PATH
WORKDIR /lensbook
USER 1000:1000

# 2. The modules of go.mod, unpacked. Dropped to keep the image under 2 GB: their zip files
# (checked against go.sum when downloaded; builds read the unpacked tree) and their testdata
# folders (never compiled; about 280 MB). `go mod verify` in the image reports those modules.
COPY --chown=1000:1000 go.mod go.sum ./
RUN umask 0 \
 && go mod download \
 && cd "$(go env GOMODCACHE)" \
 && find cache/download -name '*.zip' -delete \
 && chmod -R u+w . \
 && find . -path ./cache -prune -o -type d -name testdata -prune -exec rm -rf {} + \
 && find . -mindepth 1 -path ./cache -prune -o -path '*@*' -exec chmod a-w {} +

# The list of every non-project package the project imports: this stage runs again at each
# source edit, but its output changes only when an import does.
FROM env AS deps
COPY --chown=1000:1000 . .
RUN go list -deps -f '{{if and .Module (not .Module.Main)}}{{.ImportPath}}{{end}}' ./... \
    > /tmp/deps.txt

FROM env
# 3. A warm build cache of those packages: the first notebook cell takes seconds, not minutes
# (README has the figures).
COPY --from=deps --chown=1000:1000 /tmp/deps.txt /lensbook/.build/deps.txt
RUN umask 0 \
 && xargs go build < .build/deps.txt

# 4. The tools and the kernelspec, by the scripts/setup.sh that make and CI run. Their own
# module and build caches are left out of the image. (Its last step, go build ./..., finds
# no source yet.)
COPY --chown=1000:1000 tools/go.mod tools/go.sum tools/
COPY --chown=1000:1000 scripts/setup.sh scripts/env.sh scripts/gonb-kernel.sh scripts/
RUN export GOMODCACHE=/tmp/tools/mod GOCACHE=/tmp/tools/cache \
 && scripts/setup.sh \
 && go clean -modcache && rm -rf /tmp/tools

# 5. The source, then scripts/setup.sh: tools and kernel up to date, go build ./... (the
# project's own packages into the cache); lensbook itself into .build/bin.
COPY --chown=1000:1000 . .
RUN umask 0 \
 && scripts/setup.sh \
 && go build -o .build/bin/lensbook ./cmd/lensbook \
 && mkdir -p reports .build/jupyter-config && touch .build/gonb-kernel.log \
 && chmod a+rwx notebooks reports .build .build/bin .build/jupyter .build/jupyter-config \
 && chmod a+rw .build/gonb-kernel.log

EXPOSE 8888
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD curl -fsS -o /dev/null http://127.0.0.1:8888/api || exit 1
# lensbook notebook: Jupyter's notebook server on 0.0.0.0:8888 serving notebooks/ with the
# gonb kernel (LENSBOOK_DEMO=1: on the emulator's demo data); the login token is JUPYTER_TOKEN,
# or a new one it prints. SIGTERM (docker stop) stops the server, its kernels and the emulator.
CMD ["lensbook", "notebook", "--ip", "0.0.0.0", "--port", "8888"]
