package store

import (
	"bufio"
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/xitongsys/parquet-go-source/buffer"
	xreader "github.com/xitongsys/parquet-go/reader"
)

// xRow is ParquetRow as xitongsys/parquet-go, a second implementation of
// Parquet written independently of the one the export uses, reads it.
type xRow struct {
	Source         string   `parquet:"name=source, type=BYTE_ARRAY, convertedtype=UTF8"`
	NativeID       string   `parquet:"name=native_id, type=BYTE_ARRAY, convertedtype=UTF8"`
	Type           string   `parquet:"name=type, type=BYTE_ARRAY, convertedtype=UTF8"`
	Title          string   `parquet:"name=title, type=BYTE_ARRAY, convertedtype=UTF8"`
	Company        string   `parquet:"name=company, type=BYTE_ARRAY, convertedtype=UTF8"`
	Location       string   `parquet:"name=location, type=BYTE_ARRAY, convertedtype=UTF8"`
	URL            string   `parquet:"name=url, type=BYTE_ARRAY, convertedtype=UTF8"`
	Workplace      string   `parquet:"name=workplace, type=BYTE_ARRAY, convertedtype=UTF8"`
	Seniority      string   `parquet:"name=seniority, type=BYTE_ARRAY, convertedtype=UTF8"`
	SalaryMin      *float64 `parquet:"name=salary_min, type=DOUBLE, repetitiontype=OPTIONAL"`
	SalaryMax      *float64 `parquet:"name=salary_max, type=DOUBLE, repetitiontype=OPTIONAL"`
	SalaryCurrency string   `parquet:"name=salary_currency, type=BYTE_ARRAY, convertedtype=UTF8"`
	SalaryPeriod   string   `parquet:"name=salary_period, type=BYTE_ARRAY, convertedtype=UTF8"`
	FirstSeen      int64    `parquet:"name=first_seen, type=INT64"`
	LastSeen       int64    `parquet:"name=last_seen, type=INT64"`
	ClosedAt       *int64   `parquet:"name=closed_at, type=INT64, repetitiontype=OPTIONAL"`
	Skill          string   `parquet:"name=skill, type=BYTE_ARRAY, convertedtype=UTF8"`
	Level          string   `parquet:"name=level, type=BYTE_ARRAY, convertedtype=UTF8"`
	Years          int32    `parquet:"name=years, type=INT32"`
}

func TestExportParquetReadsBackWithAnotherReader(t *testing.T) {
	s := openTest(t, Options{})
	lifecycleHistory(t, s)
	jsonl, n := export(t, s, FormatJSONL, time.Time{})
	var want []ParquetRow
	sc := bufio.NewScanner(bytes.NewReader([]byte(jsonl)))
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var r ExportRecord
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		want = append(want, parquetRows(&r, nil)...)
	}
	var buf bytes.Buffer
	got, err := s.Export(t.Context(), &buf, FormatParquet, time.Time{})
	if err != nil || got != n {
		t.Fatalf("parquet export: %d postings, %v; want %d", got, err, n)
	}

	pf := buffer.NewBufferFileFromBytes(buf.Bytes())
	pr, err := xreader.NewParquetReader(pf, new(xRow), 1)
	if err != nil {
		t.Fatalf("the second reader cannot open the file: %v", err)
	}
	defer pr.ReadStop()
	if int(pr.GetNumRows()) != len(want) {
		t.Fatalf("%d rows, want %d (one per posting and skill)", pr.GetNumRows(), len(want))
	}
	rows := make([]xRow, len(want))
	if err := pr.Read(&rows); err != nil {
		t.Fatal(err)
	}
	skills, closed, salaried := 0, 0, 0
	for i, w := range want {
		g := rows[i]
		if g.Source != w.Source || g.NativeID != w.NativeID || g.Title != w.Title || g.Company != w.Company || g.URL != w.URL ||
			g.Workplace != w.Workplace || g.Seniority != w.Seniority || g.Skill != w.Skill || g.Level != w.Level || g.Years != w.Years ||
			g.SalaryCurrency != w.SalaryCurrency || g.Type != w.Type || g.Location != w.Location {
			t.Fatalf("row %d: read %+v, wrote %+v", i, g, w)
		}
		if g.FirstSeen != w.FirstSeen.UnixMicro() || g.LastSeen != w.LastSeen.UnixMicro() {
			t.Errorf("row %d: seen %d..%d µs, want %s..%s", i, g.FirstSeen, g.LastSeen, w.FirstSeen, w.LastSeen)
		}
		if (g.ClosedAt == nil) != (w.ClosedAt == nil) || g.ClosedAt != nil && *g.ClosedAt != w.ClosedAt.UnixMicro() {
			t.Errorf("row %d: closed_at %v, want %v", i, g.ClosedAt, w.ClosedAt)
		}
		if (g.SalaryMin == nil) != (w.SalaryMin == nil) || g.SalaryMin != nil && *g.SalaryMin != *w.SalaryMin {
			t.Errorf("row %d: salary_min %v, want %v", i, g.SalaryMin, w.SalaryMin)
		}
		if g.Skill != "" {
			skills++
		}
		if g.ClosedAt != nil {
			closed++
		}
		if g.SalaryMin != nil {
			salaried++
		}
	}
	if skills == 0 || closed == 0 || salaried == 0 {
		t.Errorf("the history has %d skill rows, %d closed, %d with a salary: it tests too little", skills, closed, salaried)
	}
}
