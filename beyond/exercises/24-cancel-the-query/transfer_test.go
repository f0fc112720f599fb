package transfer

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
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

// openBank opens a new database with the accounts ada (100) and grace
// (0). With hooked, its statements call afterExecHook.
func openBank(t *testing.T, hooked bool) *sql.DB {
	t.Helper()
	file := filepath.Join(t.TempDir(), "bank.db")
	db, err := sql.Open("sqlite", file)
	if err != nil {
		t.Fatal(err)
	}
	if hooked {
		db.Close()
		db = sql.OpenDB(hookedConnector{file})
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

// balances reads every account's balance once Transfer has returned. The
// database has one connection; if Transfer left a transaction open, that
// connection is never given back, and the read waits for it: bound.
func balances(t *testing.T, db *sql.DB) map[string]int {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), bound)
	defer cancel()
	rows, err := db.QueryContext(ctx, `SELECT name, balance FROM accounts`)
	if errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("after Transfer returned, the balances could not be read for %v: the database's one connection was still taken, by a transaction Transfer left open. Every path out of Transfer must end its transaction: Commit, or Rollback (a deferred tx.Rollback() does it for the paths that return early)%s", bound, hint)
	}
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

// deadlineCtx is a context whose deadline passes when the test calls end,
// at a point the test chooses: Err then says context.DeadlineExceeded.
// Its AfterFunc lets the contexts made from it (database/sql's
// transaction's, for one) end with it at once and with the same error,
// as children of a context.WithDeadline do when its timer fires: without
// it, context.WithCancel would watch Done from a goroutine of its own,
// and end its child some time later.
type deadlineCtx struct {
	context.Context
	done chan struct{}

	mu    sync.Mutex
	ended bool
	after map[*func()]bool
}

func newDeadlineCtx(parent context.Context) *deadlineCtx {
	return &deadlineCtx{Context: parent, done: make(chan struct{}), after: map[*func()]bool{}}
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

// AfterFunc arranges for f to run when the deadline passes (the interface
// context.WithCancel looks for in a parent).
func (c *deadlineCtx) AfterFunc(f func()) (stop func() bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.ended {
		go f()
		return func() bool { return false }
	}
	c.after[&f] = true
	return func() bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		stopped := c.after[&f]
		delete(c.after, &f)
		return stopped
	}
}

// end passes the deadline: Done is closed, and the functions given to
// AfterFunc have run when it returns.
func (c *deadlineCtx) end() {
	c.mu.Lock()
	if c.ended {
		c.mu.Unlock()
		return
	}
	c.ended = true
	close(c.done)
	var fs []func()
	for f := range c.after {
		fs = append(fs, *f)
	}
	clear(c.after)
	c.mu.Unlock()
	for _, f := range fs {
		f()
	}
}

// afterExecHook is called with the arguments of each statement that a
// database opened by openHookedBank has run without an error, before the
// statement returns to its caller.
var afterExecHook struct {
	sync.Mutex
	f func(args []driver.NamedValue)
}

// hookedConnector makes SQLite connections whose ExecContext calls
// afterExecHook after a statement has run.
type hookedConnector struct{ dsn string }

func (c hookedConnector) Connect(context.Context) (driver.Conn, error) {
	conn, err := (&sqlite.Driver{}).Open(c.dsn)
	if err != nil {
		return nil, err
	}
	return hookedConn{conn}, nil
}

func (hookedConnector) Driver() driver.Driver { return &sqlite.Driver{} }

type hookedConn struct{ driver.Conn }

func (c hookedConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	return c.Conn.(driver.ConnBeginTx).BeginTx(ctx, opts)
}

func (c hookedConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	return c.Conn.(driver.QueryerContext).QueryContext(ctx, query, args)
}

func (c hookedConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	res, err := c.Conn.(driver.ExecerContext).ExecContext(ctx, query, args)
	if err == nil {
		afterExecHook.Lock()
		f := afterExecHook.f
		afterExecHook.Unlock()
		if f != nil {
			f(args)
		}
	}
	return res, err
}

