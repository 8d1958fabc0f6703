package browsertest

import "testing"

func TestSameOrigin(t *testing.T) {
	tests := []struct {
		page, request string
		want          bool
	}{
		{"http://127.0.0.1:8080/report.html", "http://127.0.0.1:8080/other.html", true},
		{"http://127.0.0.1:8080/report.html", "data:image/png;base64,AAAA", true},
		{"http://127.0.0.1:8080/report.html", "http://127.0.0.1:9090/x.png", false},
		{"http://127.0.0.1:8080/report.html", "https://127.0.0.1:8080/x.png", false},
		{"http://127.0.0.1:8080/report.html", "https://fonts.googleapis.com/css", false},
		{"file:///tmp/r/report.html", "file:///tmp/r/report.html", true},
		{"file:///tmp/r/report.html", "file:///tmp/r/other.png", false},
		{"file:///tmp/r/report.html", "http://example.com/", false},
	}
	for _, tt := range tests {
		if got := SameOrigin(tt.page, tt.request); got != tt.want {
			t.Errorf("SameOrigin(%q, %q) = %v, want %v", tt.page, tt.request, got, tt.want)
		}
	}
}

func TestFindBrowserOverride(t *testing.T) {
	t.Setenv("LENSBOOK_CHROMIUM", "/nonexistent/chromium")
	if got := FindBrowser(); got != "" {
		t.Errorf("FindBrowser with a missing override = %q, want \"\"", got)
	}
}
