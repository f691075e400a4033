package cli

import (
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

// manDate is the manual's date, fixed so that regenerating the pages
// changes nothing unless the commands did.
var manDate = time.Date(2026, time.November, 25, 0, 0, 0, 0, time.UTC)

var manHeader = &doc.GenManHeader{
	Title:   "BRIEF",
	Section: "1",
	Source:  "brief",
	Manual:  "brief manual",
	Date:    &manDate,
}

func (a *app) manCommand() *cobra.Command {
	return &cobra.Command{
		Use:    "man DIR",
		Short:  "Write the man pages of every command into DIR",
		Hidden: true,
		Args:   exactArgs(1, "DIR"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return writeManPages(cmd.Root(), args[0])
		},
	}
}

// writeManPages generates brief.1 and a page per subcommand.
func writeManPages(root *cobra.Command, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create %s: %w", dir, err)
	}
	root.DisableAutoGenTag = true
	if err := doc.GenManTree(root, manHeader, dir); err != nil {
		return fmt.Errorf("write man pages: %w", err)
	}
	return nil
}
