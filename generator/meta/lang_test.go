package meta

import "testing"

func TestInLangFromLang(t *testing.T) {
	langs := []string{"es", "pt-br"}
	for _, tt := range []struct{ orig, lang, name string }{
		{"claims/x/index.md", "es", "claims/x/index.es.md"},
		{"claims/x/card.png", "es", "claims/x/card.es.png"},
		{"about.md", "pt-br", "about.pt-br.md"},
		{"search/_index.md", "es", "search/_index.es.md"},
		{"about.md", "", "about.md"},
	} {
		if got := InLang(tt.orig, tt.lang); got != tt.name {
			t.Errorf("InLang(%q, %q) = %q, want %q", tt.orig, tt.lang, got, tt.name)
		}
		if orig, lang := FromLang(tt.name, langs); orig != tt.orig || lang != tt.lang {
			t.Errorf("FromLang(%q) = %q, %q; want %q, %q", tt.name, orig, lang, tt.orig, tt.lang)
		}
	}
	// A code that is not one of the languages is part of the name.
	if orig, lang := FromLang("claims/x.fr.md", langs); orig != "claims/x.fr.md" || lang != "" {
		t.Errorf("FromLang(claims/x.fr.md) = %q, %q", orig, lang)
	}
}

func TestBaseLang(t *testing.T) {
	for in, want := range map[string]string{"en": "en", "es-MX": "es", "es_MX": "es", " pt-BR ": "pt", "unknown": "", "": "", "und": "", "English": ""} {
		if got := BaseLang(in); got != want {
			t.Errorf("BaseLang(%q) = %q, want %q", in, got, want)
		}
	}
}
