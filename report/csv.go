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
var csvColumns = []string{"table", "week", "id", "name", "category", "umbrella",
	"postings", "required", "preferred", "mentioned",
	"share", "share_low", "share_high", "prev_share", "prev_share_low", "prev_share_high", "change",
	"required_share", "required_share_low", "required_share_high",
	"median_years", "years_stated", "years_0_2", "years_3_4", "years_5_7", "years_8_plus",
	"weight", "gap", "verdict",
	"currency", "period", "count", "p25", "median", "p75", "premium",
	"runs", "failed", "suspect", "value"}

// csvRow is one row by column name; absent columns are empty.
type csvRow map[string]string

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
	if err := cw.Write(csvColumns); err != nil {
		return err
	}
	var rows []csvRow
	for _, part := range [][]csvRow{r.skillRows(), r.marketRows(), r.moverCSVRows(), r.countRows(), r.payRows(), r.lifecycleRows()} {
		rows = append(rows, part...)
	}
	for _, row := range rows {
		rec := make([]string, len(csvColumns))
		for j, col := range csvColumns {
			rec[j] = skillpulse.CSVCell(row[col]) // no cell runs as a formula
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// skillRows are the skills, each followed by its trend.
func (r *Report) skillRows() []csvRow {
	i, wk := strconv.Itoa, r.Week.String()
	var rows []csvRow
	for _, s := range r.Skills {
		row := csvRow{"table": "skill", "week": wk, "id": s.ID, "name": s.Name, "category": string(s.Category),
			"umbrella": boolCell(s.Umbrella), "postings": i(s.Postings), "required": i(s.Required),
			"preferred": i(s.Preferred), "mentioned": i(s.Mentioned), "share": num(s.Share),
			"share_low": num(s.ShareLow), "share_high": num(s.ShareHigh), "prev_share": optNum(s.PrevShare),
			"prev_share_low": optNum(s.PrevShareLow), "prev_share_high": optNum(s.PrevShareHigh),
			"change": optNum(s.Change), "required_share": num(s.RequiredShare),
			"required_share_low": num(s.RequiredShareLow), "required_share_high": num(s.RequiredShareHigh)}
		if s.MedianYears > 0 {
			row["median_years"] = num(s.MedianYears)
		}
		if d := s.RequiredYears; d != nil {
			row["years_stated"] = i(d.Stated)
			for j, col := range []string{"years_0_2", "years_3_4", "years_5_7", "years_8_plus"} {
				row[col] = i(d.Buckets[j].Postings)
			}
		}
		rows = append(rows, row)
		for _, p := range s.Series {
			rows = append(rows, csvRow{"table": "trend", "week": p.Week.String(), "id": s.ID, "name": s.Name,
				"umbrella": boolCell(s.Umbrella), "postings": i(p.Postings), "share": num(p.Share),
				"share_low": num(p.ShareLow), "share_high": num(p.ShareHigh)})
		}
	}
	return rows
}

// marketRows are the market areas, each followed by its trend.
func (r *Report) marketRows() []csvRow {
	i, wk := strconv.Itoa, r.Week.String()
	var rows []csvRow
	for _, m := range r.Market {
		rows = append(rows, csvRow{"table": "market", "week": wk, "id": m.ID, "name": m.Name,
			"postings": i(m.Postings), "share": num(m.Share), "share_low": num(m.ShareLow), "share_high": num(m.ShareHigh),
			"change": optNum(m.Change), "required_share": num(m.RequiredShare),
			"required_share_low": num(m.RequiredShareLow), "required_share_high": num(m.RequiredShareHigh),
			"weight": num(m.Weight), "gap": num(m.Gap), "verdict": string(m.Verdict), "value": m.Explanation})
		for _, p := range m.Series {
			rows = append(rows, csvRow{"table": "market_trend", "week": p.Week.String(), "id": m.ID, "name": m.Name,
				"postings": i(p.Postings), "share": num(p.Share), "share_low": num(p.ShareLow), "share_high": num(p.ShareHigh)})
		}
	}
	return rows
}

func (r *Report) moverCSVRows() []csvRow {
	i, wk := strconv.Itoa, r.Week.String()
	var rows []csvRow
	for _, list := range []struct {
		table string
		ms    []Mover
	}{{"gainer", r.Gainers}, {"loser", r.Losers}} {
		for _, m := range list.ms {
			rows = append(rows, csvRow{"table": list.table, "week": wk, "id": m.ID, "name": m.Name,
				"umbrella": boolCell(m.Umbrella), "postings": i(m.Postings), "share": num(m.Share),
				"share_low": num(m.ShareLow), "share_high": num(m.ShareHigh), "prev_share": num(m.PrevShare),
				"prev_share_low": num(m.PrevShareLow), "prev_share_high": num(m.PrevShareHigh), "change": num(m.Change)})
		}
	}
	return rows
}

// countRows are sources (with their crawls), seniority and workplace.
func (r *Report) countRows() []csvRow {
	i, wk := strconv.Itoa, r.Week.String()
	var rows []csvRow
	for _, c := range r.sourceRows() {
		row := csvRow{"table": "source", "week": wk, "name": c.Name, "postings": i(c.Postings),
			"share": num(c.Share), "share_low": num(c.ShareLow), "share_high": num(c.ShareHigh)}
		if c.Runs > 0 {
			row["runs"], row["failed"], row["suspect"] = i(c.Runs), i(c.Failed), i(c.Suspect)
		}
		rows = append(rows, row)
	}
	for _, t := range []struct {
		table string
		cs    []Count
	}{{"seniority", r.Seniority}, {"workplace", r.Workplace}} {
		for _, c := range t.cs {
			rows = append(rows, csvRow{"table": t.table, "week": wk, "name": c.Name, "postings": i(c.Postings),
				"share": num(c.Share), "share_low": num(c.ShareLow), "share_high": num(c.ShareHigh)})
		}
	}
	return rows
}

func (r *Report) lifecycleRows() []csvRow {
	wk, i := r.Week.String(), strconv.Itoa
	return []csvRow{
		{"table": "lifecycle", "week": wk, "name": "new_postings", "value": i(r.NewPostings)},
		{"table": "lifecycle", "week": wk, "name": "closed_postings", "value": i(r.ClosedPostings)},
		{"table": "lifecycle", "week": wk, "name": "median_days_open", "value": optNum(r.MedianDaysOpen)},
	}
}

func (r *Report) payRows() []csvRow {
	if r.Salary == nil {
		return nil
	}
	wk, i := r.Week.String(), strconv.Itoa
	stats := func(row csvRow, s PayStats) csvRow {
		row["count"], row["p25"], row["median"], row["p75"] = i(s.Count), num(s.P25), num(s.Median), num(s.P75)
		return row
	}
	var rows []csvRow
	rows = append(rows, csvRow{"table": "pay", "week": wk, "name": "postings stating pay", "count": i(r.Salary.Stating),
		"postings": i(r.Salary.Postings)})
	for _, g := range r.Salary.Groups {
		rows = append(rows, stats(csvRow{"table": "pay", "week": wk, "currency": g.Currency, "period": g.Period}, g.PayStats))
		for _, s := range g.BySeniority {
			rows = append(rows, stats(csvRow{"table": "pay_seniority", "week": wk, "name": s.Seniority,
				"currency": g.Currency, "period": g.Period}, s.PayStats))
		}
	}
	for _, s := range r.Salary.Skills {
		rows = append(rows, csvRow{"table": "skill_pay", "week": wk, "id": s.ID, "name": s.Name, "currency": s.Currency,
			"period": s.Period, "count": i(s.Count), "median": num(s.Median), "premium": num(s.Premium)})
	}
	return rows
}
