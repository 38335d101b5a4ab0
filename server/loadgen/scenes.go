package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"
)

// apiTimeout bounds each scene API request: the server answers them from
// memory, so a slow answer means it is not running or not reachable.
const apiTimeout = 10 * time.Second

// maxAPIBody bounds what the load generator reads from the scene API.
const maxAPIBody = 4 << 20

// point is a position in the scene, in metres.
type point struct {
	X float32 `json:"x"`
	Y float32 `json:"y"`
	Z float32 `json:"z"`
}

// sceneInfo is what the load generator needs to know about a scene: its id
// and where visitors appear, to walk around there without leaving the
// walkable volume.
type sceneInfo struct {
	ID    string
	Spawn point
}

// apiURL turns the WebSocket URL into the URL of an HTTP path on the same
// host: ws becomes http and wss becomes https.
func apiURL(wsURL, path string) (string, error) {
	u, err := url.Parse(wsURL)
	if err != nil {
		return "", fmt.Errorf("-url %q: %w", wsURL, err)
	}
	switch u.Scheme {
	case "ws":
		u.Scheme = "http"
	case "wss":
		u.Scheme = "https"
	default:
		return "", fmt.Errorf("-url %q: scheme must be ws or wss, such as ws://127.0.0.1:8080/ws", wsURL)
	}
	u.Path, u.RawQuery, u.Fragment = path, "", ""
	return u.String(), nil
}

// fetchScene asks the server for scene id, or for its default scene when
// id is empty, and returns the scene's spawn point.
func fetchScene(ctx context.Context, wsURL, id string) (sceneInfo, error) {
	if id == "" {
		listURL, err := apiURL(wsURL, "/api/scenes")
		if err != nil {
			return sceneInfo{}, err
		}
		var list struct {
			Scenes []struct {
				ID string `json:"id"`
			} `json:"scenes"`
			Default string `json:"default"`
		}
		if err := getJSON(ctx, listURL, &list); err != nil {
			return sceneInfo{}, err
		}
		id = list.Default
		if id == "" && len(list.Scenes) > 0 {
			id = list.Scenes[0].ID
		}
		if id == "" {
			return sceneInfo{}, fmt.Errorf("%s lists no scenes and no default; choose one with -scene", listURL)
		}
	}
	sceneURL, err := apiURL(wsURL, "/api/scenes/"+url.PathEscape(id))
	if err != nil {
		return sceneInfo{}, err
	}
	var scene struct {
		Spawn *point `json:"spawn"`
	}
	if err := getJSON(ctx, sceneURL, &scene); err != nil {
		return sceneInfo{}, err
	}
	if scene.Spawn == nil {
		return sceneInfo{}, fmt.Errorf("%s has no \"spawn\" point to walk around", sceneURL)
	}
	return sceneInfo{ID: id, Spawn: *scene.Spawn}, nil
}

func getJSON(ctx context.Context, u string, v any) error {
	ctx, cancel := context.WithTimeout(ctx, apiTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("is the server running? %w", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxAPIBody))
	if err != nil {
		return fmt.Errorf("GET %s: %w", u, err)
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s: %.200s", u, resp.Status, body)
	}
	if err := json.Unmarshal(body, v); err != nil {
		return fmt.Errorf("GET %s: %w", u, err)
	}
	return nil
}
