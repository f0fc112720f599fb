package database_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"example.com/cancellation/beyond/database"
)

// A count that would take minutes ends with its context, and the error is
// the context's own.
func ExampleCount() {
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		panic(err)
	}
	defer db.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	n, err := database.Count(ctx, db, 1e9)
	fmt.Println(n, err)
	fmt.Println(errors.Is(err, context.DeadlineExceeded), err == ctx.Err())
	// Output:
	// 0 context deadline exceeded
	// true true
}

// A cancel before the commit leaves nothing written: the transaction is
// rolled back.
func ExampleSaveNames() {
	dir, err := os.MkdirTemp("", "example-")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	db, err := database.OpenSQLite(filepath.Join(dir, "names.db"))
	if err != nil {
		panic(err)
	}
	defer db.Close()

	ctx, cancel := context.WithCancel(context.Background())
	cancel() // the client left before we began
	err = database.SaveNames(ctx, db, []string{"ada", "grace"})
	n, _ := database.CountNames(context.Background(), db)
	fmt.Println(err, n)

	err = database.SaveNames(context.Background(), db, []string{"ada", "grace"})
	n, _ = database.CountNames(context.Background(), db)
	fmt.Println(err, n)
	// Output:
	// context canceled 0
	// <nil> 2
}
