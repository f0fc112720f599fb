// Wrong: the plain quotient, with no clamps: it panics on items that cost nothing, and goes below 1 and above MaxInterval.

package interval

import "time"

// ChooseInterval returns how many items to process between checks.
func ChooseInterval(itemCost, budget time.Duration) int {
	return int(budget / itemCost)
}
