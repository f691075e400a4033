// Package remote lets a brief that keeps a library's index fresh with a
// file watcher (brief index --watch, the app) answer the searches of other
// brief processes of the same user, over a Unix socket beside the index. A
// brief search beside such a watcher then checks no file and opens no
// index: it asks, and prints the answer.
//
// The exchange is one request and one reply per connection, in gob, which
// carries every string byte for byte (a file name need not be UTF-8). The
// watcher answers only while it has indexed every change it saw; otherwise
// it declines and says why, and the asker searches by itself as it would
// with no watcher. Every failure on the asking side (no socket, a watcher
// gone, stopped, of another user, too slow, speaking another version) is
// an error the caller answers by searching by itself, so nothing here can
// make a search wrong or hang: at worst it costs AskTimeout.
package remote

import (
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"time"

	"github.com/briefreader/brief/index"
	"github.com/briefreader/brief/internal/proc"
)

// protocol is the version of the exchange; a reply of another version is
// not used.
const protocol = 1

// Limits on what is read: a request is a query and its filters, a reply a
// page of hits with their snippets.
const (
	maxRequest = 1 << 20
	maxReply   = 64 << 20
)

// Reply is a watcher's answer to a search.
type Reply struct {
	// Results are the hits, as index.Index.Search gives them.
	Results *index.Results
	// QueryError is set when the query could not be understood and its
	// words were searched as plain text instead.
	QueryError *index.QueryError
	// Notes are one-line remarks on where the results come from.
	Notes []string
	// Declined, when not "", says why the watcher did not search: the
	// asker searches by itself.
	Declined string
}

// requestMessage and replyMessage are what crosses the socket.
type requestMessage struct {
	Version int
	Request index.Request
}

type replyMessage struct {
	Version int
	Reply
}

// DeclinedError is Ask's error when the watcher would not search, or is
// stopped and could not.
type DeclinedError struct {
	// Why is the reason ("the index is catching up with changes it saw").
	Why string
}

// Error says that the watcher did not answer, and why.
func (e *DeclinedError) Error() string { return "the watcher did not answer: " + e.Why }

// AskTimeout bounds a whole exchange: a watcher that runs but neither
// answers nor fails within it is given up on (one that is stopped, at
// once). (A variable for tests.)
var AskTimeout = 3 * time.Second

// Ask sends a search to the watcher listening at socket and returns its
// reply. Any error means the caller searches by itself.
func Ask(ctx context.Context, socket string, req index.Request) (Reply, error) {
	if socket == "" {
		return Reply{}, errors.New("no socket to ask")
	}
	if err := ownSocket(socket); err != nil {
		return Reply{}, err
	}
	ctx, cancel := context.WithTimeout(ctx, AskTimeout)
	defer cancel()
	var d net.Dialer
	c, err := d.DialContext(ctx, "unix", socket)
	if err != nil {
		return Reply{}, fmt.Errorf("ask the watcher: %w", err)
	}
	conn := c.(*net.UnixConn)
	defer conn.Close()
	pid, err := checkWatcher(conn)
	if err != nil {
		return Reply{}, err
	}
	ctx, giveUp := context.WithCancelCause(ctx)
	defer giveUp(nil)
	if pid > 0 {
		go keepAnEyeOn(ctx, pid, giveUp)
	}
	deadline, _ := ctx.Deadline()
	_ = conn.SetDeadline(deadline)
	stop := context.AfterFunc(ctx, func() { _ = conn.SetDeadline(time.Now()) })
	defer stop()

	failed := func(what string, err error) error {
		var declined *DeclinedError
		if errors.As(context.Cause(ctx), &declined) {
			return declined // stopped while answering
		}
		switch {
		case ctx.Err() != nil:
			err = ctx.Err() // the deadline set when it ended says less
		case errors.Is(err, os.ErrDeadlineExceeded):
			err = context.DeadlineExceeded // the socket's deadline ran out first
		}
		return fmt.Errorf("%s: %w", what, err)
	}
	if err := gob.NewEncoder(conn).Encode(requestMessage{Version: protocol, Request: req}); err != nil {
		return Reply{}, failed("ask the watcher", err)
	}
	_ = conn.CloseWrite()
	var msg replyMessage
	if err := gob.NewDecoder(io.LimitReader(conn, maxReply)).Decode(&msg); err != nil {
		return Reply{}, failed("read the watcher's answer", err)
	}
	switch {
	case msg.Version != protocol:
		return Reply{}, fmt.Errorf("the watcher speaks version %d, not %d", msg.Version, protocol)
	case msg.Declined != "":
		return Reply{}, &DeclinedError{Why: msg.Declined}
	case msg.Results == nil:
		return Reply{}, errors.New("the watcher's answer has no results")
	}
	return msg.Reply, nil
}

// checkWatcher makes sure the process at the other end is this user's and
// is not stopped (a watcher frozen with ctrl+z would let the asker wait
// for AskTimeout). It returns the process's id, 0 when the system cannot
// tell.
func checkWatcher(conn *net.UnixConn) (int, error) {
	pid, uid, ok := peer(conn)
	if !ok {
		return 0, nil // this system cannot tell: the deadline guards
	}
	if uid != os.Geteuid() {
		return 0, fmt.Errorf("the watcher's socket belongs to user %d", uid)
	}
	if err := notRunning(pid); err != nil {
		return 0, err
	}
	return pid, nil
}

// notRunning says why the watcher with process id pid cannot answer when
// it is stopped or has exited; nil when it runs, or when /proc cannot tell
// (a watcher that exits closes the socket, which ends a wait by itself).
func notRunning(pid int) *DeclinedError {
	switch state := proc.State(pid); state {
	case proc.Stopped, proc.StoppedByTracer, proc.Exited:
		return &DeclinedError{Why: fmt.Sprintf("it is %s, pid %d", state, pid)}
	}
	return nil
}

// watchEvery is how often an asker looks at whether the watcher it waits
// for was stopped meanwhile.
const watchEvery = 20 * time.Millisecond

// keepAnEyeOn gives up on the exchange (giveUp, with a DeclinedError) as
// soon as the watcher with process id pid is stopped, rather than waiting
// for AskTimeout; it returns when ctx ends.
func keepAnEyeOn(ctx context.Context, pid int, giveUp context.CancelCauseFunc) {
	tick := time.NewTicker(watchEvery)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			if err := notRunning(pid); err != nil {
				giveUp(err)
				return
			}
		}
	}
}
