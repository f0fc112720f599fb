package scenario

import (
	"bytes"
	"net"
	"net/http"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"example.com/cancellation/internal/pipenet"
	"example.com/cancellation/internal/transcript"
)

// slowAccept is a listener on a busy machine: each connection waits
// delay before the server gets it.
type slowAccept struct {
	*pipenet.Listener
	delay time.Duration
}

func (s slowAccept) Accept() (net.Conn, error) {
	c, err := s.Listener.Accept()
	time.Sleep(s.delay)
	return c, err
}

// On a machine so busy that the impatient client gives up before its
// request reaches the handler, the story says so and goes on to the
// patient client, instead of waiting for a handler that never started
// and failing.
func TestRequestScopingOnABusyMachine(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ln := pipenet.Listen()
		var out bytes.Buffer
		err := requestScoping(Logger(transcript.NewWriter(&out)), slowAccept{ln, 50 * time.Millisecond}, "http://course.test", &http.Transport{DialContext: ln.DialContext})
		if err != nil {
			t.Fatalf("requestScoping on a busy machine: %v; want the story told to its end\n%s", err, out.String())
		}
		for _, want := range []string{"client: gave up before the handler started", "client: 200 OK"} {
			if !strings.Contains(out.String(), want) {
				t.Errorf("the story lacks %q:\n%s", want, out.String())
			}
		}
	})
}
