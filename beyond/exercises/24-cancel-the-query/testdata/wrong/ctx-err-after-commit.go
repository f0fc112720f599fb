// Wrong: Transfer returns ctx.Err() at the end, after a Commit that succeeded, so a context that ends once the money has moved reports a failure for a transfer that went through.

package transfer

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Transfer moves amount from the account from to the account to, all or
// nothing: in one transaction begun under ctx, committed at the end.
func Transfer(ctx context.Context, db *sql.DB, from, to string, amount int) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback() // after Commit it does nothing
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
	res, err = tx.ExecContext(ctx, `UPDATE accounts SET balance = balance + ? WHERE name = ?`, amount, to)
	if err != nil {
		return fmt.Errorf("give %d to %s: %w", amount, to, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return fmt.Errorf("give %d to %s: %w", amount, to, ErrNoAccount)
	}
	if err := tx.Commit(); err != nil {
		// ctx ended, and database/sql had rolled back already: Commit
		// says sql.ErrTxDone, and ctx says why.
		if ctxErr := ctx.Err(); ctxErr != nil && errors.Is(err, sql.ErrTxDone) {
			return fmt.Errorf("commit: %w (%w)", ctxErr, err)
		}
		return fmt.Errorf("commit: %w", err)
	}
	return ctx.Err()
}
