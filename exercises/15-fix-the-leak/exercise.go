//go:build !solution

package leak

import "context"

// Worker sends 2*j to results for every j it receives on jobs.
func Worker(ctx context.Context, jobs <-chan int, results chan<- int) {
	for j := range jobs { // TODO: and ctx?
		results <- 2 * j
	}
}
