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
// (0). With hooked, its statements call the hooks.
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

	mu     sync.Mutex
	ended  bool
	after  map[*func()]bool
	onLook bool // the deadline passes as Err is next called
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
	}
	c.mu.Lock()
	look := c.onLook
	c.onLook = false
	c.mu.Unlock()
	if look {
		// The deadline passes just as its caller is told it has not:
		// the caller goes on, and finds ctx ended at its next step.
		defer func() {
			c.end()
			runtime.Gosched() // as in endAfterUpdateOf
		}()
	}
	return nil
}

// passOnLook makes the deadline pass as Err is next called, and Err say
// nil that once: what a caller that looks at ctx just before its deadline
// sees.
func (c *deadlineCtx) passOnLook() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.onLook = true
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

// hooks are called by a database opened by openBank with hooked: after
// each statement that has run without an error (with its arguments), and
// after each Commit that has succeeded, before they return to their
// caller.
var hooks struct {
	sync.Mutex
	afterExec   func(args []driver.NamedValue)
	afterCommit func()
}

// setHooks sets the hooks until the test ends.
func setHooks(t *testing.T, afterExec func([]driver.NamedValue), afterCommit func()) {
	hooks.Lock()
	hooks.afterExec, hooks.afterCommit = afterExec, afterCommit
	hooks.Unlock()
	t.Cleanup(func() {
		hooks.Lock()
		hooks.afterExec, hooks.afterCommit = nil, nil
		hooks.Unlock()
	})
}

// hookedConnector makes SQLite connections that call the hooks.
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
	tx, err := c.Conn.(driver.ConnBeginTx).BeginTx(ctx, opts)
	if err != nil {
		return nil, err
	}
	return hookedTx{tx}, nil
}

func (c hookedConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	return c.Conn.(driver.QueryerContext).QueryContext(ctx, query, args)
}

func (c hookedConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	res, err := c.Conn.(driver.ExecerContext).ExecContext(ctx, query, args)
	if err == nil {
		hooks.Lock()
		f := hooks.afterExec
		hooks.Unlock()
		if f != nil {
			f(args)
		}
	}
	return res, err
}

type hookedTx struct{ driver.Tx }

func (tx hookedTx) Commit() error {
	err := tx.Tx.Commit()
	if err == nil {
		hooks.Lock()
		f := hooks.afterCommit
		hooks.Unlock()
		if f != nil {
			f()
		}
	}
	return err
}

// afterUpdateOf returns a hook that calls f once the update of the account
// name has run, and before it returns: the statement is done, and the
// transaction is not committed yet.
func afterUpdateOf(name string, f func()) func([]driver.NamedValue) {
	return func(args []driver.NamedValue) {
		for _, a := range args {
			if a.Value == name {
				f()
			}
		}
	}
}

