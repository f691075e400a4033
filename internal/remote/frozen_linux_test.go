package remote

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/briefreader/brief/index"
)

// serveEnv makes the test binary a watcher of its own, in another process,
// answering on the socket it names (see TestMain).
const serveEnv = "BRIEF_REMOTE_TEST_SERVE"

func TestMain(m *testing.M) {
	if socket := os.Getenv(serveEnv); socket != "" {
		serveUntilKilled(socket)
		return
	}
	os.Exit(m.Run())
}

// serveUntilKilled answers at socket; the query "slow" is never answered.
func serveUntilKilled(socket string) {
	never := make(chan struct{})
	_, err := Listen(socket, func(_ context.Context, req index.Request) Reply {
		if req.Query == "slow" {
			fmt.Println("answering")
			<-never
		}
		return Reply{Results: &index.Results{Total: 1}}
	})
	if err != nil {
		fmt.Println(err)
		os.Exit(2)
	}
	fmt.Println("listening")
	<-never
}

// A watcher stopped (ctrl+z) while it answers is given up on at once, not
// after AskTimeout, and the asker is told why.
func TestWatcherStoppedWhileAnswering(t *testing.T) {
	socket := socketPath(t)
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), serveEnv+"="+socket)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGCONT)
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	lines := bufio.NewScanner(out)
	expect := func(want string) {
		t.Helper()
		if !lines.Scan() || lines.Text() != want {
			t.Fatalf("the watcher said %q, want %q (%v)", lines.Text(), want, lines.Err())
		}
	}
	expect("listening")
	if reply, err := Ask(context.Background(), socket, index.Request{Query: "quick"}); err != nil || reply.Results.Total != 1 {
		t.Fatalf("asking another process: %+v %v", reply, err)
	}

	old := AskTimeout
	AskTimeout = time.Hour
	t.Cleanup(func() { AskTimeout = old })
	asked := make(chan error, 1)
	go func() {
		_, err := Ask(context.Background(), socket, index.Request{Query: "slow"})
		asked <- err
	}()
	expect("answering")
	if err := cmd.Process.Signal(syscall.SIGSTOP); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-asked:
		var declined *DeclinedError
		if !errors.As(err, &declined) || !strings.Contains(declined.Why, "stopped") {
			t.Errorf("asking a watcher stopped mid-answer: %v, want declined as stopped", err)
		}
	case <-time.After(time.Minute): // a guard against a hang, not a measure
		t.Fatal("the asker still waits for a stopped watcher")
	}
}
