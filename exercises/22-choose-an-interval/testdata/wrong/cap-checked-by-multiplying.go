// Wrong: the cap is checked by multiplying MaxInterval by itemCost, which overflows a Duration for items of hours and comes out negative: such items get MaxInterval.

package interval

import "time"

// ChooseInterval returns the largest number of items, from 1 to
// MaxInterval, that can be processed between checks within budget.
func ChooseInterval(itemCost, budget time.Duration) int {
	if itemCost <= 0 || MaxInterval*itemCost <= budget {
		return MaxInterval // even the longest run fits
	}
	return int(max(1, budget/itemCost))
}
