module go121

go 1.21

require golang.org/x/sync v0.0.0

replace golang.org/x/sync => ../xsync
