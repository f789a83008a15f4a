package broken

func f() int { return undefined }
