//go:build !solution

package interval

import "time"

// ChooseInterval returns how many items to process between checks.
func ChooseInterval(itemCost, budget time.Duration) int {
	return 1 // TODO: always correct, never cheap
}
