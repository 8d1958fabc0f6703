#!/usr/bin/env bash
# scripts/go-files.sh: list the project's Go files (tracked or new, not
# ignored), for gofmt. Works without git too (a copied tree, an image).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	git ls-files --cached --others --exclude-standard -- '*.go' | while read -r f; do
		[ -f "$f" ] && printf '%s\n' "$f"
	done
else
	find . -name '*.go' -not -path './.build/*' -not -path './.git/*' | sed 's|^\./||' | sort
fi
