package database

import (
	"context"
	"database/sql"
	"log/slog"
	"regexp"
	"strings"
	"testing"

	"example.com/cancellation/internal/event"
	"example.com/cancellation/internal/transcript"
)

// playStory runs a story as beyond-db run does, on the real clock, and
// returns its transcript and events.
func playStory(t *testing.T, story func(context.Context, *slog.Logger) error) (string, []event.Event) {
	t.Helper()
	var out strings.Builder
	w := transcript.NewWriter(&out)
	if err := story(t.Context(), slog.New(event.NewHandler(w))); err != nil {
		t.Fatalf("the story failed: %v\n%s", err, out.String())
	}
	return out.String(), w.Events()
}

// matchLines fails the test unless each pattern matches a whole line of
// out, after the line the previous pattern matched, each line stamped
// "[  Nms] ".
func matchLines(t *testing.T, out string, patterns ...string) {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	i := 0
	for _, p := range patterns {
		re := regexp.MustCompile(`^\[ *\d+ms\] ` + p + `$`)
		for i < len(lines) && !re.MatchString(lines[i]) {
			i++
		}
		if i == len(lines) {
			t.Fatalf("no line matches %q (in order) in:\n%s", p, out)
		}
		i++
	}
}

func TestSQLiteStories(t *testing.T) {
	db := openTestDB(t)
	out, events := playStory(t, func(ctx context.Context, log *slog.Logger) error { return SQLiteInterrupt(ctx, log, db) })
	matchLines(t, out,
		`sqlite: counting to a billion, giving up after 100ms`,
		`sqlite: count 0, error: context deadline exceeded`,
		`client: the error is ctx.Err\(\): true`)
	if len(events) != 2 || events[1].Outcome != event.Cut {
		t.Errorf("events %v; want a begin and an end cut by the deadline", events)
	}

	out, _ = playStory(t, func(ctx context.Context, log *slog.Logger) error { return SQLiteTransaction(ctx, log, db) })
	matchLines(t, out,
		`sqlite: a transaction; 3 names, then a billion, giving up after 100ms`,
		`sqlite: the billion: context deadline exceeded`,
		`client: Commit: (context deadline exceeded|sql: transaction has already been committed or rolled back)`,
		`client: the table has 0 rows`,
		`sqlite: a transaction; 2 names, then a cancel`,
		`sqlite: the third insert: context canceled`,
		`client: the table has 0 rows`)
}

func TestPostgresStories(t *testing.T) {
	srv := startPostgres(t)
	watch := openPostgres(t, srv, false)
	for _, tt := range []struct {
		name          string
		cancelRequest bool
		story         func(context.Context, *slog.Logger, *sql.DB, *sql.DB) error
		lines         []string
	}{
		{"default", false, PostgresDefault, []string{
			`client: SELECT pg_sleep\(10\) on backend (\d+)`,
			`server: pid \d+, state active, wait_event PgSleep, query "SELECT pg_sleep\(10\)"`,
			`client: cancelling the context`,
			`client: context canceled`,
			`client: errors.Is\(err, context.Canceled\): true; a \*pgconn.PgError: false`,
			`client: the same connection again: (driver: bad connection|conn closed)`,
			`server: backend \d+ is gone from pg_stat_activity`,
		}},
		{"cancel request", true, PostgresCancelRequest, []string{
			`client: SELECT pg_sleep\(10\) on backend (\d+)`,
			`server: pid \d+, state active, wait_event PgSleep, query "SELECT pg_sleep\(10\)"`,
			`client: cancelling the context`,
			`client: ERROR: canceling statement due to user request \(SQLSTATE 57014\)`,
			`client: errors.Is\(err, context.Canceled\): false; a \*pgconn.PgError: true`,
			`server: pid \d+, state idle, wait_event ClientRead, query "SELECT pg_sleep\(10\)"`,
			`client: the same connection again: backend \d+`,
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			db := openPostgres(t, srv, tt.cancelRequest)
			out, _ := playStory(t, func(ctx context.Context, log *slog.Logger) error { return tt.story(ctx, log, db, watch) })
			matchLines(t, out, tt.lines...)
			t.Logf("\n%s", out)
		})
	}
	t.Run("statement timeout", func(t *testing.T) {
		db := openPostgres(t, srv, false)
		out, _ := playStory(t, func(ctx context.Context, log *slog.Logger) error { return PostgresStatementTimeout(ctx, log, db) })
		matchLines(t, out,
			`client: SET statement_timeout = '50ms'; SELECT pg_sleep\(1\)`,
			`client: ERROR: canceling statement due to statement timeout \(SQLSTATE 57014\)`,
			`client: PgError Code 57014, Message "canceling statement due to statement timeout"; errors.Is\(err, context.DeadlineExceeded\): false`)
		t.Logf("\n%s", out)
	})
}
