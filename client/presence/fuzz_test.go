package presence

import (
	"slices"
	"testing"
	"time"

	"yunyou/protocol"
)

// FuzzHandleText feeds the client's decoder of server events arbitrary text
// frames: a broken or hostile server may send anything, and the page must
// get an error or an event, never a panic. Whatever comes in, the member
// list stays sorted by id without duplicates, since drawing and labels rely
// on that.
func FuzzHandleText(f *testing.F) {
	for _, seed := range []string{
		`{"type":"welcome","version":1,"id":3,"session":"mogao-257/1","scene":"mogao-257","members":[{"id":3,"name":"Ana","color":"#ff2d95"},{"id":1,"name":"Bo","color":"#00e5ff"}]}`,
		`{"type":"join","seq":2,"member":{"id":4,"name":"Cy","color":"#76ff03"}}`,
		`{"type":"leave","seq":3,"id":1}`,
		`{"type":"chat","seq":4,"id":3,"name":"Ana","text":"看这只鹿"}`,
		`{"type":"error","code":"bad_pose","message":"outside"}`,
		`{"type":"welcome","members":null}`,
		`{"type":"join","member":{"id":"x"}}`,
		`{"type":"future","x":1}`,
		`[]`, `null`, `"`, ``,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var p Presence
		// A welcome first, so joins, leaves and chat meet a live list.
		if _, err := p.HandleText([]byte(`{"type":"welcome","version":1,"id":3,"session":"s/1","scene":"s","members":[{"id":3,"name":"Ana","color":"#ff2d95"}]}`)); err != nil {
			t.Fatal(err)
		}
		for range 2 { // twice: a repeated join or leave must not break the list
			ev, err := p.HandleText(data)
			if err != nil && ev.Type != "" {
				t.Fatalf("HandleText returned both event %q and error %v", ev.Type, err)
			}
		}
		if !slices.IsSortedFunc(p.members, func(a, b protocol.Member) int { return int(a.ID) - int(b.ID) }) {
			t.Fatalf("members not sorted by id: %+v", p.members)
		}
		for i := 1; i < len(p.members); i++ {
			if p.members[i].ID == p.members[i-1].ID {
				t.Fatalf("member %d listed twice: %+v", p.members[i].ID, p.members)
			}
		}
		p.Peers(time.Unix(0, 0), nil)
	})
}
