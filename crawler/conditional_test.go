package crawler

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/skillpulse/skillpulse/config"
)

// memValidators is an in-memory Validators store.
type memValidators struct {
	mu sync.Mutex
	m  map[string]Validator
}

func (v *memValidators) LoadValidator(_ context.Context, url string) (Validator, bool) {
	v.mu.Lock()
	defer v.mu.Unlock()
	x, ok := v.m[url]
	return x, ok
}

func (v *memValidators) SaveValidator(_ context.Context, url string, x Validator) error {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.m == nil {
		v.m = map[string]Validator{}
	}
	v.m[url] = x
	return nil
}

func TestConditionalRequests(t *testing.T) {
	body := testdata(t, "greenhouse_board.json")
	const etag = `"v1"`
	var mu sync.Mutex
	broken := false // serve a truncated body (with a new ETag) when set
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		if broken {
			w.Header().Set("ETag", `"v2"`)
			w.Write(body[:100])
			return
		}
		if r.Header.Get("If-None-Match") == etag && r.Header.Get("If-Modified-Since") == "Wed, 21 Oct 2026 07:28:00 GMT" {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", "Wed, 21 Oct 2026 07:28:00 GMT")
		w.Write(body)
	}))
	defer srv.Close()

	store := &memValidators{}
	c := New(config.Crawl{AllowPrivate: true}, WithLogger(quietLogger()), WithValidators(store))
	src := &config.Source{Name: "acme", Type: "greenhouse", Board: "acme", BaseURL: srv.URL}

	posts, err := c.Fetch(context.Background(), src)
	if err != nil || len(posts) != 2 {
		t.Fatalf("first fetch: %d postings, %v; want 2, nil", len(posts), err)
	}
	u := srv.URL + "/v1/boards/acme/jobs?content=true"
	if v, ok := store.LoadValidator(t.Context(), u); !ok || v.ETag != etag {
		t.Fatalf("validator for %s = %+v, %v; want ETag %s", u, v, ok, etag)
	}

	_, err = c.Fetch(context.Background(), src)
	if !errors.Is(err, ErrNotModified) {
		t.Fatalf("second fetch: %v, want ErrNotModified", err)
	}
	want := `greenhouse board "acme": GET ` + u + `: not modified since the last successful fetch`
	if err.Error() != want {
		t.Errorf("error = %q, want %q", err, want)
	}

	mu.Lock()
	broken = true
	mu.Unlock()
	store.SaveValidator(t.Context(), u, Validator{}) // force a full fetch
	if _, err := c.Fetch(context.Background(), src); err == nil {
		t.Fatal("truncated body: no error")
	}
	if v, _ := store.LoadValidator(t.Context(), u); v.ETag == `"v2"` {
		t.Error("a failed fetch saved the validator of the body it could not parse")
	}

	// Without a store, no conditional headers are sent and 304 never comes.
	mu.Lock()
	broken = false
	mu.Unlock()
	plain := New(config.Crawl{AllowPrivate: true}, WithLogger(quietLogger()))
	if _, err := plain.Fetch(context.Background(), src); err != nil {
		t.Errorf("without validators: %v", err)
	}
}

func TestCharsetConverted(t *testing.T) {
	// {"jobs":[{"id":1,"title":"Ingénieur Système"}]} in ISO-8859-1.
	latin1 := []byte("{\"jobs\":[{\"id\":1,\"title\":\"Ing\xe9nieur Syst\xe8me\"}]}")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json; charset=iso-8859-1")
		w.Write(latin1)
	}))
	defer srv.Close()
	posts, err := newGreenhouse(testHTTP(loopbackLimits(), nil)).Fetch(context.Background(),
		&config.Source{Type: "greenhouse", Board: "x", BaseURL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	if len(posts) != 1 || posts[0].Title != "Ingénieur Système" {
		t.Errorf("posts = %+v, want the title decoded from ISO-8859-1", posts)
	}
}

func TestDecodeJSONSkipsBOM(t *testing.T) {
	posts, err := parseLever([]byte("\xef\xbb\xbf[{\"id\":\"a\",\"text\":\"SRE\"}]"))
	if err == nil && len(posts) == 1 {
		return
	}
	// parseLever checks the first byte before decoding; the BOM must not
	// make a valid array look like something else.
	t.Errorf("parseLever with BOM = %v, %v", posts, err)
}

// A 304 means "what you have is current" only to a request that said what
// it has (If-None-Match, If-Modified-Since). To any other it is a broken
// or hostile server: read as "not modified" it would keep a source's last
// postings live for as long as the server kept answering it, so it is an
// error, and a source that gets it fails.
func TestUnsolicitedNotModifiedIsAnError(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNotModified)
	}))
	defer srv.Close()
	src := &config.Source{Name: "acme", Type: "greenhouse", Board: "acme", BaseURL: srv.URL}
	u := srv.URL + "/v1/boards/acme/jobs?content=true"
	tests := []struct {
		name string
		opts []Option
	}{
		{"with a validators store that has none for the URL", []Option{WithValidators(&memValidators{})}},
		{"with a validators store holding an empty validator", []Option{WithValidators(&memValidators{m: map[string]Validator{u: {}}})}},
		{"without a validators store", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := New(config.Crawl{AllowPrivate: true}, append([]Option{WithLogger(quietLogger())}, tt.opts...)...)
			_, err := c.Fetch(context.Background(), src)
			var se *StatusError
			if errors.Is(err, ErrNotModified) || !errors.As(err, &se) || se.Status != http.StatusNotModified {
				t.Fatalf("error = %v, want a 304 status error, not %q", err, ErrNotModified)
			}
			if want := `greenhouse board "acme": GET ` + u + `: 304 Not Modified to a request that was not conditional`; err.Error() != want {
				t.Errorf("error = %q, want %q", err, want)
			}
		})
	}
}
