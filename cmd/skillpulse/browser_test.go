package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/skillpulse/skillpulse"
)

// The HTML report opened in a real browser: headless Chromium (Debian's
// chromium package, which .ci/run installs), driven over the DevTools
// protocol. The tests skip, loudly, only when Chromium is missing outside
// CI; under CI=true a missing Chromium fails them.

// chromiumPath finds the browser or skips (fails under CI).
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	msg := "Chromium not found (apt-get install -y chromium): the HTML report was NOT opened in a browser"
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	fmt.Fprintln(os.Stderr, "!!! SKIPPING BROWSER TEST:", msg)
	t.Skip(msg)
	return ""
}

// pageReport is what the browser saw of a page.
type pageReport struct {
	Title string `json:"title"`
	// Bad lists elements and attributes no report may contain: scripts,
	// frames, objects, images, event handlers, javascript: URLs, styles
	// beyond the one in the head.
	Bad []string `json:"bad"`
	// Charts are the bounding boxes of every chart and sparkline.
	Charts []struct {
		Label  string  `json:"label"`
		Width  float64 `json:"width"`
		Height float64 `json:"height"`
		Marks  int     `json:"marks"` // drawn shapes with a non-empty box
	} `json:"charts"`
	Text string `json:"text"`
	// A11y lists what a reader with a screen reader would miss: the
	// page's language, its title, one h1, a scope on every table header,
	// a name on every chart.
	A11y []string `json:"a11y"`
	// WideCells are table cells wider than the viewport: a long word that
	// neither wraps nor clips makes its table as wide as the word.
	WideCells []string `json:"wideCells"`
	// SmallText are chart labels drawn smaller than minChartText px, once
	// the chart is scaled to the window.
	SmallText []string `json:"smallText"`
	// Mismatch are charts that draw another figure than their table
	// gives; Compared counts the figures compared.
	Mismatch []string `json:"mismatch"`
	Compared int      `json:"compared"`
	// Scrolling are tables and charts wider than their box on a desktop's
	// width, where a reader must scroll inside the box to see them whole.
	Scrolling []string `json:"scrolling"`
	// LowContrast is text too close in colour to its background, in a
	// light or a dark system theme.
	LowContrast []string `json:"-"`
	// ClippedText are chart labels that run past their chart's edge,
	// where the chart cuts them.
	ClippedText []string `json:"clippedText"`
	// Overflow is how many pixels the page is wider than the viewport: a
	// page that scrolls sideways on a phone hides columns off-screen.
	Overflow float64 `json:"overflow"`
	// Unclipped counts table cells that paint what overflows them: a
	// stack of combining marks in one would be drawn over the rows above.
	Unclipped int `json:"unclipped"`
	// Print lists what a printed copy would lose: a table or chart the
	// print stylesheet hides or leaves blank, a table cut at the page's
	// edge.
	Print []string `json:"-"`
	// DOM is the document as the browser serialises it after loading.
	DOM string `json:"-"`
}

// inspect runs in the page through the DevTools protocol (not subject to
// the page's CSP, which forbids scripts of its own).
// minChartText is the smallest a chart's text may be drawn, in CSS px.
const minChartText = 9

// inspect is inspectJS with minChartText in place.
var inspect = strings.ReplaceAll(inspectJS, "MIN_CHART_TEXT", fmt.Sprint(minChartText))

