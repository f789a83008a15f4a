package all

func Prod() {} // want "Prod"
