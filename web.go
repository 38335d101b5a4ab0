// Package yunyou holds the files the server sends every browser: the page
// and Go's JavaScript glue for the WebAssembly client.
package yunyou

import "embed"

// Web holds index.html and wasm_exec.js. In index.html the server replaces
// the literal __YUNYOU_WASM__ with the content-hashed URL of the client.
//
//go:embed index.html wasm_exec.js
var Web embed.FS
