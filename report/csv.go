package report

import (
	"encoding/csv"
	"io"
	"strconv"

	"github.com/skillpulse/skillpulse"
)

// csvColumns is the header of the one long CSV table. The first column
// names the table a row belongs to, so a spreadsheet filters on it:
// skill, market, gainer, loser, source, seniority, workplace, pay,
// pay_seniority, skill_pay, lifecycle, trend, market_trend. A cell is empty
// where the figure does not apply or is not known — never 0 for unknown.
// The csvCol constants below index it, in the same order.
var csvColumns = [nColumns]string{"table", "week", "id", "name", "category", "umbrella", "postings", "required", "preferred", "mentioned", "share", "share_low", "share_high", "prev_share", "prev_share_low", "prev_share_high", "change", "required_share", "required_share_low", "required_share_high", "median_years", "years_stated", "years_0_2", "years_3_4", "years_5_7", "years_8_plus", "weight", "gap", "verdict", "currency", "period", "count", "p25", "median", "p75", "premium", "runs", "failed", "suspect", "value"}

// csvCol is the index of a column of csvColumns.
type csvCol int

const (
	colTable csvCol = iota
	colWeek
	colID
	colName
	colCategory
	colUmbrella
	colPostings
	colRequired
	colPreferred
	colMentioned
	colShare
	colShareLow
	colShareHigh
	colPrevShare
	colPrevShareLow
	colPrevShareHigh
	colChange
	colRequiredShare
	colRequiredShareLow
	colRequiredShareHigh
	colMedianYears
	colYearsStated
	colYears02
	colYears34
	colYears57
	colYears8Plus
	colWeight
	colGap
	colVerdict
	colCurrency
	colPeriod
	colCount
	colP25
	colMedian
	colP75
	colPremium
	colRuns
	colFailed
	colSuspect
	colValue
	nColumns
)

// csvRow is one row by column; absent columns are empty. Rows are arrays,
// not maps, and each is written as soon as it is filled: a year of trends
// is thousands of rows.
type csvRow [nColumns]string

