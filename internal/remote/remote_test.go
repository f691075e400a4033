package remote

import (
	"context"
	"encoding/gob"
	"errors"
	"io"
	"net"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/briefreader/brief/index"
)

// socketPath is a socket in a short temporary folder (a socket's path is
// limited to about 100 bytes).
func socketPath(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "rmt")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.RemoveAll(dir) })
	return filepath.Join(dir, "s.sock")
}

func listen(t *testing.T, socket string, answer Answerer) *Server {
	t.Helper()
	s, err := Listen(socket, answer)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// The request crosses whole, and so does the reply.
func TestAskAndAnswer(t *testing.T) {
	socket := socketPath(t)
	since := time.Date(2024, 11, 21, 10, 0, 0, 0, time.UTC)
	var got index.Request
	listen(t, socket, func(_ context.Context, req index.Request) Reply {
		got = req
		return Reply{
			Results: &index.Results{Total: 7, Suggestion: "harbour", Hits: []index.Hit{{
				Path: "/lib/a.md", Anchor: "quay", Title: "A", Score: 1.5,
				Snippets: []index.Snippet{{Text: "the quay", Matches: [][2]int{{4, 8}}}},
			}}},
			QueryError: &index.QueryError{Query: `"quay`, Pos: 0, Msg: "unclosed quote"},
			Notes:      []string{"a note"},
		}
	})
	req := index.Request{Query: `"quay`, Limit: 5, Offset: 2, Tags: []string{"nato"}, Sort: index.SortNewest, ChangedSince: since}
	reply, err := Ask(context.Background(), socket, req)
	if err != nil {
		t.Fatal(err)
	}
	if got.Query != req.Query || got.Limit != 5 || got.Offset != 2 || strings.Join(got.Tags, ",") != "nato" ||
		got.Sort != index.SortNewest || !got.ChangedSince.Equal(since) {
		t.Errorf("the watcher got %+v, want %+v", got, req)
	}
	if reply.Results.Total != 7 || len(reply.Results.Hits) != 1 || reply.Results.Suggestion != "harbour" {
		t.Fatalf("reply results = %+v", reply.Results)
	}
	h := reply.Results.Hits[0]
	if h.Path != "/lib/a.md" || h.Anchor != "quay" || h.Score != 1.5 || h.Snippets[0].Matches[0] != [2]int{4, 8} {
		t.Errorf("hit = %+v", h)
	}
	if reply.QueryError == nil || reply.QueryError.Msg != "unclosed quote" || strings.Join(reply.Notes, "") != "a note" {
		t.Errorf("query error %v, notes %q", reply.QueryError, reply.Notes)
	}
}

// Every byte of a hit crosses as it is: a file name that is not UTF-8, a
// snippet whose match ranges count its bytes, times to the nanosecond.
func TestRepliesKeepEveryByte(t *testing.T) {
	socket := socketPath(t)
	hit := index.Hit{
		Path: "/lib/caf\xe9.md", RelPath: "caf\xe9.md", Anchor: "quay\xff", Title: "Caf\xe9 \u2014 quay",
		Snippets: []index.Snippet{{Text: "\xe9 the quay", Matches: [][2]int{{5, 9}}, Start: 3, After: true}},
		Date:     time.Date(2024, 11, 21, 10, 0, 0, 123456789, time.UTC), Terms: []string{"quay"},
	}
	listen(t, socket, func(context.Context, index.Request) Reply {
		return Reply{Results: &index.Results{Total: 1, Hits: []index.Hit{hit}}}
	})
	reply, err := Ask(context.Background(), socket, index.Request{Query: "quay"})
	if err != nil {
		t.Fatal(err)
	}
	if got := reply.Results.Hits[0]; !reflect.DeepEqual(got, hit) {
		t.Errorf("the hit changed on its way:\n got %+v\nwant %+v", got, hit)
	}
}

// A watcher that declines says why, and the asker gets an error.
func TestDeclined(t *testing.T) {
	socket := socketPath(t)
	listen(t, socket, func(context.Context, index.Request) Reply {
		return Reply{Declined: "changes are waiting"}
	})
	_, err := Ask(context.Background(), socket, index.Request{Query: "x"})
	var declined *DeclinedError
	if !errors.As(err, &declined) || declined.Why != "changes are waiting" {
		t.Fatalf("err = %v, want a DeclinedError", err)
	}
}

// A socket left by a watcher that died is refused to the asker, and
// replaced by the next watcher; one a live watcher answers on is left to
// it; a file of another kind is never removed.
func TestSocketLifecycle(t *testing.T) {
	socket := socketPath(t)
	stale, err := net.ListenUnix("unix", &net.UnixAddr{Name: socket, Net: "unix"})
	if err != nil {
		t.Fatal(err)
	}
	stale.SetUnlinkOnClose(false)
	_ = stale.Close() // the socket file stays, as after a kill -9
	if _, err := Ask(context.Background(), socket, index.Request{Query: "x"}); err == nil {
		t.Fatal("asking a dead watcher's socket succeeded")
	}
	answer := func(context.Context, index.Request) Reply { return Reply{Results: &index.Results{Total: 1}} }
	s, err := Listen(socket, answer)
	if err != nil {
		t.Fatalf("a stale socket was not replaced: %v", err)
	}
	if _, err := Listen(socket, answer); !errors.Is(err, ErrInUse) {
		t.Errorf("second Listen: %v, want ErrInUse", err)
	}
	if reply, err := Ask(context.Background(), socket, index.Request{Query: "x"}); err != nil || reply.Results.Total != 1 {
		t.Fatalf("ask: %+v %v", reply, err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(socket); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the socket is still there after Close: %v", err)
	}

	if err := os.WriteFile(socket, []byte("mine"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Listen(socket, answer); err == nil {
		t.Error("Listen took the name of a regular file")
	}
	if data, _ := os.ReadFile(socket); string(data) != "mine" {
		t.Errorf("the file was changed: %q", data)
	}
}

// silent is a socket whose process accepts connections and never answers,
// like a watcher stuck in a long pause; accepted says when one came.
func silent(t *testing.T, socket string) (accepted <-chan struct{}) {
	t.Helper()
	ln, err := net.Listen("unix", socket)
	if err != nil {
		t.Fatal(err)
	}
	ch := make(chan struct{}, 8)
	var conns []net.Conn
	var mu sync.Mutex
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
			ch <- struct{}{}
		}
	}()
	t.Cleanup(func() {
		_ = ln.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			_ = c.Close()
		}
	})
	return ch
}

// An asker never waits for a silent watcher past AskTimeout, nor past
// its context.
func TestSilentWatcher(t *testing.T) {
	socket := socketPath(t)
	accepted := silent(t, socket)
	old := AskTimeout
	AskTimeout = 100 * time.Millisecond
	t.Cleanup(func() { AskTimeout = old })
	if _, err := Ask(context.Background(), socket, index.Request{Query: "x"}); err == nil {
		t.Fatal("a watcher that never answered gave an answer")
	}
	<-accepted

	AskTimeout = time.Hour
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-accepted
		cancel() // ctrl+c while waiting
	}()
	if _, err := Ask(ctx, socket, index.Request{Query: "x"}); !errors.Is(err, context.Canceled) {
		t.Fatalf("ask cancelled: %v, want context.Canceled", err)
	}
}

