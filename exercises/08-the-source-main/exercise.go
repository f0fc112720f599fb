//go:build !solution

package sourcemain

import (
	"fmt"
	"io"
)

// Main is the source lesson's main, with context.
func Main(w io.Writer) {
	fmt.Fprintln(w, "TODO")
}
