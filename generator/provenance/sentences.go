package provenance

// Sentences splits a paragraph into sentences the way shared text is
// compared: after ".", "!" or "?" (and any closing quotation mark) followed
// by a space and a capital or an opening quotation mark, an abbreviation
// ("U.S.", "Gen.") ending nothing.
func Sentences(t string) []string { return sentences(t) }
