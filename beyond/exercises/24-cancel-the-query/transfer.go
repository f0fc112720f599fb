package transfer

import "errors"

// ErrInsufficientFunds is returned by Transfer when the account to take
// the money from has less than the amount.
var ErrInsufficientFunds = errors.New("insufficient funds")
