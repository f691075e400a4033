// Package manpage writes brief's man pages from its command tree. It is
// kept out of the brief binary: cobra's man page generator brings a
// markdown library whose start-up cost every run would pay.
package manpage

import (
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

// date is the manual's date, fixed so that regenerating the pages changes
// nothing unless the commands did.
var date = time.Date(2026, time.November, 25, 0, 0, 0, 0, time.UTC)

// Write generates brief.1 and a page per subcommand into dir.
func Write(root *cobra.Command, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create %s: %w", dir, err)
	}
	root.DisableAutoGenTag = true
	root.InitDefaultCompletionCmd() // cobra adds it when the command runs

	header := &doc.GenManHeader{Title: "BRIEF", Section: "1", Source: "brief", Manual: "brief manual", Date: &date}
	if err := doc.GenManTree(root, header, dir); err != nil {
		return fmt.Errorf("write man pages: %w", err)
	}
	return nil
}
