package state

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/briefreader/brief/internal/regular"
)

// A console drives a presentation through a file of its own beside the
// presenting status, console-PID.json, holding its last commands, each
// numbered. The presenter reads every console's file when one changes and
// carries out the commands it has not seen; what a file held when the
// presenter started is history, never replayed. Either side may restart:
// the status file says where the presentation is, and a console's file
// only ever grows in number.

// Console command verbs.
const (
	CommandNext    = "next"    // the next step or page
	CommandPrev    = "prev"    // the previous step or page
	CommandSection = "section" // Arg: the section's number, 0 for the title slide
	CommandFirst   = "first"   // the first page
	CommandLast    = "last"    // the last page
	CommandBlack   = "black"   // blank the screen black
	CommandWhite   = "white"   // blank the screen white
	CommandUnblank = "unblank" // show the slide again
	CommandTimer   = "timer"   // start or pause the timer
)

// keepCommands is how many commands a console's file keeps: more than a
// lecturer presses while a presenter is busy.
const keepCommands = 64

// ConsoleCommand is one thing a console asks the presenter to do.
type ConsoleCommand struct {
	Seq  int       `json:"seq"`
	Verb string    `json:"verb"`
	Arg  int       `json:"arg,omitempty"`
	At   time.Time `json:"at"`
}

// consoleFile is a console's file.
type consoleFile struct {
	Version  int              `json:"version"`
	PID      int              `json:"pid"`
	Session  string           `json:"session"`
	Commands []ConsoleCommand `json:"commands"`
}

const consolePrefix, consoleSuffix = "console-", ".json"

// IsConsoleFile reports whether a file name is a console's command file.
func IsConsoleFile(name string) bool {
	return strings.HasPrefix(name, consolePrefix) && strings.HasSuffix(name, consoleSuffix)
}

// Console sends commands to the presenter from one console process.
type Console struct {
	path    string
	session string
	pid     int
	seq     int
	sent    []ConsoleCommand
}

// NewConsole makes the sender of a console whose presenter shares its
// status at statusPath.
func NewConsole(statusPath string) *Console {
	pid := os.Getpid()
	var b [8]byte
	_, _ = rand.Read(b[:])
	return &Console{
		path:    filepath.Join(filepath.Dir(statusPath), consolePrefix+strconv.Itoa(pid)+consoleSuffix),
		session: hex.EncodeToString(b[:]),
		pid:     pid,
	}
}

// Send asks the presenter for something.
func (c *Console) Send(verb string, arg int, now time.Time) error {
	c.seq++
	c.sent = append(c.sent, ConsoleCommand{Seq: c.seq, Verb: verb, Arg: arg, At: now})
	if len(c.sent) > keepCommands {
		c.sent = c.sent[len(c.sent)-keepCommands:]
	}
	data, err := json.Marshal(consoleFile{Version: 1, PID: c.pid, Session: c.session, Commands: c.sent})
	if err != nil {
		return fmt.Errorf("encode console command: %w", err)
	}
	if err := replaceFile(c.path, data); err != nil {
		return fmt.Errorf("cannot reach the presenter: %w", err)
	}
	return nil
}

// Close removes the console's file.
func (c *Console) Close() error {
	if err := os.Remove(c.path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// Commands is the presenter's side: it reads the consoles' files and hands
// out each command once.
type Commands struct {
	dir  string
	seen map[string]int // session -> last command carried out
}

// NewCommands starts reading the consoles of the presentation whose status
// is at statusPath. Commands already in their files are history.
func NewCommands(statusPath string) *Commands {
	c := &Commands{dir: filepath.Dir(statusPath), seen: map[string]int{}}
	for _, f := range c.files() {
		c.seen[f.Session] = lastSeq(f)
	}
	return c
}

// New returns the commands written since the last call, oldest first, each
// console's in order.
func (c *Commands) New() []ConsoleCommand {
	var out []ConsoleCommand
	for _, f := range c.files() {
		last := c.seen[f.Session]
		for _, cmd := range f.Commands {
			if cmd.Seq > last {
				out = append(out, cmd)
			}
		}
		c.seen[f.Session] = max(last, lastSeq(f))
	}
	return out
}

func lastSeq(f consoleFile) int {
	if n := len(f.Commands); n > 0 {
		return f.Commands[n-1].Seq
	}
	return 0
}

// files reads the consoles' files; one that cannot be read is skipped (a
// console writes it again with its next command), and one left by a
// console that is gone is removed.
func (c *Commands) files() []consoleFile {
	entries, err := os.ReadDir(c.dir)
	if err != nil {
		return nil
	}
	var out []consoleFile
	for _, e := range entries {
		if !IsConsoleFile(e.Name()) {
			continue
		}
		path := filepath.Join(c.dir, e.Name())
		data, err := regular.ReadFile(path, 1<<20)
		if err != nil {
			continue
		}
		var f consoleFile
		if json.Unmarshal(data, &f) != nil || f.Session == "" {
			continue
		}
		if f.PID > 0 && !processAlive(f.PID) {
			_ = os.Remove(path)
			continue
		}
		out = append(out, f)
	}
	return out
}

// PresenterAlive reports whether the process that wrote a presenting
// status still runs (always true where that cannot be told).
func PresenterAlive(p Presenting) bool {
	return p.PID <= 0 || processAlive(p.PID)
}
