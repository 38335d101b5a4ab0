package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// Viewport of every page: a common laptop size.
const (
	viewW = 1280
	viewH = 720
)

// loadTimeout bounds how long a page may take to download the client and
// draw its first frames. Software WebGL on two shared cores is slow.
const loadTimeout = 90 * time.Second

var (
	chromiumPath string // found by TestMain
	clientDir    string // directory holding the built yunyou.wasm
	browserCtx   context.Context
)

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	var err error
	chromiumPath, err = findChromium()
	if err != nil {
		if os.Getenv("CI") == "true" {
			fmt.Fprintln(os.Stderr, "FAIL: browser tests need Chromium:", err)
			return 1
		}
		fmt.Fprintln(os.Stderr, "SKIP: browser tests need Chromium:", err)
		return 0
	}
	clientDir = os.Getenv("YUNYOU_CLIENT")
	if clientDir == "" {
		dir, err := os.MkdirTemp("", "yunyou-client-")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		defer os.RemoveAll(dir)
		if err := buildClient(dir); err != nil {
			fmt.Fprintln(os.Stderr, "FAIL: building the client:", err)
			return 1
		}
		clientDir = dir
	}
	if _, err := os.Stat(filepath.Join(clientDir, "yunyou.wasm")); err != nil {
		fmt.Fprintf(os.Stderr, "FAIL: no built client in %s (%v); run `make client` or unset YUNYOU_CLIENT\n", clientDir, err)
		return 1
	}

	userData, err := os.MkdirTemp("", "yunyou-chromium-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(userData)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath),
		chromedp.NoSandbox,
		chromedp.UserDataDir(userData),
		chromedp.Flag("use-angle", "swiftshader"),
		chromedp.Flag("enable-unsafe-swiftshader", true),
		chromedp.Flag("ignore-gpu-blocklist", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-quic", true),
		// Pages in background tabs must keep animating: two visitors
		// run side by side in one browser.
		chromedp.Flag("disable-background-timer-throttling", true),
		chromedp.Flag("disable-renderer-backgrounding", true),
		chromedp.Flag("disable-backgrounding-occluded-windows", true),
		chromedp.WindowSize(viewW, viewH),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(allocCtx)
	defer cancel()
	// Start the browser once; every test opens its own isolated contexts.
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		fmt.Fprintln(os.Stderr, "FAIL: starting Chromium:", err)
		return 1
	}
	browserCtx = ctx
	return m.Run()
}

func findChromium() (string, error) {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p, nil
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("no chromium on PATH; install it with `apt-get install -y chromium` (Debian) or set CHROMIUM to its path")
}

// buildClient builds the wasm client into dir and compresses it the way the
// Makefile does.
func buildClient(dir string) error {
	wasm := filepath.Join(dir, "yunyou.wasm")
	build := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", wasm, "./client")
	build.Dir = ".."
	build.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := build.CombinedOutput(); err != nil {
		return fmt.Errorf("%v\n%s", err, out)
	}
	compress := exec.Command("go", "run", "./server", "compress", wasm)
	compress.Dir = ".."
	if out, err := compress.CombinedOutput(); err != nil {
		return fmt.Errorf("%v\n%s", err, out)
	}
	return nil
}

// visitor is one person's browser tab, in its own browser context so that
// storage and connections are not shared with other visitors.
type visitor struct {
	t   *testing.T
	ctx context.Context
}

// openVisitor opens url in a new isolated browser context with the test
// viewport, and waits until the client has drawn frames in its scene.
func openVisitor(t *testing.T, url string) *visitor {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browserCtx, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	v := &visitor{t: t, ctx: ctx}
	if err := chromedp.Do(ctx,
		chromedp.EmulateViewport(viewW, viewH),
		chromedp.Navigate(url),
	); err != nil {
		t.Fatalf("opening %s: %v", url, err)
	}
	v.waitFor("the client draws the scene and is connected",
		`(() => { const s = window.yunyou && JSON.parse(window.yunyou.state()); return !!s && s.frames > 10 && s.connected && s.session !== ""; })()`)
	return v
}

// waitFor polls a JavaScript expression until it is true, failing the test
// with what was awaited, the page's error text and its state otherwise.
func (v *visitor) waitFor(what, expr string) {
	v.t.Helper()
	ctx, cancel := context.WithTimeout(v.ctx, loadTimeout)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](expr, chromedp.WithPollingInterval(100*time.Millisecond), chromedp.WithPollingTimeout(loadTimeout))); err != nil {
		v.t.Fatalf("waiting until %s: %v\npage error: %q\nstate: %s", what, err, v.text("#error"), v.rawState())
	}
}

