package ui

import (
	"fmt"
	"strings"
	"time"

	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/internal/render"
)

// Pacing thresholds: behind the plan by this much, the footer's pace
// takes the countdown's warning colour, then its "time is up" colour.
const (
	paceWarning = time.Minute
	paceOver    = 5 * time.Minute
)

// headingWeight is the length, in words, a part counts for beyond its
// text when a duration is spread over the parts: showing a title and
// saying what comes takes time too.
const headingWeight = 30

// plan is a time plan for a presentation: how long each part (the title
// slide, then each section) should take.
type plan struct {
	// parts has each part's planned length; explicit says which came
	// from a <!-- time: --> comment rather than from spreading.
	parts    []time.Duration
	explicit []bool
	// warnings are said once: comments that do not parse, a plan longer
	// than the time there is.
	warnings []string
}

// active reports whether there is a plan at all.
func (pl plan) active() bool {
	for _, d := range pl.parts {
		if d > 0 {
			return true
		}
	}
	return false
}

// start returns when part i should start, from the beginning.
func (pl plan) start(i int) time.Duration {
	var t time.Duration
	for _, d := range pl.parts[:min(i, len(pl.parts))] {
		t += d
	}
	return t
}

// total is the plan's length.
func (pl plan) total() time.Duration { return pl.start(len(pl.parts)) }

// pace says how far the presentation is from its plan: positive when it
// is behind, negative when ahead, zero while the elapsed time is within
// the planned window of the page on screen (page `page` of `pages` in part
// `part`). ok is false without a plan.
func (pl plan) pace(part, page, pages int, elapsed time.Duration) (delta time.Duration, ok bool) {
	if !pl.active() || part < 0 || part >= len(pl.parts) {
		return 0, false
	}
	pages = max(pages, 1)
	page = min(max(page, 0), pages-1)
	length := pl.parts[part]
	from := pl.start(part) + length*time.Duration(page)/time.Duration(pages)
	to := pl.start(part) + length*time.Duration(page+1)/time.Duration(pages)
	switch {
	case elapsed > to:
		return elapsed - to, true
	case elapsed < from:
		return elapsed - from, true
	}
	return 0, true
}

// spreadPlan makes the plan's lengths: the fixed ones (non-zero entries
// of fixed) stay, and what is left of budget is spread over the others in
// proportion to their weights. over is true when the fixed lengths alone
// exceed a budget; without a budget (0) only the fixed lengths count.
func spreadPlan(fixed []time.Duration, weights []int, budget time.Duration) (parts []time.Duration, over bool) {
	parts = make([]time.Duration, len(fixed))
	var used time.Duration
	free := 0
	for i, d := range fixed {
		parts[i] = d
		used += d
		if d == 0 && i < len(weights) {
			free += max(weights[i], 0)
		}
	}
	if budget <= 0 {
		return parts, false
	}
	if used > budget {
		return parts, true
	}
	left := budget - used
	if free == 0 {
		return parts, false
	}
	var given time.Duration
	last := -1
	for i, d := range fixed {
		if d == 0 && i < len(weights) && weights[i] > 0 {
			parts[i] = (left * time.Duration(weights[i]) / time.Duration(free)).Round(time.Second)
			given += parts[i]
			last = i
		}
	}
	if last >= 0 {
		parts[last] += left - given // rounding goes to the last part
	}
	return parts, false
}

// makePlan builds the plan of briefing b for a talk of budget (0: only the
// sections' own <!-- time: --> comments). Parts are the title slide (the
// lead) and then each section; a length is spread by words, with
// headingWeight for each heading.
func makePlan(b *briefings.Briefing, budget time.Duration) plan {
	n := len(b.Sections) + 1
	fixed := make([]time.Duration, n)
	weights := make([]int, n)
	pl := plan{explicit: make([]bool, n)}
	for i := range n {
		body, name := b.Lead, "the title slide"
		weights[i] = briefings.CountWords(b.Lead) // a bare title takes no planned time
		if at, ok := blockRef(i).index(); ok {
			s := b.Sections[at]
			body, name = s.Body(), fmt.Sprintf("§%d “%s”", blockRef(i).number(), render.Plain(s.Heading))
			weights[i] = s.Words + headingWeight
		}
		if !strings.Contains(body, "time:") {
			continue
		}
		text := splitSlides(body, false).time
		if text == "" {
			continue
		}
		d, err := briefings.ParseLength(text)
		if err != nil {
			pl.warnings = append(pl.warnings, fmt.Sprintf("%s: time: %s; no plan for this section.", name, render.Plain(err.Error())))
			continue
		}
		fixed[i], pl.explicit[i] = d, true
	}
	parts, over := spreadPlan(fixed, weights, budget)
	pl.parts = parts
	if over {
		var sum time.Duration
		for _, d := range fixed {
			sum += d
		}
		pl.warnings = append(pl.warnings, fmt.Sprintf("The sections' times add up to %s, more than the %s there is.", clock(sum), clock(budget)))
	}
	return pl
}

// paceText is how the footer and the console show the pace: "§3 +1:20"
// (behind), "§3 -0:45" (ahead), "§3 on time"; "title" for the title
// slide. It returns the urgency with the colour the countdown uses.
func paceText(part int, delta time.Duration) (string, timerState) {
	where := fmt.Sprintf("§%d", blockRef(part).number())
	if part == 0 {
		where = "title"
	}
	delta = delta.Round(time.Second)
	switch {
	case delta >= paceOver:
		return where + " +" + clock(delta), timerOver
	case delta >= paceWarning:
		return where + " +" + clock(delta), timerWarning
	case delta > 0:
		return where + " +" + clock(delta), timerNormal
	case delta < 0:
		return where + " -" + clock(-delta), timerNormal
	}
	return where + " on time", timerNormal
}
