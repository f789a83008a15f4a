package runner

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// A Key names one cache entry: a SHA-256 of everything the entry was
// computed from.
type Key [sha256.Size]byte

func (k Key) String() string { return hex.EncodeToString(k[:]) }

// A Cache is a directory of entries, each a file named by its key, written
// whole to a temporary file and renamed into place, so that concurrent
// runs on one directory never see half an entry. Each entry starts with
// the SHA-256 of the rest: a corrupt entry reads as a miss.
type Cache struct {
	dir string
}

const (
	// Entries unused for this long are removed by Trim, as the go
	// command's build cache does.
	trimAge = 5 * 24 * time.Hour
	// An entry's modification time is refreshed when it is used and
	// older than this, so reading does not write on every run.
	touchAge   = time.Hour
	trimMarker = "trim.txt"
	layout     = "v1" // bumped when the entry format changes
)

// DefaultCacheDir is $PRODVET_CACHE, else prodvet under the user's cache
// directory.
func DefaultCacheDir() (string, error) {
	if dir := os.Getenv("PRODVET_CACHE"); dir != "" {
		return dir, nil
	}
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("no cache directory (set PRODVET_CACHE, or run with -cache=false): %w", err)
	}
	return filepath.Join(dir, "prodvet"), nil
}

// OpenCache opens, creating it if need be, the cache in dir.
func OpenCache(dir string) (*Cache, error) {
	dir = filepath.Join(dir, layout)
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return nil, fmt.Errorf("cache: %w", err)
	}
	return &Cache{dir: dir}, nil
}

func (c *Cache) path(k Key) string {
	s := k.String()
	return filepath.Join(c.dir, s[:2], s)
}

// errCorrupt marks an entry whose checksum does not match its content.
var errCorrupt = errors.New("checksum mismatch")

// Get returns the entry for k. A missing entry is (nil, nil); an entry
// that cannot be read or is corrupt is (nil, err), for the caller to warn
// about and recompute.
func (c *Cache) Get(k Key) ([]byte, error) {
	name := c.path(k)
	f, err := os.Open(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// Stat the open file, not the name again: an unchanged re-run reads
	// an entry for every package of the graph.
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	data := make([]byte, fi.Size())
	if _, err := io.ReadFull(f, data); err != nil {
		return nil, err
	}
	if len(data) < sha256.Size {
		return nil, errCorrupt
	}
	sum, body := data[:sha256.Size], data[sha256.Size:]
	if got := sha256.Sum256(body); !bytes.Equal(got[:], sum) {
		return nil, errCorrupt
	}
	if time.Since(fi.ModTime()) > touchAge {
		now := time.Now()
		_ = os.Chtimes(name, now, now) // best effort: an untouched entry is only trimmed sooner
	}
	return body, nil
}

// Put stores data as the entry for k.
func (c *Cache) Put(k Key, data []byte) error {
	name := c.path(k)
	if err := os.MkdirAll(filepath.Dir(name), 0o777); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), ".tmp-*")
	if err != nil {
		return err
	}
	sum := sha256.Sum256(data)
	_, err = tmp.Write(sum[:])
	if err == nil {
		_, err = tmp.Write(data)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), name)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}

// Trim removes the entries unused for trimAge, at most once a day.
func (c *Cache) Trim() error {
	marker := filepath.Join(c.dir, trimMarker)
	if fi, err := os.Stat(marker); err == nil && time.Since(fi.ModTime()) < 24*time.Hour {
		return nil
	}
	cutoff := time.Now().Add(-trimAge)
	subdirs, err := os.ReadDir(c.dir)
	if err != nil {
		return err
	}
	for _, sub := range subdirs {
		if !sub.IsDir() {
			continue
		}
		dir := filepath.Join(c.dir, sub.Name())
		entries, err := os.ReadDir(dir)
		if err != nil {
			continue
		}
		for _, e := range entries {
			if fi, err := e.Info(); err == nil && fi.ModTime().Before(cutoff) {
				os.Remove(filepath.Join(dir, e.Name()))
			}
		}
	}
	return os.WriteFile(marker, []byte(time.Now().Format(time.RFC3339)+"\n"), 0o666)
}
