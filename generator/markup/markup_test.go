package markup

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// worst are inputs that make goldmark slow, built to n bytes or so.
var worst = map[string]func(n int) string{
	"quotes-one-line":  func(n int) string { return strings.Repeat("> ", n/2) + "a" },
	"quotes-per-line":  func(n int) string { return lines(n, func(i int) string { return strings.Repeat(">", i%200+1) + " a" }) },
	"lists-one-line":   func(n int) string { return strings.Repeat("- ", n/2) + "a" },
	"ordered-one-line": func(n int) string { return strings.Repeat("1. ", n/3) + "a" },
	"quote-list":       func(n int) string { return strings.Repeat("> - ", n/4) + "a" },
	"indented-lists":   func(n int) string { return lines(n, func(i int) string { return strings.Repeat("  ", i%300) + "- a" }) },
	"link-openers":     func(n int) string { return strings.Repeat("[a](", n/4) },
	"image-openers":    func(n int) string { return strings.Repeat("![](", n/4) },
	"brackets":         func(n int) string { return strings.Repeat("[", n/2) + strings.Repeat("]", n/2) },
	"emphasis":         func(n int) string { return strings.Repeat("*_", n/2) },
	"angles":           func(n int) string { return strings.Repeat("<a ", n/3) },
	"backticks":        func(n int) string { return strings.Repeat("`a", n/2) },
	"table-padding": func(n int) string {
		return strings.Repeat("|a", 200) + "\n" + strings.Repeat("|-", 200) + "\n" + strings.Repeat("a\n", (n-800)/2)
	},
}

// atMax is one paragraph with every kind of opener at its bound.
var atMax = strings.Repeat("[a](", MaxBrackets/2) + strings.Repeat("![](", MaxBrackets/2) +
	strings.Repeat("`a", MaxCodeRuns) + strings.Repeat("*_", MaxDelims/2) + strings.Repeat("<a ", MaxAngles)

func lines(n int, line func(i int) string) string {
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		b.WriteString(line(i))
		b.WriteByte('\n')
	}
	return b.String()
}

func count(n int, line func(i int) string) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(line(i))
		b.WriteByte('\n')
	}
	return b.String()
}

func paras(n int, p string) string {
	var b strings.Builder
	for b.Len() < n {
		b.WriteString(p)
		b.WriteString("\n\n")
	}
	return b.String()
}

func TestWorstRefused(t *testing.T) {
	for name, f := range worst {
		if probs := Structure(f(200_000), 1); len(probs) == 0 {
			t.Errorf("%s: accepted", name)
		}
	}
	if probs := Structure(paras(200_000, atMax), 1); len(probs) != 0 {
		t.Errorf("paragraphs at the bounds refused: %v", probs)
	}
}

