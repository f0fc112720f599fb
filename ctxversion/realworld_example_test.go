package ctxversion_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"time"

	"example.com/cancellation/ctxversion"
)

// A context cannot wake a Read; ReadContext sets a deadline when the
// context ends, and says why the Read stopped.
func ExampleReadContext() {
	conn, peer := net.Pipe() // the peer never writes
	defer conn.Close()
	defer peer.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()

	_, err := ctxversion.ReadContext(ctx, conn, make([]byte, 10))
	fmt.Println(err)
	fmt.Println(errors.Is(err, context.DeadlineExceeded), errors.Is(err, os.ErrDeadlineExceeded))
	// Output:
	// read interrupted: context deadline exceeded (read pipe: i/o timeout)
	// true true
}

// After an interrupt, the connection is still usable once its read
// deadline is reset: unlike a Close, a deadline ends only the Read.
func ExampleInterruptReads() {
	conn, peer := net.Pipe()
	defer conn.Close()
	defer peer.Close()
	ctx, cancel := context.WithCancel(context.Background())
	stop := ctxversion.InterruptReads(ctx, conn)
	cancel()
	fmt.Println("stopped before the interrupt:", stop()) // stop waits for it

	_, err := conn.Read(make([]byte, 10))
	fmt.Println(errors.Is(err, os.ErrDeadlineExceeded))
	conn.SetReadDeadline(time.Time{})
	go io.WriteString(peer, "hello")
	p := make([]byte, 10)
	n, err := conn.Read(p)
	fmt.Println(string(p[:n]), err)
	// Output:
	// stopped before the interrupt: false
	// true
	// hello <nil>
}

// Serve answers a request, and the stop shuts the server down: nothing in
// flight, so nothing is cut.
func ExampleServe() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Println(err)
		return
	}
	stop, stopNow := context.WithCancel(context.Background())
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, "hello")
	})}
	go func() {
		resp, err := http.Get("http://" + ln.Addr().String())
		if err == nil {
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			fmt.Print(resp.Status, " ", string(body))
		}
		http.DefaultClient.CloseIdleConnections()
		stopNow()
	}()
	stats, err := ctxversion.Serve(stop, srv, ln, time.Second)
	fmt.Println(stats, err)
	// Output:
	// 200 OK hello
	// accepted=1 answered=1 cut=0 lost=0 <nil>
}

// ExitAfter is the last resort of a shutdown: here the work ignores the
// stop, and the exit comes 20ms after it.
func ExampleExitAfter() {
	ctx, cancel := context.WithCancel(context.Background())
	exited := make(chan struct{})
	stop := ctxversion.ExitAfter(ctx, 20*time.Millisecond, func() {
		fmt.Println("the shutdown took too long: exit")
		close(exited) // a program would call os.Exit(1)
	})
	cancel() // the stop; the work goes on regardless
	<-exited
	fmt.Println("stop prevented the exit:", stop())
	// Output:
	// the shutdown took too long: exit
	// stop prevented the exit: false
}
