package main

import (
	"debug/buildinfo"
	"path/filepath"
	"runtime"

	"github.com/lensbook/lensbook/internal/notebook"
)

// gonbLanguageInfo is the language_info that the GoNB kernel reports in its
// kernel_info_reply and that the Jupyter notebook page writes into every
// notebook it saves: a new notebook carries it already, so that opening and
// saving it changes nothing (notebooks/checks' TestJupyterSaveLeavesNotebooksUnchanged
// checks the committed ones against the real kernel). Its version is the Go
// version the installed gonb was built with, else this binary's.
func gonbLanguageInfo() map[string]any {
	version := runtime.Version()
	if p, err := notebook.FindPaths(); err == nil {
		if bi, err := buildinfo.ReadFile(filepath.Join(p.BinDir(), "gonb")); err == nil {
			version = bi.GoVersion
		}
	}
	return map[string]any{
		"codemirror_mode":    "",
		"file_extension":     ".go",
		"mimetype":           "text/x-go",
		"name":               "go",
		"nbconvert_exporter": "",
		"pygments_lexer":     "",
		"version":            version,
	}
}
