package cli

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/briefreader/brief/briefings"
	"github.com/charmbracelet/x/term"
)

// Reading a briefing from the standard input: `cat article.md | brief`,
// `brief show -`, `pbpaste | brief present -`. The reader then takes its
// keys from the terminal itself (/dev/tty), as less does.

// stdinName is the name "-" stands for in messages and lists.
const stdinName = "standard input"

// pipedInput reports whether the standard input is a pipe or a file, not
// a terminal or a device such as /dev/null: something was sent to brief.
func (a *app) pipedInput() bool {
	f, ok := a.streams.In.(*os.File)
	if !ok || term.IsTerminal(f.Fd()) {
		return false
	}
	info, err := f.Stat()
	return err == nil && (info.Mode()&os.ModeNamedPipe != 0 || info.Mode().IsRegular())
}

// readStdin reads the standard input as a briefing, once: markdown or, if
// it has no markdown in it, a plain-text article. Its path is "stdin:"
// and a hash of the text, so that its reading position is remembered for
// that text.
func (a *app) readStdin() (*briefings.Briefing, error) {
	if a.given != nil {
		return a.given, nil
	}
	opts, err := a.loadOptions()
	if err != nil {
		return nil, err
	}
	limit := opts.MaxSize
	if limit <= 0 {
		limit = briefings.DefaultMaxSize
	}
	raw, err := io.ReadAll(io.LimitReader(a.streams.In, limit+1))
	if err != nil {
		return nil, fmt.Errorf("read the standard input: %w", err)
	}
	if int64(len(raw)) > limit {
		return nil, fmt.Errorf("the standard input is larger than the %s limit (raise it with --max-size)", briefings.FormatSize(limit))
	}
	if len(raw) == 0 {
		return nil, errEmptyStdin
	}
	name := stdinName + ".txt"
	if looksLikeMarkdown(raw) {
		name = stdinName + ".md"
	}
	b, err := briefings.ParseAt(name, raw, time.Now())
	if err != nil {
		return nil, fmt.Errorf("%s: %w", stdinName, err)
	}
	sum := sha256.Sum256(raw)
	b.Path = briefings.StdinPrefix + hex.EncodeToString(sum[:8])
	b.RelPath = stdinName
	b.Size = int64(len(raw))
	a.given = b
	return b, nil
}

// errEmptyStdin means nothing came on the standard input.
var errEmptyStdin = errors.New("nothing came on the standard input")

// markdownSigns are what markdown has and a pasted article has not: a
// heading, a fence, a link, emphasis, front matter, a table row.
var markdownSigns = regexp.MustCompile("(?m)^(#{1,6} \\S|```|~~~|---\\s*$|\\|.*\\|\\s*$)|\\]\\(|\\*\\*\\S|__\\S")

// looksLikeMarkdown tells markdown from plain text for input that has no
// file name.
func looksLikeMarkdown(raw []byte) bool {
	return markdownSigns.Match(raw[:min(len(raw), 64<<10)])
}

// keyboard returns where the app reads keys: the standard input, or the
// terminal itself when the standard input brought a briefing.
func (a *app) keyboard() (io.Reader, func(), error) {
	if a.given == nil {
		return a.streams.In, func() {}, a.needKeyboard()
	}
	in, out, err := tea.OpenTTY()
	if err != nil {
		return nil, nil, errors.New("the briefing came on the standard input, and there is no terminal to take keys from; " +
			"print it with brief show - instead")
	}
	return in, func() { _ = in.Close(); _ = out.Close() }, nil
}