// endAfterUpdateOf ends ctx once the update of the account name has run.
func endAfterUpdateOf(t *testing.T, name string, end func()) {
	setHooks(t, afterUpdateOf(name, func() {
		end()
		// database/sql's goroutine that rolls the transaction back is
		// ready to run now. Let it, most of the time, before Transfer goes
		// on to its Commit: Commit then says sql.ErrTxDone. Whichever runs
		// first, a right answer passes; the yield only makes the case that
		// catches a wrong one common (see rounds).
		runtime.Gosched()
	}), nil)
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
		name        string
		amount      int
		from, to    string // "ada" and "grace" if not set
		endAt       string // the account whose update ends ctx, as it runs
		endAfter    string // the account whose update ends ctx, once it has run
		afterCommit bool   // ctx ends once the database has committed
		onLook      bool   // after grace's update, the deadline passes as Transfer looks at ctx
		deadline    bool   // ctx ends by its deadline, not a cancel
		before      bool   // ctx has ended before the call
		after       bool   // ctx ends after the call
		wantErr     error
		orErr       error // another error that is right too
		want        map[string]int
		orMoved     bool // or else: moved, with no error
	}{
		{name: "a transfer", amount: 40, want: moved},
		{name: "the whole balance", amount: 100, want: map[string]int{"ada": 0, "grace": 100}},
		{name: "insufficient funds", amount: 150, wantErr: ErrInsufficientFunds, want: untouched},
		{name: "from an account that does not exist", amount: 40, from: "nobody", wantErr: ErrInsufficientFunds, orErr: ErrNoAccount, want: untouched},
		{name: "to an account that does not exist", amount: 40, to: "nobody", wantErr: ErrNoAccount, want: untouched},
		{name: "cancelled before the call", amount: 40, before: true, wantErr: context.Canceled, want: untouched},
		{name: "cancelled while taking from ada", amount: 40, endAt: "ada", wantErr: context.Canceled, want: untouched},
		{name: "cancelled while giving to grace", amount: 40, endAt: "grace", wantErr: context.Canceled, want: untouched},
		{name: "cancelled after giving to grace, before the Commit", amount: 40, endAfter: "grace", wantErr: context.Canceled, want: untouched},
		{name: "cancelled once the database has committed, before Commit returns", amount: 40, afterCommit: true, want: moved},
		{name: "deadline while taking from ada", amount: 40, endAt: "ada", deadline: true, wantErr: context.DeadlineExceeded, want: untouched},
		{name: "deadline while giving to grace", amount: 40, endAt: "grace", deadline: true, wantErr: context.DeadlineExceeded, want: untouched},
		{name: "deadline after giving to grace, before the Commit", amount: 40, endAfter: "grace", deadline: true, wantErr: context.DeadlineExceeded, want: untouched},
		{name: "deadline just as Transfer looks at ctx after giving to grace", amount: 40, onLook: true, deadline: true, wantErr: context.DeadlineExceeded, want: untouched, orMoved: true},
		{name: "cancelled after the transfer", amount: 40, after: true, want: moved},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hooked := tt.endAfter != "" || tt.afterCommit || tt.onLook
			n := 1
			if tt.endAfter != "" || tt.onLook {
				n = rounds
			}
			for range n {
				db := openBank(t, hooked)
				var ctx context.Context
				var end func()
				var d *deadlineCtx
				if tt.deadline {
					d = newDeadlineCtx(t.Context())
					ctx, end = d, d.end
				} else {
					var cancel context.CancelFunc
					ctx, cancel = context.WithCancel(t.Context())
					defer cancel()
					end = cancel
				}
				switch {
				case tt.endAt != "":
					endDuringUpdateOf(t, db, tt.endAt, end)
				case tt.endAfter != "":
					endAfterUpdateOf(t, tt.endAfter, end)
				case tt.afterCommit:
					setHooks(t, nil, end)
				case tt.onLook:
					setHooks(t, afterUpdateOf("grace", d.passOnLook), nil)
				}
				if tt.before {
					end()
				}
				returned := make(chan error, 1)
				from, to := cmpOr(tt.from, "ada"), cmpOr(tt.to, "grace")
				go func() { returned <- Transfer(ctx, db, from, to, tt.amount) }()
				var err error
				select {
				case err = <-returned:
				case <-time.After(bound):
					t.Fatalf("Transfer has not returned after %v%s", bound, hint)
				}
				if tt.after {
					end()
				}
				got := balances(t, db)
				if tt.orMoved && err == nil && cmp.Equal(got, moved) {
					continue // it did not look, or looked in time: the transfer went through
				}
				switch {
				case tt.wantErr == nil && err != nil:
					t.Errorf("Transfer: %v; want nil%s", err, hint)
				case tt.wantErr != nil && tt.orErr != nil && !errors.Is(err, tt.wantErr) && !errors.Is(err, tt.orErr):
					t.Errorf("Transfer: %v; want an error in which errors.Is finds %v or %v%s", err, tt.wantErr, tt.orErr, hint)
				case tt.wantErr != nil && tt.orErr == nil && !errors.Is(err, tt.wantErr):
					t.Errorf("Transfer: %v; want an error in which errors.Is finds %v%s", err, tt.wantErr, hint)
				}
				if diff := cmp.Diff(tt.want, got); diff != "" {
					t.Errorf("the balances after Transfer (-want +got):\n%s%s", diff, hint)
				}
				if tt.orMoved && t.Failed() {
					t.Errorf("(the deadline passed just after Transfer looked at ctx, after its last statement and before its Commit: the transfer can go through with no error, or go back with an error that says why, but nothing in between)")
				}
				if t.Failed() {
					return // one round's failure says it all
				}
			}
		})
	}
}

// cmpOr returns the first of its arguments that is not "".
func cmpOr(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