// endAfterUpdateOf makes the update of the account name call end once
// the UPDATE has run, and before it returns: the statement is done, and
// the transaction is not committed yet.
func endAfterUpdateOf(t *testing.T, name string, end func()) {
	t.Helper()
	afterExecHook.Lock()
	afterExecHook.f = func(args []driver.NamedValue) {
		for _, a := range args {
			if a.Value == name {
				end()
				// database/sql's goroutine that rolls the transaction back
				// is ready to run now. Let it, most of the time, before
				// Transfer goes on to its Commit: Commit then says
				// sql.ErrTxDone. Whichever runs first, a right answer
				// passes; the yield only makes the case that catches a
				// wrong one common (see rounds).
				runtime.Gosched()
			}
		}
	}
	afterExecHook.Unlock()
	t.Cleanup(func() {
		afterExecHook.Lock()
		afterExecHook.f = nil
		afterExecHook.Unlock()
	})
}

// rounds is how many times TestTransfer plays a case that ends ctx after
// a statement: whether database/sql has rolled back by the time Commit is
// called (Commit then says sql.ErrTxDone) or not (Commit says ctx's
// error) depends on which goroutine runs first, and an answer that
// returns Commit's error alone fails only in the first case.
const rounds = 20

func TestTransfer(t *testing.T) {
	untouched := map[string]int{"ada": 100, "grace": 0}
	moved := map[string]int{"ada": 60, "grace": 40}
	tests := []struct {
		name     string
		amount   int
		to       string // "grace" if not set
		endAt    string // the account whose update ends ctx, as it runs
		endAfter string // the account whose update ends ctx, once it has run
		deadline bool   // ctx ends by its deadline, not a cancel
		before   bool   // ctx has ended before the call
		after    bool   // ctx ends after the call
		wantErr  error
		want     map[string]int
	}{
		{name: "a transfer", amount: 40, want: moved},
		{name: "insufficient funds", amount: 150, wantErr: ErrInsufficientFunds, want: untouched},
		{name: "to an account that does not exist", amount: 40, to: "nobody", wantErr: ErrNoAccount, want: untouched},
		{name: "cancelled before the call", amount: 40, before: true, wantErr: context.Canceled, want: untouched},
		{name: "cancelled while taking from ada", amount: 40, endAt: "ada", wantErr: context.Canceled, want: untouched},
		{name: "cancelled while giving to grace", amount: 40, endAt: "grace", wantErr: context.Canceled, want: untouched},
		{name: "cancelled after giving to grace, before the Commit", amount: 40, endAfter: "grace", wantErr: context.Canceled, want: untouched},
		{name: "deadline while taking from ada", amount: 40, endAt: "ada", deadline: true, wantErr: context.DeadlineExceeded, want: untouched},
		{name: "deadline while giving to grace", amount: 40, endAt: "grace", deadline: true, wantErr: context.DeadlineExceeded, want: untouched},
		{name: "deadline after giving to grace, before the Commit", amount: 40, endAfter: "grace", deadline: true, wantErr: context.DeadlineExceeded, want: untouched},
		{name: "cancelled after the transfer", amount: 40, after: true, want: moved},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := 1
			if tt.endAfter != "" {
				n = rounds
			}
			for range n {
				db := openBank(t, tt.endAfter != "")
				var ctx context.Context
				var end func()
				if tt.deadline {
					d := newDeadlineCtx(t.Context())
					ctx, end = d, d.end
				} else {
					var cancel context.CancelFunc
					ctx, cancel = context.WithCancel(t.Context())
					defer cancel()
					end = cancel
				}
				if tt.endAt != "" {
					endDuringUpdateOf(t, db, tt.endAt, end)
				}
				if tt.endAfter != "" {
					endAfterUpdateOf(t, tt.endAfter, end)
				}
				if tt.before {
					end()
				}
				returned := make(chan error, 1)
				to := tt.to
				if to == "" {
					to = "grace"
				}
				go func() { returned <- Transfer(ctx, db, "ada", to, tt.amount) }()
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
				if t.Failed() {
					return // one round's failure says it all
				}
			}
		})
	}
}
