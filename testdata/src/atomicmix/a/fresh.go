package a

import satomic "sync/atomic"

// ---- values from constructors that return a fresh allocation ----

type link struct {
	state int32
	peers []*link
}

func (l *link) Close() { satomic.StoreInt32(&l.state, 1) }

func newLink() *link { return &link{} }

func openLink() (*link, error) {
	l := &link{}
	l.state = 3 // not yet returned
	return l, nil
}

func newBoxed[T any]() *T { return new(T) }

func Dial() (*link, error) {
	l := newLink()
	l.state = 2 // fresh: the constructor returned a new allocation
	m, err := openLink()
	if err != nil {
		return nil, err
	}
	m.state = 2
	n := newBoxed[link]()
	n.state = 2
	l.peers = append(l.peers, m, n)
	return l, nil
}

// Near misses: the constructor shares the value, or the caller already did.

func (l *link) loop() {}

func startLink() *link {
	l := &link{}
	go l.loop()
	return l
}

var defaultLink = &link{}

func sharedLink() *link { return defaultLink }

type linkPool struct{ all []*link }

func (p *linkPool) add() *link {
	l := &link{}
	p.all = append(p.all, l)
	return l
}

func DialShared(p *linkPool) {
	a := startLink()
	a.state = 2 // want `a\.state is written plainly here`
	b := sharedLink()
	b.state = 2 // want `b\.state is written plainly here`
	c := p.add()
	c.state = 2 // want `c\.state is written plainly here`
	d := newLink()
	go d.Close()
	d.state = 2 // want `d\.state is written plainly here`
}

// ---- copies are not the original ----

func (l *link) Clone() *link {
	c := new(link)
	*c = *l     // copies the value, shares nothing
	c.state = 0 // the copy's field
	cp := *l
	cp.state = 0
	return c
}

func (l *link) Alias() *link {
	c := l
	c.state = 0 // want `c\.state is written plainly here`
	return c
}
