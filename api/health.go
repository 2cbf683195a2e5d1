package api

import (
	"context"
	"net/http"
	"time"
)

// healthTTL is how long a health answer (or the store error it met) is
// served before the store is read again. A load balancer or monitor
// polling health many times a second costs at most one read of the store
// per healthTTL, and a store that became unreadable is reported within it.
const healthTTL = time.Second

// healthState is a health answer as of one read of the store: the answer
// encoded, or the error the read met.
type healthState struct {
	at     time.Time
	answer *prepared
	err    error
}

// fresh reports whether h may still be served at now; a clock that went
// back makes it stale.
func (h *healthState) fresh(now time.Time) bool {
	return h != nil && !now.Before(h.at) && now.Sub(h.at) < healthTTL
}

// health answers liveness and the newest run as of at most healthTTL ago.
// An unreadable store answers 500, as any request meeting it does.
func (s *Handler) health(w http.ResponseWriter, r *http.Request) {
	h := s.healthNow(r.Context())
	if h.err != nil {
		s.answer(w, r, nil, h.err)
		return
	}
	writePrepared(w, h.answer)
}

// healthNow returns the health state, reading the store when the one kept
// is older than healthTTL. One request reads; those arriving meanwhile
// are answered with the state kept, if there is one, rather than queue
// behind a store that is slow to answer.
func (s *Handler) healthNow(ctx context.Context) *healthState {
	h := s.healthSeen.Load()
	if h.fresh(s.opts.Now()) {
		return h
	}
	if !s.healthFill.TryLock() {
		if h != nil {
			return h
		}
		s.healthFill.Lock()
	}
	defer s.healthFill.Unlock()
	if h := s.healthSeen.Load(); h.fresh(s.opts.Now()) {
		return h // read while this request waited
	}
	h = s.readHealth(context.WithoutCancel(ctx)) // kept for others: not cut short by this request's client
	s.healthSeen.Store(h)
	return h
}

func (s *Handler) readHealth(ctx context.Context) *healthState {
	h := &healthState{at: s.opts.Now()}
	runs, err := s.opts.Store.Runs(ctx, 1)
	if err != nil {
		h.err = err
		return h
	}
	out := map[string]any{"status": "ok"}
	if len(runs) > 0 {
		out["newest_run"] = runs[0]
	}
	h.answer, h.err = prepare(out)
	return h
}
