package crawler

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync/atomic"
	"testing"
)

func TestLoopbackRefusedWithoutAllowPrivate(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		w.Write([]byte("ok"))
	}))
	defer srv.Close()
	addr := strings.TrimPrefix(srv.URL, "http://")

	lim := loopbackLimits()
	lim.AllowPrivate = false
	w := &waits{}
	_, err := testHTTP(lim, w).Get(context.Background(), srv.URL+"/jobs", nil)
	want := "refusing to connect to " + addr + " (loopback): set allow_private: true on the source or in crawl to allow it"
	if err == nil || !strings.HasSuffix(err.Error(), want) {
		t.Fatalf("error = %v, want it to end in %q", err, want)
	}
	var refused *RefusedError
	if !errors.As(err, &refused) {
		t.Errorf("error %T is not a *RefusedError", err)
	}
	if calls.Load() != 0 || len(w.all()) != 0 {
		t.Errorf("server saw %d requests, %d retries; want none", calls.Load(), len(w.all()))
	}

	resp, err := testHTTP(loopbackLimits(), nil).Get(context.Background(), srv.URL+"/jobs", nil)
	if err != nil || string(resp.Body) != "ok" {
		t.Fatalf("with allow_private: %v, %v; want ok", resp, err)
	}
}

func TestLinkLocalRefusedEvenWithAllowPrivate(t *testing.T) {
	// The guard refuses in the dialer's Control hook, before connect: no
	// packet leaves for 169.254.169.254.
	lim := loopbackLimits()
	w := &waits{}
	_, err := testHTTP(lim, w).Get(context.Background(), "http://169.254.169.254/latest/meta-data/", nil)
	want := "refusing to connect to 169.254.169.254:80 (link-local): link-local addresses are refused even with allow_private"
	if err == nil || !strings.HasSuffix(err.Error(), want) {
		t.Fatalf("error = %v, want it to end in %q", err, want)
	}
	if len(w.all()) != 0 {
		t.Errorf("refusal was retried %d times", len(w.all()))
	}
}

func TestDialGuard(t *testing.T) {
	tests := []struct {
		addr         string
		allowPrivate bool
		wantClass    string // "" means allowed
	}{
		{"93.184.215.14:443", false, ""},
		{"[2606:2800:21f:cb07:6820:80da:af6b:8b2c]:443", false, ""},
		{"127.0.0.1:8080", false, "loopback"},
		{"127.0.0.1:8080", true, ""},
		{"[::1]:80", false, "loopback"},
		{"10.1.2.3:80", false, "private"},
		{"172.16.0.1:80", false, "private"},
		{"192.168.1.1:80", false, "private"},
		{"192.168.1.1:80", true, ""},
		{"100.64.0.1:80", false, "private"},
		{"[fd00::1]:80", false, "private"},
		{"0.0.0.0:80", false, "unspecified"},
		{"[::]:80", false, "unspecified"},
		{"[::ffff:127.0.0.1]:80", false, "loopback"},
		{"169.254.169.254:80", false, "link-local"},
		{"169.254.169.254:80", true, "link-local"},
		{"[fe80::1]:80", true, "link-local"},
		{"[::ffff:169.254.169.254]:80", true, "link-local"},
	}
	for _, tt := range tests {
		err := dialGuard(tt.allowPrivate)("tcp", tt.addr, nil)
		var refused *RefusedError
		switch {
		case tt.wantClass == "" && err != nil:
			t.Errorf("%s allow_private=%v: refused (%v), want allowed", tt.addr, tt.allowPrivate, err)
		case tt.wantClass != "" && (!errors.As(err, &refused) || refused.Class != tt.wantClass):
			t.Errorf("%s allow_private=%v: error %v, want refusal as %s", tt.addr, tt.allowPrivate, err, tt.wantClass)
		}
	}
}

func TestGuardSeesResolvedAddress(t *testing.T) {
	// A public-looking name that resolves to loopback is refused: the
	// guard checks the dialled IP, not the URL's host.
	d := &net.Dialer{Control: dialGuard(false)}
	_, err := d.DialContext(context.Background(), "tcp", "localhost:1")
	var refused *RefusedError
	if !errors.As(err, &refused) || refused.Class != "loopback" {
		t.Fatalf("dial localhost: %v, want a loopback refusal", err)
	}
	if _, err := netip.ParseAddrPort(refused.Addr); err != nil {
		t.Errorf("refusal names %q, want the resolved ip:port", refused.Addr)
	}
}
