// Wrong: the budget and the cost are divided as float64 nanoseconds, which carry 53 bits: near the largest budgets the quotient rounds up, so a budget 1ns short of 854015 items of 3h gives 854015, a run that does not fit.
package interval

import "time"

// ChooseInterval returns the largest number of items, from 1 to
// MaxInterval, that can be processed between checks within budget.
func ChooseInterval(itemCost, budget time.Duration) int {
	if itemCost <= 0 {
		return MaxInterval
	}
	n := float64(budget) / float64(itemCost) // whole nanoseconds: no rounding trouble
	return int(max(1, min(MaxInterval, n)))
}
