// Package anyof is the exercise of lesson 13, "Trees and fan-out".
//
// AnyOf should return a context that is done as soon as either a or b is
// done, with that one's cause. As written, it listens to a only. The
// returned cancel function must also stop watching b.
package anyof
