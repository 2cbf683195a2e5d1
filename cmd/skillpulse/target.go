package main

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/skillpulse/skillpulse/store"
)

// writeOutput writes the file an export or a backup names. A regular file
// (or a new name) is written through writeAtomic. Anything else that
// exists there — a named pipe, a device such as /dev/null or /dev/stdout —
// is opened and written in place: renaming a file over it would replace
// it. The store itself, by any name (a symbolic or hard link, another
// spelling of its path), and the files the store keeps beside it are
// refused as a usage error, since the rename would put an export where
// every posting was.
func (a *app) writeOutput(target, storePath string, fill func(*os.File) error) error {
	if err := refuseStoreFile(target, storePath); err != nil {
		return err
	}
	fi, err := os.Stat(target)
	switch {
	case errors.Is(err, fs.ErrNotExist) || (err == nil && fi.Mode().IsRegular()):
		return a.writeAtomic(target, fill)
	case err != nil:
		return err
	case fi.IsDir():
		return usagef("%s is a directory: give a file to write", target)
	}
	f, err := os.OpenFile(target, os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	if err := fill(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// refuseStoreFile returns a usage error if target is the store at
// storePath or one of the files kept beside it (its locks, a compaction
// in progress), whether by the same path or by a link to the same file.
func refuseStoreFile(target, storePath string) error {
	abs, err := filepath.Abs(target)
	if err != nil {
		return err
	}
	targetInfo, statErr := os.Stat(target)
	for _, p := range []string{storePath, storePath + ".lock", storePath + ".gate", storePath + ".crawl", store.CompactTemp(storePath)} {
		same := abs == mustAbs(p)
		if !same && statErr == nil {
			if info, err := os.Stat(p); err == nil {
				same = os.SameFile(targetInfo, info)
			}
		}
		if same {
			return usagef("%s is the store %s or a file it keeps beside it: writing there would lose the stored postings", target, storePath)
		}
	}
	return nil
}
