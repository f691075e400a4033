package ui

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/briefreader/brief/briefings"
)

// editorDoneMsg reports that the editor exited.
type editorDoneMsg struct {
	path string
	err  error
}

// editorCommand builds the command that opens path at line in the user's
// editor ($VISUAL, then $EDITOR, then vi). Editors that take "+LINE" get it;
// those that take "FILE:LINE" get that.
func editorCommand(path string, line int) *exec.Cmd {
	editor := strings.TrimSpace(os.Getenv("VISUAL"))
	if editor == "" {
		editor = strings.TrimSpace(os.Getenv("EDITOR"))
	}
	if editor == "" {
		editor = "vi"
	}
	args := strings.Fields(editor)
	name := filepath.Base(args[0])
	switch name {
	case "code", "code-insiders", "codium", "cursor":
		args = append(args, "--wait", "--goto", path+":"+strconv.Itoa(line))
	case "subl", "zed", "hx", "helix":
		args = append(args, path+":"+strconv.Itoa(line))
	default:
		args = append(args, "+"+strconv.Itoa(line), path)
	}
	return exec.Command(args[0], args[1:]...)
}

// editFile suspends the UI, runs the editor, and reports when it exits.
func editFile(b *briefings.Briefing, line int) tea.Cmd {
	path := b.Path
	return tea.ExecProcess(editorCommand(path, line), func(err error) tea.Msg {
		return editorDoneMsg{path: path, err: err}
	})
}

// edited reloads the briefing after the editor exits.
func (m *Model) edited(msg editorDoneMsg) tea.Cmd {
	if msg.err != nil {
		m.message("The editor failed: " + firstLine(msg.err.Error()))
	}
	m.editedPath = msg.path
	return m.filesChanged(filesChangedMsg{paths: []string{msg.path}})
}
