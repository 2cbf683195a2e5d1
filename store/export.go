package store

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/skillpulse/skillpulse"
	bolt "go.etcd.io/bbolt"
)

// Export formats.
const (
	FormatJSONL = "jsonl"
	FormatCSV   = "csv"
)

// ExportRecord is one line of an Export in FormatJSONL: a posting's current
// content and tags with its lifecycle. Its JSON shape is a contract that
// Import reads back; fields are only ever added. Zero times and empty
// optional fields are left out.
//
//	{"source":"acme","type":"greenhouse","native_id":"4000001",
//	 "url":"https://…","title":"Senior SRE","company":"Acme",
//	 "location":"Berlin","department":"Infra","workplace":"hybrid",
//	 "salary":{"min":80000,"max":110000,"currency":"EUR","period":"year"},
//	 "posted":"2026-11-20T03:00:00Z","updated":"…",
//	 "first_seen":"2026-11-23T03:00:00Z","last_seen":"…","closed_at":"…",
//	 "content_since":"…",
//	 "origins":[{"source":"acme","url":"https://…"}],
//	 "description":"<p>…</p>","sections":[{"heading":"…","body":"…"}],
//	 "tags":{"skills":[{"id":"terraform","level":"required","years":3,
//	         "evidence":"3+ years of Terraform"}],
//	         "seniority":"senior","language":"en","years":5}}
//
// Times are RFC 3339 in UTC with nanoseconds where they have any.
// ContentSince is when the current content was first seen (the start of the
// run that stored it).
type ExportRecord struct {
	Source       string               `json:"source"`
	Type         string               `json:"type,omitempty"`
	NativeID     string               `json:"native_id"`
	URL          string               `json:"url"`
	Title        string               `json:"title"`
	Company      string               `json:"company,omitempty"`
	Location     string               `json:"location,omitempty"`
	Department   string               `json:"department,omitempty"`
	Workplace    skillpulse.Workplace `json:"workplace"`
	Salary       *skillpulse.Salary   `json:"salary,omitempty"`
	Posted       time.Time            `json:"posted,omitzero"`
	Updated      time.Time            `json:"updated,omitzero"`
	FirstSeen    time.Time            `json:"first_seen"`
	LastSeen     time.Time            `json:"last_seen"`
	ClosedAt     time.Time            `json:"closed_at,omitzero"`
	ContentSince time.Time            `json:"content_since,omitzero"`
	Origins      []skillpulse.Origin  `json:"origins"`
	Description  string               `json:"description"`
	Sections     []skillpulse.Section `json:"sections,omitempty"`
	Tags         exportTags           `json:"tags"`
}

// exportTags is skillpulse.Tags with the field order and names fixed here,
// so a change to the domain type's JSON does not silently change the export.
type exportTags struct {
	// Skills are the skills the posting names; Implied those it implies
	// through them (empty for versions stored before schema 10 and not
	// retagged since, whose skills may mix parent credit in).
	Skills    []exportMention      `json:"skills"`
	Implied   []exportImplied      `json:"implied,omitempty"`
	Seniority skillpulse.Seniority `json:"seniority"`
	Language  string               `json:"language,omitempty"`
	Years     int                  `json:"years,omitempty"`
}

type exportMention struct {
	ID       string           `json:"id"`
	Level    skillpulse.Level `json:"level"`
	Years    int              `json:"years,omitempty"`
	Evidence string           `json:"evidence,omitempty"`
}

type exportImplied struct {
	ID    string           `json:"id"`
	Level skillpulse.Level `json:"level"`
	Via   []string         `json:"via"`
}

func newExportRecord(sp *skillpulse.StoredPosting, since time.Time) ExportRecord {
	p := &sp.Posting
	r := ExportRecord{
		Source: p.Source, Type: p.SourceType, NativeID: p.NativeID, URL: p.URL, Title: p.Title,
		Company: p.Company, Location: p.Location, Department: p.Department, Workplace: p.Workplace,
		Salary: p.Salary, Posted: utc(p.Posted), Updated: utc(p.Updated),
		FirstSeen: utc(sp.FirstSeen), LastSeen: utc(sp.LastSeen), ClosedAt: utc(sp.ClosedAt),
		ContentSince: utc(since), Origins: sp.Origins, Description: p.Description, Sections: p.Sections,
		Tags: exportTags{Skills: make([]exportMention, len(sp.Tags.Mentions)), Seniority: sp.Tags.Seniority,
			Language: sp.Tags.Language, Years: sp.Tags.Years},
	}
	if r.Origins == nil {
		r.Origins = []skillpulse.Origin{}
	}
	for i, m := range sp.Tags.Mentions {
		r.Tags.Skills[i] = exportMention{ID: m.SkillID, Level: m.Level, Years: m.Years, Evidence: m.Evidence}
	}
	for _, m := range sp.Tags.Implied {
		r.Tags.Implied = append(r.Tags.Implied, exportImplied{ID: m.SkillID, Level: m.Level, Via: m.Via})
	}
	return r
}

