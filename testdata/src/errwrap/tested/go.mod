module example.com/precise

go 1.22