// A reply of another version of the exchange is not used.
func TestOtherVersion(t *testing.T) {
	socket := socketPath(t)
	ln, err := net.Listen("unix", socket)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ln.Close() })
	go func() {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		_, _ = io.Copy(io.Discard, c)
		_ = gob.NewEncoder(c).Encode(replyMessage{Version: protocol + 1, Reply: Reply{Results: &index.Results{Total: 3}}})
	}()
	if _, err := Ask(context.Background(), socket, index.Request{Query: "x"}); err == nil || !strings.Contains(err.Error(), "speaks version") {
		t.Fatalf("err = %v, want a version error", err)
	}
}

// A watcher answers a few searches at once and declines the rest; garbage
// on the socket gets no answer and stops nothing.
func TestBusyAndGarbage(t *testing.T) {
	socket := socketPath(t)
	started, release := make(chan struct{}), make(chan struct{})
	listen(t, socket, func(ctx context.Context, req index.Request) Reply {
		if req.Query == "slow" {
			started <- struct{}{}
			<-release
		}
		return Reply{Results: &index.Results{Total: 1}}
	})
	errs := make(chan error, maxAnswering)
	for range maxAnswering {
		go func() {
			_, err := Ask(context.Background(), socket, index.Request{Query: "slow"})
			errs <- err
		}()
		<-started
	}
	_, err := Ask(context.Background(), socket, index.Request{Query: "quick"})
	var declined *DeclinedError
	if !errors.As(err, &declined) || !strings.Contains(declined.Why, "busy") {
		t.Errorf("a search beyond the limit: %v, want declined as busy", err)
	}
	close(release)
	for range maxAnswering {
		if err := <-errs; err != nil {
			t.Errorf("a slow search: %v", err)
		}
	}

	c, err := net.Dial("unix", socket)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.WriteString(c, "\x1b[31m not json\n")
	_ = c.(*net.UnixConn).CloseWrite()
	if rest, _ := io.ReadAll(c); len(rest) != 0 {
		t.Errorf("garbage got an answer: %q", rest)
	}
	_ = c.Close()
	if _, err := Ask(context.Background(), socket, index.Request{Query: "quick"}); err != nil {
		t.Errorf("after garbage: %v", err)
	}
}

// Nothing is asked of a socket another user owns (in a shared cache
// folder it could answer anything), nor of a file that is not a socket.
func TestOnlyOwnSockets(t *testing.T) {
	socket := socketPath(t)
	var asked atomic.Bool
	listen(t, socket, func(context.Context, index.Request) Reply {
		asked.Store(true)
		return Reply{Results: &index.Results{Total: 1}}
	})
	if err := os.Chown(socket, 65534, 65534); err != nil {
		t.Skip("cannot give the socket to another user here:", err)
	}
	if _, err := Ask(context.Background(), socket, index.Request{Query: "x"}); err == nil || !strings.Contains(err.Error(), "belongs to user 65534") {
		t.Errorf("asking another user's socket: %v", err)
	}
	if asked.Load() {
		t.Error("the request reached another user's socket")
	}

	file := filepath.Join(filepath.Dir(socket), "file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Ask(context.Background(), file, index.Request{Query: "x"}); err == nil || !strings.Contains(err.Error(), "not a socket") {
		t.Errorf("asking a regular file: %v", err)
	}
}
