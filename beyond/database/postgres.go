package database

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgconn/ctxwatch"
	"github.com/jackc/pgx/v5/stdlib"
)

// OpenPostgres opens the PostgreSQL database that dsn names through pgx's
// database/sql driver. With cancelRequest false, pgx does its default when
// the context of a call ends: it sets a deadline in the past on the
// connection, so that the call returns at once, and then closes the
// connection, sending the server a cancel request and a Terminate as it
// goes (pgconn's DeadlineContextWatcherHandler, then asyncClose). With
// cancelRequest true, it sends the server a cancel request on a separate
// connection and waits for the server's answer, up to 5 seconds, and the
// connection stays open (pgconn's CancelRequestContextWatcherHandler).
func OpenPostgres(dsn string, cancelRequest bool) (*sql.DB, error) {
	config, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, err
	}
	if cancelRequest {
		config.BuildContextWatcherHandler = func(c *pgconn.PgConn) ctxwatch.Handler {
			return &pgconn.CancelRequestContextWatcherHandler{
				Conn:          c,
				DeadlineDelay: 5 * time.Second, // if the server does not answer the cancel
			}
		}
	}
	return stdlib.OpenDB(*config), nil
}

// Activity is what pg_stat_activity says about one server process, a
// backend: the monitoring view with one row per server process.
type Activity struct {
	PID int
	// State is "active" while the backend runs a statement, "idle" while
	// it waits for the client's next one.
	State string
	// WaitEvent names what the backend waits for, if it waits: PgSleep
	// in pg_sleep, ClientRead when it waits for its client.
	WaitEvent string
	// Query is the statement running, or, when the backend is idle, the
	// last one it ran.
	Query string
}

// String formats a like the row it came from.
func (a Activity) String() string {
	return fmt.Sprintf("pid %d, state %s, wait_event %s, query %q", a.PID, a.State, a.WaitEvent, a.Query)
}

// BackendActivity returns pg_stat_activity's row for the backend pid,
// read through db (use another connection than the backend's own, busy
// with its statement). ok is false if there is no such backend any more.
func BackendActivity(ctx context.Context, db *sql.DB, pid int) (a Activity, ok bool, err error) {
	err = db.QueryRowContext(ctx, `SELECT pid, coalesce(state, ''), coalesce(wait_event, ''), query
FROM pg_stat_activity WHERE pid = $1`, pid).Scan(&a.PID, &a.State, &a.WaitEvent, &a.Query)
	if errors.Is(err, sql.ErrNoRows) {
		return Activity{}, false, nil
	}
	return a, err == nil, err
}

// WaitActivity reads the backend pid's row every 5ms until done says it is
// what the caller waits for, and returns it; ok is false when the backend
// is gone. It gives up with an error when ctx ends: bound it.
func WaitActivity(ctx context.Context, db *sql.DB, pid int, done func(a Activity, ok bool) bool) (Activity, bool, error) {
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	var last Activity
	var lastOK bool
	for {
		a, ok, err := BackendActivity(ctx, db, pid)
		if err == nil {
			if done(a, ok) {
				return a, ok, nil
			}
			last, lastOK = a, ok
		}
		select {
		case <-ctx.Done():
			if lastOK {
				return last, lastOK, fmt.Errorf("waiting for backend %d (last seen: %v): %w", pid, last, ctx.Err())
			}
			return last, lastOK, fmt.Errorf("waiting for backend %d: %w", pid, ctx.Err())
		case <-tick.C:
		}
	}
}

// sleeping reports whether a is a backend in pg_sleep.
func sleeping(a Activity, ok bool) bool { return ok && a.State == "active" && a.WaitEvent == "PgSleep" }

// notActive reports whether the backend is gone or no longer runs a
// statement.
func notActive(a Activity, ok bool) bool { return !ok || a.State != "active" }

// gone reports whether the backend has ended.
func gone(_ Activity, ok bool) bool { return !ok }

// SleepQuery is the statement the PostgreSQL stories cancel: ten seconds
// of doing nothing on the server.
const SleepQuery = `SELECT pg_sleep(10)`

