package lib

type T struct{}

func (T) Value()    {}
func (*T) Pointer() {}

func F() {}

var V int

type G[E any] struct{ e E }

func (g *G[E]) Get() E { return g.e }

func Gen[E any](e E) E { return e }

type Alias = T
