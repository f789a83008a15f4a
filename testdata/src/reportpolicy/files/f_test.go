package files

func helper() {} // not reported: a test file
