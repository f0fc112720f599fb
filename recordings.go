// Package cancellation holds the course's recorded files for the programs
// that show them: the figures go generate draws (docs/figures), the
// scenario recordings on the virtual clock (testdata/scenarios, and
// testdata/beyond for the beyond module's stories), from which the browser
// view replays a run exactly, and the guides (docs).
//
// The course itself is in lessons/; its packages are std, ctxversion and
// those under internal/.
package cancellation

import "embed"

// Recordings are docs/figures/*.svg, docs/*.md, testdata/scenarios/*.txtar
// and testdata/beyond/*.txtar, at the paths they have in the repository.
//
//go:embed docs/figures/*.svg docs/*.md testdata/scenarios/*.txtar testdata/beyond/*.txtar
var Recordings embed.FS
