package gallery

import (
	"bytes"
	"encoding/base64"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"
)

func testPNG(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for x := range w {
		for y := range h {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 128, 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func decodeURI(t *testing.T, uri, prefix string) []byte {
	t.Helper()
	if !strings.HasPrefix(uri, prefix) {
		t.Fatalf("URI %.40s... lacks prefix %s", uri, prefix)
	}
	data, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(uri, prefix))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestThumbnailURIScalesWidePNG(t *testing.T) {
	tests := []struct {
		name         string
		w, h         int
		wantW, wantH int
	}{
		{"wide PNG scaled", 1280, 800, ThumbnailWidth, 400},
		{"small PNG kept", 320, 200, 320, 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := testPNG(t, tt.w, tt.h)
			uri, err := thumbnailURI(in)
			if err != nil {
				t.Fatal(err)
			}
			out := decodeURI(t, string(uri), "data:image/png;base64,")
			cfg, err := png.DecodeConfig(bytes.NewReader(out))
			if err != nil {
				t.Fatal(err)
			}
			if cfg.Width != tt.wantW || cfg.Height != tt.wantH {
				t.Errorf("thumbnail is %dx%d, want %dx%d", cfg.Width, cfg.Height, tt.wantW, tt.wantH)
			}
			again, err := thumbnailURI(in)
			if err != nil || again != uri {
				t.Error("scaling the same PNG twice gives different bytes")
			}
		})
	}
}

func TestThumbnailURIAcceptsSVG(t *testing.T) {
	svg := []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="4" height="3"><script>alert(1)</script></svg>`)
	uri, err := thumbnailURI(svg)
	if err != nil {
		t.Fatal(err)
	}
	if got := decodeURI(t, string(uri), "data:image/svg+xml;base64,"); !bytes.Equal(got, svg) {
		t.Error("SVG thumbnail changed")
	}
}

func BenchmarkThumbnailURI(b *testing.B) {
	img := image.NewRGBA(image.Rect(0, 0, 1600, 1000))
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := thumbnailURI(buf.Bytes()); err != nil {
			b.Fatal(err)
		}
	}
}
