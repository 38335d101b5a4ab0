// Package yunyou holds the files the server sends every browser: the page
// and Go's JavaScript glue for the WebAssembly client.
package yunyou

import "embed"

// Web holds index.html, its script page.js and wasm_exec.js. In index.html
// the server replaces the literal __YUNYOU_WASM__ (the body's data-wasm
// attribute, which page.js reads) with the content-hashed URL of the
// client.
//
//go:embed index.html page.js wasm_exec.js
var Web embed.FS
