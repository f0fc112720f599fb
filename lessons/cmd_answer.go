package main

import (
	"context"
	"fmt"

	"example.com/cancellation/internal/course"
)

var cmdAnswer = &command{
	UsageLine: "answer [-color=WHEN] [-width=N] <lesson>",
	Short:     "the instructor's answer to a lesson's Question",
	Long: `Answer prints the instructor's answer to the lesson's Question,
rendered as show renders a lesson. It is for instructors, and for you
once you have tried the question yourself.`,
	Flags: viewCommand(func(ctx context.Context, s stdio, r renderer, l course.Lesson) error {
		text, err := answer(l, r)
		if err != nil {
			return err
		}
		return pageOut(ctx, s.out, s.err, text)
	}),
}

// answer returns the instructor's answer to lesson l's Question, rendered
// by r after a line that says who it is for.
func answer(l course.Lesson, r renderer) (string, error) {
	if l.Answer == nil {
		return "", fmt.Errorf("lesson %d has no answer yet", l.Number)
	}
	intro := fmt.Sprintf("For instructors, and for you once you have tried it yourself: the answer to lesson %d's Question.", l.Number)
	return r.prose(intro, noticeDim) + "\n" + r.render(l.Answer, l.Answer.Nodes), nil
}
