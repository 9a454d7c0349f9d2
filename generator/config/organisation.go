package config

import (
	"net/url"
	"strings"

	"github.com/factcheck-mx/factcheck/generator/diag"
	"github.com/factcheck-mx/factcheck/generator/meta"
)

// Organisation is [params.organisation]: the facts about who publishes the
// site that the IFCN Code of Principles asks every fact-checker to make
// public. The about, methodology and corrections-policy pages render them
// (layouts/_partials/organisation.html); check warns when one is missing.
type Organisation struct {
	Form       string // who runs the site and its legal form
	Ownership  string
	Funding    string
	Editors    string // who edits
	Reviewers  string // who does the second review
	Contact    string // an e-mail address or a web address (a page of the site, e.g. /contact/), not GitHub
	Reply      string // whether claimants are asked to respond
	AnswerDays int    // corrections requests are answered within this many days
	Signatory  bool   // a verified signatory of the IFCN code
}

// organisationFields are the required keys of [params.organisation], each
// with what it says and the IFCN commitment that asks for it.
var organisationFields = []struct{ key, what string }{
	{"form", "who runs the site and its legal form (an organisation and its legal form, or \"an unincorporated open-source project\"), for the IFCN's transparency of organisation"},
	{"ownership", "who owns the site (or that no one does), for the IFCN's transparency of organisation"},
	{"funding", "where its money comes from (or that it has none), for the IFCN's transparency of funding"},
	{"editors", "who edits the fact checks (roles or names that exist), for the IFCN's transparency of methodology"},
	{"reviewers", "who does the second review before publication, for the IFCN's transparency of methodology"},
	{"contact", "an address readers can write to besides GitHub (mailto:, https:// or a page of the site such as /contact/), for the IFCN's open and honest corrections"},
	{"reply", "whether the people whose claims are checked are asked to respond, for the IFCN's fairness"},
	{"answer-days", "the number of days within which corrections requests are answered, for the IFCN's open and honest corrections"},
	{"ifcn-signatory", "whether the site is a verified signatory of the IFCN Code of Principles (true or false), so readers know whether they can complain to the IFCN"},
}

// loadOrganisation reads [params.organisation]; n is nil when the table is
// missing. Missing facts are warnings: the site builds, but its pages would
// not say what the IFCN code asks for.
func loadOrganisation(n *meta.Node, line int, probs *diag.List) Organisation {
	var o Organisation
	if n == nil {
		probs.Warnf(File, line, "[params.organisation] is missing: add it with %s, so the about, methodology and corrections-policy pages say who publishes the site (see README, Transparency)", keyList())
		return o
	}
	fs := meta.NewFields(File, n, n.Line, probs)
	// present says whether key is there, warning when it is not.
	present := func(key string) bool {
		if fs.Has(key) {
			return true
		}
		fs.Warnf("[params.organisation] has no %s: %s", key, what(key))
		return false
	}
	text := func(key string, dst *string) int {
		if !present(key) {
			return 0
		}
		v, line := fs.String(key, true, what(key))
		*dst = v
		return line
	}
	text("form", &o.Form)
	text("ownership", &o.Ownership)
	text("funding", &o.Funding)
	text("editors", &o.Editors)
	text("reviewers", &o.Reviewers)
	cl := text("contact", &o.Contact)
	text("reply", &o.Reply)
	if o.Contact != "" {
		if why := checkContact(o.Contact); why != "" {
			fs.Errorf(cl, "contact %q %s", o.Contact, why)
			o.Contact = ""
		}
	}
	if present("answer-days") {
		before := len(*probs)
		d, dl := fs.Int("answer-days", true, what("answer-days"))
		switch {
		case len(*probs) > before: // Int has said what is wrong with it
		case d < 1 || d > 90:
			fs.Errorf(dl, "answer-days %d must be between 1 and 90: the number of days within which corrections requests are answered", d)
		default:
			o.AnswerDays = d
		}
	}
	if present("ifcn-signatory") {
		o.Signatory = fs.Bool("ifcn-signatory")
	}
	fs.Finish()
	return o
}

// checkContact says what is wrong with a contact address, or "".
func checkContact(c string) string {
	if strings.ContainsAny(c, "\"'<>\\ \t\r\n") {
		return "must be a single address, with no spaces, quotes or angle brackets"
	}
	u, err := url.Parse(c)
	switch {
	case err != nil:
		return "is not an address: give mailto:name@example.org, https://… or a page of the site such as /contact/"
	case u.Scheme == "mailto" && strings.Contains(u.Opaque, "@"):
	case (u.Scheme == "https" || u.Scheme == "http") && u.Host != "":
		if h := strings.ToLower(u.Hostname()); h == "github.com" || strings.HasSuffix(h, ".github.com") {
			return "is on GitHub: readers without a GitHub account need another way to reach the editors (an e-mail address or a contact page)"
		}
	case u.Scheme == "" && u.Host == "" && strings.HasPrefix(c, "/") && !strings.HasPrefix(c, "//"):
	default:
		return "is not an address readers can use: give mailto:name@example.org, https://… or a page of the site such as /contact/"
	}
	return ""
}

func what(key string) string {
	for _, f := range organisationFields {
		if f.key == key {
			return f.what
		}
	}
	return ""
}

func keyList() string {
	keys := make([]string, len(organisationFields))
	for i, f := range organisationFields {
		keys[i] = f.key
	}
	return strings.Join(keys, ", ")
}
