package pagerender

// OWASPVectors are the XSS filter-evasion vectors of sanitize_test.go, for
// the browser test of package pagerender_test.
var OWASPVectors = owaspVectors
