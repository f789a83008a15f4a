module example.com/ctxdefault

go 1.22
