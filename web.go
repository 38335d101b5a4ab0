// Package yunyou holds the files the server sends every browser: the page,
// its scripts and Go's JavaScript glue for the WebAssembly client.
package yunyou

import "embed"

// Web holds index.html, the page's scripts (Scripts) and wasm_exec.js. In
// index.html the server replaces the literal __YUNYOU_WASM__ (the body's
// data-wasm attribute, which page.js reads) with the content-hashed URL of
// the client.
//
//go:embed index.html wasm_exec.js page.js tourlink.js strings.js tour-strings.js shared.js load.js content.js tour.js tour-console.js tour-host.js kiosk.js kiosk-strings.js kiosk-ops.js sw.js
var Web embed.FS

// Scripts names the page's own scripts, each served at /NAME. They are ES
// modules: index.html loads page.js, which imports the others, except
// sw.js, the service worker kiosk pages register, which must be served
// from the root to look after every address.
var Scripts = []string{
	"page.js",          // the entry: loads the client and the scene, starts the client
	"tourlink.js",      // the tour link and the guide's token, read before anything else
	"strings.js",       // interface strings and the visitor's language
	"tour-strings.js",  // interface strings of guided tours
	"shared.js",        // what every part of the page uses
	"load.js",          // downloads with progress, and their errors
	"content.js",       // hotspot markers, the hotspot panel and portals
	"tour.js",          // guided tours: banner, hand, spotlight, moves, the end
	"tour-console.js",  // the guide's console
	"tour-host.js",     // the dialogs to host or join a tour
	"kiosk.js",         // kiosk mode: the attract loop, a visitor taking over, back to the loop
	"kiosk-strings.js", // interface strings of kiosks
	"kiosk-ops.js",     // a kiosk running unattended: reports, the watchdog, offline files
	"sw.js",            // the kiosks' service worker, registered (not imported) at /sw.js
}
