package crawler_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"testing"

	"github.com/skillpulse/skillpulse/config"
	"github.com/skillpulse/skillpulse/crawler"
	"github.com/skillpulse/skillpulse/crawler/crawltest"
)

// exampleT lets examples use crawltest, which closes its server through
// testing.TB's Cleanup.
type exampleT struct {
	testing.TB
	cleanups []func()
}

func (t *exampleT) Cleanup(f func()) { t.cleanups = append(t.cleanups, f) }
func (t *exampleT) close() {
	for _, f := range t.cleanups {
		f()
	}
}

func ExampleCrawler_FetchResult() {
	t := &exampleT{}
	defer t.close()
	srv := crawltest.NewServer(t)
	srv.Greenhouse("acme", []byte(`{"jobs":[
		{"id":1,"title":"Site Reliability Engineer","absolute_url":"https://job-boards.greenhouse.io/acme/jobs/1","content":"&lt;p&gt;Kubernetes&lt;/p&gt;"},
		{"id":2,"title":"Platform Marketing Manager","absolute_url":"https://job-boards.greenhouse.io/acme/jobs/2"}],
		"meta":{"total":2}}`))

	c := crawler.New(config.Crawl{}, crawler.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))))
	src := srv.Source("acme-jobs", "greenhouse", "acme")
	res, err := c.FetchResult(context.Background(), &src)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range res.Postings {
		fmt.Println(p.Source, p.SourceType, p.NativeID, p.Title, p.Description)
	}
	fmt.Println("filtered by role:", res.Filtered, "truncated:", res.Truncated)
	// Output:
	// acme-jobs greenhouse 1 Site Reliability Engineer <p>Kubernetes</p>
	// filtered by role: 1 truncated: false
}

func ExampleCheckSource() {
	err := crawler.CheckSource(&config.Source{Name: "jobs", Type: "greenhouse"})
	var ke *crawler.KeyError
	if errors.As(err, &ke) {
		// The config loader prefixes file, line and sources[i].
		fmt.Printf("key %q: %v\n", ke.Key, ke.Err)
	}
	fmt.Println(crawler.CheckSource(&config.Source{Type: "greenhouse", Board: "acme", Site: "acme"}))
	// Output:
	// key "board": required for type greenhouse
	// site: not used by type greenhouse
}
