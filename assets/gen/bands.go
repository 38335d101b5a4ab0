package main

// Story bands are 1024×256 friezes that repeat horizontally: the canvas
// wraps in x, so figures and mountains that cross the right edge continue
// on the left.

const (
	bandBorder = 10  // border stripes at top and bottom, pixels
	bandGround = 226 // y of the ground line the figures stand on
	bandLine   = 1.6 // contour width, pixels
)

// bandFrame paints the earth-red ground and the thin border stripes that
// separate the registers of a wall.
func bandFrame(c *Canvas, ground RGB) {
	c.FillAll(ground)
	w := float64(c.W)
	stripes(c, pen(nil), 0, w, 0, []band{{2, ink}, {5, pale}, {3, ink}})
	stripes(c, pen(nil), 0, w, float64(c.H-bandBorder), []band{{3, ink}, {5, pale}, {2, ink}})
}

// deerJataka paints the story of the Nine-Coloured Deer (Ruru jataka) of
// Cave 257's west wall as a scroll read from both ends toward the middle,
// scenes parted by ranges of little peaks: on the left the deer saves a
// drowning man and he kneels and swears secrecy; on the right the queen
// and king in the palace hear the man betray the deer and the royal party
// rides out; in the centre the deer stands before the king, the informer,
// spotted with sores, behind him.
func deerJataka(w, h int) *Canvas {
	c := NewCanvas(w, h, true, false)
	bandFrame(c, earthRed)
	wob := &wobble{amp: 0.8, cell: 16, pw: w, seed: 2}
	p := pen(wob)
	r := newRand(20)
	const s = 1.22 // figure scale: a standing person is about 120 pixels
	g := float64(bandGround)
	fallingFlowers(c, p, r, 46, 0, 16, float64(w), 150, 9, bandLine)
	for _, x := range []float64{0, 292, 452, 704, 846} {
		mountainStack(c, p, r, x, 18, g+12, 58, bandLine)
	}

	// Left: the drowning man, and the deer carrying him out of the river.
	person(c, p.T(70, 222).S(s, s), personOpts{cols: figureCols{pale, ochre, vermilion}, hat: hatTopknot, arm: armUp}, bandLine)
	deer(c, p.T(196, 212).S(-s, s), false, 21, bandLine)
	person(c, p.T(200, 170).S(-s*0.9, s*0.9), personOpts{cols: figureCols{pale, ochre, vermilion}, hat: hatTopknot, arm: armForward, kneel: true}, bandLine)
	water(c, p, 22, 262, 168, g+8, bandLine)

	// The man kneels before the deer and promises to keep its secret.
	deer(c, p.T(336, g).S(s, s), false, 22, bandLine)
	person(c, p.T(420, g).S(-s, s), personOpts{cols: figureCols{pale, ochre, vermilion}, hat: hatTopknot, arm: armJoined, kneel: true}, bandLine)

	// Centre: the deer before the king on horseback; the informer behind.
	deer(c, p.T(482, g).S(s, s), false, 23, bandLine)
	parasol(c, p.T(612, g).S(s, s), 0, -40, -136, bandLine)
	horse(c, p.T(600, g).S(-s, s), pale, lapis, bandLine)
	rider(c, p.T(600, g).S(-s, s), figureCols{vermilion, malachite, gold}, hatCrown)
	person(c, p.T(674, g).S(-s, s), personOpts{cols: figureCols{malachite, ochre, vermilion}, hat: hatTopknot, arm: armForward, spots: true}, bandLine)

	// Right: the royal party rides out toward the centre.
	horse(c, p.T(790, g).S(-s, s), ochre, malachite, bandLine)
	rider(c, p.T(790, g).S(-s, s), figureCols{malachite, lapis, vermilion}, hatCap)

	// Far right: in the palace the queen asks for the hide; the man,
	// kneeling outside, tells where the deer sleeps.
	pq := p.T(950, g).S(s, s)
	pavilionBack(c, pq, 46, 128, bandLine)
	person(c, pq.T(-20, -10), personOpts{cols: figureCols{vermilion, ochre, gold}, hat: hatCrown, arm: armForward, kneel: true}, bandLine)
	person(c, pq.T(22, -10).S(-1, 1), personOpts{cols: figureCols{lapis, vermilion, pale}, hat: hatCrown, arm: armJoined, kneel: true}, bandLine)
	pavilionFront(c, pq, 46, 128, malachite, bandLine)
	person(c, p.T(880, g).S(s, s), personOpts{cols: figureCols{pale, ochre, vermilion}, hat: hatTopknot, arm: armJoined, kneel: true}, bandLine)

	age(c, ageOpts{seed: 2002, fade: 0.2, stain: 0.2, flake: 0.685, cracks: 6, specks: 300})
	return c
}

