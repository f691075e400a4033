package ui

import (
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest/v2"
)

// q in the presenter quits the app; the last frame drawn on the way out
// must not need the presenter (it used to panic: exit status 1 and a stack
// trace on every quit from the presenter).
func TestQuitFromThePresenter(t *testing.T) {
	tm := startApp(t, sampleCatalog)
	openUkraine(t, tm)
	tm.Type("p")
	waitUntil(t, tm, "presenting", func(m *Model) bool { return m.screen() == presenterScreen && m.pr != nil })
	tm.Type("q")
	final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
	_ = final.View() // the frame drawn after quitting
}
