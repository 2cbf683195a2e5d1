package crawler

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"

	"github.com/skillpulse/skillpulse/config"
)

func TestCharsetsDecodeToUTF8(t *testing.T) {
	win1252, _ := charmap.Windows1252.NewEncoder().String(`<html><head><meta charset="windows-1252"></head><body><h1>Ingénieur Système – Linux</h1></body></html>`)
	latin1, _ := charmap.ISO8859_1.NewEncoder().String(`{"jobs":[{"title":"Ingénieur Réseau"}]}`)
	utf16, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(`<html><body>Ingénieur Cloud</body></html>`)
	sjis, _ := japanese.ShiftJIS.NewEncoder().String(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS"></head><body><h1>インフラエンジニア (Kubernetes)</h1></body></html>`)
	cases := []struct {
		name, contentType, body, want string
	}{
		{"windows-1252 in meta", "text/html", win1252, "Ingénieur Système – Linux"},
		{"ISO-8859-1 in the header", "application/json; charset=iso-8859-1", latin1, "Ingénieur Réseau"},
		{"Shift_JIS in http-equiv", "text/html", sjis, "インフラエンジニア"},
		{"UTF-16 with a byte-order mark", "text/html", utf16, "Ingénieur Cloud"},
		{"undeclared UTF-8 left alone", "text/html", `<html><body>Ingénieur – ok</body></html>`, "Ingénieur – ok"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", tc.contentType)
				w.Write([]byte(tc.body))
			}))
			defer srv.Close()
			h := NewHTTP(config.Limits{AllowPrivate: true, MaxRetries: 0}, false)
			resp, err := h.Get(context.Background(), srv.URL+"/page", nil)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(resp.Body), tc.want) {
				t.Errorf("body %q does not contain %q", resp.Body, tc.want)
			}
		})
	}
}
