// Command brief is a terminal reader for markdown briefings: it lists,
// reads, searches and presents a library of briefings.
package main

import (
	"os"

	"github.com/briefreader/brief/internal/cli"
)

func main() {
	os.Exit(cli.Execute(os.Args[1:], cli.StdStreams(), version()))
}
