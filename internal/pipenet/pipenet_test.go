package pipenet_test

import (
	"context"
	"errors"
	"io"
	"net"
	"testing"
	"testing/synctest"

	"example.com/cancellation/internal/pipenet"
)

func TestDialMeetsAccept(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ln := pipenet.Listen()
		defer ln.Close()
		go func() {
			c, err := ln.Accept()
			if err != nil {
				t.Errorf("Accept: %v", err)
				return
			}
			defer c.Close()
			io.WriteString(c, "hello")
		}()
		c, err := ln.DialContext(t.Context(), "tcp", "pipe")
		if err != nil {
			t.Fatalf("DialContext: %v", err)
		}
		defer c.Close()
		got, err := io.ReadAll(c)
		if string(got) != "hello" || err != nil {
			t.Errorf("read %q, %v; want \"hello\", nil", got, err)
		}
	})
}

func TestCloseEndsAcceptAndDial(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ln := pipenet.Listen()
		accepted := make(chan error)
		go func() {
			_, err := ln.Accept()
			accepted <- err
		}()
		synctest.Wait() // Accept is waiting
		ln.Close()
		ln.Close() // a second Close is harmless
		if err := <-accepted; !errors.Is(err, net.ErrClosed) {
			t.Errorf("Accept after Close = %v, want net.ErrClosed", err)
		}
		if _, err := ln.DialContext(t.Context(), "tcp", "pipe"); !errors.Is(err, net.ErrClosed) {
			t.Errorf("DialContext after Close = %v, want net.ErrClosed", err)
		}
	})
}

func TestDialGivesUpWithItsContext(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ln := pipenet.Listen() // nobody accepts
		defer ln.Close()
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		if _, err := ln.DialContext(ctx, "tcp", "pipe"); !errors.Is(err, context.Canceled) {
			t.Errorf("DialContext with a cancelled ctx = %v, want context.Canceled", err)
		}
	})
}
