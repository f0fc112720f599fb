// Package interval is the exercise of lesson 22, "How often to check?".
//
// ChooseInterval picks how many items a hot loop may process between two
// cancellation checks. The fewest checks cost the least, but after a
// cancel the loop still finishes its current run of items, which takes
// interval × itemCost. Return the largest interval whose worst-case
// latency fits in budget (rounded down: a run that would take longer than
// budget does not fit), but never less than 1 (check every item if even
// one item takes longer than the budget, or the budget is 0 or less) and
// never more than MaxInterval. Items that cost nothing (itemCost 0 or
// less) get MaxInterval, whatever the budget.
package interval

// MaxInterval bounds the interval, however cheap the items.
const MaxInterval = 1 << 20
