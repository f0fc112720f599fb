// Package flag is the exercise of lesson 2, "The flag".
//
// Token is a cancellation flag shared by goroutines. Make Cancel set it and
// IsCancelled report it, safely from any number of goroutines at once (the
// tests run under the race detector). The zero Token must be ready to use.
package flag
