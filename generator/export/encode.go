package export

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"runtime"
	"strings"

	"github.com/factcheck-mx/factcheck/generator/par"
)

// indented returns v, a struct of plain fields and lists, as
// json.Encoder with SetIndent("", " ") writes it, newline included, byte
// for byte; but its lists are encoded on every core, a run of items at a
// time. At 100,000 claims the files hold about 150 MB, and encoding
// them on one core was most of the export's time (84 % at 10,000).
func indented(v any) ([]byte, error) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Struct {
		return nil, fmt.Errorf("export: %T is not a struct", v)
	}
	var b bytes.Buffer
	b.WriteString("{")
	for i := range rv.NumField() {
		f := rv.Type().Field(i)
		name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
		if !f.IsExported() || name == "" || name == "-" || opts != "" {
			return nil, fmt.Errorf("export: %T.%s: only fields with a plain json name are supported", v, f.Name)
		}
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString("\n ")
		key, _ := json.Marshal(name)
		b.Write(key)
		b.WriteString(": ")
		fv := rv.Field(i)
		if fv.Kind() == reflect.Slice && fv.Len() > 0 {
			if err := list(&b, fv); err != nil {
				return nil, err
			}
			continue
		}
		val, err := json.MarshalIndent(fv.Interface(), " ", " ")
		if err != nil {
			return nil, err
		}
		b.Write(val)
	}
	b.WriteString("\n}\n")
	return b.Bytes(), nil
}

// list writes the non-empty list l as the value of a field of the
// top-level object: its items in runs, each run encoded on its own as an
// array one level deeper and stripped of its brackets.
func list(b *bytes.Buffer, l reflect.Value) error {
	n := l.Len()
	runs := min(n, 8*runtime.GOMAXPROCS(0))
	out := make([][]byte, runs)
	errs := make([]error, runs)
	par.Do(runs, func(r int) {
		run := l.Slice(r*n/runs, (r+1)*n/runs).Interface()
		a, err := json.MarshalIndent(run, " ", " ")
		if err != nil {
			errs[r] = err
			return
		}
		// "[" + "\n  item" + ",\n  item" … + "\n ]": keep what is between.
		out[r] = a[1 : len(a)-len("\n ]")]
	})
	b.WriteString("[")
	for r, a := range out {
		if errs[r] != nil {
			return errs[r]
		}
		if r > 0 {
			b.WriteString(",")
		}
		b.Write(a)
	}
	b.WriteString("\n ]")
	return nil
}
