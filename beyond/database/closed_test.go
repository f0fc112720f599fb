package database

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// A closed connection alone does not stop the server's statement: the
// backend does not read from its client while it runs one (the protocol's
// "Canceling Requests in Progress"). pgx's default sends a cancel request
// as it closes the connection; here the dialer refuses every connection
// after the first, so that cancel request never leaves. (pgx then keeps
// the socket open for up to 15 seconds, reading what the server sends
// until the server closes it: asyncClose. The test closes the socket
// itself, as a client that dies would.) The backend sleeps on, unless
// client_connection_check_interval is set: then the backend looks at its
// socket as it runs, sees it closed, and ends.
func TestPostgresClosedConnectionAlone(t *testing.T) {
	srv := startPostgres(t)
	for _, tt := range []struct {
		name     string
		interval string // client_connection_check_interval; "" leaves it off
		timeout  string // statement_timeout; "" leaves it off
		wantGone bool
	}{
		{name: "no check", wantGone: false},
		{name: "client_connection_check_interval 20ms", interval: "20ms", wantGone: true},
		// The server's own deadline needs no client: the statement ends,
		// and the backend, answering, finds its client gone.
		{name: "statement_timeout 300ms", timeout: "300ms", wantGone: true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			config, err := pgx.ParseConfig(srv.DSN())
			if err != nil {
				t.Fatal(err)
			}
			if tt.interval != "" {
				config.RuntimeParams["client_connection_check_interval"] = tt.interval
			}
			if tt.timeout != "" {
				config.RuntimeParams["statement_timeout"] = tt.timeout
			}
			var first atomic.Pointer[net.Conn]
			dial := config.DialFunc
			config.DialFunc = func(ctx context.Context, network, addr string) (net.Conn, error) {
				if first.Load() != nil {
					return nil, errors.New("the test refuses the cancel request's connection")
				}
				c, err := dial(ctx, network, addr)
				if err == nil {
					first.Store(&c)
				}
				return c, err
			}
			db := stdlib.OpenDB(*config)
			t.Cleanup(func() { db.Close() })
			db.SetMaxOpenConns(1)
			watch := openPostgres(t, srv, false)

			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			pid, _, err := sleepThenCancel(t, db, watch, ctx, cancel)
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("ExecContext: %v; want context.Canceled", err)
			}
			(*first.Load()).Close() // the client is gone
			// Give the server a second (a bounded wait, not a sync): a
			// backend that notices the closed socket ends within ms.
			waitCtx, cancelWait := context.WithTimeout(t.Context(), time.Second)
			defer cancelWait()
			a, ok, err := WaitActivity(waitCtx, watch, pid, gone)
			if tt.wantGone && err != nil {
				t.Errorf("the backend did not end within a second of its client's closing: %v", err)
			}
			if !tt.wantGone && (err == nil || !sleeping(a, ok)) {
				t.Errorf("the backend: %v (there: %t); want it still in pg_sleep a second after its client closed the connection", a, ok)
			}
			for _, line := range strings.Split(serverLog(t, srv), "\n") {
				if strings.Contains(line, fmt.Sprintf("[%d]", pid)) {
					t.Logf("server log: %s", line)
				}
			}
			if ok {
				t.Logf("a second after the close: %v", a)
				// Stop it: it would sleep its 10s, and Stop would wait.
				watch.ExecContext(t.Context(), `SELECT pg_cancel_backend($1)`, pid)
			}
		})
	}
}
