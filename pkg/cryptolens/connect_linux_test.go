package cryptolens

import (
	"net"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// fullBacklog returns the address of a listening socket that never accepts
// and whose accept queue is full: the kernel then drops new SYNs, so a
// connect hangs until the dialer's timeout, as with a filtered port.
func fullBacklog(t *testing.T) string {
	t.Helper()
	fd, err := syscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM, 0)
	if err != nil {
		t.Skipf("socket: %v", err)
	}
	t.Cleanup(func() { syscall.Close(fd) })
	if err := syscall.Bind(fd, &syscall.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}); err != nil {
		t.Skipf("bind: %v", err)
	}
	if err := syscall.Listen(fd, 0); err != nil {
		t.Skipf("listen: %v", err)
	}
	sa, err := syscall.Getsockname(fd)
	if err != nil {
		t.Skipf("getsockname: %v", err)
	}
	addr := "127.0.0.1:" + strconv.Itoa(sa.(*syscall.SockaddrInet4).Port)
	// Fill the queue; a dial that times out means it is full.
	for range 8 {
		conn, err := net.DialTimeout("tcp", addr, 200*time.Millisecond)
		if err != nil {
			return addr
		}
		t.Cleanup(func() { conn.Close() })
	}
	t.Skip("the kernel kept accepting connections into the queue")
	return ""
}

func TestConnectTimeout(t *testing.T) {
	addr := fullBacklog(t)
	rec := &recorder{}
	c, err := NewClient(testToken, WithBaseURL("http://"+addr+"/api"), WithTimeouts(fastTimeouts),
		WithRetry(fastRetry), WithObserver(rec.observe))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.GetWebAPILog(t.Context(), WebAPILogQuery{})
	if err == nil || !strings.Contains(err.Error(), "i/o timeout") || !strings.Contains(err.Error(), "dial tcp") {
		t.Fatalf("error %v, want a dial timeout", err)
	}
	if rec.attempts() != fastRetry.MaxAttempts {
		t.Errorf("%d attempts, want %d", rec.attempts(), fastRetry.MaxAttempts)
	}
}
