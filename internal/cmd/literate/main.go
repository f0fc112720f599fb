// Command literate regenerates the course's generated blocks, figures and
// index (see package literate). "go generate ./..." runs it; it finds the
// module root by itself, so it works from any folder of the module.
//
// Nothing is written unless every directive renders; errors name the file,
// the line and what is missing.
package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"example.com/cancellation/internal/literate"
)

func main() {
	if len(os.Args) > 1 {
		fmt.Fprintln(os.Stderr, "usage: go run ./internal/cmd/literate   (takes no arguments)")
		os.Exit(2)
	}
	if err := run(); err != nil {
		fmt.Fprintf(os.Stderr, "literate: %v\n", err)
		os.Exit(1)
	}
}

func run() error {
	root, err := moduleRoot()
	if err != nil {
		return err
	}
	files, err := literate.Generate(root)
	if err != nil {
		return err
	}
	changed, err := literate.Write(root, files)
	if err != nil {
		return err
	}
	for _, p := range changed {
		fmt.Println("literate: wrote", p)
	}
	return nil
}

func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod in this folder or above it")
		}
		dir = parent
	}
}
