package claims

import (
	"strings"
	"testing"
	"time"

	"github.com/factcheck-mx/factcheck/generator/diag"
	"github.com/factcheck-mx/factcheck/generator/meta"
)

// The day is passed in, not read from a clock: dates after it are errors
// (a warning for drafts), whatever the day the test runs.
func TestDatesAgainstToday(t *testing.T) {
	today := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	scale := Scale{{ID: "r"}}
	src := func(date, published, extra string) []byte {
		return []byte("---\nclaim: x\nclaimant: p\ndate: " + date + "\nsources: [s]\nrating: r\nsummary: x\nevidence:\n  - source: s\n    quote: q\nreviewer: D\npublished: " + published + "\n" + extra + "---\n")
	}
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"today is fine", src("2026-05", "2026-05-01", ""), ""},
		{"tomorrow is not", src("2026", "2026-05-02", ""), `c.md:12: field "published": 2026-05-02 is in the future (today is 2026-05-01 in UTC): fact checks are published when merged, and a page dated later is not published at all; write today's date or earlier, or mark the claim draft: true`},
		{"a draft is warned", src("2026", "2026-05-02", "draft: true\n"), `c.md:12: warning: field "published": 2026-05-02 is in the future (today is 2026-05-01 in UTC): this draft will not show in previews until then; write the day it is merged when it is`},
		{"made next month", src("2026-06", "2026-05-01", ""), `c.md:4: field "date": 2026-06 is in the future (today is 2026-05-01 in UTC): write when the claim was made (YYYY-MM-DD, YYYY-MM or YYYY), or "unknown"`},
		{"year 0", src("unknown", "0000-05-01", ""), `c.md:12: field "published": 0000-05-01 is before the year 1900, which no date here can be: check the year`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var probs diag.List
			ParseAt(meta.File{Path: "c.md", ID: "c", Data: tt.data}, scale, today, &probs)
			var got []string
			for _, p := range probs {
				got = append(got, p.String())
			}
			if strings.Join(got, "\n") != tt.want {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), tt.want)
			}
		})
	}
	// Without a day (old versions read for their history), no date is in the future.
	var probs diag.List
	ParseAt(meta.File{Path: "c.md", ID: "c", Data: src("2999", "2999-01-01", "")}, scale, time.Time{}, &probs)
	if len(probs) != 0 {
		t.Errorf("zero today: %v", probs)
	}
}
