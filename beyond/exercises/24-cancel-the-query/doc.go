// Package transfer is the exercise of lesson 24, "Into databases".
//
// Transfer should move amount from one account to another in an SQLite
// database, through database/sql: take it from the balance of from, add
// it to the balance of to. As written it runs the two updates one after
// the other, each on its own: if ctx ends between them (the client has
// gone, the request's deadline has passed), the money has left from and
// never reaches to. Make it all or nothing:
//
//   - Both updates happen in one transaction, begun under ctx
//     (db.BeginTx), each statement under ctx too (tx.ExecContext), and
//     the transaction is committed at the end.
//   - If ctx ends before the Commit, at any point, nothing has changed
//     afterwards, and Transfer returns an error in which errors.Is finds
//     ctx.Err() (context.Canceled, or context.DeadlineExceeded). Careful:
//     database/sql rolls back a transaction whose context has ended by
//     itself, and a Commit after that returns sql.ErrTxDone, which says
//     nothing about ctx.
//   - If from has less than amount, nothing changes either, and Transfer
//     returns an error that errors.Is matches with ErrInsufficientFunds.
//     An account from that does not exist has nothing: Transfer may say
//     ErrInsufficientFunds or ErrNoAccount.
//   - If there is no account to, nothing changes, and Transfer returns an
//     error that errors.Is matches with ErrNoAccount: the money must not
//     leave from for nowhere.
//   - Otherwise the transfer is committed, and its error is nil, even if
//     ctx ends once the Commit is done: the money has moved.
//
// Transfer is called with an amount of 1 or more: checking it is its
// callers' job here.
// The table is accounts(name TEXT PRIMARY KEY, balance INTEGER NOT NULL).
package transfer
