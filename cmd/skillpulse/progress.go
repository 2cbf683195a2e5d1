package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"

	"golang.org/x/term"

	"github.com/skillpulse/skillpulse"
	"github.com/skillpulse/skillpulse/config"
)

// progress draws one line per source and an overall bar on a terminal,
// redrawing in place as sources finish. It is used only when stdout is a
// terminal; otherwise the crawl's structured log lines tell the same story.
type progress struct {
	mu    sync.Mutex
	w     io.Writer
	names []string
	lines []string
	done  int
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// newProgress returns nil when w is not a terminal.
func newProgress(w io.Writer, sources []config.Source) *progress {
	if !isTerminal(w) {
		return nil
	}
	p := &progress{w: w}
	for _, s := range sources {
		p.names = append(p.names, s.Name)
		p.lines = append(p.lines, fmt.Sprintf("  %-24s %-16s fetching…", skillpulse.Printable(s.Name, 24), s.Type))
	}
	p.draw(false)
	return p
}

// update records a finished source and redraws.
func (p *progress) update(o skillpulse.SourceOutcome) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for i, n := range p.names {
		if n != o.Name {
			continue
		}
		status := fmt.Sprintf("%d postings (%d new, %d updated)", o.Fetched, o.New, o.Updated)
		mark := "✓"
		switch {
		case o.Failed:
			mark, status = "✗", "failed: "+skillpulse.Printable(o.Error, 80)
		case o.Suspect:
			mark, status = "!", "suspect: "+skillpulse.Printable(o.Error, 80)
		}
		p.lines[i] = fmt.Sprintf("%s %-24s %-16s %s", mark, skillpulse.Printable(o.Name, 24), o.Type, status)
		p.done++
	}
	p.draw(true)
}

// draw writes every line; with redraw it first moves the cursor back up
// over the previous drawing.
func (p *progress) draw(redraw bool) {
	var b strings.Builder
	if redraw {
		fmt.Fprintf(&b, "\x1b[%dA", len(p.lines)+1)
	}
	for _, l := range p.lines {
		b.WriteString("\r\x1b[2K")
		b.WriteString(l)
		b.WriteByte('\n')
	}
	const width = 30
	filled := 0
	if len(p.lines) > 0 {
		filled = width * p.done / len(p.lines)
	}
	fmt.Fprintf(&b, "\r\x1b[2K[%s%s] %d/%d sources\n", strings.Repeat("█", filled), strings.Repeat("░", width-filled), p.done, len(p.lines))
	io.WriteString(p.w, b.String())
}
