# Yunyou: `make run` builds the client and starts the server on :8080;
# `make test` runs every test, browser tests included.

SHELL     := /bin/bash
GO        ?= go
BUILD     := build
WASM      := $(BUILD)/yunyou.wasm
WASM_PATH := $(shell $(GO) env GOROOT)/lib/wasm

# Everything the client is built from.
CLIENT_SRC := $(shell find client protocol scenes assets -type f 2>/dev/null) go.mod go.sum

# Packages that build natively: all but those that need Ebiten (the client),
# whose desktop back end needs cgo and X11 headers; they are vetted as wasm.
NATIVE_PKGS := $(shell $(GO) list -e -f '{{if .GoFiles}}{{.ImportPath}} {{join .Deps " "}}{{end}}' ./... | grep -v 'hajimehoshi/ebiten' | cut -d' ' -f1 | grep -v '^yunyou/e2e$$')
# Plain client-side packages with tests, run under Node as WebAssembly too.
WASM_TEST_PKGS := $(shell GOOS=js GOARCH=wasm $(GO) list -e -f '{{if or .TestGoFiles .XTestGoFiles}}{{.ImportPath}} {{join .Deps " "}}{{end}}' ./protocol/... ./scenes/... ./client/... | grep -v 'hajimehoshi/ebiten' | cut -d' ' -f1)

.PHONY: run client test vet bench chromium clean

run: client
	YUNYOU_CLIENT="$${YUNYOU_CLIENT:-$(BUILD)}" $(GO) run ./server

client: $(WASM).br

# The wasm is compressed once here (brotli and gzip), never per request.
$(WASM).br: $(CLIENT_SRC)
	@mkdir -p $(BUILD)
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags='-s -w' -o $(WASM).tmp ./client
	mv $(WASM).tmp $(WASM)
	$(GO) run ./server compress $(WASM)

vet:
	$(GO) vet $(NATIVE_PKGS) ./e2e/
	GOOS=js GOARCH=wasm $(GO) vet ./client/...

test: chromium client vet
	$(GO) test -race -count=1 ./server/... ./protocol/...
	$(GO) test -count=1 $(filter-out yunyou/server% yunyou/protocol%,$(NATIVE_PKGS))
	PATH="$(WASM_PATH):$$PATH" GOOS=js GOARCH=wasm $(GO) test -count=1 $(WASM_TEST_PKGS)
	YUNYOU_CLIENT="$(abspath $(BUILD))" $(GO) test -count=1 -timeout 20m -v ./e2e/

bench:
	$(GO) test -run='^$$' -bench=. -benchmem ./protocol/ ./server/... ./client/render/pipeline/

# The browser tests drive Debian's Chromium. As root on Debian, install it;
# otherwise say exactly what to install.
chromium:
	@if [ -n "$$CHROMIUM" ] || command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then \
		:; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing Chromium for the browser tests: apt-get install chromium"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "The browser tests need Chromium. Install it with: sudo apt-get install -y chromium" >&2; \
		echo "(or set CHROMIUM=/path/to/chrome)" >&2; \
		exit 1; \
	fi

clean:
	rm -rf $(BUILD)
