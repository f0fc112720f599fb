// Package interrupt is the exercise of lesson 16, "Cancelling what blocks".
//
// ReadContext should read from conn as conn.Read does, but give up when ctx
// ends. As written it calls conn.Read and waits: if the peer never writes,
// it waits for ever, whatever ctx says, because a Read takes no context.
// Make the end of ctx interrupt the Read (a read deadline can), and then:
//
//   - ReadContext returns the instant ctx ends, with 0 bytes and an error
//     that errors.Is matches with ctx.Err(): context.Canceled or
//     context.DeadlineExceeded, also when ctx was cancelled with a cause.
//     If ctx has already ended, it returns at once.
//   - A Read that gets data returns it (p[:n]), with no error while ctx
//     lives, even if ctx ends a moment after the Read returns: that data
//     has left conn, and is lost if ReadContext drops it. A Read that
//     fails for its own reason (the peer closed conn: io.EOF) returns
//     that error as it is.
//   - When ReadContext returns, conn works as before: its read deadline is
//     unset again, so the next Read waits for data, and its writes work.
//   - Nothing of the call outlives it: once ReadContext has returned, the
//     end of ctx does not touch conn any more, not even an interrupt that
//     was on its way when the Read returned, whether the Read got data or
//     failed. And ReadContext does not wait for an interrupt that will
//     never come: ctx may end just after the interrupt was stopped.
//   - It calls conn.Read once, and lets it wait: no polling.
package interrupt
