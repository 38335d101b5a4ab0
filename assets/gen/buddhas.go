package main

// thousandBuddhas paints rows of identical small seated Buddhas on the
// earth-red ground. Each Buddha's mandorla, halo and robe take the next
// colour set of a short cycle, and each row starts one step later, so the
// colours run in diagonals across the wall, as on the real walls.
func thousandBuddhas(w, h int) *Canvas {
	c := NewCanvas(w, h, true, true)
	c.FillAll(earthRed)
	const (
		cols, rows = 8, 8 // 64-pixel cells: a Buddha about 20 cm tall on a 1.6 m tile
		lineWidth  = 1.1
	)
	sets := []buddhaCols{
		{mandorla: lapis, mandorlaIn: azure, halo: malachite, haloIn: paleGreen, robe: cinnabar, robeIn: ochre},
		{mandorla: malachite, mandorlaIn: paleGreen, halo: pale, haloIn: ochre, robe: lapis, robeIn: pale},
		{mandorla: darkLead.Scale(0.8), mandorlaIn: lapis, halo: vermilion, haloIn: ochre, robe: malachite, robeIn: vermilion},
		{mandorla: pale, mandorlaIn: paleGreen, halo: lapis, haloIn: azure, robe: vermilion, robeIn: malachite},
	}
	wob := &wobble{amp: 0.7, cell: 16, pw: w, ph: h, seed: 1}
	cw, ch := float64(w)/cols, float64(h)/rows
	s := ch * 0.92 / 108
	for row := 0; row < rows; row++ {
		for col := 0; col < cols; col++ {
			p := pen(wob).T(cw*(float64(col)+0.5), ch*float64(row+1)-8*s-1).S(s, s)
			seatedBuddha(c, p, sets[(col+row)%len(sets)], lineWidth)
		}
	}
	age(c, ageOpts{seed: 1001, fade: 0.22, stain: 0.18, flake: 0.67, cracks: 5, specks: 260})
	return c
}
