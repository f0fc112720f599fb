// Wrong: it adds exactly with math/big and clamps only the final sum, but saturating addition must clamp at each addition, in order.

package hotloop

import (
	"math"
	"math/big"
)

// Sum adds data.
func Sum(c Canceller, data []int64) (int64, bool) {
	sum := new(big.Int)
	for i, x := range data {
		if i%Every == 0 && c.IsCancelled() {
			return 0, false
		}
		sum.Add(sum, big.NewInt(x))
	}
	if sum.Cmp(big.NewInt(math.MaxInt64)) > 0 {
		return math.MaxInt64, true
	}
	if sum.Cmp(big.NewInt(math.MinInt64)) < 0 {
		return math.MinInt64, true
	}
	return sum.Int64(), true
}
