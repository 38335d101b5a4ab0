package guided

import (
	"encoding/json"
	"strings"
	"testing"

	"yunyou/protocol"
)

func frame(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func welcome(self uint16, role string, resume string) protocol.Welcome {
	return protocol.Welcome{
		Type: protocol.TypeWelcome, ID: self, Scene: "mogao-257", Resume: resume,
		Members: []protocol.Member{{ID: 1, Name: "Wang", Role: protocol.RoleGuide}, {ID: self, Name: "Léa", Role: role, Slot: 1}},
		Tour:    &protocol.TourState{Code: "K7QX3M", Scene: "mogao-257", Guide: 1, GuideName: "Wang", Follow: true},
	}
}

func TestHelloCarriesTheSecrets(t *testing.T) {
	tr := New("K7QX3M", "tok", "res")
	var h protocol.Hello
	if err := json.Unmarshal(tr.Hello("mogao-257", "Léa"), &h); err != nil {
		t.Fatal(err)
	}
	if h.Tour != "K7QX3M" || h.Token != "tok" || h.Resume != "res" || h.Version != protocol.Version || h.Name != "Léa" {
		t.Fatalf("hello = %+v; want the tour code, token, resume secret, name and version", h)
	}
}

func TestWelcomeRenewsTheResumeSecret(t *testing.T) {
	tr := New("K7QX3M", "", "old")
	fx, err := tr.Handle(frame(t, welcome(4, "", "new")))
	if err != nil {
		t.Fatal(err)
	}
	if !fx.SecretsChanged || !fx.Changed {
		t.Fatalf("effects %+v: a new resume secret must be stored and the page told", fx)
	}
	if _, resume := tr.Secrets(); resume != "new" {
		t.Fatalf("resume secret %q, want the welcome's", resume)
	}
	var h protocol.Hello
	json.Unmarshal(tr.Hello("mogao-257", "Léa"), &h)
	if h.Resume != "new" {
		t.Fatalf("the next hello carries resume %q, want the new one", h.Resume)
	}
	m := tr.Model([]protocol.Member{{ID: 1, Role: protocol.RoleGuide}, {ID: 4}}, true)
	if m.Role != "visitor" || !m.Follow || !m.Following || m.GuideName != "Wang" || !m.GuidePresent || m.Self != 4 {
		t.Fatalf("model %+v: want a visitor following Wang", m)
	}
}

func TestRefusedTokenIsForgotten(t *testing.T) {
	tr := New("K7QX3M", "stale", "")
	fx, _ := tr.Handle(frame(t, welcome(4, "", "r")))
	if tok, _ := tr.Secrets(); tok != "" || !fx.SecretsChanged {
		t.Fatalf("token %q after a welcome as a visitor; a token the server did not take must be dropped", tok)
	}
}

func TestEvents(t *testing.T) {
	tests := []struct {
		name  string
		event any
		check func(t *testing.T, tr *Tour, fx Effects)
	}{
		{"spotlight", protocol.TourEvent{Type: protocol.TypeTour, Tour: protocol.TourState{Code: "K7QX3M", Guide: 1, Spotlight: "deer", Follow: false}},
			func(t *testing.T, tr *Tour, fx Effects) {
				if tr.State().Spotlight != "deer" || tr.State().Follow || !fx.Changed {
					t.Fatalf("state %+v: want the spotlight on deer, follow off", tr.State())
				}
			}},
		{"gather", protocol.Gather{Type: protocol.TypeGather, Pose: protocol.JSONPose{X: 1, Y: 1.6, Z: -2, Yaw: 0.5}},
			func(t *testing.T, tr *Tour, fx Effects) {
				if fx.Gather == nil || fx.Gather.X != 1 || fx.Gather.Z != -2 || fx.Gather.Yaw != 0.5 {
					t.Fatalf("gather effect %+v: want the pose to stand at", fx.Gather)
				}
			}},
		{"pointer", protocol.Pointer{Type: protocol.TypePointer, ID: 1, On: true, At: [3]float32{1, 2, 3}},
			func(t *testing.T, tr *Tour, fx Effects) {
				if p := tr.Pointer(); !p.On || p.At != [3]float32{1, 2, 3} || p.ID != 1 {
					t.Fatalf("pointer %+v", p)
				}
			}},
		{"role", protocol.Role{Type: protocol.TypeRole, Role: protocol.RoleGuide, Token: "newtoken"},
			func(t *testing.T, tr *Tour, fx Effects) {
				if tok, _ := tr.Secrets(); tok != "newtoken" || !fx.SecretsChanged {
					t.Fatalf("token %q: a handed-over role must keep its new token", tok)
				}
			}},
		{"ended", protocol.Ended{Type: protocol.TypeEnded, Message: "Wang ended the tour."},
			func(t *testing.T, tr *Tour, fx Effects) {
				msg, over := tr.Over()
				tok, res := tr.Secrets()
				if !over || msg != "Wang ended the tour." || !fx.Stop || tok != "" || res != "" {
					t.Fatalf("over=%v %q stop=%v secrets %q %q: an ended tour stops and forgets its secrets", over, msg, fx.Stop, tok, res)
				}
			}},
		{"removed", protocol.NewError(protocol.CodeRemoved, "the guide removed you from this tour"),
			func(t *testing.T, tr *Tour, fx Effects) {
				m := tr.Model(nil, true)
				if !fx.Stop || m.Removed == "" {
					t.Fatalf("model %+v: a removed visitor sees why and does not reconnect", m)
				}
			}},
		{"chat is not the tour's", protocol.Chat{Type: protocol.TypeChat, Text: "hi"},
			func(t *testing.T, tr *Tour, fx Effects) {
				if fx != (Effects{}) {
					t.Fatalf("effects %+v for a chat line", fx)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := New("K7QX3M", "tok", "res")
			tr.Handle(frame(t, welcome(1, protocol.RoleGuide, "res")))
			fx, err := tr.Handle(frame(t, tt.event))
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, tr, fx)
		})
	}
}

func TestCommand(t *testing.T) {
	tests := []struct {
		in      string
		wantErr string
	}{
		{`{"type":"hand","up":true}`, ""},
		{`{"type":"guide","cmd":"gather"}`, ""},
		{`{"type":"guide","cmd":"fly"}`, "unknown guide command"},
		{`{"type":"chat","text":"hi"}`, "only hand and guide"},
		{`not json`, "not valid JSON"},
	}
	for _, tt := range tests {
		out, err := Command(tt.in)
		switch {
		case tt.wantErr == "" && err != nil:
			t.Errorf("Command(%s): %v", tt.in, err)
		case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
			t.Errorf("Command(%s) = %s, %v; want an error mentioning %q", tt.in, out, err, tt.wantErr)
		}
	}
}
