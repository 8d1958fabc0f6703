// Package publish renders notebooks into a folder of report pages: the engine
// behind `lensbook render` and `make demo`.
//
// Render executes each notebook through the GoNB kernel (internal/notebook), in
// parallel, turns each executed notebook into one self-contained page
// OUT/<name>.html (internal/pagerender), and writes the gallery OUT/index.html
// (internal/gallery). A notebook that fails still gets a page, marked failed, and
// the others go on. A manifest (OUT/lensbook-manifest.json) remembers what
// each page was rendered from, so that a notebook whose source, parameters and
// data fingerprint have not changed is not executed again.
package publish
