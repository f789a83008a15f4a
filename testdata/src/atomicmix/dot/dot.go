package dot

import . "sync/atomic"

type T struct{ n uint64 }

func (t *T) add() { AddUint64(&t.n, 1) }

func (t *T) Get() uint64 { return t.n } // want `t\.n is read plainly here but accessed with atomic\.AddUint64 at dot\.go:7: .*atomic\.Uint64`

type U struct{ n uint64 }

func (u *U) get() uint64 { return u.n } // same field name, other type

func typed(v *Uint64) uint64 { return v.Load() }
