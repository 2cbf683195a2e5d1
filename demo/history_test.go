package demo

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestHistoryIsReproducibleAndChangesNightByNight(t *testing.T) {
	first := time.Date(2026, 10, 9, 3, 0, 0, 0, time.UTC)
	a, err := NewHistory(4, first)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := NewHistory(4, first)
	srv, err := Start(1)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	for _, n := range []int{0, 10, a.Nights() - 1} {
		da, err := a.night(n, srv.nights)
		if err != nil {
			t.Fatal(err)
		}
		db, _ := b.night(n, srv.nights)
		if !bytes.Equal(da.greenhouse["tidepool"].withContent, db.greenhouse["tidepool"].withContent) {
			t.Errorf("night %d: two histories of the same length serve different bytes", n)
		}
	}
	d0, _ := a.night(0, srv.nights)
	d1, _ := a.night(1, srv.nights)
	if bytes.Equal(d0.greenhouse["northwind"].withContent, d1.greenhouse["northwind"].withContent) {
		t.Error("nights 0 and 1 list the same northwind postings: nothing opens or closes")
	}
	var all strings.Builder
	for _, j := range a.jobs {
		all.WriteString(j.content)
	}
	for _, want := range []string{"$", "€", "£", "per hour", "Terraform", "Puppet", "fully remote", "hybrid"} {
		if !strings.Contains(all.String(), want) {
			t.Errorf("no generated posting states %q", want)
		}
	}
}

func TestHistoryDriftsTerraformUpAndPuppetDown(t *testing.T) {
	h, err := NewHistory(8, time.Date(2026, 10, 9, 3, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	share := func(word string, from, to int) float64 {
		n, k := 0, 0
		for _, j := range h.jobs {
			if j.open >= from && j.open < to {
				n++
				if strings.Contains(j.content, word) {
					k++
				}
			}
		}
		return float64(k) / float64(n)
	}
	last := h.Nights()
	if early, late := share("Terraform", 0, 14), share("Terraform", last-7, last); late < early+0.3 {
		t.Errorf("Terraform in postings opened in the first two weeks %.2f, in the last week %.2f: want a clear rise", early, late)
	}
	if early, late := share("Puppet", 0, 14), share("Puppet", last-7, last); late > early-0.2 {
		t.Errorf("Puppet in postings opened in the first two weeks %.2f, in the last week %.2f: want a clear fall", early, late)
	}
}

func TestHistoryFailNightAnswers500ForOneBoard(t *testing.T) {
	h, err := NewHistory(2, time.Date(2026, 10, 9, 3, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	srv, err := StartHistory(h)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	night, board := h.FailNight()
	get := func(b string) int {
		resp, err := http.Get(srv.URL() + "/v1/boards/" + b + "/jobs?content=true")
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp.StatusCode
	}
	if got := get(board); got != http.StatusOK {
		t.Errorf("night 0: %s answered %d", board, got)
	}
	if err := srv.SetHistoryNight(night); err != nil {
		t.Fatal(err)
	}
	if got := get(board); got != http.StatusInternalServerError {
		t.Errorf("fail night: %s answered %d, want 500", board, got)
	}
	if got := get("northwind"); got != http.StatusOK {
		t.Errorf("fail night: northwind answered %d, want 200", got)
	}
	if err := srv.SetHistoryNight(h.Nights()); err == nil {
		t.Error("SetHistoryNight past the last night succeeded")
	}
	if _, err := NewHistory(0, time.Now()); err == nil {
		t.Error("NewHistory(0) succeeded")
	}
}