const inspectJS = `(() => {
  const bad = [];
  for (const el of document.querySelectorAll('*')) {
    const tag = el.tagName.toLowerCase();
    if (['script','iframe','object','embed','img','image','foreignobject','link','base','form','input','button','video','audio'].includes(tag)) bad.push('element ' + tag);
    if (tag === 'style' && el.parentElement !== document.head) bad.push('style outside head');
    if (['g','rect','text','polyline','circle','line','desc','pattern'].includes(tag) && !el.closest('svg')) bad.push('chart element ' + tag + ' outside any svg');
    if (tag === 'title' && !el.closest('svg') && el.parentElement !== document.head) bad.push('title outside head and svg');
    for (const a of el.attributes) {
      const n = a.name.toLowerCase(), v = a.value.toLowerCase().replace(/\s/g, '');
      if (n.startsWith('on')) bad.push('attribute ' + n + ' on ' + tag);
      if ((n === 'href' || n === 'xlink:href' || n === 'src' || n === 'action') && !v.startsWith('#')) bad.push(n + '=' + a.value.slice(0, 60));
      if (v.includes('javascript:')) bad.push('javascript: in ' + n);
    }
    if (tag === 'a' && !(el.relList.contains('noopener') && el.relList.contains('noreferrer'))) bad.push('link without rel=noopener noreferrer: ' + el.getAttribute('href'));
    if (el.hasAttribute('target')) bad.push('target on ' + tag);
  }
  if (document.querySelectorAll('head style').length !== 1) bad.push('head styles: ' + document.querySelectorAll('head style').length);
  const csp = (document.querySelector('head meta[http-equiv="Content-Security-Policy"]')?.content || '').split(';').map(d => d.trim());
  for (const want of ["default-src 'none'", "base-uri 'none'", "form-action 'none'"]) if (!csp.includes(want)) bad.push('CSP without ' + want);
  if (window.__pwned) bad.push('window.__pwned set');
  const charts = [];
  for (const s of document.querySelectorAll('svg.chart, .sparks svg')) {
    const r = s.getBoundingClientRect();
    let marks = 0;
    for (const m of s.querySelectorAll('rect, polyline, circle, line')) { const b = m.getBBox(); if (b.width > 0 || b.height > 0) marks++; }
    const t = s.querySelector('title');
    charts.push({label: t ? t.textContent.slice(0, 80) : '(no title)', width: r.width, height: r.height, marks});
  }
  const overflow = document.documentElement.scrollWidth - document.documentElement.clientWidth;
  let unclipped = 0;
  for (const c of document.querySelectorAll('td, th')) { const st = getComputedStyle(c); if (st.overflowX === 'visible' || st.overflowY === 'visible') unclipped++; }
  const a11y = [];
  if (!document.documentElement.lang) a11y.push('no lang on <html>');
  if (!document.title.trim()) a11y.push('no <title>');
  const h1 = document.querySelectorAll('h1').length;
  if (h1 !== 1) a11y.push(h1 + ' h1 elements');
  for (const th of document.querySelectorAll('th')) if (!['col', 'row', 'colgroup', 'rowgroup'].includes(th.getAttribute('scope'))) a11y.push('th without scope: ' + th.textContent.slice(0, 40));
  for (const s of document.querySelectorAll('svg[role=img]')) if (!s.getAttribute('aria-label') && !s.getAttribute('aria-labelledby')) a11y.push('chart without a name');
  const vw = document.documentElement.clientWidth, wideCells = [];
  for (const c of document.querySelectorAll('td, th')) { const w = c.getBoundingClientRect().width; if (w > vw) wideCells.push(Math.round(w) + ' px: ' + c.textContent.slice(0, 40)); }
  // The charts against their tables: each bar's length (600 units for
  // 100 %) and each sparkline's last share against the table's figure.
  const mismatch = []; let compared = 0;
  const share = s => parseFloat(s.replace(/[^0-9.]/g, '')) / (s.includes('%') ? 100 : 1);
  const tableOf = section => { const t = document.querySelector(section + ' table'); if (!t) return null; const cols = [...t.querySelectorAll('thead th')].map(th => th.textContent.trim()); return {cols, rows: [...t.querySelectorAll('tbody tr')].map(r => [...r.cells].map(c => c.textContent.trim()))}; };
  const bars = label => [...(document.querySelector('svg[aria-labelledby="' + label + '"]')?.children || [])].filter(g => g.tagName === 'g' && g.querySelector('rect')).map(g => [...g.querySelectorAll('rect')].map(r => parseFloat(r.getAttribute('width')) / 600));
  const compare = (what, drawn, figure) => { compared++; if (!(Math.abs(drawn - figure) <= 0.006)) mismatch.push(what + ': drawn ' + drawn.toFixed(3) + ', table ' + figure.toFixed(3)); };
  const skills = tableOf('#skills'), skillBars = bars('sk-t sk-d');
  if (skills) {
    const listed = skills.cols.indexOf('Listed'), name = skills.cols.indexOf('Skill');
    if (skillBars.length !== skills.rows.length) mismatch.push(skillBars.length + ' skill bars for ' + skills.rows.length + ' table rows');
    skillBars.forEach((b, i) => skills.rows[i] && compare('skill ' + skills.rows[i][name], b.reduce((a, w) => a + w, 0), share(skills.rows[i][listed])));
    for (const sp of document.querySelectorAll('.sparks svg')) {
      const m = sp.querySelector('title').textContent.match(/^(.*): .* in .*, ([0-9.]+%) in [^,]*$/);
      const row = m && skills.rows.find(r => r[name] === m[1]);
      if (row) { compared++; if (row[listed] !== m[2]) mismatch.push('sparkline ' + m[1] + ' ends at ' + m[2] + ', the table says ' + row[listed]); }
      const trend = tableOf('#trends')?.rows.find(r => m && r[0] === m[1]);
      if (m && !trend) mismatch.push('sparkline ' + m[1] + ' has no row in the trends table');
      if (trend) { compared++; if (trend[trend.length - 1] !== m[2]) mismatch.push('sparkline ' + m[1] + ' ends at ' + m[2] + ', the trends table says ' + trend[trend.length - 1]); }
    }
  }
  const market = tableOf('#market'), marketBars = bars('mk-t mk-d');
  if (market) {
    const [wt, li, rq] = ['Weight', 'Listed', 'Required'].map(c => market.cols.indexOf(c));
    if (marketBars.length !== market.rows.length) mismatch.push(marketBars.length + ' market bars for ' + market.rows.length + ' table rows');
    marketBars.forEach((b, i) => { const r = market.rows[i]; if (!r) return; compare('area ' + i + ' weight', b[0], share(r[wt])); compare('area ' + i + ' listed', b[1], share(r[li])); compare('area ' + i + ' required', b[2], share(r[rq])); });
  }
  // On a desktop's width no table should need scrolling in its box.
  const scrolling = [];
  if (vw >= 1000) for (const b of document.querySelectorAll('.scroll')) if (b.checkVisibility() && b.scrollWidth > b.clientWidth + 1) scrolling.push(b.scrollWidth + ' px in ' + b.clientWidth + ': ' + (b.querySelector('caption, th, title')?.textContent || '').slice(0, 40));
  const smallText = [], clippedText = [];
  for (const t of document.querySelectorAll('svg text')) {
    const m = t.getScreenCTM();
    if (!m || !t.textContent.trim()) continue;
    const px = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
    if (px < MIN_CHART_TEXT) smallText.push(px.toFixed(1) + ' px: ' + t.textContent.slice(0, 30));
    const r = t.getBoundingClientRect(), c = t.ownerSVGElement.getBoundingClientRect();
    if (r.width > 0 && (r.left < c.left - 1 || r.right > c.right + 1)) clippedText.push(t.textContent.slice(0, 30));
  }
  return JSON.stringify({title: document.title, bad, charts, text: document.body.innerText, overflow, unclipped, a11y, wideCells, smallText, clippedText, mismatch, compared, scrolling});
})()`

