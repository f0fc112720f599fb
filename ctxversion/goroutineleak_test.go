//go:build go1.27

package ctxversion_test

import (
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"runtime"
	"runtime/pprof"
	"strings"
	"testing"
)

// Go 1.27 has the goroutineleak profile without an experiment (Go 1.26
// had it only with GOEXPERIMENT=goroutineleakprofile, and go1.27.3 no
// longer knows that experiment). Writing the profile runs a garbage
// collection that finds the goroutines blocked on a channel (or a lock)
// that no running goroutine can reach: nothing can ever wake them. Until
// it is written, the profile's Count is 0.

// leakyFetch starts a sender and returns without receiving: the classic
// leak of a goroutine on an unbuffered channel. Once leakyFetch has
// returned, nothing can reach ch, so nothing can ever receive.
func leakyFetch() {
	ch := make(chan int)
	go func() { ch <- 42 }()
}

// parked is reachable from a package variable, so a goroutine blocked on
// it might still be woken: not a leak, as far as the collector can tell.
var parked = make(chan int)

var _ = childMode("goroutineleak", func() {
	go func() { <-parked }()
	leakyFetch()
	// Wait, without a clock, until the sender is blocked.
	for i := 0; !strings.Contains(goroutines(), "[chan send]"); i++ {
		if i == 10000 {
			fmt.Println("the sender never blocked")
			os.Exit(1)
		}
		runtime.Gosched()
	}
	leaks := pprof.Lookup("goroutineleak")
	fmt.Printf("count before writing: %d\n", leaks.Count())
	fmt.Println("--- debug=1")
	leaks.WriteTo(os.Stdout, 1)
	fmt.Println("--- debug=2")
	leaks.WriteTo(os.Stdout, 2)
})

func goroutines() string {
	var b strings.Builder
	pprof.Lookup("goroutine").WriteTo(&b, 2)
	return b.String()
}

// TestGoroutineLeakProfile runs a child that leaks one goroutine and parks
// another on a reachable channel, and checks the structure of its
// goroutineleak profile: the leaked sender, in leakyFetch, and only it.
func TestGoroutineLeakProfile(t *testing.T) {
	cmd := exec.Command(testBinary(t))
	cmd.Env = childEnviron("goroutineleak")
	out, err := cmd.Output()
	t.Logf("the child's output:\n%s", out)
	if err != nil {
		t.Fatalf("child: %v", err)
	}
	debug1, debug2, ok := strings.Cut(string(out), "--- debug=2\n")
	if !ok {
		t.Fatal("no debug=2 section")
	}
	wants := []struct {
		in, re string
	}{
		{debug1, `(?m)^count before writing: 0$`},
		{debug1, `(?m)^goroutineleak profile: total 1$`},
		{debug1, `(?m)^1 @( 0x[0-9a-f]+)+$`},
		{debug1, `(?m)^#\s+0x[0-9a-f]+\s+example\.com/cancellation/ctxversion_test\.leakyFetch\.func1\+0x[0-9a-f]+\s+\S+/goroutineleak_test\.go:\d+$`},
		{debug2, `(?m)^goroutine \d+ \[chan send \(leaked\)\]:\nexample\.com/cancellation/ctxversion_test\.leakyFetch\.func1\(\)\n`},
		{debug2, `(?m)^created by example\.com/cancellation/ctxversion_test\.leakyFetch in goroutine \d+$`},
	}
	for _, w := range wants {
		if !regexp.MustCompile(w.re).MatchString(w.in) {
			t.Errorf("the profile does not match %s", w.re)
		}
	}
	if strings.Contains(debug2, "[chan receive (leaked)]") {
		t.Error("the goroutine parked on a reachable channel is reported as leaked")
	}
}
