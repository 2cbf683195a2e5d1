package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/extract"
	"github.com/skillpulse/skillpulse/resume"
)

// maxExtractInput bounds what `extract` reads: room for markup around the
// extract.MaxInput of text the tagger reads, far above any real posting.
const maxExtractInput = 4 * extract.MaxInput

// extractedSkill is one line of `extract --format json`; the field names are
// a contract (add fields, rename none).
type extractedSkill struct {
	ID       string              `json:"id"`
	Name     string              `json:"name"`
	Category skillpulse.Category `json:"category"`
	Level    skillpulse.Level    `json:"level"`
	// LevelReason says what decided Level: the title, a heading (or
	// inline label), a cue in the sentence, or the default (mentioned).
	LevelReason skillpulse.LevelReason `json:"level_reason"`
	Years       int                    `json:"years,omitempty"`
	Evidence    string                 `json:"evidence"`
}

// impliedSkill is one line of the "implied" list of `extract --format
// json`: a skill the text does not name but implies through the named
// skills in Via (eks → kubernetes, aws). A contract like extractedSkill.
type impliedSkill struct {
	ID       string              `json:"id"`
	Name     string              `json:"name"`
	Category skillpulse.Category `json:"category"`
	Level    skillpulse.Level    `json:"level"`
	Via      []string            `json:"via"`
}

type extractOutput struct {
	// Skills are the skills the text names; Implied the ones it implies.
	Skills    []extractedSkill     `json:"skills"`
	Implied   []impliedSkill       `json:"implied"`
	Seniority skillpulse.Seniority `json:"seniority"`
	Workplace skillpulse.Workplace `json:"workplace"`
	Salary    *skillpulse.Salary   `json:"salary,omitempty"`
	Years     int                  `json:"years,omitempty"`
	Language  string               `json:"language,omitempty"`
}

func (a *app) extractCommand() *cobra.Command {
	var out *outputFlags
	var title string
	cmd := &cobra.Command{
		Use:   "extract [FILE|-] [--title TITLE] [--format table|json] [--json]",
		Short: "Tag one posting's text or HTML and print the skills it asks for",
		Long: `Tag one posting (plain text, Markdown or HTML; a file, or standard input when
FILE is - or absent; a PDF, a Word file or binary data is refused) and
print each skill with its requirement level, the
years asked where stated, and the sentence it was found in. With --title
the text is tagged as a posting with that title, as the crawler tags one:
seniority comes from the title and skills it names count as required;
without it, a first line that names a role is read as the title for
seniority.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usagef("extract takes at most one file, got %d", len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			format, err := out.get(cmd)
			if err != nil {
				return err
			}
			tagger, err := a.tagger()
			if err != nil {
				return err
			}
			doc, err := a.readInput(args)
			if err != nil {
				return err
			}
			tax := a.tax
			var tags skillpulse.Tags
			if title != "" {
				tags = tagger.Tag(&skillpulse.Posting{Title: title, Description: doc})
			} else {
				tags = tagger.TagDocument(doc)
			}
			res := extractOutput{Skills: []extractedSkill{}, Implied: []impliedSkill{}, Seniority: tags.Seniority, Years: tags.Years, Language: tags.Language,
				Workplace: extract.Workplace(doc), Salary: extract.Salary(doc)}
			for _, m := range tags.Mentions {
				s, _ := tax.Lookup(m.SkillID)
				res.Skills = append(res.Skills, extractedSkill{ID: m.SkillID, Name: s.Name, Category: s.Category,
					Level: m.Level, LevelReason: m.Reason, Years: m.Years, Evidence: m.Evidence})
			}
			for _, m := range tags.Implied {
				s, _ := tax.Lookup(m.SkillID)
				res.Implied = append(res.Implied, impliedSkill{ID: m.SkillID, Name: s.Name, Category: s.Category, Level: m.Level, Via: m.Via})
			}
			if format == formatJSON {
				return writeJSON(a.stdout, res)
			}
			return printExtract(a.stdout, res)
		},
	}
	out = addOutputFlags(cmd, formatTable, formatJSON)
	cmd.Flags().StringVar(&title, "title", "", "the posting's title (seniority is read from it; skills it names count as required)")
	return cmd
}

func (a *app) readInput(args []string) (string, error) {
	var r io.Reader = a.stdin
	name := "standard input"
	if len(args) == 1 && args[0] != "-" {
		f, err := os.Open(args[0])
		if err != nil {
			return "", err
		}
		defer f.Close()
		r, name = f, args[0]
	}
	b, err := io.ReadAll(io.LimitReader(r, maxExtractInput+1))
	if err != nil {
		return "", fmt.Errorf("read %s: %w", name, err)
	}
	if len(b) > maxExtractInput {
		return "", fmt.Errorf("read %s: larger than %d MiB; a posting is never that long", name, maxExtractInput>>20)
	}
	var de *resume.DocumentError
	switch f, err := resume.Detect(b); {
	case errors.As(err, &de) && de.Detail != "":
		return "", fmt.Errorf("%s: not a posting's text or HTML: %s", name, de.Detail)
	case err != nil:
		return "", fmt.Errorf("%s: not a posting's text or HTML: %w", name, err)
	case f == resume.FormatPDF || f == resume.FormatDOCX:
		return "", fmt.Errorf("%s: not a posting's text or HTML: a %s file (save the posting as text, or analyze a resume with skillpulse analyze)", name, strings.ToUpper(string(f)))
	}
	if len(b) > extract.MaxInput {
		fmt.Fprintf(a.stderr, "skillpulse: %s is over %d KiB; only the first %d KiB of its text are tagged\n", name, extract.MaxInput>>10, extract.MaxInput>>10)
	}
	return string(b), nil
}

func printExtract(w io.Writer, out extractOutput) error {
	if len(out.Skills) == 0 {
		_, err := fmt.Fprintln(w, "no skills found")
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "SKILL\tNAME\tCATEGORY\tLEVEL\tBY\tYEARS\tEVIDENCE")
	for _, s := range out.Skills {
		years := "-"
		if s.Years > 0 {
			years = fmt.Sprint(s.Years)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", skillpulse.Printable(s.ID, 64), skillpulse.Printable(s.Name, 80), skillpulse.Printable(string(s.Category), 40), s.Level, s.LevelReason, years, skillpulse.Printable(s.Evidence, 100))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(out.Implied) > 0 {
		fmt.Fprint(w, "\nimplied (not named; through the skills in brackets):")
		for i, s := range out.Implied {
			sep := " "
			if i > 0 {
				sep = ", "
			}
			fmt.Fprintf(w, "%s%s %s (%s)", sep, s.ID, s.Level, strings.Join(s.Via, ", "))
		}
		fmt.Fprintln(w)
	}
	_, err := fmt.Fprintf(w, "\nseniority: %s · workplace: %s", out.Seniority, out.Workplace)
	if s := out.Salary; s != nil {
		fmt.Fprintf(w, " · salary: %s %.0f–%.0f per %s", s.Currency, s.Min, s.Max, s.Period)
	}
	if out.Years > 0 {
		fmt.Fprintf(w, " · years asked: %d", out.Years)
	}
	if out.Language != "" {
		fmt.Fprintf(w, " · language: %s", out.Language)
	}
	fmt.Fprintln(w)
	return err
}
