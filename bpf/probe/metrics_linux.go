//go:build linux && amd64

package probe

import (
	"strconv"

	"github.com/prometheus/client_golang/prometheus"
)

var (
	eventsDesc = prometheus.NewDesc("aerie_probe_events_total", "Events the eBPF probe wrote to its ring buffer, per CPU.", []string{"cpu"}, nil)
	dropsDesc  = prometheus.NewDesc("aerie_probe_drops_total", "Events the eBPF probe lost because its ring buffer was full, per CPU.", []string{"cpu"}, nil)
)

// collector exports a probe's per-CPU counters, read from the kernel at each scrape.
type collector struct{ p *Probe }

// Collector returns a Prometheus collector for the probe's per-CPU event and drop counters
// (aerie_probe_events_total and aerie_probe_drops_total, labelled by cpu).
func (p *Probe) Collector() prometheus.Collector { return collector{p} }

func (c collector) Describe(ch chan<- *prometheus.Desc) {
	ch <- eventsDesc
	ch <- dropsDesc
}

func (c collector) Collect(ch chan<- prometheus.Metric) {
	st, err := c.p.Stats()
	if err != nil {
		ch <- prometheus.NewInvalidMetric(eventsDesc, err)
		return
	}
	for _, s := range st {
		cpu := strconv.Itoa(s.CPU)
		ch <- prometheus.MustNewConstMetric(eventsDesc, prometheus.CounterValue, float64(s.Events), cpu)
		ch <- prometheus.MustNewConstMetric(dropsDesc, prometheus.CounterValue, float64(s.Drops), cpu)
	}
}
