package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestQueryArgs(t *testing.T) {
	tests := []struct{ in, want string }{
		{"search -nato ukraine", "search -- -nato ukraine"},
		{"search ukraine -nato --json --limit 5", "search --json --limit 5 -- ukraine -nato"},
		{"search --limit 1 -nato ukraine", "search --limit 1 -- -nato ukraine"},
		{"search -n 1 atacms -russia -n 2", "search -n 1 -n 2 -- atacms -russia"},
		{"search -n1 atacms", "search -n1 -- atacms"},
		{"search -tanks", "search -- -tanks"},
		{"search -t nato troops", "search -t nato -- troops"},
		{"-L lib search troops --tag=nato", "-L lib search --tag=nato -- troops"},
		{"search troops -- --json", "search -- troops --json"},
		{"search --help", "search --help"},
		{"show -nato", "show -nato"},
		{"show search", "show search"},
		{"-L search search x", "-L search search -- x"},
	}
	for _, tt := range tests {
		if got := strings.Join(queryArgs(strings.Fields(tt.in)), " "); got != tt.want {
			t.Errorf("queryArgs(%s) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestSearchDashWordsAreQueryText(t *testing.T) {
	t.Setenv("BRIEF_LIBRARY", "")
	t.Setenv("BRIEF_INDEX_DIR", t.TempDir())
	out, errOut, code := run(t, "search", "-nato", "ukraine", "--json", "--limit", "2")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got struct {
		Query string            `json:"query"`
		Hits  []json.RawMessage `json:"hits"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("not JSON (%v):\n%s", err, out)
	}
	if got.Query != "-nato ukraine" || len(got.Hits) == 0 || len(got.Hits) > 2 {
		t.Errorf("query %q, %d hits", got.Query, len(got.Hits))
	}
}
