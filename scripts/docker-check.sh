#!/usr/bin/env bash
# scripts/docker-check.sh (make docker-check): build the Docker image with
# Podman and prove it.
#
#   1. Podman, runc and mmdebstrap from Debian when missing (as root; CI is a
#      fresh Debian machine), configured inside a job folder of our own
#      (LENSBOOK_DOCKER_DIR, default .build/docker): storage, runtime (runc,
#      cgroupfs), ulimits at this machine's hard limits. Nothing outside it
#      changes.
#   2. The base image docker.io/library/golang:1.26.8-bookworm: pulled when a
#      registry answers; otherwise an equivalent stand-in is built from Debian
#      packages (mmdebstrap, this machine's Go and CA certificates) and
#      imported under that name. It says which.
#   3. podman build --format docker (the Dockerfile unchanged; the docker
#      format keeps the HEALTHCHECK), and the image size (at most 2 GB).
#   4. The server: Jupyter answers with its token and refuses without it, a
#      cell runs on the gonb kernel through the REST and websocket API
#      (e2e TestDockerImageServer, from this host), the HEALTHCHECK passes, and
#      the container stops cleanly on SIGTERM.
#   5. make demo with --network none, as another uid with a mounted folder:
#      pages byte-identical to the committed reports/, owned by that uid.
#
# Environment: LENSBOOK_DOCKER_DIR (job folder), LENSBOOK_DOCKER_IMAGE (tag,
# default localhost/lensbook:check), LENSBOOK_DOCKER_MAX_BYTES (2000000000),
# LENSBOOK_DOCKER_CLEAN=1 (remove the job folder's storage at the end).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
job=${LENSBOOK_DOCKER_DIR:-$root/.build/docker}
image=${LENSBOOK_DOCKER_IMAGE:-localhost/lensbook:check}
base=docker.io/library/golang:1.26.8-bookworm
max_bytes=${LENSBOOK_DOCKER_MAX_BYTES:-2000000000}
test_uid=4321
t_start=$(date +%s)

say() { printf 'docker-check: %s\n' "$*"; }
die() { printf 'docker-check: FAIL: %s\n' "$*" >&2; exit 1; }
elapsed() { echo "$(($(date +%s) - $1)) s"; }

