package ui

import "github.com/briefreader/brief/briefings"

// cleanMessage makes a status-line message safe to draw: messages name
// files and folders (a state folder, the index, a briefing), and a name may
// hold an escape sequence or a line break. They are cleaned as file names
// are everywhere else.
func cleanMessage(s string) string { return briefings.CleanName(s) }
