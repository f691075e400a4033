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
	events, notices, stop := m.opts.Watch(m.library.Roots)
	if events == nil {
		return nil
	}
	m.stopWatch = stop
	if m.svc != nil {
		// The index's first sync may have looked at the folders before
		// the watcher did: a file saved in between would wait for its
		// next change. One more sync, now that nothing is missed.
		var roots []string
		for _, r := range m.library.Roots {
			roots = append(roots, r.Path)
		}
		m.svc.Changed(roots)
	}
	return tea.Batch(waitForChanges(events), waitForWatchNotice(notices))
}

// watchNoticeMsg is something the watcher has to say, once.
type watchNoticeMsg struct {
	text string
	next <-chan string
}

func waitForWatchNotice(notices <-chan string) tea.Cmd {
	if notices == nil {
		return nil
	}
	return func() tea.Msg {
		text, ok := <-notices
		if !ok {
			return nil
		}
		return watchNoticeMsg{text: text, next: notices}
	}
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

// filesChanged hands changed files to the search service, which indexes
// them in the background, and reloads them for the list and the open
// briefing. One reload runs at a time, so that an older read never
// replaces a newer one; files that change meanwhile wait for the next.
func (m *Model) filesChanged(msg filesChangedMsg) tea.Cmd {
	var cmds []tea.Cmd
	if msg.next != nil {
		cmds = append(cmds, waitForChanges(msg.next))
	}
	if m.svc != nil {
		m.svc.Changed(msg.paths)
	}
	m.toReload = append(m.toReload, msg.paths...)
	return tea.Batch(append(cmds, m.startReload())...)
}

// reloadedFile is a changed file read again: its list entry, and the whole
// briefing when it is open. err says why it could not be read.
type reloadedFile struct {
	path  string
	entry briefings.Entry
	b     *briefings.Briefing
	err   error
}

// reloadedMsg brings the files of a reload back to the UI goroutine.
type reloadedMsg struct{ files []reloadedFile }

// startReload reads the files waiting for a reload off the UI goroutine.
func (m *Model) startReload() tea.Cmd {
	if m.reloading || len(m.toReload) == 0 {
		return nil
	}
	paths := m.toReload
	m.toReload = nil
	m.reloading = true
	open := map[string]bool{}
	if m.rd != nil {
		open[m.rd.b.Path] = true
	}
	if m.pr != nil {
		open[m.pr.b.Path] = true
	}
	var listed []string // only needed when a folder changed
	for _, p := range paths {
		if !briefings.IsBriefingName(p) && !open[p] {
			listed = m.lib.paths()
			break
		}
	}
	lib, opts := m.library, m.opts.LoadOptions
	return func() tea.Msg {
		var files []reloadedFile
		for _, path := range expand(paths, open, listed) {
			f := reloadedFile{path: path}
			b, err := readBriefing(path, lib, opts)
			if f.err = err; err == nil {
				f.entry = b.Entry()
				if open[path] {
					f.b = b
				}
			}
			files = append(files, f)
		}
		return reloadedMsg{files: files}
	}
}

// reloaded applies a reload: the library list is updated, and the open
// briefing is re-rendered at the same section. A file that is gone leaves
// the list; if it was open, the reader keeps the last version and says so.
func (m *Model) reloaded(msg reloadedMsg) tea.Cmd {
	m.reloading = false
	changes := make(map[string]*briefings.Entry, len(msg.files))
	var cmds []tea.Cmd
	for _, f := range msg.files {
		delete(m.opened, f.path)
		if f.err != nil {
			changes[f.path] = nil
			if m.rd != nil && m.rd.b.Path == f.path {
				m.rd.status("%s: %s; showing the last version.", m.rd.b.RelPath, firstLine(f.err.Error()))
			}
			if m.pr != nil && m.pr.b.Path == f.path {
				m.pr.notify(m.pr.b.RelPath + ": " + firstLine(f.err.Error()) + "; showing the last version.")
			}
			continue
		}
		changes[f.path] = &f.entry
		edited := f.path == m.editedPath
		if edited {
			m.editedPath = ""
		}
		if f.b == nil {
			continue
		}
		m.remember(f.b)
		if m.rd != nil && m.rd.b.Path == f.path && m.rd.b.Text == f.b.Text {
			// Touched but not changed (the editor quit without saving).
			if edited {
				m.rd.status("%s was not changed.", f.b.RelPath)
			}
			continue
		}
		if m.rd != nil && m.rd.b.Path == f.path {
			cmds = append(cmds, m.rd.replace(f.b))
			m.rd.status("%s", reloaded(f.b))
		}
		if m.pr != nil && m.pr.b.Path == f.path && m.pr.b.Text != f.b.Text {
			m.pr.replace(f.b)
			m.pr.notify(reloaded(f.b))
		}
	}
	cmds = append(cmds, m.lib.replaceAll(changes), m.startReload())
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
// briefings the list had under it (listed). An open briefing counts
// whatever its name.
func expand(paths []string, open map[string]bool, listed []string) []string {
	var files []string
	for _, path := range paths {
		if briefings.IsBriefingName(path) || open[path] {
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
		for _, p := range listed {
			if strings.HasPrefix(p, prefix) {
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