// PostgresDefault cancels a statement under pgx's default: it runs
// SleepQuery on one connection of db (opened with OpenPostgres(dsn,
// false)), cancels its context once pg_stat_activity shows it running,
// and logs what the client got and what became of the backend. watch is a
// second pool, to read pg_stat_activity while db's connection is busy.
func PostgresDefault(ctx context.Context, log *slog.Logger, db, watch *sql.DB) error {
	return cancelSleep(ctx, log, db, watch)
}

// PostgresCancelRequest is PostgresDefault with db opened by
// OpenPostgres(dsn, true): pgx sends the server a cancel request and
// waits for its answer.
func PostgresCancelRequest(ctx context.Context, log *slog.Logger, db, watch *sql.DB) error {
	return cancelSleep(ctx, log, db, watch)
}

func cancelSleep(ctx context.Context, log *slog.Logger, db, watch *sql.DB) error {
	client, server := log.With("lane", "client"), log.With("lane", "server")
	bound, cancelBound := context.WithTimeout(ctx, 10*time.Second)
	defer cancelBound()
	conn, err := db.Conn(bound)
	if err != nil {
		return err
	}
	defer conn.Close()
	var pid int
	if err := conn.QueryRowContext(bound, `SELECT pg_backend_pid()`).Scan(&pid); err != nil {
		return err
	}

	query, cancel := context.WithCancel(bound)
	defer cancel()
	seen := make(chan error, 1)
	go func() { // the user, who leaves once the server is at work
		a, _, err := WaitActivity(bound, watch, pid, sleeping)
		if err == nil {
			server.Info("server: " + a.String())
		}
		log.Info("client: cancelling the context", "event", "cancel")
		cancel()
		seen <- err
	}()
	client.Info(fmt.Sprintf("client: %s on backend %d", SleepQuery, pid), "event", "begin")
	_, err = conn.ExecContext(query, SleepQuery)
	client.Info(fmt.Sprintf("client: %v", err), "event", "end", "err", err)
	if err := <-seen; err != nil {
		return err
	}
	var pgErr *pgconn.PgError
	client.Info(fmt.Sprintf("client: errors.Is(err, context.Canceled): %t; a *pgconn.PgError: %t",
		errors.Is(err, context.Canceled), errors.As(err, &pgErr)))

	a, ok, err := WaitActivity(bound, watch, pid, notActive)
	if err != nil {
		return err
	}
	if ok {
		server.Info("server: " + a.String())
	}
	var again int
	err = conn.QueryRowContext(bound, `SELECT pg_backend_pid()`).Scan(&again)
	if err == nil {
		client.Info(fmt.Sprintf("client: the same connection again: backend %d", again))
		return nil
	}
	client.Info(fmt.Sprintf("client: the same connection again: %v", err))
	if _, _, err := WaitActivity(bound, watch, pid, gone); err != nil {
		return err
	}
	server.Info(fmt.Sprintf("server: backend %d is gone from pg_stat_activity", pid))
	return nil
}

// PostgresStatementTimeout gives the server a deadline of its own, SET
// statement_timeout = '50ms', and runs a statement of a second under a
// context that never ends: the server cancels it, and the client gets
// the server's error.
func PostgresStatementTimeout(ctx context.Context, log *slog.Logger, db *sql.DB) error {
	client := log.With("lane", "client")
	bound, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	conn, err := db.Conn(bound)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(bound, `SET statement_timeout = '50ms'`); err != nil {
		return err
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), `RESET statement_timeout`)
	client.Info("client: SET statement_timeout = '50ms'; SELECT pg_sleep(1)", "event", "begin")
	_, err = conn.ExecContext(bound, `SELECT pg_sleep(1)`)
	client.Info(fmt.Sprintf("client: %v", err), "event", "end", "err", err)
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		client.Info(fmt.Sprintf("client: PgError Code %s, Message %q; errors.Is(err, context.DeadlineExceeded): %t",
			pgErr.Code, pgErr.Message, errors.Is(err, context.DeadlineExceeded)))
	}
	return nil
}
