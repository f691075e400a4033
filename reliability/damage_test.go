package reliability

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/briefreader/brief/index"
)

// A damage spoils a built index in one way. dir is the index folder, cache
// the folder that holds it. rebuilt says whether brief must rebuild the
// index (and say so), or repair it quietly (or was never hurt).
type damage struct {
	name    string
	rebuilt outcome
	apply   func(t *testing.T, cache, dir string)
}

type outcome int

const (
	quiet    outcome = iota // no rebuild, no notice
	rebuilds                // rebuilt, with a notice
	// mayRebuild: either. bolt grows its file ahead of use, so half of it
	// may still hold every page.
	mayRebuild
)

func store(dir, name string) string { return filepath.Join(dir, "store", name) }

func segments(t *testing.T, dir string) []string {
	t.Helper()
	files, _ := filepath.Glob(store(dir, "*.zap"))
	if len(files) == 0 {
		t.Fatal("no segment files")
	}
	return files
}

// forEach applies fn to each of the paths.
func forEach(paths []string, fn func(string) error) error {
	for _, p := range paths {
		if err := fn(p); err != nil {
			return err
		}
	}
	return nil
}

func halve(path string) error {
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	return os.Truncate(path, info.Size()/2)
}

func empty(path string) error { return os.Truncate(path, 0) }

// garble overwrites a file from its second kilobyte on with garbage,
// keeping its size.
func garble(path string) error {
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	g := []byte(strings.Repeat("garbage\xff\x00\x13", int(info.Size()/10)+1))
	at := min(int64(1024), info.Size()/2)
	return os.WriteFile(path, append(readHead(path, at), g[:info.Size()-at]...), 0o600)
}

func readHead(path string, n int64) []byte {
	b, _ := os.ReadFile(path)
	return b[:min(int64(len(b)), n)]
}

// toFolder puts a folder (not empty) where a file was.
func toFolder(path string) error {
	if err := os.RemoveAll(path); err != nil {
		return err
	}
	return os.MkdirAll(filepath.Join(path, "inside"), 0o700)
}

