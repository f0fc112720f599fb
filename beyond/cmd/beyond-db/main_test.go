package main

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"example.com/cancellation/beyond/database/pgserver"
)

// requirePostgres skips the test if PostgreSQL is not installed, unless
// COURSE_REQUIRE_POSTGRES=1.
func requirePostgres(t *testing.T) {
	t.Helper()
	if _, err := pgserver.Find(); err != nil {
		if os.Getenv("COURSE_REQUIRE_POSTGRES") == "1" {
			t.Fatal(err)
		}
		t.Skipf("skipped: %v (COURSE_REQUIRE_POSTGRES=1 makes this a failure)", err)
	}
}

func TestCLI(t *testing.T) {
	cancelled, cancel := context.WithCancel(t.Context())
	cancel()
	tests := []struct {
		name     string
		ctx      context.Context
		args     []string
		postgres bool
		wantCode int
		stdout   []string // patterns of lines, in order
		stderr   string   // a pattern of all of stderr
	}{
		{name: "no args", args: nil, wantCode: 2,
			stderr: `^usage: beyond-db run <story>, a story one of: sqlite-interrupt, .*, all\n$`},
		{name: "not run", args: []string{"play", "sqlite-interrupt"}, wantCode: 2, stderr: `^usage: beyond-db run <story>.*\n$`},
		{name: "unknown story", args: []string{"run", "mysql"}, wantCode: 2, stderr: `^beyond-db: no story "mysql": one of .*\n$`},
		{name: "sqlite", args: []string{"run", "sqlite-interrupt"}, wantCode: 0, stdout: []string{
			`Lesson 24, Into databases: a count to a billion in SQLite, interrupted by its context \(real time\)`,
			`\[ *\d+ms\] sqlite: counting to a billion, giving up after 100ms`,
			`\[ *\d+ms\] sqlite: count 0, error: context deadline exceeded`,
			`\[ *\d+ms\] client: the error is ctx.Err\(\): true`,
		}, stderr: `^$`},
		{name: "interrupted", ctx: cancelled, args: []string{"run", "all"}, wantCode: 130, stderr: `^beyond-db: interrupted\n$`},
		{name: "all", args: []string{"run", "all"}, postgres: true, wantCode: 0, stdout: []string{
			`\[ *\d+ms\] sqlite: count 0, error: context deadline exceeded`,
			`\[ *\d+ms\] client: the table has 0 rows`,
			`\[ *\d+ms\] server: backend \d+ is gone from pg_stat_activity`,
			`\[ *\d+ms\] client: the same connection again: backend \d+`,
			`\[ *\d+ms\] client: ERROR: canceling statement due to statement timeout \(SQLSTATE 57014\)`,
		}, stderr: `^$`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.postgres {
				requirePostgres(t)
			}
			ctx := tt.ctx
			if ctx == nil {
				ctx = t.Context()
			}
			var stdout, stderr strings.Builder
			if code := cli(ctx, tt.args, &stdout, &stderr); code != tt.wantCode {
				t.Errorf("exit code %d; want %d\nstdout:\n%s\nstderr:\n%s", code, tt.wantCode, stdout.String(), stderr.String())
			}
			if !regexp.MustCompile(tt.stderr).MatchString(stderr.String()) {
				t.Errorf("stderr %q; want it to match %q", stderr.String(), tt.stderr)
			}
			matchLines(t, stdout.String(), tt.stdout)
		})
	}
}

// matchLines fails the test unless each pattern matches a whole line of
// out, in order.
func matchLines(t *testing.T, out string, patterns []string) {
	t.Helper()
	lines := strings.Split(out, "\n")
	i := 0
	for _, p := range patterns {
		re := regexp.MustCompile(`^` + p + `$`)
		for i < len(lines) && !re.MatchString(lines[i]) {
			i++
		}
		if i == len(lines) {
			t.Fatalf("no line matches %q (in order) in:\n%s", p, out)
		}
		i++
	}
}

// A Ctrl-C in the middle of a PostgreSQL story: beyond-db exits 130, and
// stops the server it started: no postgres process is left, and its
// folder is gone.
func TestCtrlCStopsTheServer(t *testing.T) {
	requirePostgres(t)
	exe := filepath.Join(t.TempDir(), "beyond-db")
	if out, err := exec.Command("go", "build", "-o", exe, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	// A temporary folder of the child's own, which the unprivileged user
	// that runs PostgreSQL (when the test runs as root) can enter.
	tmp, err := os.MkdirTemp("", "beyond-db-test-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(tmp)
	if err := os.Chmod(tmp, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.CommandContext(ctx, exe, "run", "postgres-default")
	cmd.Env = append(os.Environ(), "TMPDIR="+tmp)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Wait for the story's first line: the server runs by then.
	buf := make([]byte, 4096)
	var out []byte
	for !strings.Contains(string(out), "client: SELECT pg_sleep(10)") {
		n, err := stdout.Read(buf)
		out = append(out, buf[:n]...)
		if err != nil {
			t.Fatalf("beyond-db's output ended before the story began: %v\n%s%s", err, out, stderr.String())
		}
	}
	dir := regexp.MustCompile(`backend (\d+)`).FindStringSubmatch(string(out))
	cmd.Process.Signal(os.Interrupt)
	rest := make(chan []byte)
	go func() {
		var b []byte
		for {
			n, err := stdout.Read(buf)
			b = append(b, buf[:n]...)
			if err != nil {
				rest <- b
				return
			}
		}
	}()
	tail := <-rest
	err = cmd.Wait()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 130 {
		t.Errorf("beyond-db after Ctrl-C: %v; want exit status 130\n%s%s\n%s", err, out, tail, stderr.String())
	}
	if dir != nil {
		pid := dir[1]
		if n, _ := os.ReadFile("/proc/" + pid + "/comm"); n != nil {
			// The backend's pid: a process of that number may only be a
			// newer one, with another name.
			if strings.HasPrefix(string(n), "postgres") {
				t.Errorf("backend %s still runs after beyond-db exited", pid)
			}
		}
	}
	// The server's folder, where its cluster and socket were, is gone:
	// Stop ran.
	left, err := filepath.Glob(filepath.Join(tmp, "pgserver-*"))
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range left {
		pidFile, _ := os.ReadFile(filepath.Join(dir, "data", "postmaster.pid"))
		t.Errorf("beyond-db left %s behind (postmaster.pid: %q)", dir, strings.SplitN(string(pidFile), "\n", 2)[0])
		if pid := atoi(strings.SplitN(string(pidFile), "\n", 2)[0]); pid > 0 {
			if p, err := os.FindProcess(pid); err == nil {
				p.Kill() // the test cleans up what it found
			}
		}
	}
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0
		}
		n = n*10 + int(c-'0')
	}
	return n
}
