package emulator

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Word lists for generated names. All generated text is ASCII unless the
// config is hostile.
var (
	productNames = []string{"PhotoLens Studio", "LensCam Recorder", "Batch Exporter",
		"Frame Analyzer", "Cloud Sync Agent"}
	firstNames = []string{"anna", "erik", "maria", "johan", "sofia", "lars", "emma", "karl",
		"lena", "oskar", "nina", "per", "ida", "jonas", "sara", "mats", "olivia", "liam",
		"noah", "mia", "lucas", "elin", "hugo", "alva"}
	lastNames = []string{"svensson", "berg", "lindqvist", "nilsson", "smith", "garcia",
		"müller", "rossi", "novak", "kowalski", "dubois", "jensen", "tanaka", "oconnor"}
	companyStems = []string{"Acme", "Nordlys", "Bluefin", "Granite", "Helix", "Juniper",
		"Kestrel", "Lumen", "Meridian", "Northwind", "Orbital", "Pinecrest", "Quartz",
		"Redwood", "Solstice", "Tundra", "Umbra", "Vertex", "Willow", "Zephyr"}
	companyKinds = []string{"Optics", "Media", "Studios", "Labs", "Imaging", "Systems",
		"Films", "Design", "Photo", "Vision"}
	companySuffixes = []string{"AB", "GmbH", "Ltd", "Inc", "AS", "Oy", "BV", "SA"}
	deviceKinds     = []string{"DESKTOP", "LAPTOP", "WS", "LAB-PC", "EDIT", "RENDER"}
	osNames         = []string{"Windows", "Windows", "Windows", "macOS", "macOS", "Linux"}
	teamNames       = []string{"Ada Lindgren", "Bo Ekström", "Cecilia Holm", "David Park",
		"Eva Marsh"}
)

// productFeatures are the features an application reports through
// RegisterEvent, by product index.
var productFeatures = [][]string{
	{"VideoRecorder", "ReportGenerator", "ColorGrading", "BatchExport"},
	{"VideoRecorder", "LiveStream", "MotionDetect"},
	{"BatchExport", "WatermarkTool", "ReportGenerator"},
	{"FrameAnalyzer", "ReportGenerator", "HistogramView", "ExportCSV"},
	{"CloudSync", "ConflictResolver", "ReportGenerator"},
}

var featureEvents = []string{"start", "start", "click", "click", "click", "export"}

// pick returns a uniformly chosen element.
func pick[T any](rng *rand.Rand, xs []T) T { return xs[rng.IntN(len(xs))] }

// licenseKey returns a Cryptolens-shaped key: four groups of five
// upper-case letters.
func licenseKey(rng *rand.Rand) string {
	var b strings.Builder
	b.Grow(23)
	for i := range 20 {
		if i > 0 && i%5 == 0 {
			b.WriteByte('-')
		}
		b.WriteByte(byte('A' + rng.IntN(26)))
	}
	return b.String()
}

// machineCode returns a 64-hex-digit device hash, the shape SDKs send.
func machineCode(rng *rand.Rand) string {
	return fmt.Sprintf("%016x%016x%016x%016x", rng.Uint64(), rng.Uint64(), rng.Uint64(), rng.Uint64())
}

// anonymisedIP returns a public-looking IPv4 address whose last octet is 0,
// as the API anonymises them.
func anonymisedIP(rng *rand.Rand) string {
	first := []int{31, 37, 46, 62, 77, 78, 81, 85, 90, 94, 109, 151, 185, 188, 193, 212, 213}
	return fmt.Sprintf("%d.%d.%d.0", pick(rng, first), rng.IntN(256), rng.IntN(256))
}

// personEmail returns an e-mail address at the customer's domain.
func personEmail(rng *rand.Rand, domain string) string {
	return pick(rng, firstNames) + "." + pick(rng, lastNames) + "@" + domain
}

// deviceName returns a device's friendly name: a Windows-style host name or
// a user's e-mail address.
func deviceName(rng *rand.Rand, domain string) string {
	switch rng.IntN(3) {
	case 0:
		return personEmail(rng, domain)
	case 1:
		return fmt.Sprintf("%s-%s%d", pick(rng, deviceKinds), strings.ToUpper(pick(rng, firstNames)), rng.IntN(100))
	default:
		return fmt.Sprintf("%s's MacBook Pro", titleCase(pick(rng, firstNames)))
	}
}

// titleCase upper-cases the first ASCII letter.
func titleCase(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

// appVersion returns the application version in use on a given day of the
// window: a release every few weeks.
func appVersion(product, day int) string {
	minor := 2 + (day+product*11)/23
	return fmt.Sprintf("%d.%d.%d", 2+product%2, minor, (day*7+product)%5)
}
