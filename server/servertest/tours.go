package servertest

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"yunyou/protocol"
)

// Tour is a tour created through the API, as POST /api/tours answers.
type Tour struct {
	Code      string `json:"code"`
	Scene     string `json:"scene"`
	GuideName string `json:"guideName"`
	JoinURL   string `json:"joinUrl"`
	GuideURL  string `json:"guideUrl"`
	QR        string `json:"qr"`
}

// Token returns the guide token from the guide link's fragment.
func (t Tour) Token() string {
	u, err := url.Parse(t.GuideURL)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(u.Fragment, "guide=")
}

// CreateTour creates a tour of scene led by guideName through the HTTP API
// and fails the test unless the server answers 201 Created.
func (s *Server) CreateTour(tb testing.TB, scene, guideName string) Tour {
	tb.Helper()
	body, _ := json.Marshal(map[string]string{"scene": scene, "guideName": guideName})
	res, err := http.Post(s.URL+"/api/tours", "application/json", bytes.NewReader(body))
	if err != nil {
		tb.Fatalf("servertest: creating a tour: %v", err)
	}
	defer res.Body.Close()
	var t Tour
	if res.StatusCode != http.StatusCreated {
		var e struct{ Error string }
		json.NewDecoder(res.Body).Decode(&e)
		tb.Fatalf("servertest: creating a tour: %s: %s", res.Status, e.Error)
	}
	if err := json.NewDecoder(res.Body).Decode(&t); err != nil {
		tb.Fatalf("servertest: decoding the new tour: %v", err)
	}
	return t
}

// HelloTourRefused says hello into the tour of h.Tour and returns the
// error that refuses it; it fails the test if a welcome comes instead.
// Empty Type and Version are filled in.
func (c *Client) HelloTourRefused(h protocol.Hello) protocol.Error {
	c.tb.Helper()
	h.Type, h.Version = protocol.TypeHello, protocol.Version
	c.SendJSON(h)
	m := c.Expect("a welcome or an error", func(m Message) bool { return m.Type == protocol.TypeWelcome || m.Type == protocol.TypeError })
	if m.Type == protocol.TypeWelcome {
		c.tb.Fatalf("servertest: tour hello welcomed, want it refused: %s", m.Data)
	}
	var e protocol.Error
	if err := m.Decode(&e); err != nil {
		c.tb.Fatalf("servertest: decoding the error: %v", err)
	}
	return e
}

// ExpectTour waits for a tour event whose state matches and returns that
// state; what names it in the failure.
func (c *Client) ExpectTour(what string, match func(protocol.TourState) bool) protocol.TourState {
	c.tb.Helper()
	var ev protocol.TourEvent
	c.Expect("a tour event with "+what, func(m Message) bool {
		if m.Type != protocol.TypeTour {
			return false
		}
		ev = protocol.TourEvent{}
		return m.Decode(&ev) == nil && match(ev.Tour)
	})
	return ev.Tour
}

// TourInfo asks GET /api/tours/CODE and returns the status with the
// decoded body: the tour, or {"error"}.
func (s *Server) TourInfo(tb testing.TB, code string) (status int, body map[string]any) {
	tb.Helper()
	res, err := http.Get(s.URL + "/api/tours/" + code)
	if err != nil {
		tb.Fatalf("servertest: looking up tour %s: %v", code, err)
	}
	defer res.Body.Close()
	body = map[string]any{}
	if err := json.NewDecoder(res.Body).Decode(&body); err != nil {
		tb.Fatalf("servertest: decoding tour %s: %v", code, err)
	}
	return res.StatusCode, body
}
