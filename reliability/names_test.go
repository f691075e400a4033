package reliability

import (
	"bytes"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// specialFile makes, at path, something that is not a regular file.
type specialFile struct {
	kind, says string
	make       func(t *testing.T, path string)
}

var specialFiles = []specialFile{
	{"a FIFO", "is a named pipe (FIFO), not a regular file", func(t *testing.T, path string) {
		if err := syscall.Mkfifo(path, 0o644); err != nil {
			t.Skipf("no FIFOs here: %v", err)
		}
	}},
	{"a socket", "is a socket, not a regular file", func(t *testing.T, path string) {
		l, err := net.Listen("unix", path)
		if err != nil {
			t.Skipf("no unix sockets here: %v", err)
		}
		t.Cleanup(func() { l.Close() })
	}},
	{"a device", "is a device, not a regular file", func(t *testing.T, path string) {
		// The same device as /dev/null (root may make one); else a link to
		// it, which in a folder is a link outside the library.
		if syscall.Mknod(path, syscall.S_IFCHR|0o644, 1<<8|3) != nil {
			must(t, os.Symlink(os.DevNull, path))
		}
	}},
}

// TestSpecialFilesByName gives brief a FIFO with no writer, a socket and a
// device by name, where it expects a briefing: brief show, brief export,
// brief list -L and brief search -L answer at once with one line saying
// what the file is (a FIFO used to block them forever). In a folder, the
// same files are skipped without a word and the rest is listed. A symbolic
// link loop is reported as a loop.
func TestSpecialFilesByName(t *testing.T) {
	lib := generate(t, 3)
	for _, sf := range specialFiles {
		path := filepath.Join(lib, "notes.md")
		sf.make(t, path)
		for _, args := range [][]string{
			{"show", path},
			{"export", path},
			{"list", "-L", path},
			{"search", "-L", path, "government"},
		} {
			for range rounds(3) {
				countRun(t, "a FIFO, socket or device given by name: "+args[0], func() {
					e := newEnv(t)
					r := e.briefTimeout(t, answerLimit, args...)
					answered(t, "brief show, export, list -L, search -L of a FIFO, socket or device by name", r.took)
					if r.code == 0 || !strings.Contains(r.stderr, "notes.md: "+sf.says+"; brief reads only regular files") {
						t.Errorf("brief %s of %s: exit %d, stderr %q", args[0], sf.kind, r.code, r.stderr)
					}
					if lines := strings.Count(strings.TrimSpace(r.stderr), "\n") + 1; lines > 2 {
						t.Errorf("brief %s of %s: %d lines on stderr: %q", args[0], sf.kind, lines, r.stderr)
					}
				})
			}
		}
		countRun(t, "a FIFO, socket or device in a folder (skipped)", func() {
			e := newEnv(t)
			r := e.briefTimeout(t, answerLimit, "list", "--json", "-L", lib)
			answered(t, "brief list of a folder holding a FIFO, socket or device", r.took)
			linkOut := strings.Contains(r.stderr, "notes.md: skipped: it is a symbolic link to a file outside the library folder")
			if r.code != 0 || strings.Count(r.stdout, `"title"`) != 3 || strings.Contains(r.stderr, "notes.md") && !linkOut {
				t.Errorf("list of a folder with %s: exit %d, %d titles, stderr %q", sf.kind, r.code, strings.Count(r.stdout, `"title"`), r.stderr)
			}
		})
		must(t, os.Remove(path))
	}
	countRun(t, "a symbolic link loop", func() {
		loop := filepath.Join(lib, "loop.md")
		must(t, os.Symlink("loop.md", loop))
		defer os.Remove(loop)
		e := newEnv(t)
		r := e.briefTimeout(t, answerLimit, "list", "-L", lib)
		if want := "loop.md: is a symbolic link loop (it leads back to itself)"; !strings.Contains(r.stderr, want) || strings.Contains(r.stderr, "outside") {
			t.Errorf("a link loop in the library: stderr %q, want %q", r.stderr, want)
		}
		r = e.briefTimeout(t, answerLimit, "show", loop)
		if want := "loop.md: is a symbolic link loop"; r.code == 0 || !strings.Contains(r.stderr, want) {
			t.Errorf("brief show of a link loop: exit %d, stderr %q", r.code, r.stderr)
		}
	})
}

// withoutVars returns env without the named variables.
func withoutVars(env []string, names ...string) []string {
	var out []string
	for _, kv := range env {
		name, _, _ := strings.Cut(kv, "=")
		drop := false
		for _, n := range names {
			drop = drop || name == n
		}
		if !drop {
			out = append(out, kv)
		}
	}
	return out
}

// noHomeVars are what tells brief where the user's folders are.
var noHomeVars = []string{"HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "BRIEF_CONFIG", "BRIEF_INDEX_DIR", "BRIEF_STATE_DIR", "XDG_RUNTIME_DIR"}

// runNoHome runs brief without HOME and the variables that would stand for
// it, in the folder cwd, as uid (0: as this process).
func runNoHome(t *testing.T, cwd string, uid int, args ...string) result {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = withoutVars(os.Environ(), noHomeVars...)
	cmd.Dir = cwd
	if uid != 0 {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: uint32(uid), Gid: uint32(uid)}}
	}
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	done := make(chan error, 1)
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { done <- cmd.Wait() }()
	var err error
	select {
	case err = <-done:
	case <-time.After(hangLimit):
		_ = cmd.Process.Kill()
		t.Fatalf("brief %s without HOME did not finish (a hang)", strings.Join(args, " "))
	}
	r := result{stdout: out.String(), stderr: errOut.String(), took: time.Since(start)}
	if ee, ok := err.(*exec.ExitError); ok {
		r.code = ee.ExitCode()
	}
	return r
}

