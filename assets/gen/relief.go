package main

// FillShift paints path p moved by (dx, dy) whole pixels at opacity a: a
// cast shadow or a glint beside a shape, without building the path twice.
func (c *Canvas) FillShift(p *Path, dx, dy int, col RGB, a float64) {
	if x0, y0, w, h, ok := c.coverage(p, 1); ok {
		c.composite(c.cov, x0+dx, y0+dy, w, h, col, a)
	}
}

// Relief paints p as raised work lit from the upper left, the way gilt
// on raised paste (沥粉贴金) catches the light: a dark edge d pixels below
// and right, a bright edge a pixel above and left, and the face in col.
func (c *Canvas) Relief(p *Path, col, hi, lo RGB, d int) {
	x0, y0, w, h, ok := c.coverage(p, 1)
	if !ok {
		return
	}
	c.composite(c.cov, x0+d, y0+d, w, h, lo, 1)
	c.composite(c.cov, x0-1, y0-1, w, h, hi, 1)
	c.composite(c.cov, x0, y0, w, h, col, 1)
}
