package course

import (
	"os"
	"path/filepath"
	"slices"
)

// Sources returns the markdown files that may hold directives, relative to
// root: the README, the lessons, their answers and the guides in docs.
func Sources(root string) ([]string, error) {
	var files []string
	for _, pattern := range []string{"README.md", "lessons/[0-9][0-9]-*.md", "lessons/answers/[0-9][0-9]-*.md", "docs/*.md"} {
		matches, err := filepath.Glob(filepath.Join(root, filepath.FromSlash(pattern)))
		if err != nil {
			return nil, err
		}
		for _, m := range matches {
			rel, _ := filepath.Rel(root, m)
			files = append(files, filepath.ToSlash(rel))
		}
	}
	slices.Sort(files)
	return files, nil
}

// LoadSources parses every file Sources returns, once.
func LoadSources(root string) ([]*Doc, error) {
	sources, err := Sources(root)
	if err != nil {
		return nil, err
	}
	var docs []*Doc
	for _, file := range sources {
		src, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(file)))
		if err != nil {
			return nil, err
		}
		doc, err := Parse(file, src)
		if err != nil {
			return nil, err
		}
		docs = append(docs, doc)
	}
	return docs, nil
}
