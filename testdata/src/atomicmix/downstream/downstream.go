package downstream

import "atomicmix/upstream"

func Read(c *upstream.Counter, t *upstream.Tree) int64 {
	n := c.Hits        // want `c\.Hits is read plainly here but accessed with atomic\.AddInt64 at upstream\.go:19 in package atomicmix/upstream`
	n += c.Misses      // never atomic
	_ = t.Depth        // want `t\.Depth is read plainly here`
	_ = t.Size         // only loaded atomically: a read races with no Load
	t.Size = 0         // want `t\.Size is written plainly here`
	upstream.Total = 0 // want `upstream\.Total is written plainly here`
	return n
}

func fresh() *upstream.Counter {
	c := &upstream.Counter{Hits: 1}
	c.Hits = 2 // not yet shared
	return c
}
