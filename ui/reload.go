package ui

import (
	"os"
	"path/filepath"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/internal/catalog"
)

// filesChangedMsg lists files that changed on disk.
type filesChangedMsg struct {
	paths []string
	next  <-chan []string
}

// startWatching starts live reload when the app was given a watcher.
func (m *Model) startWatching() tea.Cmd {
	if m.opts.Watch == nil || m.library == nil || m.stopWatch != nil {
		return nil
	}
	events, stop := m.opts.Watch(m.library.Roots)
	if events == nil {
		return nil
	}
	m.stopWatch = stop
	return waitForChanges(events)
}

func waitForChanges(events <-chan []string) tea.Cmd {
	return func() tea.Msg {
		paths, ok := <-events
		if !ok {
			return nil
		}
		return filesChangedMsg{paths: paths, next: events}
	}
}

// reload reads changed files again: the library list is updated, and the
// open briefing is re-rendered at the same section. A file that is gone
// leaves the list; if it was open, the reader keeps the last version and
// says so.
func (m *Model) reload(msg filesChangedMsg) tea.Cmd {
	var cmds []tea.Cmd
	if msg.next != nil {
		cmds = append(cmds, waitForChanges(msg.next))
	}
	for _, path := range m.expand(msg.paths) {
		delete(m.opened, path)
		b, err := readBriefing(path, m.library, m.opts.LoadOptions)
		if err != nil {
			cmds = append(cmds, m.lib.replace(path, nil))
			if m.rd != nil && m.rd.b.Path == path {
				m.rd.status("%s: %s; showing the last version.", m.rd.b.RelPath, firstLine(err.Error()))
			}
			if m.pr != nil && m.pr.b.Path == path {
				m.pr.message = m.pr.b.RelPath + ": " + firstLine(err.Error()) + "; showing the last version."
			}
			continue
		}
		m.remember(b)
		cmds = append(cmds, m.lib.replace(path, b))
		if m.rd != nil && m.rd.b.Path == path {
			cmds = append(cmds, m.rd.replace(b))
			m.rd.status("%s", reloaded(b))
		}
		if m.pr != nil && m.pr.b.Path == path {
			m.pr.replace(b)
			m.pr.message = reloaded(b)
		}
	}
	return tea.Batch(cmds...)
}

// reloaded says that an open briefing changed on disk.
func reloaded(b *briefings.Briefing) string {
	if strings.TrimSpace(b.Text) == "" {
		return b.RelPath + " changed on disk and is now empty."
	}
	return b.RelPath + " changed on disk; reloaded."
}

// expand turns the changed paths into briefing files: a folder that
// appeared stands for the briefings in it, and one that went away for the
// briefings the list had under it.
func (m *Model) expand(paths []string) []string {
	var files []string
	for _, path := range paths {
		if briefings.IsBriefingName(path) || m.rd != nil && m.rd.b.Path == path {
			files = append(files, path)
			continue
		}
		if info, err := os.Stat(path); err == nil && info.IsDir() {
			found, _ := briefings.Scan([]briefings.Root{{Path: path, Dir: true}})
			for _, f := range found {
				files = append(files, f.Path)
			}
			continue
		}
		prefix := path + string(filepath.Separator)
		for _, it := range m.lib.list.Items() {
			if p := it.(libraryItem).e.Path; strings.HasPrefix(p, prefix) {
				files = append(files, p)
			}
		}
	}
	return files
}

// readBriefing reads one file again, keeping the relative path it had in
// the library.
func readBriefing(path string, lib *catalog.Catalog, opts briefings.LoadOptions) (*briefings.Briefing, error) {
	file := briefings.File{Path: path, RelPath: filepath.Base(path)}
	if info, err := os.Stat(path); err == nil {
		file.Size, file.ModTime = info.Size(), info.ModTime()
	}
	if lib != nil {
		for _, root := range lib.Roots {
			if rel, ok := relativeTo(root, path); ok {
				file.RelPath, file.Root = rel, root
			}
		}
	}
	return briefings.ReadFile(file, opts)
}

// relativeTo returns path relative to a library root, if it is under it.
func relativeTo(root briefings.Root, path string) (string, bool) {
	if !root.Dir {
		return filepath.Base(path), root.Path == path
	}
	rel, err := filepath.Rel(root.Path, path)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}
