// Command genman writes brief's man pages: go run ./internal/manpage/genman docs/man
package main

import (
	"fmt"
	"os"

	"github.com/briefreader/brief/internal/cli"
	"github.com/briefreader/brief/internal/manpage"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: genman DIR")
		os.Exit(2)
	}
	if err := manpage.Write(cli.NewRootCommand(cli.StdStreams(), ""), os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "genman:", err)
		os.Exit(1)
	}
}
