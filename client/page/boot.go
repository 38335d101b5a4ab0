//go:build js

package page

import (
	"errors"
	"fmt"
	"image"
	"net/url"
	"syscall/js"
)

// Boot is what the page's loader downloaded before starting the client.
//
// The loader sets window.yunyouBoot before it runs the wasm:
//
//	window.yunyouBoot = {
//	  scene: "<the scene's JSON text>",
//	  textures: {NAME: {width: W, height: H, data: Uint8ClampedArray(W*H*4)}, ...},
//	  name: "Ana",            // optional: join at once under this name
//	}
//
// Texture pixels are straight (not premultiplied) RGBA rows, top first, as
// canvas getImageData returns them. ReadBoot drops the textures from the
// page once copied, so the pixels are not held twice.
type Boot struct {
	SceneJSON []byte
	Textures  map[string]image.Image
	Name      string
}

// ReadBoot reads window.yunyouBoot.
func ReadBoot() (*Boot, error) {
	b := js.Global().Get("yunyouBoot")
	if b.IsUndefined() || b.IsNull() {
		return nil, errors.New("the page did not provide window.yunyouBoot; load the client through index.html")
	}
	scene := b.Get("scene")
	if scene.Type() != js.TypeString {
		return nil, errors.New("window.yunyouBoot.scene is not the scene's JSON text")
	}
	boot := &Boot{SceneJSON: []byte(scene.String()), Textures: make(map[string]image.Image)}
	if n := b.Get("name"); n.Type() == js.TypeString {
		boot.Name = n.String()
	}
	texs := b.Get("textures")
	if texs.Type() == js.TypeObject {
		names := js.Global().Get("Object").Call("keys", texs)
		for i := 0; i < names.Length(); i++ {
			name := names.Index(i).String()
			img, err := readTexture(texs.Get(name))
			if err != nil {
				return nil, fmt.Errorf("texture %s: %w", name, err)
			}
			boot.Textures[name] = img
		}
	}
	b.Set("textures", js.Null())
	return boot, nil
}

func readTexture(t js.Value) (image.Image, error) {
	w, h := t.Get("width").Int(), t.Get("height").Int()
	data := t.Get("data")
	if w <= 0 || h <= 0 || data.IsUndefined() || data.Get("length").Int() != w*h*4 {
		return nil, fmt.Errorf("pixels do not match the size %d×%d; the loader must pass width, height and RGBA data", w, h)
	}
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	js.CopyBytesToGo(img.Pix, data)
	return img, nil
}

// Query returns the page address's query string, without the "?".
func Query() string {
	s := js.Global().Get("location").Get("search").String()
	if len(s) > 0 && s[0] == '?' {
		s = s[1:]
	}
	return s
}

// SocketURL returns the WebSocket address of the server that served the
// page: ws://HOST/ws, or wss:// for a page loaded over https.
func SocketURL() string {
	loc := js.Global().Get("location")
	u, err := url.Parse(loc.Get("href").String())
	if err != nil {
		return "ws://" + loc.Get("host").String() + "/ws"
	}
	scheme := "ws"
	if u.Scheme == "https" {
		scheme = "wss"
	}
	return (&url.URL{Scheme: scheme, Host: u.Host, Path: "/ws"}).String()
}
