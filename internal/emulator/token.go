package emulator

import (
	"crypto/rand"
	"encoding/hex"
	"slices"
)

// Permission is a method lock of an access token: the method a token may
// call.
type Permission string

// The permissions the emulator knows. RegisterEvent covers RegisterEvents
// too, as on the real service.
const (
	PermGetWebAPILog  Permission = "GetWebAPILog"
	PermGetEvents     Permission = "GetEvents"
	PermGetObjectLog  Permission = "GetObjectLog"
	PermRegisterEvent Permission = "RegisterEvent"
)

// AllPermissions are the permissions of a token that may call every method.
var AllPermissions = []Permission{PermGetWebAPILog, PermGetEvents, PermGetObjectLog, PermRegisterEvent}

// Token is an access token the server accepts.
type Token struct {
	Value       string
	Permissions []Permission
	// ProductLock, when not 0, narrows every answer to that product.
	ProductLock int
	// KeyLock, when positive, narrows answers to the license with that
	// [License.ID]; -1 makes ProductId and Key required parameters (the
	// set-up for calling GetWebAPILog from inside an application).
	KeyLock int
}

// allows reports whether the token may call a method that needs p.
func (t Token) allows(p Permission) bool { return slices.Contains(t.Permissions, p) }

// AddToken makes the server accept t, replacing a token with the same value.
func (s *Server) AddToken(t Token) {
	t.Permissions = slices.Clone(t.Permissions)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tokens[t.Value] = t
}

// NewToken creates a random token (64 hex digits from crypto/rand) with
// these permissions, no product lock and no key lock, and returns its value.
// With no permissions given the token can authenticate but call nothing.
func (s *Server) NewToken(perms ...Permission) string {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("emulator: crypto/rand failed: " + err.Error())
	}
	value := hex.EncodeToString(b[:])
	s.AddToken(Token{Value: value, Permissions: perms})
	return value
}
