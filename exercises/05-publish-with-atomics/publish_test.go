package publish

import (
	"reflect"
	"testing"
	"testing/synctest"
	"time"
)

const hint = "\nHint: go run ./lessons hint 5"

// These tests are meant for the race detector (go test -race, as "lessons
// check" and CI run them): a handover that is not synchronized fails them
// with a DATA RACE report, even when the values it hands over look right.

func TestValueStaysAPlainInt(t *testing.T) {
	f, ok := reflect.TypeFor[Box]().FieldByName("value")
	if !ok {
		t.Fatal("Box has no field named value any more; want to keep value, a plain int: the exercise is to publish plain memory with an atomic flag" + hint)
	}
	if f.Type != reflect.TypeFor[int]() {
		t.Fatalf("Box's field value is %v; want it to stay a plain int: the exercise is to publish plain memory with an atomic flag"+hint, f.Type)
	}
}

func TestGetBeforeAndAfterPut(t *testing.T) {
	var box Box
	for range 2 {
		if v, ok := box.Get(); v != 0 || ok {
			t.Fatalf("Get() on a Box nobody has Put into = (%d, %v); want (0, false)"+hint, v, ok)
		}
	}
	box.Put(0)
	for range 2 {
		if v, ok := box.Get(); v != 0 || !ok {
			t.Fatalf("after Put(0), Get() = (%d, %v); want (0, true): 0 is a result like any other"+hint, v, ok)
		}
	}
	var other Box
	if v, ok := other.Get(); v != 0 || ok {
		t.Fatalf("after a Put into another Box, Get() on an empty Box = (%d, %v); want (0, false): each Box has its own result"+hint, v, ok)
	}
	other.Put(-7)
	for range 2 {
		if v, ok := other.Get(); v != -7 || !ok {
			t.Fatalf("after Put(-7), Get() = (%d, %v); want (-7, true), every time"+hint, v, ok)
		}
	}
}

// TestHandover is the lesson's picture: a worker Puts its result at 10ms
// while another goroutine polls the Box every 3ms, so the result is seen at
// 12ms. Here there are three boxes, each with a worker and two readers.
func TestHandover(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		const poll = 3 * time.Millisecond
		putAt := []time.Duration{10 * time.Millisecond, 20 * time.Millisecond, 35 * time.Millisecond}
		boxes := make([]Box, len(putAt))
		for i := range boxes {
			go func() {
				time.Sleep(putAt[i])
				boxes[i].Put(42 + i)
			}()
		}
		done := make(chan bool)
		for i := range boxes {
			for range 2 {
				go func() {
					defer func() { done <- true }()
					wantAt := (putAt[i] + poll - 1) / poll * poll // the first poll after the Put
					for range 100 {
						now := time.Since(start)
						v, ok := boxes[i].Get()
						switch {
						case now < wantAt && (ok || v != 0):
							t.Errorf("box %d, Put(%d) at %v: at %v, Get() = (%d, %v); want (0, false) before the Put"+hint, i, 42+i, putAt[i], now, v, ok)
							return
						case now >= wantAt && (!ok || v != 42+i):
							t.Errorf("box %d, Put(%d) at %v: at %v, Get() = (%d, %v); want (%d, true) after the Put"+hint, i, 42+i, putAt[i], now, v, ok, 42+i)
							return
						case ok:
							return
						}
						time.Sleep(poll)
					}
				}()
			}
		}
		for range 2 * len(boxes) {
			<-done
		}
	})
}
