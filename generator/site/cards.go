package site

import (
	"github.com/factcheck-mx/factcheck/generator/card"
	"github.com/factcheck-mx/factcheck/generator/claims"
	"github.com/factcheck-mx/factcheck/generator/people"
)

// CardFile is the share card's file name in a page's bundle: Hugo
// publishes it next to the page (claims/ID/card.png) when a template asks
// for its address.
const CardFile = "card.png"

// ShareSection is the headless bundle that holds the site's own card, for
// pages that have none of their own.
const ShareSection = "share"

// Cards draws the share cards of claim and person pages and of the site.
type Cards struct {
	Painter *card.Painter
	Cache   *card.Cache // nil keeps nothing between builds
}

func (g *gen) claimCard(c *claims.Claim) (any, error) {
	cards := g.opt.Cards
	c = g.claim(c.ID)
	rt, _ := g.scale.Get(c.Rating)
	name := g.claimantLink(c).Title
	byline := card.Format(g.opt.Labels.Claimant, map[string]any{"Name": name})
	if c.Unnamed != "" {
		if rep, ok := g.c.Person[c.Reporter]; ok {
			byline = card.Format(g.opt.Labels.Unnamed, map[string]any{"Name": name, "Reporter": rep.Name})
		}
	}
	title := c.Title
	if title == "" {
		title = c.Text
	}
	return cards.Cache.Claim(cards.Painter, card.Claim{
		Site: g.opt.Title, Kind: g.opt.Labels.Claim, Title: title, Byline: byline,
		Rating: cardRating(rt),
	})
}

func (g *gen) personCard(id string) (any, error) {
	cards := g.opt.Cards
	per := g.person(id)
	counts := map[string]int{}
	ids := g.personClaims(id)
	for _, cid := range ids {
		counts[g.claim(cid).Rating]++
	}
	kind := g.opt.Labels.Person
	if per.Kind == people.KindOrganization {
		kind = g.opt.Labels.Organisation
	}
	pc := card.Person{Site: g.opt.Title, Kind: kind, Name: per.Name, Role: per.Role, Total: g.opt.Labels.Checks(len(ids))}
	for _, rt := range g.scale {
		pc.Scores = append(pc.Scores, card.Score{Rating: cardRating(rt), Count: counts[rt.ID]})
	}
	return cards.Cache.Person(cards.Painter, pc)
}

// cardRating is a rating as cards show it.
func cardRating(rt claims.Rating) card.Rating {
	return card.Rating{Label: rt.Label, Colour: rt.Colour, Icon: rt.Icon}
}

func (g *gen) siteCard() (any, error) {
	cards := g.opt.Cards
	return cards.Cache.Site(cards.Painter, card.Site{Site: g.opt.Title, Tagline: g.opt.Description})
}
