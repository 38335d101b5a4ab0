// Package e2e holds Yunyou's browser tests: the real server on loopback,
// the real WebAssembly client, and Debian's Chromium driven headless with
// chromedp. They assert what a visitor would notice: the cave is drawn, keys
// walk, walls stop, other visitors appear, chat arrives; and that the
// renderer is right from the views a visitor can reach, in a test room of
// flat colours: the pillar hides what is behind it, visitors behind it are
// hidden, a wall at the eye stays straight, and textures at a grazing angle
// keep straight, perspective-spaced grid lines.
//
// Run them with `make test`, which builds the client first. Run alone, they
// build the client themselves (about a minute). Chromium must be installed
// (`apt-get install chromium`); with CI=true a missing Chromium fails the
// run instead of skipping it.
package e2e