// inspectPrint runs with the print stylesheet applied at the widest
// layout an A4 page takes: every table and chart must be there, drawn,
// and within the page. (checkVisibility is false inside a closed
// <details>, whatever its box.)
const inspectPrint = `(() => {
  const out = [], page = document.documentElement.clientWidth;
  const name = el => (el.querySelector('caption, th, title')?.textContent || el.tagName).slice(0, 50);
  for (const t of document.querySelectorAll('table')) {
    const r = t.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || !t.checkVisibility()) out.push('table not printed: ' + name(t));
    else if (r.right > page + 1) out.push('table cut ' + Math.round(r.right - page) + ' px past the page: ' + name(t));
  }
  for (const s of document.querySelectorAll('svg.chart, .sparks svg')) {
    const r = s.getBoundingClientRect();
    let marks = 0;
    for (const m of s.querySelectorAll('rect, polyline, circle, line')) { const b = m.getBBox(); if (b.width > 0 || b.height > 0) marks++; }
    if (r.width === 0 || r.height === 0 || marks === 0 || !s.checkVisibility()) out.push('chart blank when printed: ' + name(s));
    else if (r.right > page + 1) out.push('chart cut ' + Math.round(r.right - page) + ' px past the page: ' + name(s));
  }
  return JSON.stringify(out);
})()`

