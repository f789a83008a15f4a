package all

func helper() {} // want "helper"
