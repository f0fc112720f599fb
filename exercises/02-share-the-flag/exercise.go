//go:build !solution

package flag

// Token is a cancellation flag.
type Token struct {
	// TODO: a field that several goroutines may read and write at once.
}

// Cancel sets the flag.
func (t *Token) Cancel() {
	// TODO
}

// IsCancelled reports whether Cancel has been called.
func (t *Token) IsCancelled() bool {
	return false // TODO
}
