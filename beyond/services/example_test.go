package services_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"time"

	"example.com/cancellation/beyond/services"
)

// A service keeps a margin of its deadline for its own answer: the next
// service gets the deadline 50ms earlier.
func ExampleWithMargin() {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	next, cancelNext := services.WithMargin(ctx, 50*time.Millisecond)
	defer cancelNext()
	dl, _ := ctx.Deadline()
	nextDL, _ := next.Deadline()
	fmt.Println(dl.Sub(nextDL))
	// Output: 50ms
}

// A service reads its caller's deadline from TimeoutHeader as the request
// arrives; a request without the header has no deadline.
func ExampleWithTimeoutHeader() {
	r := httptest.NewRequest("GET", "/", nil)
	r.Header.Set(services.TimeoutHeader, "250")
	ctx, cancel := services.WithTimeoutHeader(r)
	defer cancel()
	dl, ok := ctx.Deadline()
	fmt.Println(ok, time.Until(dl) <= 250*time.Millisecond)

	r.Header.Del(services.TimeoutHeader)
	ctx, cancel = services.WithTimeoutHeader(r)
	defer cancel()
	_, ok = ctx.Deadline()
	fmt.Println(ok)
	// Output:
	// true true
	// false
}