# ---- 1. Podman, configured inside the job folder ---------------------------
need=()
for c in podman runc mmdebstrap; do command -v "$c" >/dev/null 2>&1 || need+=("$c"); done
if [ ${#need[@]} -gt 0 ]; then
	[ "$(id -u)" -eq 0 ] || die "missing ${need[*]}: run as root, or install them first: sudo apt-get install -y podman runc mmdebstrap"
	say "installing ${need[*]} from Debian"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq podman runc mmdebstrap >/dev/null
fi
[ "$(id -u)" -eq 0 ] || die "run as root: the stand-in base (mmdebstrap) and the storage in $job need it"

mkdir -p "$job/storage" "$job/run" "$job/tmp"
nofile=$(ulimit -Hn)
nproc=$(ulimit -Hu)
if [ "$nproc" = unlimited ] || [ "$nproc" -gt 32768 ]; then nproc=32768; fi
if [ "$nofile" = unlimited ]; then nofile=1048576; fi
cat >"$job/containers.conf" <<EOF
# written by scripts/docker-check.sh
[containers]
default_ulimits = ["nofile=$nofile:$nofile", "nproc=$nproc:$nproc"]
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
events_logfile_path = "$job/run/events.log"
EOF
cat >"$job/storage.conf" <<EOF
# written by scripts/docker-check.sh
[storage]
driver = "overlay"
graphroot = "$job/storage"
runroot = "$job/run"
EOF
export CONTAINERS_CONF="$job/containers.conf" CONTAINERS_STORAGE_CONF="$job/storage.conf" TMPDIR="$job/tmp"
say "podman $(podman version --format '{{.Client.Version}}'), runtime runc, storage in $job"

cleanup() {
	podman rm -f -t 0 lensbook-check-server >/dev/null 2>&1 || true
}
trap cleanup EXIT

# ---- 2. the base image --------------------------------------------------
stand_in() {
	local goroot rootfs t0
	t0=$(date +%s)
	goroot=$(go env GOROOT 2>/dev/null) || die "no go on this machine: the stand-in base copies its Go 1.26.8"
	[ "$("$goroot/bin/go" env GOVERSION)" = go1.26.8 ] ||
		die "the stand-in base needs Go 1.26.8 here (found $("$goroot/bin/go" env GOVERSION) at $goroot)"
	rootfs="$job/tmp/golang-rootfs.tar"
	say "no registry answers: building a stand-in for $base from Debian packages (mmdebstrap)"
	# The packages of buildpack-deps:bookworm-scm and the golang image's own,
	# Go at /usr/local/go, GOPATH /go (1777), the official images' apt
	# settings, and this machine's CA certificates (a re-signing proxy).
	mmdebstrap --variant=apt --quiet \
		--include=ca-certificates,curl,gnupg,netbase,wget,dirmngr,git,mercurial,openssh-client,subversion,procps,g++,gcc,libc6-dev,make,pkg-config \
		--customize-hook="mkdir -p \"\$1/usr/local/go\" && cp -a '$goroot/.' \"\$1/usr/local/go/\"" \
		--customize-hook='mkdir -p "$1/go/src" "$1/go/bin" && chmod -R 1777 "$1/go"' \
		--customize-hook='for f in /usr/local/share/ca-certificates/*.crt; do [ -e "$f" ] && cp "$f" "$1/usr/local/share/ca-certificates/"; done; chroot "$1" update-ca-certificates >/dev/null 2>&1' \
		--customize-hook='printf "%s\n" "DPkg::Post-Invoke { \"rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true\"; };" "APT::Update::Post-Invoke { \"rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true\"; };" "Dir::Cache::pkgcache \"\";" "Dir::Cache::srcpkgcache \"\";" >"$1/etc/apt/apt.conf.d/docker-clean"' \
		--customize-hook='echo "Acquire::Languages \"none\";" >"$1/etc/apt/apt.conf.d/docker-no-languages"; echo "Acquire::GzipIndexes \"true\";" >"$1/etc/apt/apt.conf.d/docker-gzip-indexes"; echo "Apt::AutoRemove::SuggestsImportant \"false\";" >"$1/etc/apt/apt.conf.d/docker-autoremove-suggests"' \
		--customize-hook='rm -rf "$1/var/lib/apt/lists"/*' \
		bookworm "$rootfs" \
		"deb http://deb.debian.org/debian bookworm main" \
		"deb http://deb.debian.org/debian bookworm-updates main" \
		"deb http://deb.debian.org/debian-security bookworm-security main"
	podman import --quiet \
		--change 'ENV GOLANG_VERSION=1.26.8' --change 'ENV GOTOOLCHAIN=local' --change 'ENV GOPATH=/go' \
		--change 'ENV PATH=/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
		--change 'WORKDIR /go' --change 'CMD ["bash"]' \
		--change 'LABEL lensbook.stand-in="built by scripts/docker-check.sh from Debian bookworm packages and the local Go 1.26.8"' \
		"$rootfs" "$base" >/dev/null
	rm -f "$rootfs"
	say "stand-in base $base built in $(elapsed "$t0"), $(podman image inspect --format '{{.Size}}' "$base") bytes"
}
if podman image exists "$base"; then
	if [ -n "$(podman image inspect --format '{{index .Labels "lensbook.stand-in"}}' "$base" 2>/dev/null)" ]; then
		say "base: the stand-in for $base built by an earlier run (no registry answered then)"
	else
		say "base: $base (pulled earlier)"
	fi
elif timeout 90 podman pull --quiet "$base" >/dev/null 2>"$job/tmp/pull.err"; then
	say "base: pulled $base"
else
	say "base: cannot pull $base ($(tail -1 "$job/tmp/pull.err" | cut -c1-160))"
	stand_in
fi

# ---- 3. the image ------------------------------------------------------
t0=$(date +%s)
say "building $image (podman build --format docker; log in $job/build.log)"
if ! podman build --format docker --pull=never -t "$image" . >"$job/build.log" 2>&1; then
	tail -40 "$job/build.log" >&2
	die "podman build failed (full log: $job/build.log)"
fi
say "built in $(elapsed "$t0")"
size=$(podman image inspect --format '{{.Size}}' "$image")
say "image size: $size bytes ($((size / 1000000)) MB; limit $max_bytes)"
[ "$size" -le "$max_bytes" ] || die "the image is $size bytes, over $max_bytes"
user=$(podman image inspect --format '{{.Config.User}}' "$image")
[ "$user" = 1000:1000 ] || die "the image runs as '$user', want 1000:1000"
podman image inspect --format '{{json .Config.Env}}' "$image" | grep -q DEBIAN_FRONTEND &&
	die "DEBIAN_FRONTEND is set at run time"
img_path=$(podman image inspect --format '{{range .Config.Env}}{{println .}}{{end}}' "$image" | sed -n 's/^PATH=//p')
[ -z "$(tr : '\n' <<<"$img_path" | sort | uniq -d)" ] || die "PATH lists a folder twice: $img_path"
[ -n "$(podman image inspect --format '{{.HealthCheck}}' "$image" 2>/dev/null | grep -o curl)" ] ||
	die "the image has no HEALTHCHECK (was it built with --format docker?)"
say "runs as uid 1000, no DEBIAN_FRONTEND, PATH without duplicates, HEALTHCHECK on /api"

# ---- 4. the server -----------------------------------------------------
token=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
podman rm -f -t 0 lensbook-check-server >/dev/null 2>&1 || true
# Podman's stderr goes to podman.log: with no systemd it complains that it
# cannot time the HEALTHCHECK (podman healthcheck run below runs it).
JUPYTER_TOKEN=$token podman run -d --name lensbook-check-server -e JUPYTER_TOKEN \
	-p 127.0.0.1::8888 "$image" >/dev/null 2>>"$job/podman.log" ||
	die "podman run failed (see $job/podman.log)"
port=$(podman port lensbook-check-server 8888 | head -1 | sed 's/.*://')
say "server: container lensbook-check-server on 127.0.0.1:$port"
healthy=0
for _ in $(seq 120); do
	if podman healthcheck run lensbook-check-server >/dev/null 2>&1; then healthy=1; break; fi
	[ "$(podman inspect --format '{{.State.Running}}' lensbook-check-server)" = true ] || break
	sleep 1
done
if [ "$healthy" != 1 ]; then
	podman logs lensbook-check-server 2>&1 | tail -30 >&2
	die "the HEALTHCHECK did not pass within 120 s"
fi
say "server: HEALTHCHECK passes"
if ! LENSBOOK_DOCKER_URL="http://127.0.0.1:$port/" LENSBOOK_DOCKER_TOKEN=$token \
	go test -count=1 -v -run '^TestDockerImageServer$' ./e2e/ >"$job/server-test.log" 2>&1; then
	cat "$job/server-test.log" >&2
	podman logs lensbook-check-server 2>&1 | tail -30 >&2
	die "TestDockerImageServer failed against the container"
fi
grep -E 'docker_test.go:[0-9]+: ' "$job/server-test.log" | sed 's/^ *docker_test.go:[0-9]*: /docker-check: server: /'
say "server: answers with its token, refuses without (403), runs cells on gonb over the websocket"
t0=$(date +%s)
podman stop -t 30 lensbook-check-server >/dev/null 2>>"$job/podman.log"
stop_s=$(($(date +%s) - t0))
code=$(podman inspect --format '{{.State.ExitCode}}' lensbook-check-server)
podman logs lensbook-check-server >"$job/server.log" 2>&1 || true
podman rm lensbook-check-server >/dev/null 2>>"$job/podman.log"
# 143 is bash's status for SIGTERM, after its trap stopped Jupyter; 137 would be the SIGKILL of the timeout.
{ [ "$code" = 0 ] || [ "$code" = 143 ]; } && [ "$stop_s" -lt 30 ] ||
	die "the container did not stop cleanly on SIGTERM: exit code $code after $stop_s s (log: $job/server.log)"
say "server: stopped on SIGTERM in $stop_s s, exit code $code"

# ---- 5. make demo, offline, as another uid ------------------------------------
out="$job/demo-reports"
rm -rf "$out" && mkdir -p "$out" && chown "$test_uid:$test_uid" "$out"
t0=$(date +%s)
say "demo: make demo with --network none as uid $test_uid, reports/ mounted from $out"
if ! podman run --rm --network none --user "$test_uid:$test_uid" -v "$out:/lensbook/reports" \
	"$image" make demo >"$job/demo.log" 2>&1; then
	tail -40 "$job/demo.log" >&2
	die "make demo failed in the container with no network (log: $job/demo.log)"
fi
say "demo: rendered in $(elapsed "$t0")"
not_owned=$(find "$out" ! -uid "$test_uid" | head -3)
[ -z "$not_owned" ] || die "files in the mounted folder not owned by uid $test_uid: $not_owned"
committed=$(git -C "$root" ls-files reports 2>/dev/null || true)
if [ -z "$committed" ]; then
	say "demo: no committed reports/ to compare with (not a git checkout, or no gallery committed)"
else
	same=0 differ=()
	for f in $committed; do
		if cmp -s "$root/$f" "$out/${f#reports/}"; then same=$((same + 1)); else differ+=("$f"); fi
	done
	[ ${#differ[@]} -eq 0 ] ||
		die "demo: ${#differ[@]} of $(wc -w <<<"$committed") pages differ from the committed gallery: ${differ[*]} (container output in $out)"
	say "demo: $same of $same committed pages byte-identical, all owned by uid $test_uid"
fi

podman image prune -f >/dev/null 2>&1 || true
if [ "${LENSBOOK_DOCKER_CLEAN:-}" = 1 ]; then
	podman system reset -f >/dev/null 2>&1 || true
	rm -rf "$job"
	say "removed $job"
fi
say "PASS in $(elapsed "$t_start")"
