package transfer

import "errors"

// ErrInsufficientFunds is returned by Transfer when the account to take
// the money from has less than the amount.
var ErrInsufficientFunds = errors.New("insufficient funds")

// ErrNoAccount is returned by Transfer when the account to give the money
// to does not exist.
var ErrNoAccount = errors.New("no such account")
