package cli

import (
	"errors"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// A query is words, and some words start with "-": `brief search -nato
// ukraine` excludes a word, and cobra would take "-nato" for flags (-n
// ato). Before cobra sees them, the arguments of brief search are sorted
// into flags and query words: an argument that cobra cannot parse as a
// flag is a word, and once the query has started a dash-word is a flag
// only when it is one exactly (--json, --limit 5, -n 5); everything else
// is query text. The words go after "--", where cobra leaves them alone.

// queryArgs rewrites the command line when it runs brief search.
func queryArgs(args []string) []string {
	at := searchAt(args)
	if at < 0 {
		return args
	}
	var flags, words []string
	started := false
	for i := at + 1; i < len(args); {
		arg := args[i]
		if arg == "--" {
			words = append(words, args[i+1:]...)
			break
		}
		if !strings.HasPrefix(arg, "-") || arg == "-" {
			words = append(words, arg)
			started = true
			i++
			continue
		}
		n := flagLength(args[i:], started)
		if n == 0 {
			words = append(words, arg)
			started = true
			i++
			continue
		}
		flags = append(flags, args[i:i+n]...)
		i += n
	}
	out := append(append([]string(nil), args[:at+1]...), flags...)
	if len(words) > 0 {
		out = append(append(out, "--"), words...)
	}
	return out
}

// searchAt returns the index of the "search" command word in args, or -1
// when the command line is not brief search.
func searchAt(args []string) int {
	for i, arg := range args {
		if arg != "search" {
			continue
		}
		root := newProbe()
		cmd, _, err := root.Find(args[:i+1])
		switch {
		case err == nil && cmd.Name() == "search":
			return i
		case err != nil || cmd != root:
			return -1 // another command came first
		}
		// "search" was the value of a flag ("-L search"): go on.
	}
	return -1
}

// flagLength returns how many arguments from args[0] cobra parses as one
// flag of brief search (1, or 2 with a separate value), or 0 when it
// cannot. Once the query has started, only an exact flag counts: "--json",
// "--limit=5", "--limit 5", "-n 5", but not "-nato". A short flag with its
// text run on ("-tanks" for --tag anks) is query text anywhere: any word
// would parse so.
func flagLength(args []string, started bool) int {
	arg := args[0]
	short := !strings.HasPrefix(arg, "--")
	if short && len(arg) > 2 && (started || takesText(arg[1:2])) {
		return 0
	}
	for n := 1; n <= min(2, len(args)); n++ {
		search, _, err := newProbe().Find([]string{"search"})
		if err != nil {
			return 0
		}
		err = search.ParseFlags(args[:n])
		if errors.Is(err, pflag.ErrHelp) || err == nil && len(search.Flags().Args()) == 0 {
			return n
		}
	}
	return 0
}

// takesText reports whether the short flag of brief search named so takes
// any text as its value (--tag, --library), rather than a number.
func takesText(shorthand string) bool {
	search, _, err := newProbe().Find([]string{"search"})
	if err != nil {
		return false
	}
	f := search.Flags().ShorthandLookup(shorthand)
	if f == nil {
		f = search.InheritedFlags().ShorthandLookup(shorthand)
	}
	return f != nil && strings.HasPrefix(f.Value.Type(), "string")
}

// newProbe is a command tree for trying arguments on, writing nowhere.
func newProbe() *cobra.Command {
	return NewRootCommand(Streams{In: strings.NewReader(""), Out: io.Discard, Err: io.Discard}, "")
}
