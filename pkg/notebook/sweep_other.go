//go:build !linux

package notebook

// runEnvVar marks every process of one Execute run.
const runEnvVar = "LENSBOOK_EXEC_ID"

// killRun is a no-op where /proc is not available: the process group kill
// of Execute is all there is.
func killRun(string) {}
