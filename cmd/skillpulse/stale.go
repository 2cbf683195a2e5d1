package main

import (
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// staleAfter is how long a temporary file of ours must have gone
// unwritten before it counts as left behind by a killed process: a live
// export or backup writes to its file all the time, a report in far less.
const staleAfter = time.Minute

// tempPrefix is the name writeAtomic gives its temporary file for path,
// before os.CreateTemp's random digits: ".F.tmp" for F.
func tempPrefix(path string) string { return "." + filepath.Base(path) + ".tmp" }

// removeStaleTemps removes the temporary files a killed writeAtomic left
// beside path (".F.tmp" and digits, not written for staleAfter), and says
// so, one log line each. Files of any other name are never touched.
// Failing to remove one is logged, not fatal: the export goes on.
func removeStaleTemps(log *slog.Logger, path string, now time.Time) {
	dir, prefix := filepath.Dir(path), tempPrefix(path)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), prefix)
		if !ok || rest == "" || strings.Trim(rest, "0123456789") != "" || !e.Type().IsRegular() {
			continue
		}
		info, err := e.Info()
		if err != nil || now.Sub(info.ModTime()) < staleAfter {
			continue
		}
		p := filepath.Join(dir, e.Name())
		if err := os.Remove(p); err != nil {
			log.Warn("could not remove a stale temporary file", "file", p, "err", err)
			continue
		}
		log.Warn("removed a stale temporary file left by an interrupted write", "file", p, "bytes", info.Size(),
			"modified", info.ModTime().UTC().Format(time.RFC3339))
	}
}
