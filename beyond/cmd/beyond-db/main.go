// Command beyond-db plays the stories of the lesson "Into databases" live,
// on the real clock: what happens to a query in SQLite (embedded) and in a
// real PostgreSQL server when the Go context that started it ends.
//
// Usage:
//
//	beyond-db run <story>
//
// The stories are sqlite-interrupt, sqlite-transaction (SQLite, in a
// temporary file), and postgres-default, postgres-cancel-request,
// postgres-statement-timeout (a throwaway PostgreSQL server, started in a
// temporary folder and stopped at the end: PostgreSQL's initdb and pg_ctl
// must be installed, apt-get install postgresql). "all" plays them all.
//
// Each line is stamped with the time since the story began. beyond-db
// exits 0 when the story has run, 1 if it failed, 2 on a usage error,
// and 130 after Ctrl-C, which cancels the story's context.
package main

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"time"

	"example.com/cancellation/beyond/database"
	"example.com/cancellation/beyond/database/pgserver"
	"example.com/cancellation/internal/event"
	"example.com/cancellation/internal/transcript"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := cli(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// A story is one of the lesson's stories, with what it needs opened for
// it: an SQLite database, or PostgreSQL pools.
type story struct {
	name, title string
	sqlite      func(context.Context, *slog.Logger, *sql.DB) error
	postgres    func(context.Context, *slog.Logger, *pgserver.Server) error
}

var stories = []story{
	{name: "sqlite-interrupt", title: "a count to a billion in SQLite, interrupted by its context",
		sqlite: database.SQLiteInterrupt},
	{name: "sqlite-transaction", title: "a transaction in SQLite whose context ends: nothing is written",
		sqlite: database.SQLiteTransaction},
	{name: "postgres-default", title: "PostgreSQL, pgx's default: the call returns at once, the connection is closed",
		postgres: func(ctx context.Context, log *slog.Logger, srv *pgserver.Server) error {
			return withPools(srv, false, func(db, watch *sql.DB) error { return database.PostgresDefault(ctx, log, db, watch) })
		}},
	{name: "postgres-cancel-request", title: "PostgreSQL, a cancel request: the server ends the statement, the connection lives",
		postgres: func(ctx context.Context, log *slog.Logger, srv *pgserver.Server) error {
			return withPools(srv, true, func(db, watch *sql.DB) error { return database.PostgresCancelRequest(ctx, log, db, watch) })
		}},
	{name: "postgres-statement-timeout", title: "PostgreSQL, statement_timeout: the server's own deadline",
		postgres: func(ctx context.Context, log *slog.Logger, srv *pgserver.Server) error {
			return withPools(srv, false, func(db, _ *sql.DB) error { return database.PostgresStatementTimeout(ctx, log, db) })
		}},
}

// withPools opens two pools on srv, one for the story's statements (with
// a cancel request or pgx's default) and one to watch pg_stat_activity.
func withPools(srv *pgserver.Server, cancelRequest bool, f func(db, watch *sql.DB) error) error {
	db, err := database.OpenPostgres(srv.DSN(), cancelRequest)
	if err != nil {
		return err
	}
	defer db.Close()
	watch, err := database.OpenPostgres(srv.DSN(), false)
	if err != nil {
		return err
	}
	defer watch.Close()
	return f(db, watch)
}

func names() string {
	var n []string
	for _, s := range stories {
		n = append(n, s.name)
	}
	return strings.Join(n, ", ")
}

// cli runs beyond-db with args and returns its exit code.
func cli(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) != 2 || args[0] != "run" {
		fmt.Fprintf(stderr, "usage: beyond-db run <story>, a story one of: %s, all\n", names())
		return 2
	}
	var chosen []story
	for _, s := range stories {
		if args[1] == s.name || args[1] == "all" {
			chosen = append(chosen, s)
		}
	}
	if len(chosen) == 0 {
		fmt.Fprintf(stderr, "beyond-db: no story %q: one of %s, all\n", args[1], names())
		return 2
	}
	err := play(ctx, chosen, stdout)
	switch {
	case ctx.Err() != nil:
		fmt.Fprintln(stderr, "beyond-db: interrupted")
		return 130
	case err != nil:
		fmt.Fprintf(stderr, "beyond-db: %v\n", err)
		return 1
	}
	return 0
}

// play plays the stories, starting what they need once: a temporary
// SQLite file, a throwaway PostgreSQL server.
func play(ctx context.Context, chosen []story, stdout io.Writer) error {
	var sqliteDB *sql.DB
	var srv *pgserver.Server
	defer func() {
		if sqliteDB != nil {
			sqliteDB.Close()
		}
		srv.Stop()
	}()
	for _, s := range chosen {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if s.sqlite != nil && sqliteDB == nil {
			dir, err := os.MkdirTemp("", "beyond-db-")
			if err != nil {
				return err
			}
			defer os.RemoveAll(dir)
			if sqliteDB, err = database.OpenSQLite(filepath.Join(dir, "course.db")); err != nil {
				return err
			}
		}
		if s.postgres != nil && srv == nil {
			startCtx, cancel := context.WithTimeout(ctx, 2*time.Minute)
			var err error
			srv, err = pgserver.Start(startCtx)
			cancel()
			if err != nil {
				return err
			}
		}
		// The clock starts with the story, once what it needs runs.
		fmt.Fprintf(stdout, "Lesson 24, Into databases: %s (real time)\n", s.title)
		log := slog.New(event.NewHandler(transcript.NewWriter(stdout)))
		var err error
		if s.sqlite != nil {
			err = s.sqlite(ctx, log, sqliteDB)
		} else {
			err = s.postgres(ctx, log, srv)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
	}
	return nil
}
