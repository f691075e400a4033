package remote

import (
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"sync"
	"time"

	"github.com/briefreader/brief/index"
)

// Answerer searches for another process. It returns a Reply with Declined
// set when it will not (changes are waiting to be indexed).
type Answerer func(ctx context.Context, req index.Request) Reply

// ErrInUse is Listen's error when another live process answers on the
// socket.
var ErrInUse = errors.New("another brief answers searches on this socket")

// maxAnswering is how many searches a watcher answers at once; more are
// declined, and their askers search by themselves.
const maxAnswering = 4

// readTimeout bounds the wait for an asker's request.
const readTimeout = 5 * time.Second

// Server answers searches on a socket until it is closed.
type Server struct {
	ln     *net.UnixListener
	answer Answerer
	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
	slots  chan struct{}

	stopOnce sync.Once
	stopErr  error
}

// Listen starts answering searches at socket. A socket left behind by a
// watcher that died is replaced; one that a live process answers on is
// left to it (ErrInUse). The caller must hold the claim that makes it the
// library's only watcher (index.Index.Watch), so that two watchers never
// race for the socket.
func Listen(socket string, answer Answerer) (*Server, error) {
	if socket == "" {
		return nil, errors.New("no socket to answer on")
	}
	if c, err := net.DialTimeout("unix", socket, time.Second); err == nil {
		_ = c.Close()
		return nil, ErrInUse
	}
	if fi, err := os.Lstat(socket); err == nil {
		if fi.Mode()&os.ModeSocket == 0 {
			return nil, fmt.Errorf("answer searches at %s: something else has that name", socket)
		}
		if err := os.Remove(socket); err != nil {
			return nil, fmt.Errorf("remove the socket a watcher left at %s: %w", socket, err)
		}
	}
	ln, err := net.ListenUnix("unix", &net.UnixAddr{Name: socket, Net: "unix"})
	if err != nil {
		return nil, fmt.Errorf("answer searches at %s: %w", socket, err)
	}
	if err := os.Chmod(socket, 0o600); err != nil {
		_ = ln.Close()
		return nil, fmt.Errorf("answer searches at %s: %w", socket, err)
	}
	s := &Server{ln: ln, answer: answer, slots: make(chan struct{}, maxAnswering)}
	s.ctx, s.cancel = context.WithCancel(context.Background())
	s.wg.Go(s.accept)
	return s, nil
}

// Stop stops answering at once: the socket is removed and the searches
// being answered are cancelled, without waiting for them (Close waits).
func (s *Server) Stop() {
	if s == nil {
		return
	}
	s.stopOnce.Do(func() {
		s.cancel()
		s.stopErr = s.ln.Close()
	})
}

// Close stops answering (Stop) and waits for the searches being answered.
func (s *Server) Close() error {
	if s == nil {
		return nil
	}
	s.Stop()
	s.wg.Wait()
	return s.stopErr
}

func (s *Server) accept() {
	for {
		conn, err := s.ln.AcceptUnix()
		if err != nil {
			if s.ctx.Err() != nil || errors.Is(err, net.ErrClosed) {
				return
			}
			// Out of file descriptors, say: try again in a moment
			// rather than spin.
			select {
			case <-time.After(50 * time.Millisecond):
			case <-s.ctx.Done():
				return
			}
			continue
		}
		s.wg.Go(func() { s.serve(conn) })
	}
}

// serve answers one connection.
func (s *Server) serve(conn *net.UnixConn) {
	defer conn.Close()
	if _, uid, ok := peer(conn); ok && uid != os.Geteuid() {
		return // not this user's: say nothing
	}
	// The deadline is set before Stop can cut it short, and not set again
	// once it has: a stopping server waits for no asker.
	_ = conn.SetDeadline(time.Now().Add(readTimeout))
	stop := context.AfterFunc(s.ctx, func() { _ = conn.SetDeadline(time.Now()) })
	defer stop()
	var msg requestMessage
	if err := gob.NewDecoder(io.LimitReader(conn, maxRequest)).Decode(&msg); err != nil {
		return
	}
	reply := Reply{Declined: "it speaks another version of brief"}
	if msg.Version == protocol {
		reply = s.search(msg.Request)
	}
	if s.ctx.Err() != nil {
		return
	}
	_ = conn.SetDeadline(time.Now().Add(readTimeout))
	_ = gob.NewEncoder(conn).Encode(replyMessage{Version: protocol, Reply: reply})
}

// search answers one request, unless too many are being answered.
func (s *Server) search(req index.Request) Reply {
	select {
	case s.slots <- struct{}{}:
		defer func() { <-s.slots }()
	default:
		return Reply{Declined: "it is busy answering other searches"}
	}
	// Less than the asker waits: a search that cannot finish in time
	// ends, and the asker searches by itself, instead of both working.
	ctx, cancel := context.WithTimeout(s.ctx, AskTimeout*2/3)
	defer cancel()
	return s.answer(ctx, req)
}
