package database

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sync"
	"testing"
	"time"

	"example.com/cancellation/beyond/database/pgserver"
	"github.com/jackc/pgx/v5/pgconn"
)

// The PostgreSQL tests share one throwaway server, started by the first
// test that needs it and stopped by TestMain.
var postgres struct {
	once sync.Once
	srv  *pgserver.Server
	err  error
}

// startPostgres returns the shared server. It skips the test if
// PostgreSQL is not installed, unless COURSE_REQUIRE_POSTGRES=1, which
// makes that a failure (for CI).
func startPostgres(t *testing.T) *pgserver.Server {
	t.Helper()
	postgres.once.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		postgres.srv, postgres.err = pgserver.Start(ctx)
	})
	if errors.Is(postgres.err, pgserver.ErrNotInstalled) && os.Getenv("COURSE_REQUIRE_POSTGRES") != "1" {
		t.Skipf("skipped: %v (COURSE_REQUIRE_POSTGRES=1 makes this a failure)", postgres.err)
	}
	if postgres.err != nil {
		t.Fatalf("starting PostgreSQL: %v", postgres.err)
	}
	return postgres.srv
}

func stopPostgres() {
	if postgres.srv != nil {
		if err := postgres.srv.Stop(); err != nil {
			fmt.Fprintln(os.Stderr, "stopping PostgreSQL:", err)
		}
	}
}

