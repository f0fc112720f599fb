package database

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
)

// queryStatus is the answer to the lesson's question: the HTTP status for
// a query that failed with err under ctx (the request's context), with
// pgx's cancel request handler.
func queryStatus(ctx context.Context, err error) int {
	if ctx.Err() != nil {
		return 499 // the client left: whatever the server said, we asked it to stop
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "57014" { // query_canceled
		if strings.Contains(pgErr.Message, "statement timeout") {
			return http.StatusGatewayTimeout
		}
		return http.StatusServiceUnavailable // pg_cancel_backend, by someone else
	}
	return http.StatusInternalServerError
}

// TestQueryStatus checks the answer against the three causes, on a real
// server; each cause gives a 57014.
func TestQueryStatus(t *testing.T) {
	srv := startPostgres(t)
	watch := openPostgres(t, srv, false)

	t.Run("the client left", func(t *testing.T) {
		db := openPostgres(t, srv, true)
		ctx, cancel := context.WithCancel(t.Context())
		defer cancel()
		_, _, err := sleepThenCancel(t, db, watch, ctx, cancel)
		if errors.Is(err, context.Canceled) {
			t.Errorf("%v: errors.Is finds context.Canceled; the question's premise is that it does not", err)
		}
		if got := queryStatus(ctx, err); got != 499 {
			t.Errorf("queryStatus(%v) = %d; want 499", err, got)
		}
	})
	t.Run("an operator cancelled it", func(t *testing.T) {
		db := openPostgres(t, srv, true)
		_, _, err := sleepThenCancel(t, db, watch, t.Context(), func() {
			watch.ExecContext(context.Background(),
				`SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE wait_event = 'PgSleep'`)
		})
		if got := queryStatus(t.Context(), err); got != http.StatusServiceUnavailable {
			t.Errorf("queryStatus(%v) = %d; want 503", err, got)
		}
	})
	t.Run("statement_timeout", func(t *testing.T) {
		db := openPostgres(t, srv, true)
		conn, err := db.Conn(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		if _, err := conn.ExecContext(t.Context(), `SET statement_timeout = '50ms'`); err != nil {
			t.Fatal(err)
		}
		_, err = conn.ExecContext(t.Context(), `SELECT pg_sleep(1)`)
		if got := queryStatus(t.Context(), err); got != http.StatusGatewayTimeout {
			t.Errorf("queryStatus(%v) = %d; want 504", err, got)
		}
	})
}
