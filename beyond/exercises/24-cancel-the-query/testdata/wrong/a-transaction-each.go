// Wrong: each update runs in a transaction of its own, so the debit is committed before the credit begins, and a context that ends in between leaves the money taken from one account and given to none.

package transfer

import (
	"context"
	"database/sql"
	"fmt"
)

// Transfer moves amount from the account from to the account to.
func Transfer(ctx context.Context, db *sql.DB, from, to string, amount int) error {
	if err := inTx(ctx, db, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE accounts SET balance = balance - ? WHERE name = ? AND balance >= ?`,
			amount, from, amount)
		if err != nil {
			return fmt.Errorf("take %d from %s: %w", amount, from, err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return fmt.Errorf("take %d from %s: %w", amount, from, ErrInsufficientFunds)
		}
		return nil
	}); err != nil {
		return err
	}
	return inTx(ctx, db, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE accounts SET balance = balance + ? WHERE name = ?`, amount, to)
		if err != nil {
			return fmt.Errorf("give %d to %s: %w", amount, to, err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return fmt.Errorf("give %d to %s: %w", amount, to, ErrNoAccount)
		}
		return nil
	})
}

// inTx runs f in a transaction of its own, and commits it.
func inTx(ctx context.Context, db *sql.DB, f func(*sql.Tx) error) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := f(tx); err != nil {
		return err
	}
	return tx.Commit()
}