// inspectContrast lists text whose colour stands out from its background
// by less than WCAG's AA ratio: 4.5, or 3 for large text (24 px, or 18.66
// px bold). The background is the nearest HTML ancestor's opaque one;
// a chart's text is measured at the size it is drawn.
const inspectContrast = `(() => {
  const parse = c => { const m = c.match(/rgba?\(([^)]+)\)/); if (!m) return null; const p = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number); return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1}; };
  const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }; return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
  const bgOf = el => { for (let e = el; e; e = e.parentElement) { if (e instanceof SVGElement) continue; const c = parse(getComputedStyle(e).backgroundColor); if (c && c.a > 0.5) return c; } return {r: 255, g: 255, b: 255, a: 1}; };
  const low = [], seen = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const n = walker.currentNode, el = n.parentElement;
    if (!n.textContent.trim() || seen.has(el) || el.closest('title, desc')) continue;
    seen.add(el);
    if (!el.checkVisibility()) continue;
    const cs = getComputedStyle(el), svg = el instanceof SVGElement;
    const fg = parse(svg ? cs.fill : cs.color);
    if (!fg) continue;
    const L1 = lum(fg), L2 = lum(bgOf(el)), ratio = (Math.max(L1, L2) + 0.05) / (Math.min(L1, L2) + 0.05);
    const m = svg && el.getScreenCTM(), size = parseFloat(cs.fontSize) * (m ? Math.hypot(m.a, m.b) : 1);
    const need = size >= 24 || (parseInt(cs.fontWeight) >= 700 && size >= 18.66) ? 3 : 4.5;
    if (ratio < need) low.push(ratio.toFixed(2) + ':1 ' + n.textContent.trim().slice(0, 30));
  }
  return JSON.stringify(low);
})()`

// a4PrintWidth is the widest layout Chromium prints on an A4 page: the
// page less the default PDF margins (8.27 in less 2 × 0.4 in, at 96 px an
// inch, 717 px), which it shrinks a document by up to 4/3 to fit; what
// is wider than that is cut at the page's edge.
const a4PrintWidth = 717 * 4 / 3

