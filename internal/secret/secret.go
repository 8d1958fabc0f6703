// Package secret keeps credentials out of everything lensbook shows or
// writes. A [Redactor] is built once from the secrets of the configured
// account (the access token, and a password in the base URL)
// and passed down to every package that prints an error, renders a page or
// writes a file: [Redactor.Redact] replaces a secret in text that is about to
// be shown, and [Redactor.Check] refuses a page or file that still holds one
// in any of the forms a page can carry it: plain, URL-encoded, as HTML
// character references, JSON-escaped, or base64 (standard or URL alphabet,
// with or without padding, at any alignment).
//
// No package but internal/credentials reads the token from the environment: a
// Redactor knows only the secrets it was given.
package secret

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html"
	"net/url"
	"slices"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Redacted replaces a secret wherever it would be shown.
const Redacted = "REDACTED"

// MinLength is the length of the shortest secret a [Redactor] replaces or
// looks for; shorter values would mangle ordinary text.
const MinLength = 6

// Forms in which [Redactor.Find] reports a secret was found.
const (
	FormPlain  = "plain"
	FormURL    = "URL-encoded"
	FormHTML   = "HTML character references"
	FormJSON   = "JSON escapes"
	FormBase64 = "base64"
)

// Redactor replaces and finds a fixed set of secrets. The zero value and a
// nil *Redactor hold no secret: they change nothing and find nothing. A
// Redactor is safe for concurrent use.
type Redactor struct {
	secrets  []string
	replacer *strings.Replacer
	base64   []string // the base64 forms of the secrets, see base64Cores
}

// NewRedactor returns a redactor of the given secrets. Empty strings,
// duplicates and secrets shorter than [MinLength] are ignored.
func NewRedactor(secrets ...string) *Redactor {
	r := &Redactor{}
	for _, s := range secrets {
		if len(s) >= MinLength && !slices.Contains(r.secrets, s) {
			r.secrets = append(r.secrets, s)
		}
	}
	var forms []string
	for _, s := range r.secrets {
		cores := base64Cores(s)
		r.base64 = append(r.base64, cores...)
		forms = append(forms, s, url.QueryEscape(s), url.PathEscape(s), html.EscapeString(s), jsonEscape(s))
		forms = append(forms, cores...)
	}
	// Longest first, so that a form containing another is replaced whole.
	slices.SortStableFunc(forms, func(a, b string) int { return len(b) - len(a) })
	forms = slices.Compact(forms)
	pairs := make([]string, 0, 2*len(forms))
	for _, f := range forms {
		pairs = append(pairs, f, Redacted)
	}
	r.replacer = strings.NewReplacer(pairs...)
	return r
}

// Secrets returns the secrets the redactor knows, for passing them on (to a
// child process's environment, for example). The caller must not show them.
func (r *Redactor) Secrets() []string {
	if r == nil {
		return nil
	}
	return slices.Clone(r.secrets)
}

// Empty reports whether the redactor knows no secret.
func (r *Redactor) Empty() bool { return r == nil || len(r.secrets) == 0 }

// Redact returns s with every secret replaced by [Redacted]: raw,
// URL-encoded (query and path escaping), HTML-escaped, JSON-escaped, and the
// part of any base64 text that encodes it.
func (r *Redactor) Redact(s string) string {
	if r.Empty() {
		return s
	}
	return r.replacer.Replace(s)
}

// RedactError returns err unchanged when its text holds no secret, and
// otherwise an error with the redacted text that still unwraps to err (so
// errors.Is and errors.As keep working; their targets must not be printed).
func (r *Redactor) RedactError(err error) error {
	if err == nil || r.Empty() {
		return err
	}
	msg := err.Error()
	red := r.Redact(msg)
	if red == msg {
		return err
	}
	return &redactedError{msg: red, err: err}
}

type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }

// Find reports in which form (FormPlain, FormURL, FormHTML, FormJSON,
// FormBase64, or two of them joined by " in ") a secret appears in text,
// and "" when none does. It decodes HTML character references (named,
// decimal, hex), JSON \uXXXX escapes and percent-encoding, each alone and
// one inside another, so a secret is found however its characters are
// mixed across those forms.
func (r *Redactor) Find(text string) string {
	if r.Empty() {
		return ""
	}
	type view struct{ text, form string }
	decoders := []struct {
		form   string
		decode func(string) (string, bool)
	}{{FormHTML, htmlDecode}, {FormJSON, jsonDecode}, {FormURL, percentDecode}}
	views := []view{{text, ""}}
	for _, d1 := range decoders {
		s1, ok := d1.decode(text)
		if !ok {
			continue
		}
		views = append(views, view{s1, d1.form})
		for _, d2 := range decoders {
			if d2.form == d1.form {
				continue
			}
			if s2, ok := d2.decode(s1); ok {
				views = append(views, view{s2, d2.form + " in " + d1.form})
			}
		}
	}
	for _, v := range views {
		join := func(form string) string {
			switch {
			case v.form == "":
				return form
			case form == FormPlain:
				return v.form
			}
			return form + " in " + v.form
		}
		for _, s := range r.secrets {
			if strings.Contains(v.text, s) {
				return join(FormPlain)
			}
			if q := url.QueryEscape(s); q != s && strings.Contains(v.text, q) {
				return join(FormURL)
			}
		}
		for _, b := range r.base64 {
			if strings.Contains(v.text, b) {
				return join(FormBase64)
			}
		}
	}
	return ""
}

