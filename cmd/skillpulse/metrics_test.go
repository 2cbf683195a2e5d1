package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/skillpulse/skillpulse/demo"
)

// demoBoardsConfig writes a config crawling the demo boards into dir/sp.db.
func demoBoardsConfig(t *testing.T, dir, url string) string {
	t.Helper()
	var srcs strings.Builder
	for _, s := range demo.Sources() {
		key := "board: " + s.Board
		if s.Site != "" {
			key = "site: " + s.Site
		}
		fmt.Fprintf(&srcs, "  - {name: %s, type: %s, %s, base_url: %s, allow_private: true}\n", s.Name, s.Type, key, url)
	}
	return writeFile(t, dir, "c.yaml", fmt.Sprintf("storage: {path: %s}\ncrawl: {user_agent: skillpulse-test, delay: 0s}\nsources:\n%sapi: {listen: \"127.0.0.1:0\"}\n",
		filepath.Join(dir, "sp.db"), srcs.String()))
}

// skillpulseSeries lists the skillpulse_ series names in a text exposition.
func skillpulseSeries(text string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`(?m)^# TYPE (skillpulse_\S+)`).FindAllStringSubmatch(text, -1) {
		out = append(out, m[1])
	}
	slices.Sort(out)
	return out
}

func TestMetricsFromTheFirstScrapeAndInATextfile(t *testing.T) {
	boards, err := demo.Start(1)
	if err != nil {
		t.Fatal(err)
	}
	defer boards.Close()
	dir := t.TempDir()
	cfg := demoBoardsConfig(t, dir, boards.URL())
	prom := filepath.Join(dir, "textfile", "skillpulse.prom")
	os.MkdirAll(filepath.Dir(prom), 0o755)
	code, out, stderr := cli(t, "", "--config", cfg, "--log-level", "error", "crawl", "--json", "--metrics-file", prom)
	if code != 0 {
		t.Fatalf("crawl: %d %s %s", code, out, stderr)
	}
	live := regexp.MustCompile(`"postings_live": (\d+)`).FindStringSubmatch(out)
	if live == nil || live[1] == "0" {
		t.Fatalf("crawl stored no postings: %s", out)
	}
	file, err := os.ReadFile(prom)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(file), "skillpulse_postings_live "+live[1]+"\n") {
		t.Errorf("the textfile does not say %s postings live:\n%s", live[1], file)
	}

	base := startServe(t, "--config", cfg, "--log-level", "error")
	resp, err := http.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), "skillpulse_postings_live "+live[1]+"\n") {
		t.Errorf("serve's first scrape does not say %s postings live:\n%.2000s", live[1], body)
	}
	if a, b := skillpulseSeries(string(file)), skillpulseSeries(string(body)); !slices.Equal(a, b) {
		t.Errorf("the textfile's series %v differ from serve's %v", a, b)
	}

	// A crawl beside serve, as cron runs it, shows at the next scrape.
	boards.SetNight(2)
	code, out, stderr = cli(t, "", "--config", cfg, "--log-level", "error", "crawl", "--json")
	if code != 0 {
		t.Fatalf("crawl beside serve: %d %s %s", code, out, stderr)
	}
	live2 := regexp.MustCompile(`"postings_live": (\d+)`).FindStringSubmatch(out)
	if live2 == nil || live2[1] == live[1] {
		t.Fatalf("night 2 left the postings live as they were (%v): the test needs a change", live2)
	}
	resp, err = http.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), "skillpulse_postings_live "+live2[1]+"\n") {
		t.Errorf("after a crawl beside serve, /metrics does not say %s postings live", live2[1])
	}
}

func TestAnInterruptedCrawlsTextfileKeepsTheStoresLiveCount(t *testing.T) {
	boards, err := demo.Start(1)
	if err != nil {
		t.Fatal(err)
	}
	defer boards.Close()
	dir := t.TempDir()
	cfg := demoBoardsConfig(t, dir, boards.URL())
	prom := filepath.Join(dir, "skillpulse.prom")
	code, out, stderr := cli(t, "", "--config", cfg, "--log-level", "error", "crawl", "--json")
	if code != 0 {
		t.Fatalf("crawl: %d %s %s", code, out, stderr)
	}
	live := regexp.MustCompile(`"postings_live": (\d+)`).FindStringSubmatch(out)
	if live == nil || live[1] == "0" {
		t.Fatalf("crawl stored no postings: %s", out)
	}
	// A signal has cancelled the crawl's context: the crawl fails, and the
	// textfile must still say what the store's newest complete run says.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var outb, errb bytes.Buffer
	if code := run(ctx, []string{"--config", cfg, "--log-level", "error", "crawl", "--metrics-file", prom}, strings.NewReader(""), &outb, &errb); code == 0 {
		t.Fatalf("a cancelled crawl exited 0: %s %s", outb.String(), errb.String())
	}
	file, err := os.ReadFile(prom)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(file), "skillpulse_postings_live "+live[1]+"\n") {
		t.Errorf("after an interrupted crawl the textfile does not say the store's %s postings live:\n%s", live[1], file)
	}
}
