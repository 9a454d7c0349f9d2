package sets

import "testing"

func TestDice(t *testing.T) {
	tests := []struct {
		a, b []string
		want float64
	}{
		{nil, nil, 0},
		{[]string{"a"}, nil, 0},
		{[]string{"a", "b"}, []string{"a", "b"}, 1},
		{[]string{"a", "b", "c"}, []string{"b", "c", "d"}, 2 * 2.0 / 6},
		{[]string{"a", "c", "e"}, []string{"b", "d", "f"}, 0},
	}
	for _, tt := range tests {
		if got := Dice(tt.a, tt.b); got != tt.want {
			t.Errorf("Dice(%v, %v) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
	if got := Dice([]uint64{1, 5, 9}, []uint64{5, 9, 12, 20}); got != 4.0/7 {
		t.Errorf("Dice of uint64 sets = %v, want 4/7", got)
	}
}
