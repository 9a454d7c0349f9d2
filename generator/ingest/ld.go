package ingest

import (
	"encoding/json"
	"strings"
)

// ldArticle is what a page's JSON-LD says about its article.
type ldArticle struct {
	headline, published, author, publisher, language, url string
}

// articleTypes are the schema.org types of a news article.
var articleTypes = map[string]bool{
	"NewsArticle": true, "Article": true, "ReportageNewsArticle": true, "AnalysisNewsArticle": true,
	"OpinionNewsArticle": true, "BackgroundNewsArticle": true, "BlogPosting": true, "Report": true,
}

// parseLD reads the first article object of a JSON-LD block: the block
// itself, an element of a list, or a node of its @graph.
func parseLD(text string) ldArticle {
	var v any
	if json.Unmarshal([]byte(text), &v) != nil {
		return ldArticle{}
	}
	obj := findArticle(v, 0)
	if obj == nil {
		return ldArticle{}
	}
	a := ldArticle{
		headline:  str(obj["headline"]),
		published: str(obj["datePublished"]),
		author:    names(obj["author"]),
		publisher: names(obj["publisher"]),
		language:  str(obj["inLanguage"]),
		url:       str(obj["url"]),
	}
	if a.url == "" {
		a.url = id(obj["mainEntityOfPage"])
	}
	return a
}

func findArticle(v any, depth int) map[string]any {
	if depth > 4 {
		return nil
	}
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			if a := findArticle(e, depth+1); a != nil {
				return a
			}
		}
	case map[string]any:
		if isArticle(x["@type"]) {
			return x
		}
		if g, ok := x["@graph"]; ok {
			return findArticle(g, depth+1)
		}
	}
	return nil
}

func isArticle(t any) bool {
	switch x := t.(type) {
	case string:
		return articleTypes[x]
	case []any:
		for _, e := range x {
			if s, ok := e.(string); ok && articleTypes[s] {
				return true
			}
		}
	}
	return false
}

func str(v any) string {
	s, _ := v.(string)
	return strings.TrimSpace(s)
}

// names reads a person or organisation, or a list of them: a name, or an
// object with a name.
func names(v any) string {
	switch x := v.(type) {
	case string:
		return strings.TrimSpace(x)
	case map[string]any:
		return str(x["name"])
	case []any:
		var out []string
		for _, e := range x {
			if n := names(e); n != "" {
				out = append(out, n)
			}
		}
		return strings.Join(out, ", ")
	}
	return ""
}

// id reads an address given as a string or as an object's @id.
func id(v any) string {
	if m, ok := v.(map[string]any); ok {
		return str(m["@id"])
	}
	return str(v)
}
