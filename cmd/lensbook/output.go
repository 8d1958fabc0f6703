package main

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/lensbook/lensbook/internal/export"
)

// outputFormat chooses the format of fetch's and export's rows: --format when
// given, else the extension of --out (.csv, .jsonl, .parquet), else def when
// --out has no extension or writes to stdout. An extension that names no
// format, or a format not in allowed, is bad usage.
func outputFormat(flagValue, out string, def export.Format, allowed ...export.Format) (export.Format, error) {
	want := func() string {
		names := make([]string, len(allowed))
		for i, f := range allowed {
			names[i] = string(f)
		}
		return strings.Join(names, ", ")
	}
	var f export.Format
	switch ext := strings.TrimPrefix(filepath.Ext(out), "."); {
	case flagValue != "":
		var err error
		if f, err = export.ParseFormat(flagValue); err != nil {
			return "", usagef("--format %q: want %s", flagValue, want())
		}
	case out == "" || ext == "":
		f = def
	default:
		var err error
		if f, err = export.ParseFormat(ext); err != nil {
			return "", usagef("--out %s: the extension .%s names no format: use .csv, .jsonl or .parquet, or give --format (%s)", out, ext, want())
		}
	}
	if f == "" {
		return "", usagef("--out %s has no extension to choose the format from: give --format (%s), or end the name in .%s", out, want(), strings.Join(strings.Split(want(), ", "), ", ."))
	}
	for _, a := range allowed {
		if f == a {
			return f, nil
		}
	}
	if f == export.Parquet {
		return "", usagef("%s: want %s (lensbook export writes Parquet, from the store)", f, want())
	}
	return "", usagef("--format %q: want %s", f, want())
}

// checkOutPath refuses an --out that cannot name a file: an existing folder,
// a path ending in a slash, or a file in a folder that does not exist. All
// are bad usage, found before anything is fetched.
func checkOutPath(path string) error {
	if path == "" {
		return nil
	}
	if strings.HasSuffix(path, "/") || strings.HasSuffix(path, string(filepath.Separator)) {
		return usagef("--out %s names a folder: give a file name, such as %s", path, filepath.Join(path, "rows.csv"))
	}
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		return usagef("--out %s is a folder: give a file name, such as %s", path, filepath.Join(path, "rows.csv"))
	}
	dir := filepath.Dir(path)
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return usagef("--out %s: the folder %s does not exist (create it first, or choose another path)", path, dir)
	}
	return nil
}

// output is where fetch and export write rows: stdout, or a file written
// whole or not at all. A file's rows go to a temporary file in the same
// folder, which commit syncs and renames over the target; abort removes it.
// Until commit the target, if it exists, is untouched.
type output struct {
	io.Writer
	path string      // the target file; "" for stdout
	tmp  *os.File    // the temporary file; nil for stdout
	mode fs.FileMode // the replaced file's permissions; 0 for a new file
}

// openOutput starts an output to path, or to stdout when path is "". The
// temporary file is created at once, so that a folder that cannot be
// written to fails before anything is fetched.
func openOutput(path string, stdout io.Writer) (*output, error) {
	if path == "" {
		return &output{Writer: stdout}, nil
	}
	if err := checkOutPath(path); err != nil {
		return nil, err
	}
	// A new file gets 0666 less the umask, as with a shell's >; a replaced
	// file keeps its permissions.
	var mode fs.FileMode
	if info, err := os.Stat(path); err == nil {
		mode = info.Mode().Perm()
	}
	for range 10 {
		var b [6]byte
		if _, err := rand.Read(b[:]); err != nil {
			return nil, err
		}
		tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".tmp-"+hex.EncodeToString(b[:]))
		f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("--out %s: cannot write in %s: %w", path, filepath.Dir(path), errors.Unwrap(err))
		}
		return &output{Writer: newWriteback(f), path: path, tmp: f, mode: mode}, nil
	}
	return nil, fmt.Errorf("--out %s: no free temporary file name in %s", path, filepath.Dir(path))
}

// finish commits the file when err is nil and aborts it otherwise; it
// returns err, or the error of the commit.
func (o *output) finish(err error) error {
	if o.tmp == nil {
		return err
	}
	if err != nil {
		o.abort()
		return err
	}
	if err := o.commit(); err != nil {
		o.abort()
		return fmt.Errorf("writing %s: %w (the file is unchanged)", o.path, err)
	}
	return nil
}

// commit makes the written rows the target file: fsync, close, chmod to the
// replaced file's permissions, rename, and fsync of the folder.
func (o *output) commit() error {
	if err := o.tmp.Sync(); err != nil {
		return err
	}
	if err := o.tmp.Close(); err != nil {
		return err
	}
	if o.mode != 0 {
		if err := os.Chmod(o.tmp.Name(), o.mode); err != nil {
			return err
		}
	}
	if err := os.Rename(o.tmp.Name(), o.path); err != nil {
		return err
	}
	if d, err := os.Open(filepath.Dir(o.path)); err == nil {
		_ = d.Sync() // some file systems cannot sync a folder; the rename is done
		d.Close()
	}
	return nil
}

// abort removes the temporary file.
func (o *output) abort() {
	o.tmp.Close()
	os.Remove(o.tmp.Name())
}

// where names the output in the summary line.
func (o *output) where() string {
	if o.path == "" {
		return "stdout"
	}
	return o.path
}

// writeSummary writes the final line of fetch and export: how many rows of
// which log went where, in which format.
func writeSummary(w io.Writer, cmd string, rows int, log string, f export.Format, where string) {
	if w == nil {
		return
	}
	noun := "rows"
	if rows == 1 {
		noun = "row"
	}
	fmt.Fprintf(w, "lensbook %s: %d %s %s written to %s (%s)\n", cmd, rows, log, noun, where, strings.ToUpper(string(f)))
}
