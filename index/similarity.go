package index

import "github.com/agnivade/levenshtein"

// Similarity is the Levenshtein similarity ratio of a and b: 1 - distance/longer length, in [0, 1].
func Similarity(a, b string) float64 {
	la, lb := len([]rune(a)), len([]rune(b))
	m := max(la, lb)
	if m == 0 {
		return 1
	}
	return 1 - float64(levenshtein.ComputeDistance(a, b))/float64(m)
}
