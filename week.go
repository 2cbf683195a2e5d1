package skillpulse

import (
	"fmt"
	"time"
)

// Week is an ISO 8601 week, the unit of every report.
type Week struct {
	Year int
	Num  int // 1..53
}

// WeekOf returns the ISO week that t falls in (in t's location).
func WeekOf(t time.Time) Week {
	y, w := t.ISOWeek()
	return Week{Year: y, Num: w}
}

// ParseWeek reads the ISO form "2026-W47".
func ParseWeek(s string) (Week, error) {
	var w Week
	if _, err := fmt.Sscanf(s, "%4d-W%2d", &w.Year, &w.Num); err != nil || len(s) != 8 {
		return Week{}, fmt.Errorf("week %q: want the ISO form YYYY-Www, e.g. 2026-W47", s)
	}
	if w.Num < 1 || w.Num > 53 || WeekOf(w.Start()) != w {
		return Week{}, fmt.Errorf("week %q: year %d has no week %d", s, w.Year, w.Num)
	}
	if w.End().Year() > 9999 {
		return Week{}, fmt.Errorf("week %q: it ends in the year %d, past the last year a date is written in (9999)", s, w.End().Year())
	}
	return w, nil
}

// Start is the Monday 00:00 UTC that opens the week.
func (w Week) Start() time.Time {
	// January 4th is always in week 1.
	jan4 := time.Date(w.Year, time.January, 4, 0, 0, 0, 0, time.UTC)
	monday := jan4.AddDate(0, 0, -((int(jan4.Weekday()) + 6) % 7))
	return monday.AddDate(0, 0, 7*(w.Num-1))
}

// End is the Monday 00:00 UTC that closes the week (exclusive).
func (w Week) End() time.Time { return w.Start().AddDate(0, 0, 7) }

// Prev is the week before w.
func (w Week) Prev() Week { return WeekOf(w.Start().AddDate(0, 0, -7)) }

func (w Week) String() string { return fmt.Sprintf("%04d-W%02d", w.Year, w.Num) }

// MarshalText implements encoding.TextMarshaler.
func (w Week) MarshalText() ([]byte, error) { return []byte(w.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (w *Week) UnmarshalText(b []byte) error {
	v, err := ParseWeek(string(b))
	if err != nil {
		return err
	}
	*w = v
	return nil
}
