package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// startServe runs serve in this process until the test ends and returns
// its base URL.
func startServe(t *testing.T, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	outR, outW := io.Pipe()
	done := make(chan int, 1)
	go func() {
		var stderr strings.Builder
		done <- run(ctx, append(args, "serve", "--no-schedule"), strings.NewReader(""), outW, &stderr)
		outW.CloseWithError(fmt.Errorf("serve ended: %s", stderr.String()))
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			t.Error("serve did not stop")
		}
	})
	line, err := bufio.NewReader(outR).ReadString('\n')
	if err != nil {
		t.Fatalf("serve printed no address: %v", err)
	}
	go io.Copy(io.Discard, outR)
	return strings.Fields(line)[3]
}

func TestServeRefusesAReachableListenerWithoutAToken(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "sp.db")
	cfg := writeFile(t, dir, "c.yaml", fmt.Sprintf("storage: {path: %s}\ncrawl: {user_agent: t}\nsources: [{name: a, type: greenhouse, board: a, base_url: \"http://127.0.0.1:9\", allow_private: true}]\n", db))
	t.Setenv("SKILLPULSE_API_TOKEN", "")
	for _, listen := range []string{"0.0.0.0:0", ":0", "[::]:0"} {
		code, _, stderr := cli(t, "", "--config", cfg, "serve", "--listen", listen)
		if code != exitUsage || !strings.Contains(stderr, "api.token_file") || !strings.Contains(stderr, listen) {
			t.Errorf("serve --listen %s without a token: exit %d, %q; want 2 naming api.token_file", listen, code, stderr)
		}
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Errorf("a refused serve created the store: %v", err)
	}
	short := writeFile(t, dir, "token", "short\n")
	cfgShort := writeFile(t, dir, "c2.yaml", fmt.Sprintf("storage: {path: %s}\ncrawl: {user_agent: t}\nsources: [{name: a, type: greenhouse, board: a, base_url: \"http://127.0.0.1:9\", allow_private: true}]\napi: {token_file: %s}\n", db, short))
	if code, _, stderr := cli(t, "", "--config", cfgShort, "serve"); code != exitUsage || !strings.Contains(stderr, "at least 16") {
		t.Errorf("a 5-character token: exit %d, %q", code, stderr)
	}
	// A token file that never ends is refused by its first line's length,
	// not read into memory whole.
	cfgEndless := writeFile(t, dir, "c3.yaml", fmt.Sprintf("storage: {path: %s}\ncrawl: {user_agent: t}\nsources: [{name: a, type: greenhouse, board: a, base_url: \"http://127.0.0.1:9\", allow_private: true}]\napi: {token_file: /dev/zero}\n", db))
	if code, _, stderr := cli(t, "", "--config", cfgEndless, "serve"); code != exitUsage || !strings.Contains(stderr, "api.token_file: /dev/zero: its first line is over 4096 bytes") {
		t.Errorf("token_file /dev/zero: exit %d, %q; want 2 saying its first line is too long", code, stderr)
	}
}

func TestServeAsksForTheToken(t *testing.T) {
	dir := t.TempDir()
	token := "0123456789abcdef0123"
	tokenFile := writeFile(t, dir, "token", token+"\n")
	cfg := writeFile(t, dir, "c.yaml", fmt.Sprintf("storage: {path: %s}\ncrawl: {user_agent: t}\nsources: [{name: a, type: greenhouse, board: a, base_url: \"http://127.0.0.1:9\", allow_private: true}]\napi: {listen: \"127.0.0.1:0\", token_file: %s}\n",
		filepath.Join(dir, "sp.db"), tokenFile))
	t.Setenv("SKILLPULSE_API_TOKEN", "")
	base := startServe(t, "--config", cfg, "--log-level", "error")
	status := func(path, auth string) int {
		req, _ := http.NewRequest("GET", base+path, nil)
		if auth != "" {
			req.Header.Set("Authorization", "Bearer "+auth)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	for _, tc := range []struct {
		path, auth string
		want       int
	}{
		{"/api/v1/health", "", 200},
		{"/api/v1/runs", "", 401},
		{"/api/v1/runs", "wrong-token-wrong-token", 401},
		{"/api/v1/runs", token, 200},
		{"/metrics", "", 401},
		{"/metrics", token, 200},
	} {
		if got := status(tc.path, tc.auth); got != tc.want {
			t.Errorf("GET %s with token %q: %d, want %d", tc.path, tc.auth, got, tc.want)
		}
	}
}