// TestWithoutHome runs brief with HOME unset. Its folders must never be
// relative to the working directory (brief config --init wrote
// ./.config/brief/) nor under "/" (the index went under /.cache as root):
// they are under the account's home folder, and an account without one
// gets a clear message instead.
func TestWithoutHome(t *testing.T) {
	cwd := t.TempDir()
	must(t, os.Chmod(cwd, 0o777))
	countRun(t, "HOME unset: brief config shows no folder relative to the working directory or under /", func() {
		r := runNoHome(t, cwd, 0, "config")
		answered(t, "brief without HOME, or without a home folder", r.took)
		if r.code != 0 {
			t.Fatalf("brief config without HOME: exit %d, %s", r.code, r.stderr)
		}
		for _, l := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
			name, value, _ := strings.Cut(l, ":")
			value = strings.Fields(value + " -")[0]
			if name == "library" || name == "style" || name == "width" || name == "presenter theme" || name == "max size" {
				continue
			}
			if value != "(none)" && (!filepath.IsAbs(value) || strings.HasPrefix(value, "/.")) {
				t.Errorf("without HOME, %s is %q", name, value)
			}
		}
	})
	if os.Geteuid() != 0 {
		t.Skip("an account without a home folder needs root to switch to")
	}
	// The binary must be reachable by an account with no rights.
	for dir := filepath.Dir(binary); dir != "/"; dir = filepath.Dir(dir) {
		if info, err := os.Stat(dir); err == nil && info.Mode().Perm()&0o001 == 0 {
			must(t, os.Chmod(dir, info.Mode().Perm()|0o011))
		}
	}
	for dir := cwd; dir != "/"; dir = filepath.Dir(dir) {
		if info, err := os.Stat(dir); err == nil && info.Mode().Perm()&0o001 == 0 {
			must(t, os.Chmod(dir, info.Mode().Perm()|0o011))
		}
	}
	const nobody = 54321 // no entry in /etc/passwd: no home folder
	for _, c := range []struct {
		args []string
		code int
		says string
	}{
		{[]string{"config", "--init"}, 1, "HOME is not set and the account has no home folder (set HOME or XDG_CONFIG_HOME)"},
		{[]string{"index"}, 1, "there is no cache directory for the index"},
		{[]string{"list"}, 0, ""},
	} {
		countRun(t, "HOME unset, no home folder: brief "+c.args[0]+" says so or works without", func() {
			r := runNoHome(t, cwd, nobody, c.args...)
			answered(t, "brief without HOME, or without a home folder", r.took)
			if r.code != c.code || !strings.Contains(r.stderr, c.says) {
				t.Errorf("brief %s without a home folder: exit %d (want %d), stderr %q (want %q)", strings.Join(c.args, " "), r.code, c.code, r.stderr, c.says)
			}
			if entries, _ := os.ReadDir(cwd); len(entries) > 0 {
				t.Errorf("brief %s wrote into the working directory: %v", strings.Join(c.args, " "), entries)
			}
		})
	}
}

// TestInputFromDevNull runs brief on a terminal with its standard input
// from /dev/null (or a file): it ends at once with a sentence of ours, not
// bubbletea's "could not create cancelable reader".
func TestInputFromDevNull(t *testing.T) {
	lib := generate(t, 3)
	for _, input := range []string{os.DevNull, "a file"} {
		for range rounds(3) {
			countRun(t, "brief < /dev/null (or a file) on a terminal", func() {
				e := newEnv(t)
				in := input
				if input == "a file" {
					in = filepath.Join(lib, "input.txt")
					must(t, os.WriteFile(in, []byte("q\n"), 0o644))
				}
				f, err := os.Open(in)
				must(t, err)
				defer f.Close()
				p := newPTY(t, 100, 30, false)
				cmd := exec.Command(binary, "-L", lib)
				cmd.Env, cmd.Dir = e.environ(), e.home
				var errOut bytes.Buffer
				cmd.Stdin, cmd.Stdout, cmd.Stderr = f, p.slave, &errOut
				start := time.Now()
				pr := startProc(t, cmd)
				code := pr.wait(t, answerLimit)
				answered(t, "brief < /dev/null (or a file) on a terminal", time.Since(start))
				msg := errOut.String()
				if code != 1 || !strings.HasPrefix(msg, "brief: the reader takes its keys from the terminal, but the standard input is redirected") ||
					strings.Contains(msg, "cancelable") || strings.Count(msg, "\n") != 1 {
					t.Errorf("brief < %s: exit %d, stderr %q", input, code, msg)
				}
			})
		}
	}
}
