package extract

import "time"

// builders maps field names to their extractor builders; built once, never modified.
var builders = func() map[string]builder {
	m := make(map[string]builder, 256)
	evtFields(m)
	procFields(m)
	fdFields(m)
	userFields(m)
	return m
}()

func timeOf(ns int64) time.Time { return time.Unix(0, ns) }