func TestCheck(t *testing.T) {
	deep := func(n int, prefix string) string { return strings.Repeat(prefix, n) + "a\n" }
	tests := []struct {
		in   string
		want string
	}{
		{"Plain *text* with a [link](https://example.org) and [a page](/claims/x/).\n", ""},
		{deep(16, "> "), ""},
		{deep(17, "> "), "10: block quotes and lists nested 17 deep: nest at most 16 levels"},
		{deep(9, "> - "), "10: block quotes and lists nested 18 deep: nest at most 16 levels"},
		{deep(17, "1. "), "10: block quotes and lists nested 17 deep: nest at most 16 levels"},
		{"a\n" + count(40, func(i int) string { return strings.Repeat("  ", i) + "- a" }),
			"27: block quotes and lists nested 17 deep: nest at most 16 levels"},
		// One '>' a line, nesting one deeper each line.
		{count(100, func(i int) string { return strings.Repeat(">", i+1) }), "26: block quotes and lists nested 17 deep: nest at most 16 levels"},
		{"- - - -\n* * *\n", ""}, // thematic breaks, not lists
		{"```\n" + deep(40, "> ") + "```\n", ""},
		{"a\n\n" + strings.Repeat("[a](", 65), "12: 65 '[' in one paragraph, over the limit of 64 (each may open a link or an image): split the paragraph, or write a literal bracket as \\["},
		{strings.Repeat("\\[", 200), ""},
		{strings.Repeat("[a](/x)\n", 40) + "\n" + strings.Repeat("- [a](/x)\n", 200), ""},
		{strings.Repeat("`a", 129), "10: 129 runs of backticks in one paragraph, over the limit of 128: split the paragraph, or write a literal backtick as \\`"},
		{strings.Repeat("*_", 257), "10: 514 '*', '_' and '~' in one paragraph, over the limit of 512: split the paragraph, or escape literal ones as \\*, \\_ and \\~"},
		{strings.Repeat("<<", 129), "10: 258 '<' in one paragraph, over the limit of 256: split the paragraph, or write a literal one as \\<"},
		{strings.Repeat("|a", 65) + "\n" + strings.Repeat("|-", 65) + "\n", "11: table of 65 columns: tables may have at most 64"},
		{strings.Repeat("|a", 60) + "\n" + strings.Repeat("|-", 60) + "\n" + strings.Repeat("b\n", 18),
			"29: table rows are 1062 cells short of their header, in all, over the limit of 1024: give each row the header's number of cells"},
		{"[x](javascript:alert(1))\n", `10: warning: link to "javascript:alert(1)" dropped: links must be http(s), mailto or site paths (/claims/…)`},
		{"a\n[x](jav&#x61;script:alert(1))\n", `11: warning: link to "javascript:alert(1)" dropped: links must be http(s), mailto or site paths (/claims/…)`},
		{"[x](JaVaScRiPt:alert(1))\n", `10: warning: link to "JaVaScRiPt:alert(1)" dropped: links must be http(s), mailto or site paths (/claims/…)`},
		{"[x](<java\tscript:alert(1)>)\n", `10: warning: link to "javascript:alert(1)" dropped: links must be http(s), mailto or site paths (/claims/…)`},
		{"<vbscript:x>\n", `10: warning: link to "vbscript:x" dropped: links must be http(s), mailto or site paths (/claims/…)`},
		{"[r][x]\n\n[x]: data:text/html,hi\n", `10: warning: link to "data:text/html,hi" dropped: links must be http(s), mailto or site paths (/claims/…)`},
		{"[m](mailto:a@b.c) <https://x.org> [f](#p1) [q](?a=1) [r](../x)\n", ""},
		{"![a](/images/a.png)\n", ""},
		{"text\n![a](https://tracker.example/p.gif)\n", "11: image from https://tracker.example/p.gif : images from other sites are not allowed (the site's Content-Security-Policy blocks them and they track readers); put the image in static/ and use a site path"},
		{"![a](//tracker.example/p.gif)\n", "10: image from //tracker.example/p.gif : images from other sites are not allowed (the site's Content-Security-Policy blocks them and they track readers); put the image in static/ and use a site path"},
		{"![a](data:image/png;base64,AAAA)\n", "10: image from data:image/png;base64,AAAA : data: images are not allowed; put the image in static/ and use a site path"},
		{strings.Repeat("a", MaxBody+1), "10: the text is 129 KiB, over the limit of 128 KiB: shorten it, or split it"},
	}
	for _, tt := range tests {
		var got []string
		for _, p := range Check(tt.in, 10) {
			w := ""
			if p.Warning {
				w = "warning: "
			}
			got = append(got, fmt.Sprintf("%d: %s%s", p.Line, w, p.Msg))
		}
		if g := strings.Join(got, "\n"); g != tt.want {
			t.Errorf("Check(%.60q):\n got %s\nwant %s", tt.in, g, tt.want)
		}
	}
}

// TestRenderDrops: whatever Check says, the converter drops what it must.
func TestRenderDrops(t *testing.T) {
	in := "[x](javascript:alert(1)) [y](jav&#x61;script:1) [z](<java\tscript:1>) <javascript:alert(1)> " +
		"[v](VBScript:x) [d](data:text/html,x) [f](file:///etc/passwd) ftp://example.org/a " +
		"![i](https://evil.example/x.png) ![j](data:image/png;base64,AAA) ![k](//evil.example/y.png) ![l](\\\\evil.example/z.png)\n\n" +
		"[ok](/claims/a/) [m](mailto:a@b.c) [h](https://example.org/) ![s](/img/a.png) www.example.com\n"
	var b bytes.Buffer
	if err := New().Convert([]byte(in), &b); err != nil {
		t.Fatal(err)
	}
	want := `<p>x y z javascript:alert(1) v d f ftp://example.org/a i j k l</p>
<p><a href="/claims/a/">ok</a> <a href="mailto:a@b.c">m</a> <a href="https://example.org/">h</a> <img src="/img/a.png" alt="s"> <a href="http://www.example.com">www.example.com</a></p>
`
	if b.String() != want {
		t.Errorf("rendered:\n%s\nwant:\n%s", b.String(), want)
	}
}

// TestSiteFiles: every Markdown body of the site passes.
func TestSiteFiles(t *testing.T) {
	var paths []string
	for _, g := range []string{"claims/*.md", "people/*.md", "content/*.md"} {
		p, _ := filepath.Glob(filepath.Join("..", "..", g))
		paths = append(paths, p...)
	}
	if len(paths) < 10 {
		t.Fatalf("only %d files found", len(paths))
	}
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		body, line := splitFront(string(data))
		for _, p := range Check(body, line) {
			t.Errorf("%s:%d: %s", path, p.Line, p.Msg)
		}
	}
}

