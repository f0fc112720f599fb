package saturating

import (
	"math"
	"math/big"
)

// Exact computes Sum(0, xs) the slow, obvious way: exact arithmetic with
// math/big, clamped to the int64 range after every addition. It is the
// reference that the tests and fuzz targets hold the fast loops to.
func Exact(xs []int64) int64 {
	lo, hi := big.NewInt(math.MinInt64), big.NewInt(math.MaxInt64)
	acc := new(big.Int)
	for _, x := range xs {
		acc.Add(acc, big.NewInt(x))
		if acc.Cmp(hi) > 0 {
			acc.Set(hi)
		} else if acc.Cmp(lo) < 0 {
			acc.Set(lo)
		}
	}
	return acc.Int64()
}
