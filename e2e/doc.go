// Package e2e holds lensbook's end-to-end tests and benchmarks: the whole
// path from the emulator through the client, the store, notebook execution
// and rendering to pages in a real browser. Its subpackage browsertest drives
// headless Chromium.
package e2e