// openPostgres opens the shared server's database as OpenPostgres does.
func openPostgres(t *testing.T, srv *pgserver.Server, cancelRequest bool) *sql.DB {
	t.Helper()
	db, err := OpenPostgres(srv.DSN(), cancelRequest)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// serverLog returns what the server has logged so far.
func serverLog(t *testing.T, srv *pgserver.Server) string {
	t.Helper()
	log, err := os.ReadFile(filepath.Join(srv.Dir(), "log"))
	if err != nil {
		t.Fatal(err)
	}
	return string(log)
}

// sleepThenCancel runs SleepQuery on a connection of db of its own, ends
// its context (with end) once pg_stat_activity, read through watch, shows
// the backend in pg_sleep, and returns the backend's pid, what ExecContext
// returned, and the connection, for more.
func sleepThenCancel(t *testing.T, db, watch *sql.DB, ctx context.Context, end func()) (int, *sql.Conn, error) {
	t.Helper()
	conn, err := db.Conn(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	var pid int
	if err := conn.QueryRowContext(t.Context(), `SELECT pg_backend_pid()`).Scan(&pid); err != nil {
		t.Fatal(err)
	}
	seen := make(chan error, 1)
	go func() {
		waitCtx, cancel := context.WithTimeout(context.Background(), bound)
		defer cancel()
		_, _, err := WaitActivity(waitCtx, watch, pid, sleeping)
		end()
		seen <- err
	}()
	err = within(t, "ExecContext", func() error { _, err := conn.ExecContext(ctx, SleepQuery); return err })
	if err := <-seen; err != nil {
		t.Fatal(err)
	}
	return pid, conn, err
}

// The default of pgx: the call returns the context's error at once, and
// the connection is closed; on its way out pgx sends a cancel request, so
// the server ends the statement ("canceling statement due to user
// request" in its log), and the backend ends.
func TestPostgresDefaultClosesTheConnection(t *testing.T) {
	srv := startPostgres(t)
	for _, tt := range []struct {
		name string
		want error
	}{{"cancel", context.Canceled}, {"deadline", context.DeadlineExceeded}} {
		t.Run(tt.name, func(t *testing.T) {
			db, watch := openPostgres(t, srv, false), openPostgres(t, srv, false)
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			end := cancel
			if tt.want == context.DeadlineExceeded {
				// A deadline that passes when the statement runs.
				var cancelDeadline context.CancelFunc
				ctx, cancelDeadline = context.WithDeadline(ctx, time.Now().Add(time.Hour))
				defer cancelDeadline()
				deadline := make(chan struct{})
				ctx = deadlineAt(ctx, deadline)
				end = func() { close(deadline) }
			}
			pid, conn, err := sleepThenCancel(t, db, watch, ctx, end)
			if !errors.Is(err, tt.want) {
				t.Fatalf("ExecContext: %v; want an error that errors.Is %v", err, tt.want)
			}
			var pgErr *pgconn.PgError
			if errors.As(err, &pgErr) {
				t.Errorf("ExecContext: %v is the server's error; want the client's", err)
			}
			waitCtx, cancelWait := context.WithTimeout(t.Context(), bound)
			defer cancelWait()
			if _, _, err := WaitActivity(waitCtx, watch, pid, gone); err != nil {
				t.Errorf("after the cancel the backend is still there: %v; want it gone", err)
			}
			cancelled := regexp.MustCompile(fmt.Sprintf(`\[%d\] ERROR:  canceling statement due to user request\n.*\[%d\] STATEMENT:  %s`,
				pid, pid, regexp.QuoteMeta(SleepQuery)))
			if log := serverLog(t, srv); !cancelled.MatchString(log) {
				t.Errorf("the server's log has no cancel of backend %d's statement:\n%s", pid, log)
			}
			if err := conn.PingContext(t.Context()); err == nil {
				t.Errorf("the connection still works after the cancel; want it closed")
			}
		})
	}
}

// deadlineCtx is a context whose Err becomes context.DeadlineExceeded when
// a channel is closed: a deadline that passes at a moment the test
// chooses, not at a time the machine's load would make a race of.
type deadlineCtx struct {
	context.Context
	done <-chan struct{}
}

func deadlineAt(parent context.Context, done <-chan struct{}) context.Context {
	return deadlineCtx{parent, done}
}

func (c deadlineCtx) Done() <-chan struct{} { return c.done }

func (c deadlineCtx) Err() error {
	select {
	case <-c.done:
		return context.DeadlineExceeded
	default:
		return nil
	}
}

// With pgconn's CancelRequestContextWatcherHandler the server ends the
// statement and says so: the call returns the server's error, SQLSTATE
// 57014, in which errors.Is finds no context error; the backend and the
// connection live on.
func TestPostgresCancelRequestKeepsTheConnection(t *testing.T) {
	srv := startPostgres(t)
	db, watch := openPostgres(t, srv, true), openPostgres(t, srv, false)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	pid, conn, err := sleepThenCancel(t, db, watch, ctx, cancel)
	var pgErr *pgconn.PgError
	if !errors.As(err, &pgErr) {
		t.Fatalf("ExecContext: %v (%T); want a *pgconn.PgError", err, err)
	}
	if pgErr.Code != "57014" || pgErr.Message != "canceling statement due to user request" {
		t.Errorf("the server's error: %s %q; want 57014 %q", pgErr.Code, pgErr.Message, "canceling statement due to user request")
	}
	if errors.Is(err, context.Canceled) {
		t.Errorf("errors.Is(%v, context.Canceled); want false: the server's error does not wrap the context's", err)
	}
	a, ok, err := BackendActivity(t.Context(), watch, pid)
	if err != nil {
		t.Fatal(err)
	}
	if !ok || a.State != "idle" || a.Query != SleepQuery {
		t.Errorf("after the cancel the backend is %v (there: %t); want it idle, its last query %q", a, ok, SleepQuery)
	}
	var again int
	if err := conn.QueryRowContext(t.Context(), `SELECT pg_backend_pid()`).Scan(&again); err != nil || again != pid {
		t.Errorf("the same connection afterwards: backend %d, %v; want %d, nil", again, err, pid)
	}
}

// statement_timeout is the server's own deadline: the server cancels the
// statement, and the client gets the server's error, with a message that
// says which deadline it was.
func TestPostgresStatementTimeout(t *testing.T) {
	srv := startPostgres(t)
	db := openPostgres(t, srv, false)
	conn, err := db.Conn(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(t.Context(), `SET statement_timeout = '50ms'`); err != nil {
		t.Fatal(err)
	}
	_, err = conn.ExecContext(t.Context(), `SELECT pg_sleep(1)`)
	var pgErr *pgconn.PgError
	if !errors.As(err, &pgErr) {
		t.Fatalf("ExecContext: %v (%T); want a *pgconn.PgError", err, err)
	}
	if pgErr.Code != "57014" || pgErr.Message != "canceling statement due to statement timeout" {
		t.Errorf("the server's error: %s %q; want 57014 %q", pgErr.Code, pgErr.Message, "canceling statement due to statement timeout")
	}
	if errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("errors.Is(%v, context.DeadlineExceeded); want false", err)
	}
	if err := conn.PingContext(t.Context()); err != nil {
		t.Errorf("the connection after the timeout: %v; want it to work", err)
	}
}

// An administrator's pg_cancel_backend sends the backend the same signal a
// cancel request does: the client gets the same error, 57014 "canceling
// statement due to user request", while its own context lives on. Only
// ctx.Err() tells the two apart.
func TestPgCancelBackendLooksLikeACancelRequest(t *testing.T) {
	srv := startPostgres(t)
	db, watch := openPostgres(t, srv, false), openPostgres(t, srv, false)
	ctx := t.Context() // never cancelled here
	_, _, err := sleepThenCancel(t, db, watch, ctx, func() {
		// The watcher has just seen the backend in pg_sleep; cancel it
		// the administrator's way.
		if _, err := watch.ExecContext(context.Background(),
			`SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE wait_event = 'PgSleep'`); err != nil {
			t.Error(err)
		}
	})
	var pgErr *pgconn.PgError
	if !errors.As(err, &pgErr) || pgErr.Code != "57014" || pgErr.Message != "canceling statement due to user request" {
		t.Fatalf("ExecContext: %v; want 57014 %q", err, "canceling statement due to user request")
	}
	if ctx.Err() != nil {
		t.Fatalf("ctx.Err() = %v; want nil: the context did not end", ctx.Err())
	}
}
