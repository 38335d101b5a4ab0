package kiosk

// Online returns how many kiosk pages reported within the online window,
// for the metrics. It may be called from any goroutine.
func (s *Service) Online() int { return s.kiosks.onlineCount() }

// onlineCount counts the instances that reported within g.online.
func (g *registry) onlineCount() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	now := g.now()
	n := 0
	for _, in := range g.instances {
		if now.Sub(in.lastSeen) <= g.online {
			n++
		}
	}
	return n
}
