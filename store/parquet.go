package store

import (
	"io"
	"time"

	"github.com/parquet-go/parquet-go"
)

// FormatParquet writes the export as one Parquet file for query engines
// (DuckDB, Spark, BigQuery) — for analysis beyond what one machine's
// reports show. Its schema is ParquetRow.
const FormatParquet = "parquet"

// ParquetRow is one row of an Export in FormatParquet: one per posting and
// skill it names, with the posting's fields repeated on each, so that a
// query groups by skill, level, source or time without unnesting. A
// posting that names no skill has one row with an empty skill. Columns,
// all required unless marked optional:
//
//	source, native_id   string  the posting's key (configured source name, the board's id)
//	type                string  source type (greenhouse, lever, …)
//	title, company,
//	location, url       string
//	workplace           string  unknown, on-site, hybrid or remote
//	seniority           string  unknown, junior, mid, senior, staff, principal, lead, manager
//	salary_min,
//	salary_max          double  optional; absent when the posting states none
//	salary_currency,
//	salary_period       string  empty when not stated
//	first_seen,
//	last_seen           timestamp (µs, UTC)  the posting's lifecycle
//	closed_at           timestamp (µs, UTC)  optional; absent while it is open
//	skill               string  a taxonomy id, empty for a posting naming none
//	level               string  required, preferred or mentioned (empty with no skill)
//	years               int32   years of experience asked for the skill, 0 when unstated
//
// Strings are UTF-8 and, like every scraped field, untrusted. Columns are
// zstd-compressed; low-cardinality ones are dictionary-encoded.
type ParquetRow struct {
	Source         string     `parquet:"source,dict"`
	NativeID       string     `parquet:"native_id"`
	Type           string     `parquet:"type,dict"`
	Title          string     `parquet:"title"`
	Company        string     `parquet:"company,dict"`
	Location       string     `parquet:"location,dict"`
	URL            string     `parquet:"url"`
	Workplace      string     `parquet:"workplace,dict"`
	Seniority      string     `parquet:"seniority,dict"`
	SalaryMin      *float64   `parquet:"salary_min,optional"`
	SalaryMax      *float64   `parquet:"salary_max,optional"`
	SalaryCurrency string     `parquet:"salary_currency,dict"`
	SalaryPeriod   string     `parquet:"salary_period,dict"`
	FirstSeen      time.Time  `parquet:"first_seen,timestamp(microsecond)"`
	LastSeen       time.Time  `parquet:"last_seen,timestamp(microsecond)"`
	ClosedAt       *time.Time `parquet:"closed_at,optional,timestamp(microsecond)"`
	Skill          string     `parquet:"skill,dict"`
	Level          string     `parquet:"level,dict"`
	Years          int32      `parquet:"years"`
}

// parquetRows turns an export record into its rows.
func parquetRows(r *ExportRecord, rows []ParquetRow) []ParquetRow {
	base := ParquetRow{
		Source: r.Source, NativeID: r.NativeID, Type: r.Type, Title: r.Title, Company: r.Company,
		Location: r.Location, URL: r.URL, Workplace: r.Workplace.String(), Seniority: r.Tags.Seniority.String(),
		FirstSeen: r.FirstSeen, LastSeen: r.LastSeen,
	}
	if s := r.Salary; s != nil {
		if s.Min != 0 {
			base.SalaryMin = &s.Min
		}
		if s.Max != 0 {
			base.SalaryMax = &s.Max
		}
		base.SalaryCurrency, base.SalaryPeriod = s.Currency, s.Period
	}
	if !r.ClosedAt.IsZero() {
		t := r.ClosedAt
		base.ClosedAt = &t
	}
	rows = rows[:0]
	if len(r.Tags.Skills) == 0 {
		return append(rows, base)
	}
	for _, m := range r.Tags.Skills {
		row := base
		row.Skill, row.Level, row.Years = m.ID, m.Level.String(), int32(min(m.Years, 1<<20))
		rows = append(rows, row)
	}
	return rows
}

// parquetWriter writes records as ParquetRows to w; the file is complete
// once flush returns.
func parquetWriter(w io.Writer) (write func(*ExportRecord) error, flush func() error) {
	pw := parquet.NewGenericWriter[ParquetRow](w, parquet.Compression(&parquet.Zstd),
		parquet.CreatedBy("skillpulse", "", ""))
	var rows []ParquetRow
	write = func(r *ExportRecord) error {
		rows = parquetRows(r, rows)
		_, err := pw.Write(rows)
		return err
	}
	return write, pw.Close
}
