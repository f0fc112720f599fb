package database

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"modernc.org/sqlite"
)

// bound is how long a test waits for a call that should return at once
// once its context has ended: far more than it needs, so that a loaded
// machine does not fail it, and far less than the call would take
// without the cancel (minutes).
const bound = 10 * time.Second

// openTestDB opens a new SQLite database in a file of the test's own.
func openTestDB(t *testing.T) *sql.DB {
	t.Helper()
	db, err := OpenSQLite(filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// within runs f and fails the test if f has not returned within bound.
func within[T any](t *testing.T, what string, f func() T) T {
	t.Helper()
	got := make(chan T, 1)
	go func() { got <- f() }()
	select {
	case v := <-got:
		return v
	case <-time.After(bound):
		t.Fatalf("%s: still running after %v (its context, if it ended, ended long before)", what, bound)
		panic("unreachable")
	}
}

func TestCountIsInterrupted(t *testing.T) {
	db := openTestDB(t)
	tests := []struct {
		name string
		ctx  func() (context.Context, context.CancelFunc)
		want error
	}{
		{"deadline", func() (context.Context, context.CancelFunc) {
			return context.WithTimeout(t.Context(), 50*time.Millisecond)
		}, context.DeadlineExceeded},
		{"cancel", func() (context.Context, context.CancelFunc) {
			ctx, cancel := context.WithCancel(t.Context())
			time.AfterFunc(50*time.Millisecond, cancel)
			return ctx, cancel
		}, context.Canceled},
		{"cancel with a cause", func() (context.Context, context.CancelFunc) {
			ctx, cancel := context.WithCancelCause(t.Context())
			time.AfterFunc(50*time.Millisecond, func() { cancel(errors.New("the user left")) })
			return ctx, func() { cancel(nil) }
		}, context.Canceled},
		{"ended before the call", func() (context.Context, context.CancelFunc) {
			ctx, cancel := context.WithCancel(t.Context())
			cancel()
			return ctx, cancel
		}, context.Canceled},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := tt.ctx()
			defer cancel()
			err := within(t, "Count", func() error { _, err := Count(ctx, db, 1e9); return err })
			if !errors.Is(err, tt.want) {
				t.Fatalf("Count: %v; want an error that errors.Is %v", err, tt.want)
			}
			// modernc returns ctx.Err() itself, not SQLite's "interrupted".
			if err != ctx.Err() {
				t.Errorf("Count: %v (%T); want ctx.Err() itself, %v", err, err, ctx.Err())
			}
			// The connection is fine afterwards.
			if n, err := Count(t.Context(), db, 1000); n != 1000 || err != nil {
				t.Errorf("Count to 1000 afterwards = %d, %v; want 1000, nil", n, err)
			}
		})
	}
}

// cancelHook is called by the SQL function test_cancel(), which the
// trigger of cancelOnInsert calls.
var cancelHook struct {
	sync.Mutex
	f func()
}

func init() {
	sqlite.MustRegisterScalarFunction("test_cancel", 0, func(*sqlite.FunctionContext, []driver.Value) (driver.Value, error) {
		cancelHook.Lock()
		defer cancelHook.Unlock()
		if cancelHook.f != nil {
			cancelHook.f()
		}
		return nil, nil
	})
}

// cancelOnInsert makes the insert of the row number n into names call
// cancel, from inside SQLite, in the middle of whatever writes it.
func cancelOnInsert(t *testing.T, db *sql.DB, n int, cancel func()) {
	t.Helper()
	cancelHook.Lock()
	cancelHook.f = cancel
	cancelHook.Unlock()
	t.Cleanup(func() {
		cancelHook.Lock()
		cancelHook.f = nil
		cancelHook.Unlock()
	})
	if _, err := db.Exec(fmt.Sprintf(`CREATE TRIGGER cancel_on_insert AFTER INSERT ON names
WHEN (SELECT count(*) FROM names) = %d BEGIN SELECT test_cancel(); END`, n)); err != nil {
		t.Fatal(err)
	}
}

func TestSaveNames(t *testing.T) {
	names := []string{"ada", "grace", "linus", "barbara"}
	tests := []struct {
		name     string
		cancelAt int // the insert that cancels ctx; 0: none
		before   bool
		wantErr  error
		wantRows int
	}{
		{name: "no cancel", wantRows: 4},
		{name: "cancelled at the first insert", cancelAt: 1, wantErr: context.Canceled},
		{name: "cancelled at the third insert", cancelAt: 3, wantErr: context.Canceled},
		{name: "cancelled at the last insert", cancelAt: 4, wantErr: context.Canceled},
		{name: "cancelled before", before: true, wantErr: context.Canceled},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := openTestDB(t)
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			if tt.cancelAt > 0 {
				cancelOnInsert(t, db, tt.cancelAt, cancel)
			}
			if tt.before {
				cancel()
			}
			err := within(t, "SaveNames", func() error { return SaveNames(ctx, db, names) })
			if !errors.Is(err, tt.wantErr) || (err == nil) != (tt.wantErr == nil) {
				t.Errorf("SaveNames: %v; want an error that errors.Is %v", err, tt.wantErr)
			}
			n, err := CountNames(t.Context(), db)
			if err != nil {
				t.Fatal(err)
			}
			if n != tt.wantRows {
				t.Errorf("after SaveNames the table has %d rows; want %d", n, tt.wantRows)
			}
		})
	}
}

// A transaction whose context ends while no statement runs is rolled back
// by database/sql (Tx.awaitDone, on a goroutine of its own): the next
// statement fails with ctx's error, and so does Commit, unless that
// rollback has happened already: then Commit returns sql.ErrTxDone.
// Either way nothing is written.
func TestTxRolledBackWhenItsContextEnds(t *testing.T) {
	for _, waitForRollback := range []bool{false, true} {
		t.Run(fmt.Sprint("wait for the rollback: ", waitForRollback), func(t *testing.T) {
			db := openTestDB(t)
			ctx, cancel := context.WithCancel(t.Context())
			tx, err := db.BeginTx(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO names (name) VALUES ('ada')`); err != nil {
				t.Fatal(err)
			}
			cancel()
			if _, err := tx.ExecContext(ctx, `INSERT INTO names (name) VALUES ('grace')`); !errors.Is(err, context.Canceled) {
				t.Errorf("an insert after the cancel: %v; want context.Canceled", err)
			}
			want := error(context.Canceled)
			if waitForRollback {
				// The rollback gives the one connection back to the pool.
				waitUntil(t, "the rollback", func() bool { return db.Stats().InUse == 0 })
				want = sql.ErrTxDone
			}
			err = tx.Commit()
			if !errors.Is(err, want) && (waitForRollback || !errors.Is(err, sql.ErrTxDone)) {
				t.Errorf("Commit after the cancel: %v; want %v", err, want)
			}
			t.Logf("Commit: %v", err)
			// With one connection at most, this waits for the rollback.
			n, err := CountNames(t.Context(), db)
			if err != nil {
				t.Fatal(err)
			}
			if n != 0 {
				t.Fatalf("the table has %d rows after the cancel; want 0", n)
			}
		})
	}
}

// waitUntil polls cond every millisecond, and fails the test if it does not
// hold within bound.
func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(bound)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("waited %v for %s", bound, what)
		}
		time.Sleep(time.Millisecond) // polling, with a bound
	}
}
