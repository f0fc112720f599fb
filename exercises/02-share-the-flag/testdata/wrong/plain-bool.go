// Wrong: the flag is a plain bool, so Cancel and IsCancelled race when called from different goroutines.

package flag

// Token is a cancellation flag.
type Token struct {
	cancelled bool
}

// Cancel sets the flag.
func (t *Token) Cancel() {
	t.cancelled = true
}

// IsCancelled reports whether Cancel has been called.
func (t *Token) IsCancelled() bool {
	return t.cancelled
}
