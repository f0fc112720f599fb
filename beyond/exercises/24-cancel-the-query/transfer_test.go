package transfer

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

	"github.com/google/go-cmp/cmp"
	"modernc.org/sqlite"
)

const hint = "\nHint: go run ./lessons hint 24"

// bound is how long a test waits for Transfer before it says that
// Transfer blocks.
const bound = 10 * time.Second

// endHook is called by the SQL function test_end(), which the test's
// trigger calls in the middle of an update: the test's context ends there,
// inside SQLite, at a point the test chooses.
var endHook struct {
	sync.Mutex
	f func()
}

func init() {
	sqlite.MustRegisterScalarFunction("test_end", 0, func(*sqlite.FunctionContext, []driver.Value) (driver.Value, error) {
		endHook.Lock()
		defer endHook.Unlock()
		if endHook.f != nil {
			endHook.f()
		}
		return nil, nil
	})
}

// openBank opens a new database with the accounts ada (100) and grace (0).
func openBank(t *testing.T) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", filepath.Join(t.TempDir(), "bank.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.SetMaxOpenConns(1) // SQLite writes one transaction at a time
	if _, err := db.Exec(`CREATE TABLE accounts (name TEXT PRIMARY KEY, balance INTEGER NOT NULL);
INSERT INTO accounts VALUES ('ada', 100), ('grace', 0)`); err != nil {
		t.Fatal(err)
	}
	return db
}

// endDuringUpdateOf makes the update of the account name call end, from
// inside the UPDATE statement.
func endDuringUpdateOf(t *testing.T, db *sql.DB, name string, end func()) {
	t.Helper()
	endHook.Lock()
	endHook.f = end
	endHook.Unlock()
	t.Cleanup(func() {
		endHook.Lock()
		endHook.f = nil
		endHook.Unlock()
	})
	if _, err := db.Exec(fmt.Sprintf(`CREATE TRIGGER end_ctx AFTER UPDATE ON accounts
WHEN NEW.name = '%s' BEGIN SELECT test_end(); END`, name)); err != nil {
		t.Fatal(err)
	}
}

func balances(t *testing.T, db *sql.DB) map[string]int {
	t.Helper()
	rows, err := db.QueryContext(t.Context(), `SELECT name, balance FROM accounts`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	got := map[string]int{}
	for rows.Next() {
		var name string
		var balance int
		if err := rows.Scan(&name, &balance); err != nil {
			t.Fatal(err)
		}
		got[name] = balance
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return got
}

// deadlineCtx is a context whose deadline passes when its channel is
// closed, at a point the test chooses: Err then says
// context.DeadlineExceeded.
type deadlineCtx struct {
	context.Context
	done chan struct{}
}

func (c *deadlineCtx) Done() <-chan struct{} { return c.done }

func (c *deadlineCtx) Err() error {
	select {
	case <-c.done:
		return context.DeadlineExceeded
	default:
		return nil
	}
}

func TestTransfer(t *testing.T) {
	untouched := map[string]int{"ada": 100, "grace": 0}
	moved := map[string]int{"ada": 60, "grace": 40}
	tests := []struct {
		name     string
		amount   int
		endAt    string // the account whose update ends ctx
		deadline bool   // ctx ends by its deadline, not a cancel
		before   bool   // ctx has ended before the call
		after    bool   // ctx ends after the call
		wantErr  error
		want     map[string]int
	}{
		{name: "a transfer", amount: 40, want: moved},
		{name: "insufficient funds", amount: 150, wantErr: ErrInsufficientFunds, want: untouched},
		{name: "cancelled before the call", amount: 40, before: true, wantErr: context.Canceled, want: untouched},
		{name: "cancelled while taking from ada", amount: 40, endAt: "ada", wantErr: context.Canceled, want: untouched},
		{name: "cancelled while giving to grace", amount: 40, endAt: "grace", wantErr: context.Canceled, want: untouched},
		{name: "deadline while taking from ada", amount: 40, endAt: "ada", deadline: true, wantErr: context.DeadlineExceeded, want: untouched},
		{name: "deadline while giving to grace", amount: 40, endAt: "grace", deadline: true, wantErr: context.DeadlineExceeded, want: untouched},
		{name: "cancelled after the transfer", amount: 40, after: true, want: moved},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := openBank(t)
			var ctx context.Context
			var end func()
			if tt.deadline {
				d := &deadlineCtx{Context: t.Context(), done: make(chan struct{})}
				ctx, end = d, sync.OnceFunc(func() { close(d.done) })
			} else {
				var cancel context.CancelFunc
				ctx, cancel = context.WithCancel(t.Context())
				defer cancel()
				end = cancel
			}
			if tt.endAt != "" {
				endDuringUpdateOf(t, db, tt.endAt, end)
			}
			if tt.before {
				end()
			}
			returned := make(chan error, 1)
			go func() { returned <- Transfer(ctx, db, "ada", "grace", tt.amount) }()
			var err error
			select {
			case err = <-returned:
			case <-time.After(bound):
				t.Fatalf("Transfer has not returned after %v%s", bound, hint)
			}
			if tt.after {
				end()
			}
			switch {
			case tt.wantErr == nil && err != nil:
				t.Errorf("Transfer: %v; want nil%s", err, hint)
			case tt.wantErr != nil && !errors.Is(err, tt.wantErr):
				t.Errorf("Transfer: %v; want an error in which errors.Is finds %v%s", err, tt.wantErr, hint)
			}
			if diff := cmp.Diff(tt.want, balances(t, db)); diff != "" {
				t.Errorf("the balances after Transfer (-want +got):\n%s%s", diff, hint)
			}
		})
	}
}
