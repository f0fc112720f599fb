//go:build !solution

package transfer

import (
	"context"
	"database/sql"
	"fmt"
)

// Transfer moves amount from the account from to the account to, all or
// nothing.
func Transfer(ctx context.Context, db *sql.DB, from, to string, amount int) error {
	// TODO: one transaction, begun under ctx, so that an end of ctx
	// between the two updates leaves nothing half done.
	res, err := db.ExecContext(ctx, `UPDATE accounts SET balance = balance - ? WHERE name = ? AND balance >= ?`,
		amount, from, amount)
	if err != nil {
		return fmt.Errorf("take %d from %s: %w", amount, from, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return fmt.Errorf("take %d from %s: %w", amount, from, ErrInsufficientFunds)
	}
	if _, err := db.ExecContext(ctx, `UPDATE accounts SET balance = balance + ? WHERE name = ?`, amount, to); err != nil {
		return fmt.Errorf("give %d to %s: %w", amount, to, err)
	}
	return nil
}
