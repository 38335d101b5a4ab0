package session

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
)

// secretBytes is the length of guide tokens and resume secrets: 256 random
// bits, beyond guessing, so a fast hash (SHA-256) is enough to store them.
const secretBytes = 32

// newSecret returns a random secret as URL-safe text (43 characters).
func newSecret() string {
	b := make([]byte, secretBytes)
	rand.Read(b) // never returns an error
	return base64.RawURLEncoding.EncodeToString(b)
}

// hashSecret returns what the server keeps of a secret.
func hashSecret(s string) []byte {
	h := sha256.Sum256([]byte(s))
	return h[:]
}

// secretMatches reports whether secret hashes to hash, in constant time.
func secretMatches(secret string, hash []byte) bool {
	if secret == "" || len(hash) != sha256.Size {
		return false
	}
	return subtle.ConstantTimeCompare(hashSecret(secret), hash) == 1
}

// newCode returns a random tour code of protocol.CodeLength characters of
// protocol.CodeAlphabet.
func newCode(alphabet string, n int) string {
	out := make([]byte, n)
	// Rejection sampling keeps every character equally likely.
	limit := 256 - 256%len(alphabet)
	var b [1]byte
	for i := 0; i < n; {
		rand.Read(b[:])
		if int(b[0]) >= limit {
			continue
		}
		out[i] = alphabet[int(b[0])%len(alphabet)]
		i++
	}
	return string(out)
}
