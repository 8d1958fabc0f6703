// Package display shows lensbook's charts, tables and Markdown in GoNB
// notebook cells (github.com/janpfeifer/gonb/gonbui), and renders HTML
// tables that other packages can use without a kernel.
//
// Every display function ends with gonbui.Sync, so that the output reaches
// the notebook before the cell's program exits. Outside a GoNB kernel the
// display functions still check and render their input, and return the same
// errors, but show nothing: a report's code runs unchanged under go test or
// go run.
package display
