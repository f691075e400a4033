package ui

import (
	"slices"
	"testing"
)

// TestRoutes drives the route stack through the ways the user moves
// between screens and checks where each esc leads.
func TestRoutes(t *testing.T) {
	const (
		lib = libraryScreen
		rd  = readerScreen
		pr  = presenterScreen
		se  = searchScreen
	)
	type step struct {
		op string // push, follow, pop
		to screen
	}
	push := func(s screen) step { return step{"push", s} }
	follow := step{op: "follow"}
	esc := step{op: "pop"}
	tests := []struct {
		name  string
		steps []step
		want  []screen // the stack, bottom first
	}{
		{"starts on the library", nil, []screen{lib}},
		{"library, reader", []step{push(rd)}, []screen{lib, rd}},
		{"esc from the reader to the library", []step{push(rd), esc}, []screen{lib}},
		{"esc on the library stays", []step{esc, esc}, []screen{lib}},
		{"search from the reader comes back to it", []step{push(rd), push(se)}, []screen{lib, rd, se}},
		{"a hit's reader goes back to the results", []step{push(se), push(rd)}, []screen{lib, se, rd}},
		{"then esc esc to the library", []step{push(se), push(rd), esc, esc}, []screen{lib}},
		{"reader, search, hit: one reader, over the search",
			[]step{push(rd), push(se), push(rd)}, []screen{lib, se, rd}},
		{"search, hit, search again: one search, over the reader",
			[]step{push(se), push(rd), push(se)}, []screen{lib, rd, se}},
		{"pushing the screen in front changes nothing", []step{push(rd), push(rd)}, []screen{lib, rd}},
		{"presenting over the reader", []step{push(rd), push(pr)}, []screen{lib, rd, pr}},
		{"back from presenting, to the reader", []step{push(rd), push(pr), esc, push(rd)}, []screen{lib, rd}},
		{"presented from the command line, back to a reader",
			[]step{push(pr), esc, push(rd)}, []screen{lib, rd}},
		{"following a link stacks readers", []step{push(rd), follow, follow}, []screen{lib, rd, rd, rd}},
		{"esc goes back along the links", []step{push(rd), follow, follow, esc}, []screen{lib, rd, rd}},
		{"a search over a trail comes back to it", []step{push(rd), follow, push(se), esc}, []screen{lib, rd, rd}},
		{"opening a hit leaves the trail", []step{push(rd), follow, push(se), push(rd)}, []screen{lib, se, rd}},
		{"following from elsewhere opens a reader", []step{push(se), follow}, []screen{lib, se, rd}},
		{"the library leaves everything", []step{push(rd), push(se), push(lib)}, []screen{lib}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRoutes()
			for _, s := range tt.steps {
				switch s.op {
				case "push":
					r.push(s.to)
				case "follow":
					r.follow(&trailStep{at: target{section: sectionOf(2)}})
				case "pop":
					r.pop()
				}
			}
			var got []screen
			for _, rt := range r.stack {
				got = append(got, rt.screen)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("stack %v, want %v", got, tt.want)
			}
			if r.front() != tt.want[len(tt.want)-1] {
				t.Errorf("front %v, want %v", r.front(), tt.want[len(tt.want)-1])
			}
		})
	}
}

// TestRoutesKeepTheReaderPlace: a reader left by following a link keeps
// where it was, and esc returns there once.
func TestRoutesKeepTheReaderPlace(t *testing.T) {
	r := newRoutes()
	r.push(readerScreen)
	if r.stack[1].place != nil {
		t.Fatal("a new reader has a place to return to")
	}
	from := &trailStep{at: target{section: sectionOf(3), fraction: 0.5}}
	r.follow(from)
	if r.stack[1].place != from || r.stack[2].place != nil {
		t.Fatalf("after following: %+v", r.stack)
	}
	back := r.pop()
	if back.screen != readerScreen || back.place != from {
		t.Fatalf("esc came back to %+v", back)
	}
	r.settle()
	if r.stack[1].place != nil {
		t.Error("the place is kept after the reader went back to it")
	}
}
