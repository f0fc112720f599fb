package hotloop

import (
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

const hint = "\nHint: go run ./lessons hint 4"

// countingCanceller counts the checks, and says "cancelled" from check
// number cancelAt on (0: never).
type countingCanceller struct{ checks, cancelAt int }

func (c *countingCanceller) IsCancelled() bool {
	c.checks++
	return c.cancelAt > 0 && c.checks >= c.cancelAt
}

// markingCanceller finds out where Sum checks: at its j-th check it sets
// every item of data to 1<<(fieldBits*j), so that the sum says, in field j of
// fieldBits bits, how many items Sum read after check j and before the next.
// The items start at 1 (field 0: items read before the first check).
//
// A loop "for i, x := range data" reads item i before it checks, so to
// this test its check before item 1000 looks like a check before item 1001.
// Positions that all come one item late (the first check "before item 1")
// are therefore moved one item back.
type markingCanceller struct {
	data   []int64
	checks int
}

const fieldBits, fieldCount = 12, 5 // up to 4095 items, and 4 checks

func (c *markingCanceller) IsCancelled() bool {
	c.checks++
	v := int64(0)
	if c.checks < fieldCount {
		v = 1 << (fieldBits * c.checks)
	}
	for i := range c.data {
		c.data[i] = v
	}
	return false
}

func TestChecksBeforeItem0And1000And2000(t *testing.T) {
	for _, n := range []int{0, 1, 999, 1000, 1001, 1999, 2000, 2001, 3000} {
		want := []int{} // the items the checks come before
		for i := 0; i < n; i += Every {
			want = append(want, i)
		}
		data := make([]int64, n)
		for i := range data {
			data[i] = 1
		}
		c := &markingCanceller{data: data}
		sum, ok := Sum(c, data)
		if !ok {
			t.Errorf("Sum of %d items with a token nobody cancels returned ok=false; want true"+hint, n)
			continue
		}
		if c.checks != len(want) {
			t.Errorf("Sum of %d items made %d checks of the token; want %d, before items %v (item 0, 1000, 2000, ... and at no other time)"+hint,
				n, c.checks, len(want), want)
			continue
		}
		got, read := []int{}, 0
		for j := range fieldCount {
			if j > 0 && j <= c.checks {
				got = append(got, read)
			}
			read += int(sum >> (fieldBits * j) & (1<<fieldBits - 1))
		}
		if len(got) > 0 && got[0] == 1 { // read item i, then checked
			for j := range got {
				got[j]--
			}
		}
		if fmt.Sprint(got) != fmt.Sprint(want) || read != n {
			t.Errorf("Sum of %d items checked the token before items %v; want before items %v (item 0, 1000, 2000, ... and at no other time)"+hint,
				n, got, want)
		}
	}
}

func TestStopsAtTheFirstCancelledCheck(t *testing.T) {
	data := make([]int64, 2500) // checks before items 0, 1000, 2000
	for i := range data {
		data[i] = int64(i) + 1
	}
	for cancelAt := 1; cancelAt <= 3; cancelAt++ {
		c := &countingCanceller{cancelAt: cancelAt}
		sum, ok := Sum(c, data)
		if sum != 0 || ok || c.checks != cancelAt {
			t.Errorf("with the token cancelled from check %d on, Sum of 2500 items returned (%d, %v) after %d check(s); want (0, false) after %d check(s): stop at the first check that finds it cancelled, and throw the partial sum away"+hint,
				cancelAt, sum, ok, c.checks, cancelAt)
		}
	}
	c := &countingCanceller{cancelAt: 1}
	if sum, ok := Sum(c, nil); sum != 0 || !ok || c.checks != 0 {
		t.Errorf("Sum of no items with a cancelled token returned (%d, %v) after %d checks; want (0, true) and no check: there is no item 0 to check before"+hint, sum, ok, c.checks)
	}
}

func TestSaturatesInOrder(t *testing.T) {
	const max, min = math.MaxInt64, math.MinInt64
	tests := []struct {
		data []int64
		want int64
	}{
		{[]int64{1, 2, 3}, 6},
		{[]int64{-5, 3}, -2},
		{[]int64{max, 1, -1}, max - 1},
		{[]int64{max, -1, 1}, max},
		{[]int64{min, -1, 1}, min + 1},
		{[]int64{min, 1, -1}, min},
		{[]int64{max, max}, max},
		{[]int64{min, min}, min},
		{[]int64{max, 1, min}, -1},
		{[]int64{min, -1, max}, -1},
		{[]int64{1 << 62, 1 << 62, -1}, max - 1},
		{[]int64{-1 << 62, -1 << 62, -1 << 62, 1}, min + 1},
		{[]int64{max - 600, 512}, max - 88},  // close to the top, but no overflow
		{[]int64{min + 600, -512}, min + 88}, // close to the bottom, but no overflow
		{[]int64{max - 1, 1}, max},           // exactly to the top
		{[]int64{max - 1, 2}, max},           // one past it
		{[]int64{1 << 53, 1, 1}, 1<<53 + 2},  // beyond float64's exact integers
		{[]int64{-1 << 60, max, 5}, max - 1<<60 + 5},
	}
	for _, tt := range tests {
		if sum, ok := Sum(&countingCanceller{}, tt.data); sum != tt.want || !ok {
			t.Errorf("Sum(%v) = (%d, %v); want (%d, true) (add one item at a time, in order, and saturate at each addition)"+hint, tt.data, sum, ok, tt.want)
		}
	}
}

// reference adds data one item at a time with exact arithmetic, clamping
// after each addition.
func reference(data []int64) int64 {
	lo, hi := big.NewInt(math.MinInt64), big.NewInt(math.MaxInt64)
	sum := new(big.Int)
	for _, x := range data {
		sum.Add(sum, big.NewInt(x))
		if sum.Cmp(hi) > 0 {
			sum.Set(hi)
		} else if sum.Cmp(lo) < 0 {
			sum.Set(lo)
		}
	}
	return sum.Int64()
}

func TestMatchesASaturatingReference(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 1000))
	for round := range 20 {
		data := make([]int64, 1+r.IntN(3000))
		for i := range data {
			switch r.IntN(4) {
			case 0:
				data[i] = r.Int64() // huge, positive
			case 1:
				data[i] = -r.Int64() - 1 // huge, negative
			case 2:
				data[i] = r.Int64N(1<<40) - 1<<39 // small
			default:
				data[i] = int64(r.Uint64()) >> r.IntN(64) // any size
			}
		}
		want := reference(data)
		if sum, ok := Sum(&countingCanceller{}, data); sum != want || !ok {
			t.Fatalf("round %d: Sum of %d pseudo-random items (first ones %v) = (%d, %v); want (%d, true), what adding them one at a time in order, saturating at each addition, gives"+hint,
				round, len(data), data[:min(4, len(data))], sum, ok, want)
		}
	}
}
