package api_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/skillpulse/skillpulse/api"
)

// openServer serves the fake store's API and a metrics registry on a
// loopback port for the test's life.
func openServer(t *testing.T, configure func(*api.Server)) *api.Server {
	t.Helper()
	apiSrv, _ := newServer(t)
	srv := &api.Server{Addr: "127.0.0.1:0", API: apiSrv.Config.Handler, Metrics: api.NewMetrics().Handler()}
	if configure != nil {
		configure(srv)
	}
	if err := srv.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := srv.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
		if err := <-srv.Done(); err != nil {
			t.Errorf("serving ended with %v", err)
		}
	})
	return srv
}

func do(t *testing.T, method, url, host string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(""))
	if err != nil {
		t.Fatal(err)
	}
	if host != "" {
		req.Host = host
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}

func TestServerOpenServesAndCloseStops(t *testing.T) {
	srv := &api.Server{Addr: "127.0.0.1:0", API: http.NotFoundHandler()}
	if err := srv.Open(); err != nil {
		t.Fatal(err)
	}
	resp, _ := do(t, "GET", srv.URL()+"/api/v1/health", "")
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("status %d from the API handler, want its 404", resp.StatusCode)
	}
	if err := srv.Close(); err != nil {
		t.Fatal(err)
	}
	if err := <-srv.Done(); err != nil {
		t.Errorf("Done after Close: %v, want nil", err)
	}
	if _, err := http.Get(srv.URL() + "/api/v1/health"); err == nil {
		t.Error("the server still answers after Close")
	}
}

func TestServerRefusesAnAddressInUse(t *testing.T) {
	first := openServer(t, nil)
	second := &api.Server{Addr: strings.TrimPrefix(first.URL(), "http://")}
	err := second.Open()
	if err == nil {
		second.Close()
		t.Fatal("a second server opened on an address in use")
	}
	if !strings.Contains(err.Error(), "listen on 127.0.0.1:") {
		t.Errorf("error %q does not name the address", err)
	}
}

func TestMetricsFollowTheAPIsRules(t *testing.T) {
	srv := openServer(t, nil)
	for _, method := range []string{"POST", "PUT", "DELETE", "PATCH"} {
		t.Run(method+" is refused", func(t *testing.T) {
			resp, body := do(t, method, srv.URL()+"/metrics", "")
			if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != "GET, HEAD" {
				t.Errorf("%s /metrics: %d, Allow %q; want 405, GET, HEAD", method, resp.StatusCode, resp.Header.Get("Allow"))
			}
			if !strings.Contains(body, `"error"`) {
				t.Errorf("refusal is not a JSON error: %q", body)
			}
		})
	}
	for path, cache := range map[string]string{"/metrics": "no-store", "/nope": "no-store", "/api/v1/health": "no-cache"} {
		t.Run(path+" carries nosniff and "+cache, func(t *testing.T) {
			resp, _ := do(t, "GET", srv.URL()+path, "")
			if got := resp.Header.Get("X-Content-Type-Options"); got != "nosniff" {
				t.Errorf("X-Content-Type-Options %q", got)
			}
			if got := resp.Header.Get("Cache-Control"); got != cache {
				t.Errorf("Cache-Control %q, want %q", got, cache)
			}
		})
	}
	resp, body := do(t, "GET", srv.URL()+"/metrics", "")
	if resp.StatusCode != 200 || !strings.Contains(body, "skillpulse_postings_live") {
		t.Errorf("GET /metrics: %d %.200q", resp.StatusCode, body)
	}
}

