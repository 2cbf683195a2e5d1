package pipeline

import (
	"context"
	"log/slog"
	"sync"

	"github.com/skillpulse/skillpulse/crawler"
	"github.com/skillpulse/skillpulse/store"
)

// Validators keeps the crawler's conditional-request validators (ETag,
// Last-Modified) in the store, under a scope: the hash of the config that
// shaped what was kept of each response, so a config change fetches
// everything afresh.
//
// Saves are held back until the run that made them is recorded (see
// commit): a validator must never describe a response whose postings did
// not reach the store, or the next run's "304 Not Modified" would keep a
// set of postings that was never written.
type Validators struct {
	st    *store.Store
	scope string
	log   *slog.Logger

	mu      sync.Mutex
	pending map[string]crawler.Validator
}

// NewValidators returns the validators of st under scope; pass it to both
// crawler.WithValidators and Crawl.Validators.
func NewValidators(st *store.Store, scope string, log *slog.Logger) *Validators {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Validators{st: st, scope: scope, log: log, pending: map[string]crawler.Validator{}}
}

// LoadValidator implements crawler.Validators. A store error reads as "no
// validator": the request is then made in full, which is always safe.
func (v *Validators) LoadValidator(ctx context.Context, url string) (crawler.Validator, bool) {
	etag, lastModified, ok, err := v.st.LoadValidator(ctx, v.scope, url)
	if err != nil {
		v.log.Warn("reading a validator failed; fetching in full", "url", url, "err", err)
		return crawler.Validator{}, false
	}
	return crawler.Validator{ETag: etag, LastModified: lastModified}, ok
}

// SaveValidator implements crawler.Validators: it only remembers the
// validator until commit.
func (v *Validators) SaveValidator(_ context.Context, url string, val crawler.Validator) error {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.pending[url] = val
	return nil
}

// commit writes the held-back validators, once the run is recorded. A
// validator that cannot be written only costs a full fetch next time, so
// a signal that ends the wait for the file ends the commit: the run is
// recorded, and the rest of the validators are not worth holding up exit.
func (v *Validators) commit(ctx context.Context) {
	v.mu.Lock()
	defer v.mu.Unlock()
	defer clear(v.pending)
	for url, val := range v.pending {
		if err := v.st.SaveValidator(ctx, v.scope, url, val.ETag, val.LastModified); err != nil {
			if ctx.Err() != nil {
				v.log.Warn("validators not kept; the next fetch of their sources will be in full", "err", err)
				return
			}
			v.log.Warn("keeping a validator failed; the next fetch will be in full", "url", url, "err", err)
		}
	}
}