// toFile puts a file of garbage where a folder was.
func toFile(path string) error {
	if err := os.RemoveAll(path); err != nil {
		return err
	}
	return os.WriteFile(path, []byte("garbage\x00\xff"), 0o600)
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// setInternal changes one of brief's internal values in a closed index
// (nil deletes it): its build marker, file count or manifest.
func setInternal(t *testing.T, dir, key string, val []byte) {
	t.Helper()
	idx, err := bleve.Open(dir)
	must(t, err)
	b := idx.NewBatch()
	if val == nil {
		b.DeleteInternal([]byte(key))
	} else {
		b.SetInternal([]byte(key), val)
	}
	done := make(chan error, 1)
	b.SetPersistedCallback(func(err error) { done <- err })
	must(t, idx.Batch(b))
	must(t, <-done)
	must(t, idx.Close())
}

func marker(schema int, root string) []byte {
	b, _ := json.Marshal(map[string]any{"schema": schema, "root": root})
	return b
}

// damages are every way of spoiling the index that this suite tries.
func damages(lib string) []damage {
	return []damage{
		// root.bolt: scorch's list of snapshots.
		{"root.bolt truncated to half", mayRebuild, func(t *testing.T, _, dir string) { must(t, halve(store(dir, "root.bolt"))) }},
		{"root.bolt emptied", rebuilds, func(t *testing.T, _, dir string) { must(t, empty(store(dir, "root.bolt"))) }},
		{"root.bolt deleted", rebuilds, func(t *testing.T, _, dir string) { must(t, os.Remove(store(dir, "root.bolt"))) }},
		{"root.bolt garbage", rebuilds, func(t *testing.T, _, dir string) { must(t, garble(store(dir, "root.bolt"))) }},
		{"root.bolt is a folder", rebuilds, func(t *testing.T, _, dir string) { must(t, toFolder(store(dir, "root.bolt"))) }},
		// *.zap: the segments.
		{"segments truncated to half", rebuilds, func(t *testing.T, _, dir string) { must(t, forEach(segments(t, dir), halve)) }},
		{"segments emptied", rebuilds, func(t *testing.T, _, dir string) { must(t, forEach(segments(t, dir), empty)) }},
		{"segments deleted", rebuilds, func(t *testing.T, _, dir string) { must(t, forEach(segments(t, dir), os.Remove)) }},
		{"segments garbage", rebuilds, func(t *testing.T, _, dir string) { must(t, forEach(segments(t, dir), garble)) }},
		{"a segment is a folder", rebuilds, func(t *testing.T, _, dir string) { must(t, toFolder(segments(t, dir)[0])) }},
		{"the store folder deleted", rebuilds, func(t *testing.T, _, dir string) { must(t, os.RemoveAll(filepath.Join(dir, "store"))) }},
		// index_meta.json: bleve's description of the index.
		{"index_meta.json emptied", rebuilds, func(t *testing.T, _, dir string) { must(t, empty(filepath.Join(dir, "index_meta.json"))) }},
		{"index_meta.json deleted", rebuilds, func(t *testing.T, _, dir string) { must(t, os.Remove(filepath.Join(dir, "index_meta.json"))) }},
		{"index_meta.json garbage", rebuilds, func(t *testing.T, _, dir string) {
			must(t, os.WriteFile(filepath.Join(dir, "index_meta.json"), []byte("{\x00garbage"), 0o600))
		}},
		{"index_meta.json is a folder", rebuilds, func(t *testing.T, _, dir string) { must(t, toFolder(filepath.Join(dir, "index_meta.json"))) }},
		// brief's marker and manifest, inside the index.
		{"build marker deleted", rebuilds, func(t *testing.T, _, dir string) { setInternal(t, dir, "brief:meta", nil) }},
		{"build marker garbage", rebuilds, func(t *testing.T, _, dir string) { setInternal(t, dir, "brief:meta", []byte("{garbage")) }},
		{"wrong schema version", rebuilds, func(t *testing.T, _, dir string) {
			setInternal(t, dir, "brief:meta", marker(index.SchemaVersion+1, lib))
		}},
		{"marker of another library", rebuilds, func(t *testing.T, _, dir string) {
			setInternal(t, dir, "brief:meta", marker(index.SchemaVersion, "/elsewhere"))
		}},
		{"\"build complete\" marker deleted", quiet, func(t *testing.T, _, dir string) { setInternal(t, dir, "brief:synced", nil) }},
		{"manifest file count garbage", quiet, func(t *testing.T, _, dir string) { setInternal(t, dir, "brief:files", []byte{0xff, 0xff}) }},
		// The files around the index.
		{"verified list garbage", quiet, func(t *testing.T, _, dir string) {
			must(t, os.WriteFile(filepath.Join(dir, "brief-verified"), []byte("x\x00\xff 1\n"), 0o600))
		}},
		{"lock file deleted", quiet, func(t *testing.T, _, dir string) { must(t, os.Remove(dir+".lock")) }},
		{"lock file garbage", quiet, func(t *testing.T, _, dir string) { must(t, os.WriteFile(dir+".lock", []byte("\x00\xff"), 0o600)) }},
		{"lock file is a folder", quiet, func(t *testing.T, _, dir string) { must(t, toFolder(dir+".lock")) }},
		{"tmp is a file", quiet, func(t *testing.T, cache, _ string) { must(t, toFile(filepath.Join(cache, "tmp"))) }},
		{"a dead process's rebuild left in tmp", quiet, func(t *testing.T, cache, dir string) {
			must(t, os.CopyFS(filepath.Join(cache, "tmp", filepath.Base(dir)+".rebuild.999999999.1"), os.DirFS(dir)))
		}},
		{"index.log is a folder", quiet, func(t *testing.T, cache, _ string) { must(t, toFolder(filepath.Join(cache, "index.log"))) }},
		{"the index folder deleted", quiet, func(t *testing.T, _, dir string) { must(t, os.RemoveAll(dir)) }},
		{"the index folder is a file", rebuilds, func(t *testing.T, _, dir string) { must(t, toFile(dir)) }},
		{"the index of an older version beside it", quiet, func(t *testing.T, _, dir string) {
			must(t, os.CopyFS(strings.Replace(dir, fmt.Sprintf("v%d-", index.SchemaVersion), "v1-", 1), os.DirFS(dir)))
		}},
		{"the catalog cache garbage", quiet, func(t *testing.T, cache, _ string) {
			files, _ := filepath.Glob(filepath.Join(cache, "catalog", "*"))
			must(t, forEach(files, garble))
		}},
		{"the catalog folder is a file", quiet, func(t *testing.T, cache, _ string) { must(t, toFile(filepath.Join(cache, "catalog"))) }},
	}
}

// damageFixture is a library with its index built once, copied for each
// damage.
type damageFixture struct {
	lib, cache string
	query      string
	want       []hitKey // the top hits of query
	title      string   // the title of the best hit
	list       string   // brief list --json
}

func newDamageFixture(t *testing.T) *damageFixture {
	t.Helper()
	f := &damageFixture{lib: generate(t, 40), query: "lithium"}
	e := newEnv(t)
	e.mustBrief(t, "-L", f.lib, "index")
	e.mustBrief(t, "-L", f.lib, "list") // the catalog cache
	f.cache = e.cache
	r := e.mustBrief(t, "-L", f.lib, "search", "--json", "--no-sync", f.query)
	f.want = decodeHits(t, r.stdout)
	var doc struct {
		Hits []struct{ Title string } `json:"hits"`
	}
	must(t, json.Unmarshal([]byte(r.stdout), &doc))
	if len(f.want) < 2 {
		t.Fatalf("the query finds too little: %s", r.stdout)
	}
	f.title = doc.Hits[0].Title
	f.list = e.mustBrief(t, "-L", f.lib, "list", "--json").stdout
	return f
}

// damaged returns a new env whose cache holds the fixture's index with d
// applied.
func (f *damageFixture) damaged(t *testing.T, d damage) *env {
	t.Helper()
	e := newEnv(t)
	must(t, os.CopyFS(e.cache, os.DirFS(f.cache)))
	dirs := indexDirs(e.cache)
	if len(dirs) != 1 {
		t.Fatalf("index folders: %q", dirs)
	}
	d.apply(t, e.cache, dirs[0])
	return e
}

// TestDamagedIndexCLI damages the index in every way and runs brief search
// (JSON and plain) and brief list: each answers as before the damage, says
// on the standard error that it rebuilt the index when it had to, and
// leaves an index that the next run uses without a word.
func TestDamagedIndexCLI(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	f := newDamageFixture(t)
	for _, d := range damages(f.lib) {
		t.Run(d.name, func(t *testing.T) {
			for range rounds(3) {
				countRun(t, "index damage: "+d.name+" (brief search, list)", func() {
					e := f.damaged(t, d)
					r := e.brief(t, "-L", f.lib, "search", "--json", f.query)
					if r.code != 0 {
						t.Fatalf("exit %d: %s", r.code, r.stderr)
					}
					if diff := diffHits(f.want, decodeHits(t, r.stdout)); diff != "" {
						t.Errorf("hits after the damage: %s", diff)
					}
					said := strings.Contains(r.stderr, "brief: note: rebuilt the index of "+f.lib)
					if said != (d.rebuilt == rebuilds) && d.rebuilt != mayRebuild || strings.Contains(r.stderr, "in memory") {
						t.Errorf("stderr (want a rebuild notice: %v):\n%s", d.rebuilt == rebuilds, r.stderr)
					}
					if n := strings.Count(strings.TrimSpace(r.stderr), "\n"); r.stderr != "" && n > 2 {
						t.Errorf("more than a few lines on stderr:\n%s", r.stderr)
					}
					// Repaired for good: the plain output, without a word.
					r = e.brief(t, "-L", f.lib, "search", f.query)
					if r.code != 0 || r.stderr != "" || !strings.HasPrefix(r.stdout, f.title) {
						t.Errorf("second search: exit %d, stderr %q, stdout %.200q", r.code, r.stderr, r.stdout)
					}
					r = e.brief(t, "-L", f.lib, "list", "--json")
					if r.code != 0 || r.stdout != f.list {
						t.Errorf("list: exit %d, stderr %q", r.code, r.stderr)
					}
					if left := leftovers(e.cache); len(left) > 0 {
						t.Errorf("left in tmp: %q", left)
					}
				})
			}
		})
	}
}

// TestDamagedIndexTUI opens the reader on each damaged index, searching:
// the screen shows the best hit and, when the index had to be rebuilt,
// says so; brief quits with status 0.
func TestDamagedIndexTUI(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	f := newDamageFixture(t)
	for _, d := range damages(f.lib) {
		t.Run(d.name, func(t *testing.T) {
			t.Parallel()
			for range rounds(3) {
				countRun(t, "index damage: "+d.name+" (the reader's search)", func() {
					e := f.damaged(t, d)
					s := newSession(t, e, 160, 30)
					s.run("main.0", nil, "-L", f.lib, "--style", "dark", "-q", f.query)
					want := []string{f.title, "sections in"}
					if d.rebuilt == rebuilds {
						want = append(want, "rebuilt the index of "+f.lib)
					}
					s.WaitFor("main.0", want...)
					if code := s.Quit("main.0"); code != "0" {
						t.Errorf("exit status %s", code)
					}
				})
			}
		})
	}
}

// TestIndexOfAnotherUser: the index was built by root (sudo brief index)
// and the user cannot write it. brief search, as that user, still answers
// from it, read-only, saying so.
func TestIndexOfAnotherUser(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to run brief as another user")
	}
	countRun(t, "index owned by another user (sudo brief index), searched read-only", func() {
		f := newDamageFixture(t)
		e := f.damaged(t, damage{apply: func(*testing.T, string, string) {}})
		// The user can reach the library and own a home, not the index.
		for _, p := range []string{e.home, filepath.Dir(e.home), f.lib, filepath.Dir(f.lib)} {
			must(t, os.Chmod(p, 0o755))
		}
		must(t, filepath.WalkDir(f.lib, func(p string, d os.DirEntry, err error) error {
			if err == nil && d.IsDir() {
				err = os.Chmod(p, 0o755)
			}
			return err
		}))
		cmd := exec.Command(binary, "-L", f.lib, "search", "--json", f.query)
		cmd.Env = e.environ("BRIEF_STATE_DIR=" + filepath.Join(t.TempDir(), "nobody-state"))
		cmd.Dir = "/"
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
		var out, errOut strings.Builder
		cmd.Stdout, cmd.Stderr = &out, &errOut
		pr := startProc(t, cmd)
		if code := pr.wait(t, hangLimit); code != 0 {
			t.Fatalf("exit %d: %s", code, errOut.String())
		}
		if diff := diffHits(f.want, decodeHits(t, out.String())); diff != "" {
			t.Errorf("hits: %s", diff)
		}
		if !strings.Contains(errOut.String(), "brief: note: the index of "+f.lib+" is in a folder brief cannot write") {
			t.Errorf("stderr: %s", errOut.String())
		}
	})
}