func TestLoopbackServerRefusesForeignHosts(t *testing.T) {
	srv := openServer(t, func(s *api.Server) { s.Hosts = []string{"skillpulse.internal"} })
	port := srv.URL()[strings.LastIndex(srv.URL(), ":"):]
	tests := []struct {
		host string
		want int
	}{
		{"127.0.0.1" + port, 200},
		{"localhost" + port, 200},
		{"LOCALHOST", 200},
		{"[::1]" + port, 200},
		{"127.3.2.1", 200},
		{"skillpulse.internal" + port, 200},
		{"Skillpulse.Internal.", 200},
		{"attacker.example" + port, http.StatusMisdirectedRequest},
		{"attacker.example", http.StatusMisdirectedRequest},
		{"localhost.attacker.example", http.StatusMisdirectedRequest},
		{"10.0.0.1" + port, http.StatusMisdirectedRequest},
	}
	for _, tt := range tests {
		for _, path := range []string{"/api/v1/health", "/metrics"} {
			t.Run(tt.host+path, func(t *testing.T) {
				resp, body := do(t, "GET", srv.URL()+path, tt.host)
				if resp.StatusCode != tt.want {
					t.Errorf("Host %q: status %d, want %d (%q)", tt.host, resp.StatusCode, tt.want, body)
				}
				if tt.want != 200 && !strings.Contains(body, `"error"`) {
					t.Errorf("refusal is not a JSON error: %q", body)
				}
			})
		}
	}
}

func TestMountedRoutesFollowTheRules(t *testing.T) {
	srv := openServer(t, func(s *api.Server) {
		s.Mount("POST /api/v1/analyze", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			io.WriteString(w, `{"ok":true}`)
		}))
	})
	if resp, body := do(t, "POST", srv.URL()+"/api/v1/analyze", ""); resp.StatusCode != 200 || body != `{"ok":true}` {
		t.Errorf("mounted route: %d %q", resp.StatusCode, body)
	}
	if resp, _ := do(t, "POST", srv.URL()+"/api/v1/analyze", "evil.example"); resp.StatusCode != http.StatusMisdirectedRequest {
		t.Errorf("mounted route with a foreign Host: %d, want 421", resp.StatusCode)
	}
}

func TestTokenGuardsAllButHealth(t *testing.T) {
	const token = "s3cret-token-for-tests"
	srv := openServer(t, func(s *api.Server) { s.Token = token })
	open := openServer(t, func(s *api.Server) { s.Token, s.MetricsOpen = token, true })
	get := func(base, path, auth string) int {
		req, _ := http.NewRequest("GET", base+path, nil)
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode == 401 && (!strings.Contains(string(body), `"error"`) || resp.Header.Get("WWW-Authenticate") == "") {
			t.Errorf("%s: a 401 without a JSON error or WWW-Authenticate: %q", path, body)
		}
		return resp.StatusCode
	}
	tests := []struct {
		name, base, path, auth string
		want                   int
	}{
		{"health is open", srv.URL(), "/api/v1/health", "", 200},
		{"the API without the token", srv.URL(), "/api/v1/weeks/current", "", 401},
		{"the API with a wrong token", srv.URL(), "/api/v1/weeks/current", "Bearer s3cret-token-for-test", 401},
		{"the API with another scheme", srv.URL(), "/api/v1/weeks/current", "Basic " + token, 401},
		{"the API with the token", srv.URL(), "/api/v1/weeks/current", "Bearer " + token, 200},
		{"an unknown path without the token", srv.URL(), "/api/v2/x", "", 401},
		{"metrics without the token", srv.URL(), "/metrics", "", 401},
		{"metrics with the token", srv.URL(), "/metrics", "bearer " + token, 200},
		{"open metrics without the token", open.URL(), "/metrics", "", 200},
		{"the API beside open metrics", open.URL(), "/api/v1/runs", "", 401},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := get(tt.base, tt.path, tt.auth); got != tt.want {
				t.Errorf("status %d, want %d", got, tt.want)
			}
		})
	}
}

func TestIsLoopbackAddr(t *testing.T) {
	for addr, want := range map[string]bool{
		"127.0.0.1:9477": true, "127.9.9.9:1": true, "[::1]:0": true, "localhost:9477": true,
		":9477": false, "0.0.0.0:9477": false, "[::]:9477": false, "10.0.0.5:80": false,
		"skillpulse.internal:9477": false, "127.0.0.1": false,
	} {
		if got := api.IsLoopbackAddr(addr); got != want {
			t.Errorf("IsLoopbackAddr(%q) = %v, want %v", addr, got, want)
		}
	}
}