func (v *visitor) text(selector string) string {
	s, err := chromedp.Run(v.ctx, chromedp.Evaluate[string](fmt.Sprintf(
		`(() => { const e = document.querySelector(%q); return e ? e.textContent : ""; })()`, selector)))
	if err != nil {
		return "(" + err.Error() + ")"
	}
	return s
}

func (v *visitor) rawState() string {
	s, err := chromedp.Run(v.ctx, chromedp.Evaluate[string](`window.yunyou ? window.yunyou.state() : "no window.yunyou"`))
	if err != nil {
		return "(" + err.Error() + ")"
	}
	return s
}

// clientState mirrors the JSON of window.yunyou.state().
type clientState struct {
	Scene     string  `json:"scene"`
	Session   string  `json:"session"`
	ID        int     `json:"id"`
	Pose      pose    `json:"pose"`
	Peers     []peer  `json:"peers"`
	Frames    int     `json:"frames"`
	FrameMs   float64 `json:"frameMs"`
	Connected bool    `json:"connected"`
	Link      string  `json:"link"`
}

type pose struct{ X, Y, Z, Yaw, Pitch float64 }

type peer struct {
	ID    int    `json:"id"`
	Name  string `json:"name"`
	Color string `json:"color"`
	Pose  pose   `json:"pose"`
}

func (v *visitor) state() clientState {
	v.t.Helper()
	raw := v.rawState()
	var s clientState
	if err := json.Unmarshal([]byte(raw), &s); err != nil {
		v.t.Fatalf("window.yunyou.state() is not the expected JSON: %v\n%s", err, raw)
	}
	return s
}

// screenshot captures the viewport, saves it under the test's artifact
// directory for people to look at, and returns it decoded.
func (v *visitor) screenshot(name string) image.Image {
	v.t.Helper()
	buf, err := chromedp.Run(v.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		v.t.Fatalf("screenshot: %v", err)
	}
	path := filepath.Join(artifactDir(v.t), name+".png")
	if err := os.WriteFile(path, buf, 0o644); err != nil {
		v.t.Fatalf("saving screenshot: %v", err)
	}
	v.t.Logf("screenshot: %s", path)
	img, err := png.Decode(bytes.NewReader(buf))
	if err != nil {
		v.t.Fatalf("decoding screenshot: %v", err)
	}
	return img
}

// artifactDir is where screenshots go: $YUNYOU_ARTIFACTS if set (CI keeps
// them), otherwise a directory under the system's temp dir that outlives
// the test so a person can open the files.
func artifactDir(t *testing.T) string {
	dir := os.Getenv("YUNYOU_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "yunyou-e2e")
	}
	dir = filepath.Join(dir, strings.ReplaceAll(t.Name(), "/", "_"))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// key sends a physical key event (down or up) to the page, the way a
// keyboard would: Ebiten reads KeyboardEvent.code.
func (v *visitor) key(typ input.DispatchKeyEventType, code, key string, vk int64) {
	v.t.Helper()
	_, err := chromedp.Call(v.ctx, input.DispatchKeyEvent, input.DispatchKeyEventParams{
		Type: typ, Code: code, Key: key, WindowsVirtualKeyCode: vk, NativeVirtualKeyCode: vk,
	})
	if err != nil {
		v.t.Fatalf("key %s %s: %v", typ, code, err)
	}
}

// holdKey holds a key down for d, as a person walking would.
func (v *visitor) holdKey(code, key string, vk int64, d time.Duration) {
	v.t.Helper()
	v.key(input.DispatchKeyEventTypeKeyDown, code, key, vk)
	time.Sleep(d)
	v.key(input.DispatchKeyEventTypeKeyUp, code, key, vk)
}

// typeText focuses an element and types text into it, then presses Enter.
func (v *visitor) typeLine(selector, text string) {
	v.t.Helper()
	if err := chromedp.Do(v.ctx,
		chromedp.Click(chromedp.CSS(selector)),
		chromedp.SendKeys(chromedp.CSS(selector), text+"\r"),
	); err != nil {
		v.t.Fatalf("typing into %s: %v", selector, err)
	}
}
