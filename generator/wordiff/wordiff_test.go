package wordiff

import (
	"strings"
	"testing"
)

func show(ops []Op) string {
	var b strings.Builder
	for _, op := range ops {
		b.WriteString(op.Kind + ":" + op.Text + " | ")
	}
	return b.String()
}

func TestDiff(t *testing.T) {
	got := show(Diff("We gave them names of Russian spies", "We provided them with the names of Russian spies"))
	want := "same:We | removed:gave | added:provided | same:them | added:with the | same:names of Russian spies | "
	if got != want {
		t.Errorf("Diff = %s\nwant   %s", got, want)
	}
	// Words as readers hear them: case, accents and punctuation ignored.
	if got, want := show(Diff("López said: “no.”", "Lopez said no")), "same:Lopez said no | "; got != want {
		t.Errorf("Diff = %s\nwant   %s", got, want)
	}
}

func TestExact(t *testing.T) {
	got := show(Exact("The U.S. said\nso.", "The US  said so."))
	want := "same:The | removed:U.S. | added:US | same:said so. | "
	if got != want {
		t.Errorf("Exact = %s\nwant   %s", got, want)
	}
	if Changed(Exact("a  b\nc", "a b c")) || !Changed(Exact("a b", "a c")) {
		t.Error("Changed: spacing counts as a change, or a word does not")
	}
}

// TestLarge: past the table's bound, the common beginning and end are kept
// and the middle shows as removed and added.
func TestLarge(t *testing.T) {
	long := func(prefix string, n int) string {
		ws := make([]string, n)
		for i := range ws {
			ws[i] = prefix
		}
		return strings.Join(ws, " ")
	}
	a := "start " + long("x", 3000) + " end"
	b := "start " + long("y", 3000) + " end"
	ops := Exact(a, b)
	if len(ops) != 4 || ops[0] != (Op{Same, "start"}) || ops[1].Kind != Removed || ops[2].Kind != Added || ops[3] != (Op{Same, "end"}) ||
		len(strings.Fields(ops[1].Text)) != 3000 {
		t.Errorf("large diff: %d steps, first %v, last %v", len(ops), ops[0], ops[len(ops)-1])
	}
}

func TestContext(t *testing.T) {
	ops := Exact("one two three four five six seven eight nine ten", "one two three four five SIX seven eight nine ten")
	if got, want := show(Context(ops, 2)), "elided: | same:four five | removed:six | added:SIX | same:seven eight | elided: | "; got != want {
		t.Errorf("Context = %s\nwant      %s", got, want)
	}
	ops = Exact("a b c d e f g h i j k", "a X c d e f g h i Y k")
	if got, want := show(Context(ops, 2)), "same:a | removed:b | added:X | same:c d | elided: | same:h i | removed:j | added:Y | same:k | "; got != want {
		t.Errorf("Context = %s\nwant      %s", got, want)
	}
	// One word between two changes' context is kept, not elided.
	ops = Exact("a b c d e f g", "X b c d e f Y")
	if got, want := show(Context(ops, 2)), "removed:a | added:X | same:b c d e f | removed:g | added:Y | "; got != want {
		t.Errorf("Context = %s\nwant      %s", got, want)
	}
}