func num(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

func optNum(x *float64) string {
	if x == nil {
		return ""
	}
	return num(*x)
}

func boolCell(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// csvTo writes every table of the report as rows of one CSV table.
// Every cell goes through skillpulse.CSVCell, so none runs as a
// spreadsheet formula.
func (r *Report) csvTo(w io.Writer) error {
	cw := csv.NewWriter(w)
	rec := make([]string, nColumns)
	if err := cw.Write(csvColumns[:]); err != nil {
		return err
	}
	var err error
	emit := func(row csvRow) {
		if err != nil {
			return
		}
		for j, cell := range row {
			rec[j] = skillpulse.CSVCell(cell) // no cell runs as a formula
		}
		err = cw.Write(rec)
	}
	for _, rows := range []func(*Report, func(csvRow)){(*Report).skillRows, (*Report).marketRows,
		(*Report).moverCSVRows, (*Report).countRows, (*Report).payRows, (*Report).lifecycleRows} {
		rows(r, emit)
	}
	if err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

// skillRows are the skills, each followed by its trend.
func (r *Report) skillRows(emit func(csvRow)) {
	i, wk := strconv.Itoa, r.Week.String()
	for _, s := range r.Skills {
		row := csvRow{colTable: "skill", colWeek: wk, colID: s.ID, colName: s.Name, colCategory: string(s.Category),
			colUmbrella: boolCell(s.Umbrella), colPostings: i(s.Postings), colRequired: i(s.Required),
			colPreferred: i(s.Preferred), colMentioned: i(s.Mentioned), colShare: num(s.Share),
			colShareLow: num(s.ShareLow), colShareHigh: num(s.ShareHigh), colPrevShare: optNum(s.PrevShare),
			colPrevShareLow: optNum(s.PrevShareLow), colPrevShareHigh: optNum(s.PrevShareHigh),
			colChange: optNum(s.Change), colRequiredShare: num(s.RequiredShare),
			colRequiredShareLow: num(s.RequiredShareLow), colRequiredShareHigh: num(s.RequiredShareHigh)}
		if s.MedianYears > 0 {
			row[colMedianYears] = num(s.MedianYears)
		}
		if d := s.RequiredYears; d != nil {
			row[colYearsStated] = i(d.Stated)
			for j, col := range []csvCol{colYears02, colYears34, colYears57, colYears8Plus} {
				row[col] = i(d.Buckets[j].Postings)
			}
		}
		emit(row)
		for _, p := range s.Series {
			emit(csvRow{colTable: "trend", colWeek: p.Week.String(), colID: s.ID, colName: s.Name,
				colUmbrella: boolCell(s.Umbrella), colPostings: i(p.Postings), colShare: num(p.Share),
				colShareLow: num(p.ShareLow), colShareHigh: num(p.ShareHigh)})
		}
	}
}

// marketRows are the market areas, each followed by its trend.
func (r *Report) marketRows(emit func(csvRow)) {
	i, wk := strconv.Itoa, r.Week.String()
	for _, m := range r.Market {
		emit(csvRow{colTable: "market", colWeek: wk, colID: m.ID, colName: m.Name,
			colPostings: i(m.Postings), colShare: num(m.Share), colShareLow: num(m.ShareLow), colShareHigh: num(m.ShareHigh),
			colChange: optNum(m.Change), colRequiredShare: num(m.RequiredShare),
			colRequiredShareLow: num(m.RequiredShareLow), colRequiredShareHigh: num(m.RequiredShareHigh),
			colWeight: num(m.Weight), colGap: num(m.Gap), colVerdict: string(m.Verdict), colValue: m.Explanation})
		for _, p := range m.Series {
			emit(csvRow{colTable: "market_trend", colWeek: p.Week.String(), colID: m.ID, colName: m.Name,
				colPostings: i(p.Postings), colShare: num(p.Share), colShareLow: num(p.ShareLow), colShareHigh: num(p.ShareHigh)})
		}
	}
}

func (r *Report) moverCSVRows(emit func(csvRow)) {
	i, wk := strconv.Itoa, r.Week.String()
	for _, list := range []struct {
		table string
		ms    []Mover
	}{{"gainer", r.Gainers}, {"loser", r.Losers}} {
		for _, m := range list.ms {
			emit(csvRow{colTable: list.table, colWeek: wk, colID: m.ID, colName: m.Name,
				colUmbrella: boolCell(m.Umbrella), colPostings: i(m.Postings), colShare: num(m.Share),
				colShareLow: num(m.ShareLow), colShareHigh: num(m.ShareHigh), colPrevShare: num(m.PrevShare),
				colPrevShareLow: num(m.PrevShareLow), colPrevShareHigh: num(m.PrevShareHigh), colChange: num(m.Change)})
		}
	}
}

// countRows are sources (with their crawls), seniority and workplace.
func (r *Report) countRows(emit func(csvRow)) {
	i, wk := strconv.Itoa, r.Week.String()
	for _, c := range r.sourceRows() {
		row := csvRow{colTable: "source", colWeek: wk, colName: c.Name, colPostings: i(c.Postings),
			colShare: num(c.Share), colShareLow: num(c.ShareLow), colShareHigh: num(c.ShareHigh)}
		if c.Runs > 0 {
			row[colRuns], row[colFailed], row[colSuspect] = i(c.Runs), i(c.Failed), i(c.Suspect)
		}
		emit(row)
	}
	for _, t := range []struct {
		table string
		cs    []Count
	}{{"seniority", r.Seniority}, {"workplace", r.Workplace}} {
		for _, c := range t.cs {
			emit(csvRow{colTable: t.table, colWeek: wk, colName: c.Name, colPostings: i(c.Postings),
				colShare: num(c.Share), colShareLow: num(c.ShareLow), colShareHigh: num(c.ShareHigh)})
		}
	}
}

func (r *Report) lifecycleRows(emit func(csvRow)) {
	wk, i := r.Week.String(), strconv.Itoa
	emit(csvRow{colTable: "lifecycle", colWeek: wk, colName: "new_postings", colValue: i(r.NewPostings)})
	emit(csvRow{colTable: "lifecycle", colWeek: wk, colName: "closed_postings", colValue: i(r.ClosedPostings)})
	emit(csvRow{colTable: "lifecycle", colWeek: wk, colName: "median_days_open", colValue: optNum(r.MedianDaysOpen)})
}

func (r *Report) payRows(emit func(csvRow)) {
	if r.Salary == nil {
		return
	}
	wk, i := r.Week.String(), strconv.Itoa
	stats := func(row csvRow, s PayStats) csvRow {
		row[colCount], row[colP25], row[colMedian], row[colP75] = i(s.Count), num(s.P25), num(s.Median), num(s.P75)
		return row
	}
	emit(csvRow{colTable: "pay", colWeek: wk, colName: "postings stating pay", colCount: i(r.Salary.Stating),
		colPostings: i(r.Salary.Postings)})
	for _, g := range r.Salary.Groups {
		emit(stats(csvRow{colTable: "pay", colWeek: wk, colCurrency: g.Currency, colPeriod: g.Period}, g.PayStats))
		for _, s := range g.BySeniority {
			emit(stats(csvRow{colTable: "pay_seniority", colWeek: wk, colName: s.Seniority,
				colCurrency: g.Currency, colPeriod: g.Period}, s.PayStats))
		}
	}
	for _, s := range r.Salary.Skills {
		emit(csvRow{colTable: "skill_pay", colWeek: wk, colID: s.ID, colName: s.Name, colCurrency: s.Currency,
			colPeriod: s.Period, colCount: i(s.Count), colMedian: num(s.Median), colPremium: num(s.Premium)})
	}
}
