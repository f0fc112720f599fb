// Package suggest finds, among names, those that look like what someone
// typed: how an unknown lesson or exercise gets a "did you mean".
package suggest

import "strings"

// Like returns the names among names that look like arg: those it is
// part of ("hot" in "hot-loops"), or one or two letters away from (a
// typo). It is how an unknown name gets a suggestion.
func Like(arg string, names []string) []string {
	a := strings.ToLower(strings.TrimSpace(arg))
	if len(a) < 3 {
		return nil
	}
	var like []string
	for _, n := range names {
		if strings.Contains(n, a) || editDistance(a, n) <= 2 {
			like = append(like, n)
		}
	}
	return like
}

// editDistance is the number of letters to insert, delete or change to
// turn a into b (Levenshtein's).
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
