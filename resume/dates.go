package resume

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Span is a stretch of time a resume gives, such as a role's dates.
// End is exclusive; a span that runs to "present" ends at the start of the
// month after now.
type Span struct {
	Start, End time.Time
	Current    bool // ran to "present"
}

// Months is the span's length in whole months.
func (s Span) Months() int {
	return (s.End.Year()-s.Start.Year())*12 + int(s.End.Month()) - int(s.Start.Month())
}

// dateRanges finds "Jan 2019 – Present", "2015–2018", "03/2016 - 11/2020",
// "2019-04 to 2021-02", "(2015–present)" and "since 2019". The separator may be missing
// when the end is a word ("2015present", which some PDF writers produce
// when they drop the dash).
type dateRanges struct {
	re *regexp.Regexp
	// lone is one date closing a line ("IT Officer | Acme | 2017",
	// "Summer 2018" on a line of its own): a role of that season, month or
	// year, read only where a role's dates stand (see single).
	lone *regexp.Regexp
}

func newDateRanges() dateRanges {
	const mon = `(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`
	date := func(p string) string {
		return `(?:(?P<` + p + `mon>` + mon + `)\s+(?P<` + p + `y1>(?:19|20)\d\d)` +
			`|(?P<` + p + `mm>0?[1-9]|1[0-2])[/.](?P<` + p + `y2>(?:19|20)\d\d)` +
			`|(?P<` + p + `y3>(?:19|20)\d\d)-(?P<` + p + `mm2>0[1-9]|1[0-2])\b` +
			`|(?P<` + p + `y4>(?:19|20)\d\d))`
	}
	sep := `\s*(?:[-–—‒]+|\bto\b|\buntil\b|\btill\b|\bthrough\b)\s*`
	// The present in English, and as resumes from elsewhere write it
	// (German, Spanish, French, Italian, Portuguese, Dutch).
	now := `(?P<now>present|current|now|today|ongoing|date|heute|aktuell|jetzt|presente|actualidad|actual|hoy|` +
		`aujourd['’]hui|présent|maintenant|en cours|oggi|attuale|atualmente|atual|heden|nu)`
	// "since 2019" and "since March 2019" run to the present.
	since := `since\s+` + date("f")
	re := `(?i)\b(?:` + date("s") + `(?:` + sep + `(?:` + date("e") + `|` + now + `)|\s*` + now + `)|` + since + `)\b`
	single := `(?i)(?:^|[|,–—@(]\s*)(?:(?P<season>spring|summer|autumn|fall|winter)\s+(?P<sy>(?:19|20)\d\d)|` + date("s") + `)\s*\)?\s*$`
	return dateRanges{regexp.MustCompile(re), regexp.MustCompile(single)}
}

// seasons maps a season to its first month (northern hemisphere; a
// season is three months).
var seasons = map[string]time.Month{"spring": time.March, "summer": time.June, "autumn": time.September, "fall": time.September, "winter": time.December}

// single returns the span of a lone date that ends line: a season is its
// three months, a month that month, a year the whole year, each cut at
// the present.
func (d dateRanges) single(line string, now time.Time) ([]Span, [][]int) {
	m := d.lone.FindStringSubmatchIndex(line)
	if m == nil {
		return nil, nil
	}
	g := map[string]string{}
	for i, n := range d.lone.SubexpNames() {
		if n != "" && m[2*i] >= 0 {
			g[n] = line[m[2*i]:m[2*i+1]]
		}
	}
	var s Span
	if season := strings.ToLower(g["season"]); season != "" {
		s.Start = time.Date(atoi(g["sy"]), seasons[season], 1, 0, 0, 0, 0, time.UTC)
		s.End = s.Start.AddDate(0, 3, 0)
	} else {
		start, monthly, ok := dateOf(g, "s")
		if !ok {
			return nil, nil
		}
		s.Start, s.End = start, start.AddDate(1, 0, 0)
		if monthly {
			s.End = start.AddDate(0, 1, 0)
		}
	}
	nextMonth := time.Date(now.Year(), now.Month()+1, 1, 0, 0, 0, 0, time.UTC)
	s.End = minTime(s.End, nextMonth)
	if !s.End.After(s.Start) || s.Start.Year() < now.Year()-60 {
		return nil, nil
	}
	return []Span{s}, [][]int{m[:2]}
}

