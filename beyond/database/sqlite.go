package database

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"time"

	_ "modernc.org/sqlite" // the driver "sqlite"
)

// CountQuery counts from 1 to ? with a recursive common table expression,
// one row at a time: to a billion it keeps SQLite busy for minutes, in
// one statement, with no I/O.
const CountQuery = `WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ?)
SELECT count(*) FROM c`

// Count runs CountQuery up to n under ctx and returns the count. If ctx
// ends first, modernc.org/sqlite interrupts the statement
// (sqlite3_interrupt) and Count returns ctx.Err() itself: errors.Is(err,
// context.DeadlineExceeded), or context.Canceled.
func Count(ctx context.Context, db *sql.DB, n int64) (int64, error) {
	var count int64
	err := db.QueryRowContext(ctx, CountQuery, n).Scan(&count)
	return count, err
}

// OpenSQLite opens the SQLite database in the file path, creating it, with
// the table names(name TEXT) and one connection at most: SQLite writes one
// transaction at a time, and a second connection would wait for the first
// one's lock.
func OpenSQLite(path string) (*sql.DB, error) {
	db, err := sql.Open("sqlite", path)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	if _, err := db.Exec(`CREATE TABLE IF NOT EXISTS names (name TEXT NOT NULL)`); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// SaveNames inserts names into the table names in one transaction begun
// under ctx, and commits it: either every name is saved, or, if ctx ends or
// an insert fails, none is. Its error wraps the failure, so that
// errors.Is(err, context.Canceled) holds after a cancel.
func SaveNames(ctx context.Context, db *sql.DB, names []string) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback() // after Commit it does nothing
	for _, name := range names {
		if _, err := tx.ExecContext(ctx, `INSERT INTO names (name) VALUES (?)`, name); err != nil {
			return fmt.Errorf("insert %q: %w", name, err)
		}
	}
	if err := tx.Commit(); err != nil {
		if ctx.Err() != nil && errors.Is(err, sql.ErrTxDone) {
			// The context ended and database/sql rolled back first:
			// say why, not only that the transaction is over.
			return fmt.Errorf("commit: %w (%w)", ctx.Err(), err)
		}
		return err
	}
	return nil
}

// CountNames returns how many rows the table names has.
func CountNames(ctx context.Context, db *sql.DB) (int, error) {
	var n int
	err := db.QueryRowContext(ctx, `SELECT count(*) FROM names`).Scan(&n)
	return n, err
}

// SQLiteInterrupt counts to a billion in SQLite under a context that ends
// after 100ms, and logs what came back.
func SQLiteInterrupt(ctx context.Context, log *slog.Logger, db *sql.DB) error {
	sqlite := log.With("lane", "sqlite")
	ctx, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
	defer cancel()
	sqlite.Info("sqlite: counting to a billion, giving up after 100ms", "event", "begin")
	n, err := Count(ctx, db, 1e9)
	sqlite.Info(fmt.Sprintf("sqlite: count %d, error: %v", n, err), "event", "end", "err", err)
	log.Info(fmt.Sprintf("client: the error is ctx.Err(): %t", err == ctx.Err()))
	return nil
}

// SQLiteTransaction writes three names in a transaction and then a
// billion more in one statement, under a context that ends after 100ms;
// and then three names under a context cancelled between two inserts. It
// logs what the table holds afterwards: nothing, both times.
func SQLiteTransaction(ctx context.Context, log *slog.Logger, db *sql.DB) error {
	sqlite := log.With("lane", "sqlite")
	timeout, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
	defer cancel()
	tx, err := db.BeginTx(timeout, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	sqlite.Info("sqlite: a transaction; 3 names, then a billion, giving up after 100ms", "event", "begin")
	for _, name := range []string{"ada", "grace", "linus"} {
		if _, err := tx.ExecContext(timeout, `INSERT INTO names (name) VALUES (?)`, name); err != nil {
			return err
		}
	}
	_, err = tx.ExecContext(timeout, `INSERT INTO names (name)
WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1e9)
SELECT 'n' || x FROM c`)
	sqlite.Info(fmt.Sprintf("sqlite: the billion: %v", err), "event", "end", "err", err)
	log.Info(fmt.Sprintf("client: Commit: %v", tx.Commit()))
	n, err := CountNames(ctx, db)
	if err != nil {
		return err
	}
	log.Info(fmt.Sprintf("client: the table has %d rows", n))

	// Cancelled between two inserts, while no statement runs.
	cancelled, cancel := context.WithCancel(ctx)
	defer cancel()
	tx, err = db.BeginTx(cancelled, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	sqlite.Info("sqlite: a transaction; 2 names, then a cancel", "event", "begin")
	for _, name := range []string{"ada", "grace"} {
		if _, err := tx.ExecContext(cancelled, `INSERT INTO names (name) VALUES (?)`, name); err != nil {
			return err
		}
	}
	cancel()
	_, err = tx.ExecContext(cancelled, `INSERT INTO names (name) VALUES (?)`, "linus")
	sqlite.Info(fmt.Sprintf("sqlite: the third insert: %v", err), "event", "end", "err", err)
	n, err = CountNames(ctx, db)
	if err != nil {
		return err
	}
	log.Info(fmt.Sprintf("client: the table has %d rows", n))
	return nil
}
