package card

import (
	"image"
	"image/color"
	"image/draw"
	"math"

	"golang.org/x/image/vector"
)

// roundRect fills a rectangle with rounded corners.
func (c *canvas) roundRect(x, y, w, h, r int, col color.RGBA) {
	z := newPath(image.Rect(x, y, x+w, y+h))
	fx, fy, fw, fh, fr := float32(x), float32(y), float32(w), float32(h), float32(r)
	z.MoveTo(fx+fr, fy)
	z.LineTo(fx+fw-fr, fy)
	corner(z, fx+fw-fr, fy+fr, fr, -90)
	z.LineTo(fx+fw, fy+fh-fr)
	corner(z, fx+fw-fr, fy+fh-fr, fr, 0)
	z.LineTo(fx+fr, fy+fh)
	corner(z, fx+fr, fy+fh-fr, fr, 90)
	z.LineTo(fx, fy+fr)
	corner(z, fx+fr, fy+fr, fr, 180)
	z.ClosePath()
	c.paint(z, col)
}

// path is a shape's outline, within the rectangle r of the card (with a
// few pixels to spare around it), in the card's coordinates.
type path struct {
	z *vector.Rasterizer
	r image.Rectangle
}

func newPath(r image.Rectangle) *path {
	r = r.Inset(-4)
	return &path{vector.NewRasterizer(r.Dx(), r.Dy()), r}
}

func (p *path) MoveTo(x, y float32) { p.z.MoveTo(x-float32(p.r.Min.X), y-float32(p.r.Min.Y)) }
func (p *path) LineTo(x, y float32) { p.z.LineTo(x-float32(p.r.Min.X), y-float32(p.r.Min.Y)) }
func (p *path) ClosePath()          { p.z.ClosePath() }

// paint fills what z's outlines cover with col, its edges quantized as
// text's are (fill).
func (c *canvas) paint(z *path, col color.RGBA) {
	mask := image.NewAlpha(image.Rect(0, 0, z.r.Dx(), z.r.Dy()))
	z.z.DrawOp = draw.Src
	z.z.Draw(mask, mask.Bounds(), image.Opaque, image.Point{})
	c.fill(z.r, mask, image.Point{}, col)
}

// corner adds a quarter circle around (cx, cy) from angle from (degrees,
// clockwise on screen) on.
func corner(z *path, cx, cy, r float32, from float64) {
	for i := 1; i <= 8; i++ {
		a := (from + float64(i)*90/8) * math.Pi / 180
		z.LineTo(cx+r*float32(math.Cos(a)), cy+r*float32(math.Sin(a)))
	}
}

// icon draws a rating icon (the site's icons, from layouts/_partials/icon.html,
// on their 16-unit grid) in a size×size square at (x, y).
func (c *canvas) icon(name string, x, y, size int, col color.RGBA) {
	s := float64(size) / 16
	z := newPath(image.Rect(x, y, x+size, y+size))
	pen := stroker{z: z, ox: float64(x), oy: float64(y), s: s}
	switch name {
	case "check":
		pen.w = 2
		pen.line(pt{3, 8.5}, pt{6, 11.5}, pt{13, 4.5})
	case "scale":
		pen.w = 1.5
		pen.line(pt{8, 2}, pt{8, 14})
		pen.line(pt{4, 14}, pt{12, 14})
		pen.line(pt{3, 5}, pt{13, 5})
		pen.line(pt{3, 5}, pt{1, 10}, pt{5, 10}, pt{3, 5})
		pen.line(pt{13, 5}, pt{11, 10}, pt{15, 10}, pt{13, 5})
	case "tilde":
		pen.w = 2
		// M2 9 c2-3 4-3 6 0 s4 3 6 0
		pts := cubic(pt{2, 9}, pt{4, 6}, pt{6, 6}, pt{8, 9})
		pts = append(pts, cubic(pt{8, 9}, pt{10, 12}, pt{12, 12}, pt{14, 9})[1:]...)
		pen.line(pts...)
	case "question":
		pen.w = 2
		// An arc of radius 2.5 around (8, 6) from its left end over the
		// top, then down to the stem, then the dot.
		var pts []pt
		for i := 0; i <= 16; i++ {
			a := math.Pi + float64(i)*(1.35*math.Pi)/16
			pts = append(pts, pt{8 + 2.5*math.Cos(a), 6 + 2.5*math.Sin(a)})
		}
		pts = append(pts, pt{8.3, 9}, pt{8, 9.8}, pt{8, 11})
		pen.line(pts...)
		pen.line(pt{8, 13}, pt{8, 14})
	case "cross":
		pen.w = 2
		pen.line(pt{4, 4}, pt{12, 12})
		pen.line(pt{12, 4}, pt{4, 12})
	}
	c.paint(z, col)
}

type pt struct{ x, y float64 }

// cubic is a cubic Bézier curve as 12 straight segments.
func cubic(p0, p1, p2, p3 pt) []pt {
	out := make([]pt, 0, 13)
	for i := 0; i <= 12; i++ {
		t := float64(i) / 12
		u := 1 - t
		out = append(out, pt{
			u*u*u*p0.x + 3*u*u*t*p1.x + 3*u*t*t*p2.x + t*t*t*p3.x,
			u*u*u*p0.y + 3*u*u*t*p1.y + 3*u*t*t*p2.y + t*t*t*p3.y,
		})
	}
	return out
}

// stroker draws lines of width w (in icon units) as filled shapes: each
// segment a rectangle and each point a disc, all wound the same way, so
// that where they overlap the rasterizer covers them once.
type stroker struct {
	z      *path
	ox, oy float64 // the icon's top left corner, in pixels
	s      float64 // pixels per icon unit
	w      float64
}

func (k stroker) at(p pt) (float32, float32) {
	return float32(k.ox + p.x*k.s), float32(k.oy + p.y*k.s)
}

func (k stroker) line(pts ...pt) {
	h := k.w / 2
	for i, p := range pts {
		k.disc(p, h)
		if i == 0 {
			continue
		}
		a := pts[i-1]
		dx, dy := p.x-a.x, p.y-a.y
		n := math.Hypot(dx, dy)
		if n == 0 {
			continue
		}
		nx, ny := -dy/n*h, dx/n*h
		// Wound clockwise on screen, like the discs.
		q := []pt{{a.x - nx, a.y - ny}, {p.x - nx, p.y - ny}, {p.x + nx, p.y + ny}, {a.x + nx, a.y + ny}}
		if cross(q[0], q[1], q[2]) < 0 {
			q[0], q[1], q[2], q[3] = q[3], q[2], q[1], q[0]
		}
		k.z.MoveTo(k.at(q[0]))
		for _, v := range q[1:] {
			k.z.LineTo(k.at(v))
		}
		k.z.ClosePath()
	}
}

// disc adds a circle of radius r around p, wound clockwise on screen.
func (k stroker) disc(p pt, r float64) {
	const n = 16
	k.z.MoveTo(k.at(pt{p.x + r, p.y}))
	for i := 1; i < n; i++ {
		a := float64(i) * 2 * math.Pi / n
		k.z.LineTo(k.at(pt{p.x + r*math.Cos(a), p.y + r*math.Sin(a)}))
	}
	k.z.ClosePath()
}

// cross is the z component of (b-a)×(c-b): positive when a, b, c turn
// clockwise on screen (y down).
func cross(a, b, c pt) float64 {
	return (b.x-a.x)*(c.y-b.y) - (b.y-a.y)*(c.x-b.x)
}
