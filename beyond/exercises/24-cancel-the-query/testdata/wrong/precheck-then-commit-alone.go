// Wrong: Transfer looks at ctx just before its Commit and then returns Commit's error alone, so when the deadline passes between the look and the Commit, the error is sql.ErrTxDone, in which errors.Is finds nothing of ctx.

package transfer

import (
	"context"
	"database/sql"
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
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("before commit: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}
