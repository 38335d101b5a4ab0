//go:build js

// Command client is Yunyou's browser client: an Ebiten game, built with
// GOOS=js GOARCH=wasm, that draws a scene in 3D, walks the visitor through
// it and shares the visit with others through the server.
//
// index.html downloads the scene and its textures, then starts the client
// with them in window.yunyouBoot (see package page). The client's logic
// lives in plain packages beside it: move (walking), touch (touch
// controls), interp and presence (other people), netclient (the
// connection), report (window.yunyou.state()), deeplink (the address),
// resolution (the drawing resolution, from the frame rate; ?scale=1 fixes
// it) and attract (a kiosk's camera following the tour route).
package main

import (
	"fmt"
	"net/url"
	"os"
	"runtime/debug"
	"syscall/js"

	"github.com/hajimehoshi/ebiten/v2"

	"yunyou/client/deeplink"
	"yunyou/client/netclient"
	"yunyou/client/page"
	"yunyou/client/render"
	"yunyou/client/resolution"
	"yunyou/scenes"
)

func main() {
	ui := page.New()
	// A panic would otherwise only reach the console; show it as well.
	defer func() {
		if r := recover(); r != nil {
			ui.Fail(fmt.Sprintf("The viewer stopped because of an error: %v. Reload the page; if it happens again, the browser console has the details.", r))
			fmt.Fprintf(os.Stderr, "panic: %v\n%s", r, debug.Stack())
		}
	}()
	if err := run(ui); err != nil {
		ui.Fail(err.Error())
	}
}

func run(ui *page.Page) error {
	boot, err := page.ReadBoot()
	if err != nil {
		return err
	}
	scene, err := scenes.Parse("scene", boot.SceneJSON)
	if err != nil {
		return fmt.Errorf("the scene from the server is not valid: %w", err)
	}
	world, err := scene.Compile()
	if err != nil {
		return fmt.Errorf("the scene %s cannot be built: %w", scene.ID, err)
	}
	r, err := render.New(world, boot.Textures)
	if err != nil {
		return fmt.Errorf("cannot prepare scene %s for drawing: %w", scene.ID, err)
	}

	link, linkErr := deeplink.Parse(page.Query())
	g := newGame(ui, scene, world, r, netclient.New(page.SocketURL()))
	g.place(link.Pose)
	// A kiosk never joins a session: no name form, no connection.
	kb, kiosk := page.ReadKioskBoot()
	if kiosk {
		g.startKiosk(kb)
	} else if tb, ok := page.ReadTourBoot(); ok {
		g.startTour(tb)
	}
	if linkErr != nil {
		ui.AddNotice("The address's start position is not used (" + linkErr.Error() + "); starting at the entrance instead.")
	}
	// ?scale=1 (or another number) fixes the drawing resolution, for
	// pixel-exact screenshots and kiosks; by default it follows the
	// frame rate. A browser under automation (navigator.webdriver: tests
	// taking screenshots, often with slow software WebGL) draws at full
	// resolution unless the address says ?scale=auto.
	if q, err := url.ParseQuery(page.Query()); err == nil {
		param := q.Get("scale")
		if param == "" && js.Global().Get("navigator").Get("webdriver").Truthy() {
			param = "1"
		}
		scale, pinned, err := resolution.ParseScale(param)
		switch {
		case err != nil:
			ui.AddNotice("The address's " + err.Error() + "; choosing the resolution automatically.")
		case pinned:
			g.res.Pin(scale)
		}
	}
	name := boot.Name
	if name == "" {
		name = link.Name
	}
	if name != "" && !kiosk {
		g.join(name)
	}
	joining := g.name != "" // join refuses a bad name and asks again

	// Sync Update with drawing: one update a frame, with the real frame
	// time, rather than catching up with several updates after a slow
	// frame (software WebGL draws at 20 frames a second).
	ebiten.SetTPS(ebiten.SyncWithFPS)
	return ebiten.RunGameWithOptions(g, &ebiten.RunGameOptions{
		// Leave the keyboard with the name form until the visitor joins; a
		// kiosk has no name form.
		InitUnfocused: !joining && !kiosk,
	})
}