func utc(t time.Time) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	return t.UTC()
}

// posting returns the record as the domain posting and tags it describes.
func (r *ExportRecord) posting() (skillpulse.Posting, skillpulse.Tags) {
	p := skillpulse.Posting{
		Source: r.Source, SourceType: r.Type, NativeID: r.NativeID, URL: r.URL, Title: r.Title,
		Company: r.Company, Location: r.Location, Department: r.Department, Workplace: r.Workplace,
		Salary: r.Salary, Posted: utc(r.Posted), Updated: utc(r.Updated),
		Description: r.Description, Sections: r.Sections,
	}
	t := skillpulse.Tags{Seniority: r.Tags.Seniority, Language: r.Tags.Language, Years: r.Tags.Years}
	if len(r.Tags.Skills) > 0 {
		t.Mentions = make([]skillpulse.Mention, len(r.Tags.Skills))
		for i, m := range r.Tags.Skills {
			t.Mentions[i] = skillpulse.Mention{SkillID: m.ID, Level: m.Level, Years: m.Years, Evidence: m.Evidence}
		}
	}
	for _, m := range r.Tags.Implied {
		t.Implied = append(t.Implied, skillpulse.Implied{SkillID: m.ID, Level: m.Level, Via: m.Via})
	}
	return p, t
}

// exportChunk is how many postings Export reads per read transaction; the
// writer is called outside any transaction, like ForEachLive's consumer.
const exportChunk = 256

// Export writes every posting seen or closed at or after since — its last
// sighting or its closing is not before since; a zero since exports all —
// to w, in posting-id order (the order postings were first stored), and
// returns how many it wrote. Each posting is exported with its current
// content and tags, lifecycle and origins.
//
// Format FormatJSONL writes one ExportRecord per line, which Import reads
// back. FormatCSV writes a header and one row per posting with the main
// fields and a skills column, "terraform:required:3;aws:preferred" (skill,
// level, and years when stated, in the extractor's order). FormatParquet
// writes a Parquet file of ParquetRows, one per posting and skill.
//
// Export reads in chunks of short read transactions so that a run may write
// meanwhile: every posting is consistent in itself, and one a concurrent run
// stores may or may not be included.
func (s *Store) Export(ctx context.Context, w io.Writer, format string, since time.Time) (int, error) {
	fail := func(n int, err error) (int, error) { return n, fmt.Errorf("store: export %s: %w", format, err) }
	write, flush, err := exportWriter(w, format)
	if err != nil {
		return fail(0, err)
	}
	n := 0
	var after []byte // last id exported; nil before the first chunk
	for done := false; !done; {
		if err := ctx.Err(); err != nil {
			return fail(n, err)
		}
		var batch []ExportRecord
		var err error
		if batch, after, done, err = s.readExportChunk(ctx, after, since); err != nil {
			return fail(n, err)
		}
		for i := range batch {
			if err := write(&batch[i]); err != nil {
				return fail(n, fmt.Errorf("posting %s/%s: %w", batch[i].Source, batch[i].NativeID, err))
			}
			n++
		}
	}
	if err := flush(); err != nil {
		return fail(n, err)
	}
	return n, nil
}

// exportWriter returns how records are written to w in format, and how
// the writing is finished.
func exportWriter(w io.Writer, format string) (write func(*ExportRecord) error, flush func() error, err error) {
	switch format {
	case FormatJSONL:
		bw := bufio.NewWriterSize(w, 1<<16)
		enc := json.NewEncoder(bw)
		enc.SetEscapeHTML(false) // descriptions are HTML; keep them readable
		return func(r *ExportRecord) error { return enc.Encode(r) }, bw.Flush, nil
	case FormatCSV:
		cw := csv.NewWriter(w)
		if err := cw.Write(csvHeader); err != nil {
			return nil, nil, err
		}
		return func(r *ExportRecord) error { return cw.Write(skillpulse.CSVRow(csvRow(r))) }, func() error { cw.Flush(); return cw.Error() }, nil
	case FormatParquet:
		write, flush := parquetWriter(w)
		return write, flush, nil
	}
	return nil, nil, fmt.Errorf("unknown format (want %s, %s or %s)", FormatJSONL, FormatCSV, FormatParquet)
}

