// Package pgserver starts a throwaway PostgreSQL server for a test or a
// live run: a new cluster in a temporary folder (initdb), a server that
// listens on a unix socket in that folder only (no TCP port), and a Stop
// that shuts it down and removes the folder.
//
// It needs PostgreSQL's own programs, initdb and pg_ctl. Find looks for
// them on PATH, then in /usr/lib/postgresql/*/bin (where Debian and
// Ubuntu put them: apt-get install postgresql) and in
// /usr/local/pgsql/bin. PostgreSQL refuses to run as root; when the
// process is root, Start runs the programs as an unprivileged user
// (postgres if it exists, else nobody) through runuser.
package pgserver

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"time"
)

// ErrNotInstalled is returned by Find and Start when PostgreSQL's programs
// are not found.
var ErrNotInstalled = errors.New("PostgreSQL's initdb and pg_ctl not found on PATH nor in /usr/lib/postgresql/*/bin " +
	"(Debian, Ubuntu: apt-get install postgresql; macOS: brew install postgresql)")

// Find returns the folder that holds initdb and pg_ctl: the one on PATH if
// any, else the newest of /usr/lib/postgresql/*/bin, else
// /usr/local/pgsql/bin. If the environment variable COURSE_POSTGRES_BIN
// is set, it is the only folder Find looks in. It returns ErrNotInstalled
// if there is none.
func Find() (string, error) {
	if dir := os.Getenv("COURSE_POSTGRES_BIN"); dir != "" {
		if _, err := os.Stat(filepath.Join(dir, "initdb")); err != nil {
			return "", fmt.Errorf("COURSE_POSTGRES_BIN=%s: %w", dir, ErrNotInstalled)
		}
		return dir, nil
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		dir := filepath.Dir(p)
		if _, err := os.Stat(filepath.Join(dir, "pg_ctl")); err == nil {
			return dir, nil
		}
	}
	// pg_ctl alone on PATH is often a link into the real folder.
	if p, err := exec.LookPath("pg_ctl"); err == nil {
		if real, err := filepath.EvalSymlinks(p); err == nil {
			dir := filepath.Dir(real)
			if _, err := os.Stat(filepath.Join(dir, "initdb")); err == nil {
				return dir, nil
			}
		}
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	slices.SortFunc(dirs, func(a, b string) int { return version(b) - version(a) }) // newest first
	dirs = append(dirs, "/usr/local/pgsql/bin")
	for _, dir := range dirs {
		if _, err := os.Stat(filepath.Join(dir, "initdb")); err == nil {
			return dir, nil
		}
	}
	return "", ErrNotInstalled
}

// version is the major version in a path /usr/lib/postgresql/N/bin.
func version(bin string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(bin)))
	return n
}

// Server is a running throwaway PostgreSQL server.
type Server struct {
	dir   string // the cluster and the socket live here
	bin   string
	runAs string // the user that runs the programs, when we are root
}

// User is the name of the cluster's superuser, who connects with no
// password (trust authentication: the socket is in a folder only its owner
// and root can enter).
const User = "course"

// Start creates a cluster in a new temporary folder and starts a server on
// it, and returns when the server accepts connections. Every step is
// bounded by ctx and by timeouts of its own (initdb 60s, start 30s). Call
// Stop when done, even after an error from a later step: a nil Server
// needs no Stop.
func Start(ctx context.Context) (*Server, error) {
	bin, err := Find()
	if err != nil {
		return nil, err
	}
	s := &Server{bin: bin}
	if os.Geteuid() == 0 {
		s.runAs = "nobody"
		if _, err := user.Lookup("postgres"); err == nil {
			s.runAs = "postgres"
		}
		if _, err := exec.LookPath("runuser"); err != nil {
			return nil, fmt.Errorf("running as root, and PostgreSQL refuses root: runuser, to run it as %s, not found: %w", s.runAs, err)
		}
	}
	// Run as another user, the server must reach its folder: the usual
	// temporary folder may be one only root can enter (a test's own, say),
	// and the folder is then made in /tmp, which every user can.
	base := os.TempDir()
	if s.runAs != "" && !othersCanEnter(base) {
		base = "/tmp"
	}
	dir, err := os.MkdirTemp(base, "pgserver-")
	if err != nil {
		return nil, err
	}
	s.dir = dir
	if s.runAs != "" {
		u, err := user.Lookup(s.runAs)
		if err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
	}
	data := filepath.Join(dir, "data")
	if err := s.run(ctx, 60*time.Second, "initdb", "-D", data, "-U", User, "-A", "trust",
		"--no-sync", "--no-instructions", "-E", "UTF8", "--locale=C"); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	// -w: pg_ctl waits until the server accepts connections (bounded by -t).
	opts := fmt.Sprintf("-c listen_addresses='' -c unix_socket_directories='%s' -c fsync=off -c max_connections=20", dir)
	if err := s.run(ctx, 40*time.Second, "pg_ctl", "start", "-w", "-t", "30", "-D", data,
		"-l", filepath.Join(dir, "log"), "-o", opts); err != nil {
		log, _ := os.ReadFile(filepath.Join(dir, "log"))
		s.Stop()
		return nil, fmt.Errorf("%w\nserver log:\n%s", err, log)
	}
	return s, nil
}

// run runs a PostgreSQL program, as s.runAs if set, for at most d.
func (s *Server) run(ctx context.Context, d time.Duration, prog string, args ...string) error {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	name, argv := filepath.Join(s.bin, prog), args
	if s.runAs != "" {
		argv = append([]string{"-u", s.runAs, "--", name}, args...)
		name = "runuser"
	}
	cmd := exec.CommandContext(ctx, name, argv...)
	cmd.Dir = s.dir // readable by the user who runs it
	cmd.WaitDelay = 5 * time.Second
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s %q: %w\n%s", prog, args, err, out.Bytes())
	}
	return nil
}

// DSN returns a connection string for the database "postgres" as User,
// over the server's unix socket, for pgx (and its database/sql driver).
func (s *Server) DSN() string {
	return fmt.Sprintf("host=%s port=5432 user=%s dbname=postgres sslmode=disable", s.dir, User)
}

// Stop shuts the server down (pg_ctl stop -m fast: the sessions are
// ended, the server waits for nothing) and removes its folder. It waits
// at most 30 seconds for the server. It is safe to call on a nil Server
// and more than once.
func (s *Server) Stop() error {
	if s == nil || s.dir == "" {
		return nil
	}
	data := filepath.Join(s.dir, "data")
	var err error
	if _, statErr := os.Stat(filepath.Join(data, "postmaster.pid")); statErr == nil {
		err = s.run(context.Background(), 40*time.Second, "pg_ctl", "stop", "-w", "-t", "30", "-m", "fast", "-D", data)
	}
	if rmErr := os.RemoveAll(s.dir); err == nil {
		err = rmErr
	}
	s.dir = ""
	return err
}

// Dir returns the server's folder: its socket, its cluster (data) and
// its log (log).
func (s *Server) Dir() string { return s.dir }

// othersCanEnter reports whether a user other than its owner can reach
// dir: dir and every folder above it let others through (their x bit).
func othersCanEnter(dir string) bool {
	for d := filepath.Clean(dir); ; d = filepath.Dir(d) {
		info, err := os.Stat(d)
		if err != nil || info.Mode().Perm()&0o001 == 0 {
			return false
		}
		if filepath.Dir(d) == d {
			return true
		}
	}
}
