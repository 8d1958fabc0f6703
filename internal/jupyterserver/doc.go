// Package jupyterserver runs Debian's Jupyter notebook server with the GoNB
// kernel of scripts/setup.sh, and talks to its kernels over the Jupyter
// messaging protocol (v5.3) on the kernel websocket: the interactive path of
// lensbook, used by `lensbook notebook` and proved by this package's tests.
package jupyterserver