// find returns the spans line names, with where each was found.
func (d dateRanges) find(line string, now time.Time) ([]Span, [][]int) {
	var spans []Span
	var locs [][]int
	names := d.re.SubexpNames()
	for _, m := range d.re.FindAllStringSubmatchIndex(line, 8) {
		g := map[string]string{}
		for i, n := range names {
			if n != "" && m[2*i] >= 0 {
				g[n] = line[m[2*i]:m[2*i+1]]
			}
		}
		s, ok := spanOf(g, now)
		if ok {
			spans = append(spans, s)
			locs = append(locs, m[:2])
		}
	}
	return spans, locs
}

func spanOf(g map[string]string, now time.Time) (Span, bool) {
	if _, _, ok := dateOf(g, "f"); ok {
		// "since ...": the start is the f date, the end the present.
		for _, k := range []string{"mon", "y1", "mm", "y2", "y3", "mm2", "y4"} {
			g["s"+k] = g["f"+k]
		}
		g["now"] = "since"
	}
	start, startMonth, ok := dateOf(g, "s")
	if !ok {
		return Span{}, false
	}
	nextMonth := time.Date(now.Year(), now.Month()+1, 1, 0, 0, 0, 0, time.UTC)
	var s Span
	s.Start = start
	if _, ok := g["now"]; ok {
		s.End, s.Current = nextMonth, true
	} else {
		end, endMonth, ok := dateOf(g, "e")
		if !ok {
			return Span{}, false
		}
		switch {
		case endMonth:
			s.End = end.AddDate(0, 1, 0) // the end month is worked in full
		case !startMonth && end.Year() <= start.Year():
			s.End = start.AddDate(1, 0, 0) // "2018–2018" is a year
		case end.Year() <= start.Year():
			s.End = time.Date(start.Year()+1, 1, 1, 0, 0, 0, 0, time.UTC)
		default:
			s.End = end
		}
	}
	s.End = minTime(s.End, nextMonth)
	if !s.End.After(s.Start) || s.Start.After(now) || s.Start.Year() < now.Year()-60 {
		return Span{}, false
	}
	return s, true
}

// dateOf reads the start ("s") or end ("e") date of a match; monthly
// reports whether it names a month.
func dateOf(g map[string]string, p string) (t time.Time, monthly, ok bool) {
	year, month := 0, 0
	switch {
	case g[p+"y1"] != "":
		year, month = atoi(g[p+"y1"]), monthOf(g[p+"mon"])
	case g[p+"y2"] != "":
		year, month = atoi(g[p+"y2"]), atoi(g[p+"mm"])
	case g[p+"y3"] != "":
		year, month = atoi(g[p+"y3"]), atoi(g[p+"mm2"])
	case g[p+"y4"] != "":
		year = atoi(g[p+"y4"])
	default:
		return time.Time{}, false, false
	}
	if month < 1 || month > 12 {
		return time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC), false, year > 0
	}
	return time.Date(year, time.Month(month), 1, 0, 0, 0, 0, time.UTC), true, true
}

func monthOf(s string) int {
	s = strings.ToLower(strings.TrimSuffix(s, "."))
	for i, m := range []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"} {
		if strings.HasPrefix(s, m) {
			return i + 1
		}
	}
	return 0
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// unionYears is the length of the union of spans in years, rounded to the
// nearest whole year: overlapping roles are not counted twice.
func unionYears(spans []Span) int {
	if len(spans) == 0 {
		return 0
	}
	s := slices.Clone(spans)
	slices.SortFunc(s, func(a, b Span) int { return a.Start.Compare(b.Start) })
	months := 0
	cur := s[0]
	for _, x := range s[1:] {
		if !x.Start.After(cur.End) {
			if x.End.After(cur.End) {
				cur.End = x.End
			}
			continue
		}
		months += cur.Months()
		cur = x
	}
	months += cur.Months()
	return min((months+6)/12, 60)
}
