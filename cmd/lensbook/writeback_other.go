//go:build !linux

package main

import "os"

// writeback writes to an output's temporary file; on Linux it also starts
// the disk write-back as it goes (writeback_linux.go).
type writeback struct{ f *os.File }

func newWriteback(f *os.File) *writeback { return &writeback{f: f} }

func (w *writeback) Write(p []byte) (int, error) { return w.f.Write(p) }
