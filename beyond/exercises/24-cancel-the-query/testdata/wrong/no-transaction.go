// Wrong: the two updates run each on its own, with no transaction, so a context that ends between them leaves the money taken from one account and given to none.

package transfer

import (
	"context"
	"database/sql"
	"fmt"
)

// Transfer moves amount from the account from to the account to, all or
// nothing.
func Transfer(ctx context.Context, db *sql.DB, from, to string, amount int) error {
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
	res, err = db.ExecContext(ctx, `UPDATE accounts SET balance = balance + ? WHERE name = ?`, amount, to)
	if err != nil {
		return fmt.Errorf("give %d to %s: %w", amount, to, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return fmt.Errorf("give %d to %s: %w", amount, to, ErrNoAccount)
	}
	return nil
}
