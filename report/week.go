package report

import (
	"time"

	"github.com/skillpulse/skillpulse"
)

// DefaultWeek is the week `skillpulse run`, `serve`'s scheduled report and
// the demo write at time now: the ISO week holding the day before now
// (UTC). From Tuesday to Sunday that is the current week so far; on Monday,
// when only that morning's crawl belongs to the new week, it is the week
// just ended, now complete.
func DefaultWeek(now time.Time) skillpulse.Week {
	return skillpulse.WeekOf(now.UTC().AddDate(0, 0, -1))
}
