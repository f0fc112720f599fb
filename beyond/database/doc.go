// Package database shows what happens to a query when the Go context that
// started it ends, through database/sql: in SQLite, embedded
// (modernc.org/sqlite, pure Go, driver name "sqlite"), and in a real
// PostgreSQL server (github.com/jackc/pgx/v5 and its database/sql driver,
// driver name "pgx").
//
// The rules it shows:
//
//   - Pass the context to every call: QueryContext, ExecContext,
//     BeginTx. A call without Context runs under context.Background and
//     no cancel reaches it.
//   - A transaction begun with BeginTx(ctx) is rolled back by database/sql
//     when ctx ends before Commit: nothing of it is half-written.
//   - The error that comes back is not always ctx.Err(). SQLite through
//     modernc returns ctx.Err() itself. pgx by default returns an error
//     wrapping it, and closes the connection; with a cancel request
//     instead, it returns the server's own error, SQLSTATE 57014, in
//     which errors.Is finds no context error: ask ctx.Err().
//   - A server cannot see your context. What it does with the statement
//     depends on what the driver sends it: a cancel request, or nothing
//     and a closed connection. statement_timeout is the server's own
//     deadline, which holds even when the client is gone.
//
// The stories (SQLiteInterrupt, SQLiteTransaction, PostgresDefault,
// PostgresCancelRequest, PostgresStatementTimeout) log what happens with
// log/slog: "lane" is who speaks (client, server, sqlite).
package database