// splitFront returns the body after the front matter and its first line.
func splitFront(s string) (string, int) {
	for _, d := range []string{"---", "+++"} {
		if strings.HasPrefix(s, d+"\n") {
			if i := strings.Index(s[4:], "\n"+d+"\n"); i >= 0 {
				front := s[:4+i+len(d)+2]
				return s[len(front):], strings.Count(front, "\n") + 1
			}
		}
	}
	return s, 1
}

// FuzzCheck: Check does not panic, its lines are within the text, and what
// it accepts renders to output proportional to the input.
func FuzzCheck(f *testing.F) {
	for _, s := range []string{"", "a", "> > - a", "[a](javascript:x)", "![a](https://x/y.png)", "|a|b|\n|-|-|\nc\n", "```\n> > >\n```", atMax,
		strings.Repeat("> ", 20) + "a", strings.Repeat("[a](", 70), strings.Repeat("  ", 10) + "- a"} {
		f.Add(s)
	}
	md := New()
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 1<<16 {
			return
		}
		lines := strings.Count(s, "\n") + 1
		probs := Check(s, 5)
		for _, p := range probs {
			if p.Line < 5 || p.Line >= 5+lines {
				t.Fatalf("problem on line %d of a text of lines 5 to %d: %s", p.Line, 5+lines-1, p.Msg)
			}
			if !p.Warning {
				return
			}
		}
		var b bytes.Buffer
		if err := md.Convert([]byte(s), &b); err != nil {
			t.Fatal(err)
		}
		// Entities and tags: at most some tens of bytes of output per
		// byte of input, plus the padding of short table rows.
		if limit := 64*len(s) + 64*MaxPadding + 1024; b.Len() > limit {
			t.Fatalf("%d bytes rendered to %d", len(s), b.Len())
		}
	})
}

// accepted are the worst inputs Check accepts: paragraphs at the bounds.
var accepted = map[string]string{
	"links":      strings.Repeat("[a](", MaxBrackets),
	"brackets":   strings.Repeat("[", MaxBrackets/2) + strings.Repeat("]", MaxBrackets/2),
	"backticks":  strings.Repeat("`a", MaxCodeRuns),
	"emphasis":   strings.Repeat("*_", MaxDelims/2),
	"angles":     strings.Repeat("<a ", MaxAngles),
	"all":        atMax,
	"quotes-16":  strings.Repeat("> ", MaxDepth) + "a",
	"lists-16":   strings.Repeat("- ", MaxDepth) + "a",
	"table-wide": strings.Repeat("|a", MaxColumns) + "\n" + strings.Repeat("|-", MaxColumns) + "\n" + strings.Repeat("|a", MaxColumns),
}

// BenchmarkWorst times Check and the render on the worst inputs. "before"
// renders what Check refuses, as happened before Check: at 16 KiB (the
// time grows with the square of the size; MARKUP_SLOW=1 renders them at
// MaxBody, which takes minutes). "after" renders the worst text Check
// accepts, paragraphs at the bounds, at MaxBody; "check" times Structure
// (Check but for its size limit and links) on the refused inputs at 2 MiB.
func BenchmarkWorst(b *testing.B) {
	before := 16 << 10
	if os.Getenv("MARKUP_SLOW") != "" {
		before = MaxBody
	}
	for _, name := range sortedKeys(worst) {
		src := worst[name](2 << 20)
		b.Run("check/"+name, func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				Structure(src, 1)
			}
		})
		small := worst[name](before)
		b.Run("before/"+name, func(b *testing.B) {
			md := New()
			b.SetBytes(int64(len(small)))
			for b.Loop() {
				var out bytes.Buffer
				md.Convert([]byte(small), &out)
			}
		})
	}
	for _, name := range sortedKeys(accepted) {
		src := paras(MaxBody-len(accepted[name])-2, accepted[name])
		if probs := Check(src, 1); len(probs) > 0 {
			b.Fatalf("%s refused: %v", name, probs[0])
		}
		b.Run("after/"+name, func(b *testing.B) {
			md := New()
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				var out bytes.Buffer
				md.Convert([]byte(src), &out)
			}
		})
	}
}

func sortedKeys[V any](m map[string]V) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	for i := range ks {
		for j := i + 1; j < len(ks); j++ {
			if ks[j] < ks[i] {
				ks[i], ks[j] = ks[j], ks[i]
			}
		}
	}
	return ks
}
