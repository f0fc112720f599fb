package ctxversion_test

import (
	"context"
	"encoding/binary"
	"errors"
	"example.com/cancellation/std/saturating"
	"math"
	"testing"

	"example.com/cancellation/ctxversion"
)

// FuzzCancellableSum checks ctxversion.CancellableSum against the math/big
// reference, with a live and a cancelled context.
func FuzzCancellableSum(f *testing.F) {
	le := func(xs ...int64) []byte {
		b := make([]byte, 8*len(xs))
		for i, x := range xs {
			binary.LittleEndian.PutUint64(b[8*i:], uint64(x))
		}
		return b
	}
	f.Add(le(), false)
	f.Add(le(1, 2, 3), false)
	f.Add(le(math.MaxInt64, 1, -1), false)
	f.Add(le(math.MinInt64, -1, 1), false)
	f.Add(le(7), true)
	f.Fuzz(func(t *testing.T, raw []byte, cancelled bool) {
		data := make([]int64, len(raw)/8)
		for i := range data {
			data[i] = int64(binary.LittleEndian.Uint64(raw[8*i:]))
		}
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		if cancelled {
			cancel()
		}
		got, err := ctxversion.CancellableSum(ctx, data)
		if cancelled && len(data) > 0 {
			if got != 0 || !errors.Is(err, context.Canceled) {
				t.Fatalf("cancelled context, %d items: got (%d, %v), want (0, context.Canceled)", len(data), got, err)
			}
			return
		}
		if want := saturating.Exact(data); err != nil || got != want {
			t.Fatalf("sum of %v = (%d, %v), want (%d, nil)", data, got, err, want)
		}
	})
}
