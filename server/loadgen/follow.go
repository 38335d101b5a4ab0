package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/gorilla/websocket"

	"yunyou/client/follow"
	"yunyou/protocol"
)

// What a client of a guided run does beyond a plain one: it learns its
// slot and the guide from the welcome and the tour's events, and a visitor
// follows the guide (follow) instead of walking its circle.

// takeWelcome reads the tour from a welcome: the guide, follow mode and the
// client's own slot. It runs before the reader starts.
func (c *client) takeWelcome(w *protocol.Welcome) error {
	if w.Tour == nil {
		return fmt.Errorf("welcomed into %s, which is not a tour: the server ignored the hello's tour code", w.Session)
	}
	c.takeTour(*w.Tour)
	for _, m := range w.Members {
		if m.ID == w.ID {
			c.view.mu.Lock()
			c.view.slot = m.Slot
			c.view.mu.Unlock()
		}
	}
	return nil
}

// takeTour takes in the tour's state, from a welcome or a tour event.
func (c *client) takeTour(st protocol.TourState) {
	c.view.mu.Lock()
	if st.Guide != c.guideID {
		c.view.seenGuide = false // the new guide's pose comes next
	}
	c.view.follow = st.Follow
	c.view.mu.Unlock()
	c.guideID = st.Guide
	if st.Follow && !c.sawFollow.Swap(true) && c.isVisitor() {
		c.run.following.Add(1)
	}
}

// takeTourEvent handles the tour's own events; those that change nothing a
// load test follows (pointer, role, chat) are read and dropped.
func (c *client) takeTourEvent(typ string, data []byte) {
	var err error
	switch typ {
	case protocol.TypeTour:
		var ev protocol.TourEvent
		if err = json.Unmarshal(data, &ev); err == nil {
			c.takeTour(ev.Tour)
		}
	case protocol.TypeMember:
		var ev protocol.MemberEvent
		if err = json.Unmarshal(data, &ev); err == nil && ev.Member.ID == c.id {
			c.view.mu.Lock()
			c.view.slot = ev.Member.Slot
			c.view.mu.Unlock()
		}
	case protocol.TypeGather:
		var g protocol.Gather
		if err = json.Unmarshal(data, &g); err == nil {
			p := g.Pose.Pose()
			c.view.mu.Lock()
			c.view.gather = &p
			c.view.mu.Unlock()
		}
	case protocol.TypeEnded:
		err = errors.New("the tour ended during the run")
	}
	if err != nil {
		c.run.errs.add(fmt.Errorf("client %d: %s event: %w", c.index, typ, err))
	}
}

// setGuide records the guide's newest pose, for the writer.
func (v *tourView) setGuide(p protocol.Pose) {
	v.mu.Lock()
	v.guide, v.seenGuide = p, true
	v.mu.Unlock()
}

// follow is a visitor's writer: every frame while follow mode is on it
// glides toward its place around the guide as it last saw the guide, as
// the browser's follow mode does (client/follow), and
// sends its pose when the pose changed. With follow mode off it stands
// where the server put it, as a browser visitor who does not walk.
func (c *client) follow(ctx context.Context) {
	rng := rand.New(rand.NewPCG(uint64(c.index), 0x59554e594f55))
	period := time.Second / protocol.TickRate
	select {
	case <-ctx.Done():
		return
	case <-time.After(time.Duration(rng.Int64N(int64(period)))):
	}
	ticker := time.NewTicker(period)
	defer ticker.Stop()
	frame := make([]byte, 0, protocol.PoseSize)
	var (
		cur, target, placedFrom, last protocol.Pose
		haveCur, sentAny              bool
		placedAt                      time.Duration
		camera                        follow.Follower // never looks around
	)
	prev := c.run.now()
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		}
		now := c.run.now()
		dt := (now - prev).Seconds()
		prev = now

		v := &c.view
		v.mu.Lock()
		guide, seen, following, slot, gather := v.guide, v.seenGuide, v.follow, v.slot, v.gather
		v.gather = nil
		v.mu.Unlock()
		if gather != nil {
			// Told where to stand: be there now, and place again.
			cur, haveCur, c.placed = *gather, true, false
		}
		if !haveCur || !following || !seen {
			continue
		}
		if !c.placed || now-placedAt >= placeEvery && moved(placedFrom, guide) {
			target, placedFrom = c.run.formation.place(guide, slot, now)
			placedAt, c.placed = now, true
		}
		cur = camera.StepWithin(cur, target, float32(dt), c.run.formation.reach)
		p := protocol.Quantize(cur)
		measuring := c.run.inWindow(now)
		if measuring {
			c.gap, c.gapKnown = distance(p, target), true
		}
		if sentAny && p == last {
			continue
		}
		frame = protocol.AppendPose(frame[:0], p)
		c.conn.SetWriteDeadline(time.Now().Add(writeWait))
		if err := c.conn.WriteMessage(websocket.BinaryMessage, frame); err != nil {
			if !c.closing.Load() {
				c.fail(fmt.Errorf("client %d: send pose: %w", c.index, err))
			}
			return
		}
		last, sentAny = p, true
		if measuring {
			c.up += uint64(len(frame))
		}
	}
}

// sendText sends a control message from the writer; it reports false when
// the connection failed.
func (c *client) sendText(data []byte) bool {
	c.conn.SetWriteDeadline(time.Now().Add(writeWait))
	if err := c.conn.WriteMessage(websocket.TextMessage, data); err != nil {
		if !c.closing.Load() {
			c.fail(fmt.Errorf("client %d: send %s: %w", c.index, data, err))
		}
		return false
	}
	if c.run.inWindow(c.run.now()) {
		c.up += uint64(len(data))
	}
	return true
}