// openReport loads path in headless Chromium at the given width, saves a
// full-page screenshot, and returns what the page holds and every console
// message, exception and log entry the browser raised.
func openReport(t *testing.T, path string, width int64, shot string) (pageReport, []string) {
	t.Helper()
	exe := chromiumPath(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(int(width), 900))
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	defer acancel()
	var mu sync.Mutex
	var events []string
	listen := func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch e := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			events = append(events, fmt.Sprintf("console.%s", e.Type))
		case *runtime.EventExceptionThrown:
			events = append(events, "exception: "+e.ExceptionDetails.Text)
		case *log.EventEntryAdded:
			events = append(events, fmt.Sprintf("log %s: %s", e.Entry.Source, e.Entry.Text))
		}
	}
	bctx, bcancel := chromedp.NewContext(actx, chromedp.WithListener(listen))
	defer bcancel()
	if _, err := chromedp.Call(bctx, log.Enable, cdp.Empty{}); err != nil {
		t.Fatalf("chromium: enable the log domain: %v", err)
	}
	// The window cannot be narrower than 500 px; the viewport can, as a
	// phone's is.
	if err := chromedp.Do(bctx, chromedp.EmulateViewport(width, 900), chromedp.Navigate("file://"+path), chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
		t.Fatalf("chromium on %s: %v", path, err)
	}
	var lowContrast []string
	raw, err := chromedp.Run(bctx, chromedp.Evaluate[string](inspect))
	if err != nil {
		t.Fatalf("chromium: inspect %s: %v", path, err)
	}
	dom, err := chromedp.Run(bctx, chromedp.OuterHTML(chromedp.CSS("html")))
	if err != nil {
		t.Fatalf("chromium: DOM of %s: %v", path, err)
	}
	png, err := chromedp.Run(bctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("chromium: screenshot of %s: %v", path, err)
	}
	// Printed as a reader would print it: A4, the print stylesheet.
	pdf, err := chromedp.Run(bctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4)))
	if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF")) || len(pdf) < 1000 {
		t.Errorf("chromium: printing %s gave %d bytes (%v)", path, len(pdf), err)
	}
	// Colour contrast, in a light and in a dark system theme.
	for _, scheme := range []string{"light", "dark"} {
		if _, err := chromedp.Call(bctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}}); err != nil {
			t.Fatalf("chromium: emulate a %s theme: %v", scheme, err)
		}
		low, err := chromedp.Run(bctx, chromedp.Evaluate[string](inspectContrast))
		if err != nil {
			t.Fatalf("chromium: contrast of %s: %v", path, err)
		}
		var texts []string
		if err := json.Unmarshal([]byte(low), &texts); err != nil {
			t.Fatalf("contrast inspection: %v", err)
		}
		for _, l := range texts {
			lowContrast = append(lowContrast, scheme+" theme: "+l)
		}
	}
	// Then laid out as printed, last, since it changes the viewport.
	if _, err := chromedp.Call(bctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatalf("chromium: emulate print: %v", err)
	}
	if err := chromedp.Do(bctx, chromedp.EmulateViewport(a4PrintWidth, 1000)); err != nil {
		t.Fatalf("chromium: page-wide viewport: %v", err)
	}
	printed, err := chromedp.Run(bctx, chromedp.Evaluate[string](inspectPrint))
	if err != nil {
		t.Fatalf("chromium: inspect %s as printed: %v", path, err)
	}
	var rep pageReport
	if err := json.Unmarshal([]byte(raw), &rep); err != nil {
		t.Fatalf("page inspection: %v", err)
	}
	if err := json.Unmarshal([]byte(printed), &rep.Print); err != nil {
		t.Fatalf("print inspection: %v", err)
	}
	rep.DOM = dom
	rep.LowContrast = lowContrast
	dir := os.Getenv("SKILLPULSE_SCREENSHOTS")
	if dir == "" {
		dir = t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, shot)
	if err := os.WriteFile(out, png, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(strings.TrimSuffix(out, ".png")+".pdf", pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(strings.TrimSuffix(out, ".png")+".dom.html", []byte(dom), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", out)
	mu.Lock()
	defer mu.Unlock()
	return rep, append([]string(nil), events...)
}

// domForbidden are tags and attributes no report's DOM may hold.
var domForbidden = []*regexp.Regexp{
	regexp.MustCompile(`(?i)<(script|img|iframe|object|embed|foreignobject|image|link|base|form)\b`),
	regexp.MustCompile(`(?i)<[a-z][^<>]*\son[a-z]+\s*=`),
	regexp.MustCompile(`(?i)<[a-z][^<>]*(href|src)\s*=\s*"\s*javascript:`),
}

// checkPage asserts what every report page must be: nothing executable,
// no console noise, no sideways scrolling, and charts that draw.
func checkPage(t *testing.T, rep pageReport, events []string, minCharts int) {
	t.Helper()
	if len(rep.Bad) > 0 {
		t.Errorf("the page holds what a report never may: %q", rep.Bad)
	}
	// The DOM dump: markup only ever appears escaped, as text, where every
	// "<" is "&lt;"; so a "<" starts a real tag.
	for _, bad := range domForbidden {
		if m := bad.FindString(rep.DOM); m != "" {
			t.Errorf("the DOM dump holds %q", m[:min(len(m), 120)])
		}
	}
	for _, e := range events {
		t.Errorf("the browser raised %s", e)
	}
	if rep.Overflow > 1 {
		t.Errorf("the page is %.0f px wider than the window: it scrolls sideways, with columns off-screen", rep.Overflow)
	}
	if rep.Unclipped > 0 {
		t.Errorf("%d table cells paint outside their box: text that overflows one (a stack of combining marks) is drawn over its neighbours", rep.Unclipped)
	}
	if len(rep.SmallText) > 0 {
		t.Errorf("%d chart labels are drawn under %d px, too small to read, such as %q", len(rep.SmallText), minChartText, rep.SmallText[:min(len(rep.SmallText), 3)])
	}
	for _, m := range rep.Mismatch[:min(len(rep.Mismatch), 5)] {
		t.Errorf("a chart disagrees with its table: %s", m)
	}
	for _, b := range rep.Scrolling {
		t.Errorf("on a desktop's width a table or chart scrolls in its box: %s", b)
	}
	for _, l := range rep.LowContrast[:min(len(rep.LowContrast), 5)] {
		t.Errorf("text is too faint against its background: %s", l)
	}
	for _, c := range rep.ClippedText[:min(len(rep.ClippedText), 5)] {
		t.Errorf("a chart label runs past its chart's edge and is cut: %q", c)
	}
	for _, p := range rep.Print {
		t.Errorf("printed: %s", p)
	}
	for _, a := range rep.A11y {
		t.Errorf("accessibility: %s", a)
	}
	for _, c := range rep.WideCells[:min(len(rep.WideCells), 5)] {
		t.Errorf("a table cell is wider than the window (%s): its text neither wraps nor clips", c)
	}
	if len(rep.Charts) < minCharts {
		t.Errorf("%d charts drawn, want at least %d", len(rep.Charts), minCharts)
	}
	for _, c := range rep.Charts {
		if c.Width <= 0 || c.Height <= 0 || c.Marks == 0 {
			t.Errorf("chart %q has an empty box (%gx%g, %d marks drawn)", c.Label, c.Width, c.Height, c.Marks)
		}
		if c.Label == "(no title)" {
			t.Errorf("a chart has no <title>: %+v", c)
		}
	}
}

func TestDemoReportInABrowser(t *testing.T) {
	chromiumPath(t)
	// Three weeks keep the test quick under -race and still give movers
	// (the drift is steepest in the last two weeks) and trend lines.
	dir := t.TempDir()
	code, out, stderr := cli(t, "", "--log-level", "error", "demo", "--weeks", "3", "--out", dir)
	if code != 0 {
		t.Fatalf("demo: exit %d\n%s\n%s", code, out, stderr)
	}
	pages, _ := filepath.Glob(filepath.Join(dir, "reports", "*.html"))
	if len(pages) != 1 {
		t.Fatalf("demo wrote %v", pages)
	}
	for _, width := range []int64{1200, 375} {
		t.Run(fmt.Sprintf("%dpx wide", width), func(t *testing.T) {
			rep, events := openReport(t, pages[0], width, fmt.Sprintf("demo-%d.png", width))
			// Movers, 12 sparklines, the areas chart, market and skills bars.
			checkPage(t, rep, events, 16)
			// The skills' bars, 12 sparklines, each area's three bars.
			if rep.Compared < 40 {
				t.Errorf("%d of the charts' figures compared with their tables, want every bar and sparkline", rep.Compared)
			}
			for _, want := range []string{"Headlines", "▲ gaining", "▼ losing", "Terraform", "Puppet", "Trends", "Pay", "Closed this week", "Source of the weighting", "95 % interval"} {
				if !strings.Contains(rep.Text, want) {
					t.Errorf("the demo's report does not show %q", want)
				}
			}
		})
	}
}

// The payloads of the hostile board: each tries to become markup, run
// script or break out of the page's structure.
var payloads = []string{
	`<script>window.__pwned=1;document.title='PWNED'</script>`,
	`<img src=x onerror="window.__pwned=1">`,
	`javascript:window.__pwned=1//`,
	`<svg onload="window.__pwned=1"><circle r=9></circle></svg>`,
	`</style><style>body{display:none}</style>`,
	`"><a href="javascript:window.__pwned=1">x</a>`,
	`'onmouseover='window.__pwned=1`,
	"\u202Eevil\u202C RTL override",
	`</title></svg></table><script>window.__pwned=1</script>`,
	`{{.}} ${x} =cmd|' /C calc'!A0`,
	strings.Repeat("W", 400), // one word wider than a phone
	zalgo,
	strings.Repeat("\U0001F4A9", 150), // astral runes, each two UTF-16 units
	strings.Repeat("\u200B", 50) + strings.Repeat("x\u00AD", 200),
	"https://example.com/" + strings.Repeat("a/", 180),
	// A word of 5,000 letters, emoji and right-to-left text: none may
	// widen a table past the window or push the page sideways.
	strings.Repeat("W", 5000),
	"🚀👩‍💻🔥 " + strings.Repeat("🚀", 400),
	"مهندس بنية تحتية أول",
}

// zalgo stacks three hundred combining marks on one letter, which a
// browser paints far above the line, over the rows around it.
var zalgo = "Z\u0336\u0337\u0338\u0335\u0334" + strings.Repeat("\u0301", 300) + "algo"

func hostileBoard(t *testing.T) *httptest.Server {
	t.Helper()
	long := strings.Repeat("Platform Engineer ", 10*1024/18)
	var jobs []map[string]any
	for i, p := range payloads {
		title := "Site Reliability Engineer " + p + " " + long
		jobs = append(jobs, map[string]any{
			"id": 1000 + i, "title": title, "absolute_url": "javascript:window.__pwned=1//" + p,
			"company_name": p + long, "location": map[string]any{"name": p + long},
			"updated_at": "2026-11-20T10:00:00Z", "first_published": "2026-11-01T10:00:00Z",
			"departments": []map[string]any{{"name": p + long}}, "offices": []map[string]any{{"name": p, "location": p}},
			"content": htmlEscape("<h2>Requirements</h2><ul><li>5+ years of Terraform " + p + "</li><li>Kubernetes and " + p +
				"</li><li>Pay: $150,000 - $180,000 per year</li></ul><p>" + p + "</p>" + long),
		})
	}
	body, err := json.Marshal(map[string]any{"jobs": jobs, "meta": map[string]any{"total": len(jobs)}})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}

func TestHostileBoardReportInABrowser(t *testing.T) {
	chromiumPath(t)
	dir := t.TempDir()
	srv := hostileBoard(t)
	// Configured and user-taxonomy text reaches the page too: market area
	// names and reasons, and a skill's name.
	var market strings.Builder
	for i, p := range payloads {
		fmt.Fprintf(&market, "  - {id: area%d, name: %q, weight: 0.5, reason: %q, skills: [terraform]}\n", i, "Area "+p, "Because "+p)
	}
	tax := writeFile(t, dir, "tax.yaml", fmt.Sprintf("skills:\n  - {id: hostile, name: %q, category: tool, aliases: [kubernetes and]}\n", payloads[0]+payloads[1]))
	cfg := writeFile(t, dir, "c.yaml", fmt.Sprintf(`storage: {path: %q}
crawl: {user_agent: "skillpulse-test", delay: 0s}
sources:
  - {name: hostile, type: greenhouse, board: evil, base_url: %q, allow_private: true}
market_source: %q
market:
%staxonomy:
  files: [%q]
report: {dir: %q, formats: [html, md, csv, json]}
`, filepath.Join(dir, "s.db"), srv.URL, "Cited: "+payloads[3], market.String(), tax, filepath.Join(dir, "reports")))
	if code, out, stderr := cli(t, "", "--log-level", "error", "--config", cfg, "crawl"); code != 0 {
		t.Fatalf("crawl of the hostile board: exit %d\n%s\n%s", code, out, stderr)
	}
	week := skillpulse.WeekOf(time.Now().UTC()).String()
	if code, out, stderr := cli(t, "", "--log-level", "error", "--config", cfg, "report", "--week", week); code != 0 {
		t.Fatalf("report of the hostile board: exit %d\n%s\n%s", code, out, stderr)
	}
	pages, _ := filepath.Glob(filepath.Join(dir, "reports", "*.html"))
	if len(pages) != 1 {
		t.Fatalf("reports: %v", pages)
	}
	for _, width := range []int64{1200, 375} {
		t.Run(fmt.Sprintf("%dpx wide", width), func(t *testing.T) {
			rep, events := openReport(t, pages[0], width, fmt.Sprintf("hostile-%d.png", width))
			checkPage(t, rep, events, 2)
			if strings.Contains(rep.Title, "PWNED") {
				t.Errorf("a payload ran: the title is %q", rep.Title)
			}
			// The payloads are shown as the text they are.
			for _, want := range []string{"Area <script>window.__pwned=1;", `</style><style>body{display:none}</style>`, "Cited: <svg onload="} {
				if !strings.Contains(rep.Text, want) {
					t.Errorf("the page does not show the payload %q as text", want)
				}
			}
		})
	}
}

// TestBrowserCheckCatchesInjectedMarkup shows the check can fail: a page
// with a script, an event handler and a javascript: link under the same CSP
// is caught by the DOM inspection and by the browser's own log.
func TestBrowserCheckCatchesInjectedMarkup(t *testing.T) {
	chromiumPath(t)
	page := writeFile(t, t.TempDir(), "bad.html", `<!DOCTYPE html><html><head>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>bad</title><style>body{}</style></head><body>
<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1"><a href="javascript:void 0">x</a><a href="https://example.com/" target="_blank">y</a>
<table><tr><th>header with no scope</th></tr></table><svg role="img"></svg>
<svg class="chart" viewBox="0 0 10 10"><title>t</title><rect width="10" height="10"/></svg></body></html>`)
	rep, events := openReport(t, page, 800, "injected.png")
	for _, want := range []string{"element script", "element img", "attribute onerror on img", "javascript: in href", "CSP without base-uri 'none'", "link without rel=noopener noreferrer: https://example.com/", "target on a"} {
		found := false
		for _, b := range rep.Bad {
			found = found || strings.Contains(b, want)
		}
		if !found {
			t.Errorf("the inspection missed %q: %q", want, rep.Bad)
		}
	}
	for _, want := range []string{"no lang on <html>", "0 h1 elements", "th without scope", "chart without a name"} {
		found := false
		for _, a := range rep.A11y {
			found = found || strings.Contains(a, want)
		}
		if !found {
			t.Errorf("the accessibility check missed %q: %q", want, rep.A11y)
		}
	}
	if len(events) == 0 {
		t.Error("the browser logged nothing about the blocked script")
	}
	for _, re := range domForbidden[:3] {
		if !re.MatchString(rep.DOM) {
			t.Errorf("the DOM dump check %s misses the injected markup", re)
		}
	}
}

// TestBrowserCheckCatchesAChartThatDisagreesWithItsTable shows the
// comparison of charts with tables can fail: a bar drawn at 50 % beside a
// table that says 72 %, and a sparkline ending at another share; and the
// contrast check, on faint grey text.
func TestBrowserCheckCatchesAChartThatDisagreesWithItsTable(t *testing.T) {
	chromiumPath(t)
	page := writeFile(t, t.TempDir(), "disagree.html", `<!DOCTYPE html><html lang="en"><head><title>t</title><style></style></head><body><h1>t</h1>
<ul class="sparks"><li><svg viewBox="0 0 240 120"><title>Terraform: 55% in W47, 60% in W49</title><line x1="0" x2="9" y1="0" y2="0" stroke="#000"/></svg></li></ul>
<section id="skills"><svg class="chart" viewBox="0 0 900 60" role="img" aria-labelledby="sk-t sk-d"><title id="sk-t">t</title><desc id="sk-d">d</desc>
<g><text x="230" y="14">Terraform</text><rect x="240" y="3" width="300" height="14"/></g></svg>
<table><thead><tr><th scope="col">Skill</th><th scope="col">Listed</th></tr></thead><tbody><tr><td>Terraform</td><td>72%</td></tr></tbody></table></section>
<p style="color:#aaa">faint grey text</p></body></html>`)
	rep, _ := openReport(t, page, 800, "disagree.png")
	if rep.Compared != 2 {
		t.Errorf("%d figures compared, want the bar and the sparkline", rep.Compared)
	}
	for _, want := range []string{"skill Terraform: drawn 0.500, table 0.720", "sparkline Terraform ends at 60%, the table says 72%"} {
		if !slices.Contains(rep.Mismatch, want) {
			t.Errorf("the comparison missed %q: %q", want, rep.Mismatch)
		}
	}
	// And the contrast check: #aaa on white is 2.32:1.
	for _, want := range []string{"light theme: 2.32:1 faint grey text", "dark theme: 2.32:1 faint grey text"} {
		if !slices.Contains(rep.LowContrast, want) {
			t.Errorf("the contrast check missed %q: %q", want, rep.LowContrast)
		}
	}
}
