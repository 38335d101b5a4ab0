package metrics

import "github.com/prometheus/client_golang/prometheus"

// SessionCounts is how many sessions and members there are at one moment.
type SessionCounts struct {
	PublicSessions, PublicMembers int // public sessions and the visitors in them
	Tours, TourMembers            int // running tours and their connected members
}

var (
	publicSessionsDesc = prometheus.NewDesc("yunyou_sessions_public", "Public sessions running (instances of a scene).", nil, nil)
	publicMembersDesc  = prometheus.NewDesc("yunyou_session_members_public", "Visitors in public sessions.", nil, nil)
	toursDesc          = prometheus.NewDesc("yunyou_tours_running", "Guided tours whose session runs (tours idle long enough stop and wait in the store).", nil, nil)
	tourMembersDesc    = prometheus.NewDesc("yunyou_tour_members", "Visitors connected to running guided tours, guides included.", nil, nil)
)

// sessionCollector asks for the counts when scraped, so that nothing is
// counted on the way in or out of a session and the numbers cannot drift.
type sessionCollector struct{ counts func() SessionCounts }

func (c sessionCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- publicSessionsDesc
	ch <- publicMembersDesc
	ch <- toursDesc
	ch <- tourMembersDesc
}

func (c sessionCollector) Collect(ch chan<- prometheus.Metric) {
	n := c.counts()
	ch <- prometheus.MustNewConstMetric(publicSessionsDesc, prometheus.GaugeValue, float64(n.PublicSessions))
	ch <- prometheus.MustNewConstMetric(publicMembersDesc, prometheus.GaugeValue, float64(n.PublicMembers))
	ch <- prometheus.MustNewConstMetric(toursDesc, prometheus.GaugeValue, float64(n.Tours))
	ch <- prometheus.MustNewConstMetric(tourMembersDesc, prometheus.GaugeValue, float64(n.TourMembers))
}

// CountSessions makes each scrape report the counts that counts returns.
// Call it once, with a function that may be called from any goroutine.
func (m *Metrics) CountSessions(counts func() SessionCounts) {
	if m != nil {
		m.reg.MustRegister(sessionCollector{counts})
	}
}

// CountKiosks makes each scrape report as yunyou_kiosks_online how many
// kiosk pages online returns. Call it once, with a function that may be
// called from any goroutine.
func (m *Metrics) CountKiosks(online func() int) {
	if m != nil {
		m.reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "yunyou_kiosks_online",
			Help: "Kiosk pages that reported recently enough to count as online.",
		}, func() float64 { return float64(online()) }))
	}
}
