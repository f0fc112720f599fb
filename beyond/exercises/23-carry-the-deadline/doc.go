// Package carry is the exercise of lesson 23, "Across services".
//
// Plain net/http sends no deadline from one service to the next: a
// service whose caller gives it 100ms has no way to tell the service it
// calls. Our services carry it in a header of their own, Header: the time
// left, in whole milliseconds, as Connect's Connect-Timeout-Ms does. A
// service reads it as a request arrives (Deadline), and sends it on in
// its own calls (Call). As written, Deadline reads nothing and Call sends
// nothing. Make them:
//
//   - Deadline returns r's context with the deadline that r's Header
//     asks for, counted from now. A missing header, or one that is not a
//     whole number from 0 to MaxMs, means no deadline: r's context as it
//     is (with a cancel to call all the same).
//   - Call keeps Margin of ctx's deadline for the service's own answer:
//     the call ends Margin before that deadline, and its Header says how
//     long it has until then, in whole milliseconds rounded down (as
//     Connect does), so that next never thinks it has longer than the
//     call waits. With no deadline, the call has none and sends no Header.
//   - Call still makes its request with ctx, so that a caller who gives
//     up (a cancel) stops the call.
//   - With no more than Margin left, Call does not call at all: it
//     returns at once an error that errors.Is finds
//     context.DeadlineExceeded in. (Done right, the rest gives you this.)
//
// When the call's context ends, Call's error is what Client.Do returns:
// errors.Is finds context.DeadlineExceeded or context.Canceled in it.
package carry

import "time"

// Header carries a call's deadline: the time left, in whole milliseconds.
const Header = "Timeout-Ms"

// Margin is what a service keeps of its deadline for its own answer.
const Margin = 10 * time.Millisecond

// MaxMs is the largest time Header carries: 10 digits, Connect's limit
// for Connect-Timeout-Ms. It also keeps ms * time.Millisecond from
// overflowing a time.Duration, as it does from 9,223,372,036,855 up:
// 9300000000000 wraps into a deadline in the past.
const MaxMs = 9_999_999_999
