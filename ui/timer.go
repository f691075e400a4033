package ui

import (
	"fmt"
	"time"
)

// timer is the presenter's clock: elapsed time that starts at the first
// move, can be paused and reset, and with a duration counts down to it.
type timer struct {
	now      func() time.Time
	running  bool
	started  time.Time     // when it last started running
	elapsed  time.Duration // accumulated before started
	duration time.Duration // 0: no countdown
	deadline time.Time     // if set, the countdown runs to this clock time
}

// warnBefore is when the countdown changes colour.
const warnBefore = 5 * time.Minute

func (t *timer) value() time.Duration {
	d := t.elapsed
	if t.running {
		d += t.now().Sub(t.started)
	}
	return d
}

func (t *timer) start() {
	if !t.running {
		t.running, t.started = true, t.now()
	}
}

func (t *timer) pause() {
	if t.running {
		t.elapsed += t.now().Sub(t.started)
		t.running = false
	}
}

func (t *timer) reset() {
	t.running, t.elapsed = false, 0
}

// timerState says how urgent the clock is.
type timerState int

const (
	timerNormal timerState = iota
	timerWarning
	timerOver
)

// String is what the footer shows: "12:34", or with a duration or a
// deadline "12:34 · 32:26 left", "44:10 · 0:50 left" (warning), "47:02 ·
// 2:02 over". A deadline is the clock's: what is left of it runs down
// even while the timer is paused.
func (t *timer) String() string {
	s, _ := t.show()
	return s
}

func (t *timer) show() (string, timerState) {
	v := t.value()
	text := clock(v)
	if !t.running && v > 0 {
		text += " (paused)"
	}
	left := t.duration - v
	switch {
	case !t.deadline.IsZero():
		left = t.deadline.Sub(t.now())
	case t.duration <= 0:
		return text, timerNormal
	}
	switch {
	case left < 0:
		return text + " · " + clock(-left) + " over", timerOver
	case left <= warnBefore:
		return text + " · " + clock(left) + " left", timerWarning
	}
	return text + " · " + clock(left) + " left", timerNormal
}

// clock formats a duration as m:ss or h:mm:ss.
func clock(d time.Duration) string {
	s := int(d / time.Second)
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

// talkStart is the clock time the talk began by the timer: now less what
// it has counted.
func (t *timer) talkStart() time.Time { return t.now().Add(-t.value()) }
