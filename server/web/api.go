package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"yunyou/server/catalog"
)

// textureCache lets browsers keep a texture an hour and then revalidate it
// by its ETag: texture URLs carry no content hash, so a longer time would
// hide a new texture after an update.
const textureCache = "public, max-age=3600"

type texture struct {
	data []byte
	etag string
}

func loadTextures(cat *catalog.Catalog) (map[string]texture, error) {
	names, err := cat.TextureNames()
	if err != nil {
		return nil, err
	}
	out := make(map[string]texture, len(names))
	for _, name := range names {
		data, err := cat.Texture(name)
		if err != nil {
			return nil, fmt.Errorf("web: texture %s: %w", name, err)
		}
		out[name] = texture{data: data, etag: etagOf(data)}
	}
	return out, nil
}

func (s *Server) serveTexture(w http.ResponseWriter, r *http.Request) {
	name, ok := strings.CutSuffix(r.PathValue("file"), ".png")
	t, found := s.textures[name]
	if !ok || !found {
		http.Error(w, fmt.Sprintf("no texture %q", r.PathValue("file")), http.StatusNotFound)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "image/png")
	h.Set("Cache-Control", textureCache)
	h.Set("ETag", t.etag)
	http.ServeContent(w, r, name+".png", time.Time{}, bytes.NewReader(t.data))
}

// sceneSummary is one scene in /api/scenes.
type sceneSummary struct {
	ID       string            `json:"id"`
	Title    map[string]string `json:"title"`
	Era      map[string]string `json:"era"`
	URL      string            `json:"url"`
	Textures []string          `json:"textures"`
}

// sceneList encodes /api/scenes once: the scenes never change while the
// server runs.
func sceneList(cat *catalog.Catalog) ([]byte, error) {
	var list struct {
		Scenes  []sceneSummary `json:"scenes"`
		Default string         `json:"default"`
	}
	list.Default = cat.Default()
	for _, sc := range cat.Scenes() {
		sum := sceneSummary{ID: sc.ID, Title: sc.Title, Era: sc.Era, URL: "/api/scenes/" + sc.ID, Textures: []string{}}
		for _, t := range sc.Textures {
			sum.Textures = append(sum.Textures, "/assets/textures/"+t+".png")
		}
		list.Scenes = append(list.Scenes, sum)
	}
	b, err := json.Marshal(list)
	if err != nil {
		return nil, fmt.Errorf("web: encoding the scene list: %w", err)
	}
	return b, nil
}

func (s *Server) serveSceneList(w http.ResponseWriter, r *http.Request) {
	s.scenes.serve(w, r)
}

func (s *Server) serveScene(w http.ResponseWriter, r *http.Request) {
	sc, ok := s.scene[r.PathValue("id")]
	if !ok {
		http.Error(w, fmt.Sprintf("no scene %q; /api/scenes lists them", r.PathValue("id")), http.StatusNotFound)
		return
	}
	sc.serve(w, r)
}
