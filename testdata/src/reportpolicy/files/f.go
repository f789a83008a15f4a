package files

func Prod() {} // want "Prod"
