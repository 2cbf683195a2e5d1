package crawler

import (
	"context"
	"time"
)

// hostSlots is one host's politeness budget: at most parallelism
// requests at once, each slot held for delay after its request ends, so
// requests to the host start at most parallelism per delay.
//
// colly's LimitRule keeps the same budget but sleeps the delay inside the
// request, deaf to its context: with a delay of minutes a signal, serve
// shutting down or source_timeout waited for the sleep to end (up to an
// hour, the largest delay allowed), and every fetch, even a source's only
// one, returned a delay late. Here the wait for a slot ends with the
// context, and a request returns as soon as its answer is read; a timer
// frees its slot after the delay.
type hostSlots chan struct{}

func newHostSlots(parallelism int) hostSlots { return make(hostSlots, max(parallelism, 1)) }

// acquire takes a slot, waiting for one at most as long as ctx lasts.
func (s hostSlots) acquire(ctx context.Context) error {
	select {
	case s <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// release frees the slot taken by acquire once delay has passed.
func (s hostSlots) release(delay time.Duration) {
	if delay <= 0 {
		<-s
		return
	}
	time.AfterFunc(delay, func() { <-s })
}
