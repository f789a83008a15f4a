package testbroken

var _ = notDefined