// rider draws the upper body of a rider seated on a horse drawn with the
// same pen, a leg hanging down the horse's flank.
func rider(c *Canvas, p Pen, cols figureCols, hat int) {
	q := p.T(-4, -50)
	person(c, q, personOpts{cols: cols, hat: hat, arm: armForward, kneel: true}, bandLine)
	c.FillO(q.Stroke(pts(6, -6, 10, 12, 7, 24), 8, 6), cols.robe, ink, bandLine)
	c.FillO(q.Ellipse(9, 26, 5, 2.6), ink, ink, 0)
}

// narrativeBand paints a generic story band in the manner of the
// Sumagadha and novice stories of Cave 257: a hall with a seated woman
// and her attendant, a monk with his bowl met by a kneeling man, a
// disciple arriving on a white elephant while another flies in on a
// cloud, and a stupa with worshippers.
func narrativeBand(w, h int) *Canvas {
	c := NewCanvas(w, h, true, false)
	bandFrame(c, earthRed.Mix(cinnabar, 0.25))
	wob := &wobble{amp: 0.8, cell: 16, pw: w, seed: 3}
	p := pen(wob)
	r := newRand(30)
	const s = 1.22
	g := float64(bandGround)
	fallingFlowers(c, p, r, 50, 0, 16, float64(w), 150, 9, bandLine)
	for _, x := range []float64{0, 418, 676} {
		mountainStack(c, p, r, x, 18, g+12, 62, bandLine)
	}

	pq := p.T(124, g).S(s, s)
	pavilionBack(c, pq, 48, 130, bandLine)
	person(c, pq.T(-14, -10), personOpts{cols: figureCols{vermilion, malachite, gold}, hat: hatCrown, arm: armForward, kneel: true}, bandLine)
	c.FillO(pq.Stroke(pts(22, -40, 22, -54), 3, 2), gold, ink, bandLine*0.6) // incense burner
	c.FillO(pq.Ellipse(22, -40, 6, 3), gold, ink, bandLine*0.6)
	c.FillA(pq.Stroke(bez(vec{22, -56}, vec{28, -66}, vec{16, -74}, vec{24, -86}, 10), 1.5, 0.8), pale, 0.8)
	pavilionFront(c, pq, 48, 130, lapis, bandLine)
	person(c, p.T(214, g).S(-s, s), personOpts{cols: figureCols{malachite, pale, vermilion}, hat: hatTopknot, arm: armJoined}, bandLine)
	tree(c, p, 252, g, 120, malachite, bandLine)

	person(c, p.T(300, g).S(s, s), personOpts{cols: figureCols{ochre, cinnabar, ochre}, hat: hatShaven, arm: armForward, stride: 4}, bandLine)
	c.FillO(p.T(300, g).S(s, s).Ellipse(23, -58, 6, 4), ink, ochre, bandLine)
	person(c, p.T(372, g).S(-s, s), personOpts{cols: figureCols{lapis, ochre, vermilion}, hat: hatCap, arm: armJoined, kneel: true}, bandLine)

	elephant(c, p.T(530, g).S(s, s), vermilion, bandLine)
	person(c, p.T(520, g-70*s).S(s, s), personOpts{cols: figureCols{ochre, cinnabar, ochre}, hat: hatShaven, arm: armJoined, kneel: true}, bandLine)
	cloud(c, p.T(610, 96).S(s, s), 60, pale, bandLine)
	person(c, p.T(606, 92).S(s*0.7, s*0.7), personOpts{cols: figureCols{cinnabar, ochre, pale}, hat: hatShaven, arm: armJoined, kneel: true}, bandLine)

	stupa(c, p.T(800, g).S(s, s), bandLine)
	person(c, p.T(744, g).S(s, s), personOpts{cols: figureCols{malachite, vermilion, pale}, hat: hatCrown, arm: armJoined, kneel: true}, bandLine)
	person(c, p.T(858, g).S(-s, s), personOpts{cols: figureCols{vermilion, lapis, pale}, hat: hatTopknot, arm: armJoined, kneel: true}, bandLine)
	tree(c, p, 912, g, 130, malachite.Mix(lapis, 0.3), bandLine)
	person(c, p.T(962, g).S(-s, s), personOpts{cols: figureCols{pale, malachite, vermilion}, hat: hatTopknot, arm: armDown, stride: 3}, bandLine)

	age(c, ageOpts{seed: 3003, fade: 0.2, stain: 0.2, flake: 0.67, cracks: 6, specks: 300})
	return c
}