// LeakError is the error of [Redactor.Check]: what was refused and in
// which form it held a secret. Its text never holds the secret.
type LeakError struct {
	What string // such as "the page reports/weblog-overview.html"
	Form string // as [Redactor.Find] names it
}

// Error says what holds a secret, and in which form.
func (e *LeakError) Error() string {
	return fmt.Sprintf("%s holds the access token (%s): refused", e.What, e.Form)
}

// Check returns a *[LeakError] naming what when data holds a secret in any
// form [Redactor.Find] looks for, and nil otherwise.
func (r *Redactor) Check(what string, data []byte) error {
	if form := r.Find(string(data)); form != "" {
		return &LeakError{What: what, Form: form}
	}
	return nil
}

// URL returns raw with any user name and password replaced by [Redacted],
// for showing a base URL. Text that is not a URL with a host (a URL without
// its scheme, say) is shown with everything between its scheme and its last
// "@" replaced, so that it cannot carry them either.
func URL(raw string) string {
	if u, err := url.Parse(raw); err == nil && u.Scheme != "" && u.Opaque == "" {
		if u.User == nil {
			return raw
		}
		u.User = url.User(Redacted)
		return u.String()
	}
	prefix, rest := "", raw
	if i := strings.Index(raw, "://"); i >= 0 {
		prefix, rest = raw[:i+3], raw[i+3:]
	}
	if i := strings.LastIndex(rest, "@"); i >= 0 {
		return prefix + Redacted + rest[i:]
	}
	return raw
}

// URLSecrets returns the password of a URL, which a [Redactor] should
// know; nil when it has none. The user name is not a secret to look for in
// text (it is often an ordinary word, which would refuse ordinary pages):
// [URL] hides it wherever the URL is shown.
func URLSecrets(raw string) []string {
	u, err := url.Parse(raw)
	if err != nil || u.User == nil {
		return nil
	}
	if p, ok := u.User.Password(); ok && p != "" {
		return []string{p}
	}
	return nil
}

// base64Cores returns the base64 text that encodes s wherever s sits in
// the encoded data: for each of the three alignments of s within the 3-byte
// groups, in the standard and the URL alphabet, the characters that depend
// on the bytes of s alone. Padding never falls inside them, so padded and
// unpadded encodings both contain them.
func base64Cores(s string) []string {
	var out []string
	for k := range 3 {
		b := append(make([]byte, k), s...)
		lead := []int{0, 2, 3}[k]
		for _, enc := range []*base64.Encoding{base64.RawStdEncoding, base64.RawURLEncoding} {
			e := enc.EncodeToString(b)
			end := len(e)
			if len(b)%3 != 0 {
				end-- // its last character mixes in the byte after s
			}
			if end-lead >= MinLength {
				out = append(out, e[lead:end])
			}
		}
	}
	return slices.Compact(out)
}

// jsonEscape is s as encoding/json writes it inside a string, without the
// quotes (so "<", ">" and "&" become \u003c, \u003e and \u0026).
func jsonEscape(s string) string {
	b, _ := json.Marshal(s) // a string always encodes
	return string(b[1 : len(b)-1])
}

// htmlDecode decodes HTML character references; false when there is none.
func htmlDecode(s string) (string, bool) {
	if !strings.Contains(s, "&") {
		return s, false
	}
	return html.UnescapeString(s), true
}

// jsonDecode decodes the escapes of JSON strings (\uXXXX, surrogate pairs
// and the one-letter escapes) wherever they are; a malformed escape is kept
// as it is. It returns false when there is no backslash.
func jsonDecode(s string) (string, bool) {
	if !strings.Contains(s, `\`) {
		return s, false
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 >= len(s) {
			b.WriteByte(c)
			continue
		}
		switch n := s[i+1]; n {
		case '"', '\\', '/':
			b.WriteByte(n)
			i++
		case 'b':
			b.WriteByte('\b')
			i++
		case 'f':
			b.WriteByte('\f')
			i++
		case 'n':
			b.WriteByte('\n')
			i++
		case 'r':
			b.WriteByte('\r')
			i++
		case 't':
			b.WriteByte('\t')
			i++
		case 'u':
			r, ok := hex4(s, i+2)
			if !ok {
				b.WriteByte(c)
				continue
			}
			i += 5
			if utf16.IsSurrogate(r) {
				if r2, ok := hex4(s, i+3); ok && s[i+1] == '\\' && s[i+2] == 'u' {
					if p := utf16.DecodeRune(r, r2); p != utf8.RuneError {
						r = p
						i += 6
					}
				}
			}
			b.WriteRune(r)
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), true
}

// hex4 reads four hex digits at s[i:].
func hex4(s string, i int) (rune, bool) {
	if i < 0 || i+4 > len(s) {
		return 0, false
	}
	var r rune
	for _, c := range []byte(s[i : i+4]) {
		d, ok := unhex(c)
		if !ok {
			return 0, false
		}
		r = r<<4 | rune(d)
	}
	return r, true
}

// percentDecode decodes every valid %XX; false when there is no "%".
func percentDecode(s string) (string, bool) {
	if !strings.Contains(s, "%") {
		return s, false
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) {
			hi, ok1 := unhex(s[i+1])
			lo, ok2 := unhex(s[i+2])
			if ok1 && ok2 {
				b.WriteByte(hi<<4 | lo)
				i += 2
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String(), true
}

func unhex(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}
