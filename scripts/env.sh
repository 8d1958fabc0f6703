# shellcheck shell=bash
# scripts/env.sh: the environment every lensbook command that talks to Jupyter
# or the GoNB kernel needs. Source it from the project root or anywhere:
#
#     . scripts/env.sh
#
# It exports:
#   LENSBOOK_ROOT      the module root (the folder holding go.mod)
#   LENSBOOK_BUILD_DIR the build folder (.build unless already set)
#   JUPYTER_DATA_DIR   $LENSBOOK_BUILD_DIR/jupyter, where the GoNB kernelspec lives
#   JUPYTER_CONFIG_DIR $LENSBOOK_BUILD_DIR/jupyter-config, so no personal Jupyter
#                      configuration changes what runs
#   JUPYTER            Debian's jupyter (/usr/bin/jupyter), whose python has the
#                      modules, unless JUPYTER is already set
#   PATH               $LENSBOOK_BUILD_DIR/bin (gonb, goimports, staticcheck) and the
#                      Go toolchain's bin first
# It is safe to source more than once.

_lensbook_env_dir=$(cd "$(dirname "${BASH_SOURCE[0]:-$0}")" && pwd)
LENSBOOK_ROOT=$(cd "$_lensbook_env_dir/.." && pwd)
export LENSBOOK_ROOT
export LENSBOOK_BUILD_DIR="${LENSBOOK_BUILD_DIR:-$LENSBOOK_ROOT/.build}"
export JUPYTER_DATA_DIR="$LENSBOOK_BUILD_DIR/jupyter"
export JUPYTER_CONFIG_DIR="$LENSBOOK_BUILD_DIR/jupyter-config"
if [ -n "${JUPYTER:-}" ]; then
	export JUPYTER
elif [ -x /usr/bin/jupyter ]; then
	export JUPYTER=/usr/bin/jupyter
else
	JUPYTER=$(command -v jupyter || echo jupyter)
	export JUPYTER
fi

_lensbook_path_prepend() {
	case ":$PATH:" in
	*":$1:"*) ;;
	*) PATH="$1:$PATH" ;;
	esac
}
if command -v go >/dev/null 2>&1; then
	_lensbook_path_prepend "$(go env GOROOT)/bin"
fi
_lensbook_path_prepend "$LENSBOOK_BUILD_DIR/bin"
export PATH
unset -f _lensbook_path_prepend
unset _lensbook_env_dir
