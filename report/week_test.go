package report_test

import (
	"testing"
	"time"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/report"
)

func TestDefaultWeekIsTheWeekHoldingYesterday(t *testing.T) {
	w48 := skillpulse.Week{Year: 2026, Num: 48} // Mon 23 Nov to Sun 29 Nov 2026
	w49 := skillpulse.Week{Year: 2026, Num: 49}
	for _, c := range []struct {
		name string
		now  time.Time
		want skillpulse.Week
	}{
		{"Monday morning writes the week just ended", time.Date(2026, 11, 30, 6, 0, 0, 0, time.UTC), w48},
		{"Monday late evening still writes the week just ended", time.Date(2026, 11, 30, 23, 59, 0, 0, time.UTC), w48},
		{"Tuesday writes the current week so far", time.Date(2026, 12, 1, 3, 30, 0, 0, time.UTC), w49},
		{"Sunday writes the current week", time.Date(2026, 12, 6, 22, 0, 0, 0, time.UTC), w49},
		{"Tuesday 00:30 CET is Monday in UTC", time.Date(2026, 12, 1, 0, 30, 0, 0, time.FixedZone("CET", 3600)), w48},
	} {
		if got := report.DefaultWeek(c.now); got != c.want {
			t.Errorf("%s: DefaultWeek(%s) = %s, want %s", c.name, c.now, got, c.want)
		}
	}
}
