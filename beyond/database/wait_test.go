package database

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

// fakeActivity opens an SQLite database with a table that looks like
// pg_stat_activity, for WaitActivity on the virtual clock: the test plays
// the server by updating the rows.
func fakeActivity(t *testing.T) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1) // one in-memory database
	if _, err := db.Exec(`CREATE TABLE pg_stat_activity (pid INTEGER, state TEXT, wait_event TEXT, query TEXT);
INSERT INTO pg_stat_activity VALUES (7, 'active', 'PgSleep', 'SELECT pg_sleep(10)')`); err != nil {
		t.Fatal(err)
	}
	return db
}

// WaitActivity sees a change at the first poll after it happens (it polls
// every 5ms), and gives up at its context's end with the row it saw last.
func TestWaitActivityOnTheVirtualClock(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		db := fakeActivity(t)
		defer db.Close()
		start := time.Now()
		time.AfterFunc(32*time.Millisecond, func() { // the server ends the statement
			db.Exec(`UPDATE pg_stat_activity SET state = 'idle', wait_event = 'ClientRead'`)
		})
		a, ok, err := WaitActivity(t.Context(), db, 7, notActive)
		if err != nil || !ok || a.State != "idle" {
			t.Fatalf("WaitActivity = %v, %t, %v; want the idle row", a, ok, err)
		}
		if got := time.Since(start); got != 35*time.Millisecond {
			t.Errorf("WaitActivity saw the change at %v; want 35ms, the first poll after 32ms", got)
		}

		ctx, cancel := context.WithTimeout(t.Context(), time.Second)
		defer cancel()
		start = time.Now()
		a, ok, err = WaitActivity(ctx, db, 7, gone)
		if !ok || !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "state idle") {
			t.Errorf("WaitActivity for a backend that stays = %v, %t, %v; want the row last seen (ok: the backend is still there), and an error wrapping context.DeadlineExceeded that names it", a, ok, err)
		}
		if got := time.Since(start); got != time.Second {
			t.Errorf("WaitActivity gave up after %v; want 1s, its context's bound", got)
		}
	})
}