// readExportChunk reads, in one short read transaction, the records of up
// to exportChunk postings after the id after (nil: from the first) that
// were touched since since. It returns them, the last id it looked at, and
// whether no posting is left.
func (s *Store) readExportChunk(ctx context.Context, after []byte, since time.Time) (batch []ExportRecord, last []byte, done bool, err error) {
	last = after
	err = s.db.View(ctx, func(tx *bolt.Tx) error {
		b := s.bucketsOf(tx)
		c := b.postings.Cursor()
		k, _ := c.First()
		if after != nil {
			if k, _ = c.Seek(after); k != nil && bytes.Equal(k, after) {
				k, _ = c.Next()
			}
		}
		for ; k != nil && len(batch) < exportChunk; k, _ = c.Next() {
			last = bytes.Clone(k)
			if len(k) != 8 {
				return fmt.Errorf("postings/%x: %w", k, ErrCorrupt)
			}
			id := binary.BigEndian.Uint64(k)
			if !since.IsZero() {
				ok, err := touchedSince(b, id, since)
				if err != nil {
					return err
				}
				if !ok {
					continue
				}
			}
			sp, ver, err := s.loadWithSince(b, id)
			if err != nil {
				return err
			}
			batch = append(batch, newExportRecord(sp, ver))
		}
		done = k == nil
		return nil
	})
	return batch, last, done, err
}

// touchedSince reports whether posting id was last seen, or closed, at or
// after since.
func touchedSince(b buckets, id uint64, since time.Time) (bool, error) {
	last, err := decodeTime(b.seen.Get(u64(id)))
	if err != nil {
		return false, fmt.Errorf("seen/%d: %w", id, err)
	}
	if !last.Before(since) {
		return true, nil
	}
	h, err := decodeHead(b.postings.Get(u64(id)))
	if err != nil {
		return false, fmt.Errorf("postings/%d: %w", id, err)
	}
	return !h.ClosedAt.IsZero() && !h.ClosedAt.Before(since), nil
}

// loadWithSince loads posting id at its current version and also returns
// when that version was first seen.
func (s *Store) loadWithSince(b buckets, id uint64) (*skillpulse.StoredPosting, time.Time, error) {
	sp, err := s.load(b, id, -1)
	if err != nil {
		return nil, time.Time{}, err
	}
	h, err := decodeHead(b.postings.Get(u64(id)))
	if err != nil {
		return nil, time.Time{}, fmt.Errorf("postings/%d: %w", id, err)
	}
	v, err := b.version(id, h.Current)
	if err != nil {
		return nil, time.Time{}, err
	}
	return sp, v.Since, nil
}

var csvHeader = []string{
	"source", "native_id", "url", "title", "company", "location", "department", "workplace",
	"salary_min", "salary_max", "salary_currency", "salary_period", "posted",
	"first_seen", "last_seen", "closed_at", "seniority", "language", "years", "skills",
}

func csvRow(r *ExportRecord) []string {
	t := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format(time.RFC3339)
	}
	num := func(f float64) string {
		if f == 0 {
			return ""
		}
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	var smin, smax, cur, per string
	if r.Salary != nil {
		smin, smax, cur, per = num(r.Salary.Min), num(r.Salary.Max), r.Salary.Currency, r.Salary.Period
	}
	years := ""
	if r.Tags.Years > 0 {
		years = strconv.Itoa(r.Tags.Years)
	}
	skills := make([]string, len(r.Tags.Skills))
	for i, m := range r.Tags.Skills {
		skills[i] = m.ID + ":" + m.Level.String()
		if m.Years > 0 {
			skills[i] += ":" + strconv.Itoa(m.Years)
		}
	}
	return []string{
		r.Source, r.NativeID, r.URL, r.Title, r.Company, r.Location, r.Department, r.Workplace.String(),
		smin, smax, cur, per, t(r.Posted),
		t(r.FirstSeen), t(r.LastSeen), t(r.ClosedAt), r.Tags.Seniority.String(), r.Tags.Language, years,
		strings.Join(skills, ";"),
	}
}
