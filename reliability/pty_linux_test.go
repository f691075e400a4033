package reliability

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unsafe"
)

// pty is a pseudo-terminal: brief writes to its slave side as to a real
// terminal, and the test reads every byte from the master side.
type pty struct {
	master, slave *os.File

	mu   sync.Mutex
	out  bytes.Buffer
	done chan struct{} // closed when the master reads EOF or EIO
}

func ioctl(fd uintptr, req uintptr, arg unsafe.Pointer) error {
	if _, _, errno := syscall.Syscall(syscall.SYS_IOCTL, fd, req, uintptr(arg)); errno != 0 {
		return errno
	}
	return nil
}

// terminalReplies are the answers of the terminal to the queries brief
// may send it (the background colour, for --style auto, and the primary
// device attributes that every terminal answers, the Linux console too).
var terminalReplies = map[string]string{
	"\x1b]11;?": "\x1b]11;rgb:0000/0000/0000\x1b\\",
	"\x1b[c":    "\x1b[?62;22c",
}

// newPTY opens a pseudo-terminal of the given size. raw turns off output
// processing, so that the bytes read are exactly the bytes written (no
// "\n" to "\r\n"); the TUI sets its own modes.
func newPTY(t testing.TB, cols, rows int, raw bool) *pty {
	t.Helper()
	master, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY|syscall.O_CLOEXEC, 0)
	if err != nil {
		t.Skipf("no pseudo-terminals here: %v", err)
	}
	var unlock int32
	if err := ioctl(master.Fd(), syscall.TIOCSPTLCK, unsafe.Pointer(&unlock)); err != nil {
		t.Fatal(err)
	}
	var n uint32
	if err := ioctl(master.Fd(), syscall.TIOCGPTN, unsafe.Pointer(&n)); err != nil {
		t.Fatal(err)
	}
	slave, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY|syscall.O_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	ws := struct{ rows, cols, x, y uint16 }{uint16(rows), uint16(cols), 0, 0}
	if err := ioctl(slave.Fd(), syscall.TIOCSWINSZ, unsafe.Pointer(&ws)); err != nil {
		t.Fatal(err)
	}
	if raw {
		var tio syscall.Termios
		if err := ioctl(slave.Fd(), syscall.TCGETS, unsafe.Pointer(&tio)); err != nil {
			t.Fatal(err)
		}
		tio.Oflag &^= syscall.OPOST
		tio.Lflag &^= syscall.ECHO | syscall.ICANON
		if err := ioctl(slave.Fd(), syscall.TCSETS, unsafe.Pointer(&tio)); err != nil {
			t.Fatal(err)
		}
	}
	p := &pty{master: master, slave: slave, done: make(chan struct{})}
	go func() {
		defer close(p.done)
		buf := make([]byte, 32<<10)
		answered := map[string]int{}
		for {
			n, err := master.Read(buf)
			p.mu.Lock()
			p.out.Write(buf[:n])
			out := p.out.String()
			p.mu.Unlock()
			// Answer as a terminal does: a dark background, and the
			// device attributes that end a query.
			for query, reply := range terminalReplies {
				for c := strings.Count(out, query); answered[query] < c; answered[query]++ {
					_, _ = master.Write([]byte(reply))
				}
			}
			if err != nil {
				return // EIO once every slave is closed
			}
		}
	}()
	t.Cleanup(func() {
		_ = slave.Close()
		_ = master.Close()
	})
	return p
}

// output returns everything read so far.
func (p *pty) output() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.out.String()
}

// proc is a running brief.
type proc struct {
	cmd  *exec.Cmd
	done chan struct{} // closed when it has exited
	err  error         // from Wait, once done
}

// exited reports whether the process has ended.
func (pr *proc) exited() bool {
	select {
	case <-pr.done:
		return true
	default:
		return false
	}
}

// kill sends SIGKILL and waits for the process to die.
func (pr *proc) kill(t testing.TB) {
	t.Helper()
	if err := pr.cmd.Process.Signal(syscall.SIGKILL); err != nil && !pr.exited() {
		t.Fatal(err)
	}
	<-pr.done
}

// wait waits for the process to exit and returns its exit status; a
// process still running after limit is killed and the test fails (a hang).
func (pr *proc) wait(t testing.TB, limit time.Duration) int {
	t.Helper()
	select {
	case <-pr.done:
	case <-time.After(limit):
		_ = pr.cmd.Process.Kill()
		<-pr.done
		t.Fatalf("%s did not exit within %s (a hang)", strings.Join(pr.cmd.Args, " "), limit)
	}
	var ee *exec.ExitError
	if errors.As(pr.err, &ee) {
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			return 128 + int(ws.Signal())
		}
		return ee.ExitCode()
	}
	if pr.err != nil {
		t.Fatal(pr.err)
	}
	return 0
}

// startProc starts cmd, killing it when the test ends.
func startProc(t testing.TB, cmd *exec.Cmd) *proc {
	t.Helper()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	pr := &proc{cmd: cmd, done: make(chan struct{})}
	go func() {
		pr.err = cmd.Wait()
		close(pr.done)
	}()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-pr.done
	})
	return pr
}

// start runs brief with its standard input and output on the terminal (as
// its controlling terminal) and its standard error in errOut, if not nil.
func (p *pty) start(t testing.TB, e *env, errOut *bytes.Buffer, args ...string) *proc {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = e.environ()
	cmd.Dir = e.home
	cmd.Stdin, cmd.Stdout = p.slave, p.slave
	cmd.Stderr = p.slave
	if errOut != nil {
		cmd.Stderr = errOut
	}
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 0}
	return startProc(t, cmd)
}

// run runs brief on the terminal to completion and returns the terminal's
// bytes, its standard error and the exit code.
func (p *pty) run(t testing.TB, e *env, args ...string) (string, string, int) {
	t.Helper()
	var errOut bytes.Buffer
	pr := p.start(t, e, &errOut, args...)
	// Only the child holds the terminal now: once it exits, the master
	// reads everything it wrote, then EIO.
	_ = p.slave.Close()
	code := pr.wait(t, hangLimit)
	select {
	case <-p.done:
	case <-time.After(hangLimit):
		t.Fatalf("the terminal of %s was never closed", strings.Join(args, " "))
	}
	return p.output(), errOut.String(), code
}

// waitFor polls the terminal output until it contains s.
func (p *pty) waitFor(t testing.TB, s string, limit time.Duration) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !strings.Contains(p.output(), s) {
		if time.Now().After(deadline) {
			t.Fatalf("the terminal never showed %q; last bytes: %q", s, tail(p.output(), 400))
		}
		time.Sleep(10 * time.Millisecond) // poll interval, bounded by the deadline
	}
}

func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}
