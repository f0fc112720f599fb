// Package merge is the exercise of lesson 19, "Pitfalls that bite in
// review".
//
// Merge fans several channels in to one: it returns a channel, out, that
// gives every value received from any of ins. As written, it gets the
// ownership of out wrong, and it ignores ctx. Make it:
//
//   - Close out once, when every one of ins is closed and every value has
//     been handed over: the goroutines that send on out own it, and only
//     once the last of them is done may out be closed. With no ins, out is
//     closed at once.
//   - Stop when ctx is done, wherever its goroutines wait: for a value
//     from one of ins, or to hand a value over to a reader that has
//     stopped reading. Then close out too, so that a reader's range ends.
//
// Closing a channel that someone may still send on makes that send panic;
// a channel nobody closes makes its reader's range wait forever. The
// reader cannot close out: out is receive-only.
package merge
