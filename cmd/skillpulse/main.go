// Command skillpulse crawls infrastructure-engineer job postings, tags the
// skills they ask for, keeps a dated history of them, and reports weekly
// demand against what the market really requires.
//
// Exit status: 0 success; 1 a run that failed in part or whole; 2 bad usage
// or a bad config (in which case no store file is created or touched).
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/skillpulse/skillpulse/config"
)

// Exit statuses.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

func main() {
	ctx, stop := signalContext()
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// signalContext is a context cancelled by the first SIGINT, SIGTERM or
// SIGHUP (the terminal closed; Go's default would kill the process
// mid-crawl, leaving its run "running"), with the signal as its cause
// ("received interrupt"), which an interrupted run records. A second
// signal is no longer caught: it stops the process at once.
func signalContext() (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(context.Background())
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	done := make(chan struct{})
	go func() {
		select {
		case sig := <-sigs:
			signal.Stop(sigs)
			cancel(fmt.Errorf("received %s", sig))
		case <-done:
		}
	}()
	return ctx, func() {
		signal.Stop(sigs)
		close(done)
		cancel(nil)
	}
}

// run executes one command line and returns its exit status. Tests call it
// directly.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	app := &app{stdin: stdin, stdout: stdout, stderr: stderr}
	root := app.rootCommand()
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	var partial *partialError
	if !errors.As(err, &partial) {
		fmt.Fprintf(stderr, "skillpulse: %v\n", err)
	}
	return exitCode(err)
}

// usageError is a command line that cannot be run as given.
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error {
	return &usageError{fmt.Errorf(format, args...)}
}

// partialError is a run that completed but in which something failed (a
// source, a report format). Its details were already printed.
type partialError struct{ msg string }

func (e *partialError) Error() string { return e.msg }

func exitCode(err error) int {
	var u *usageError
	if errors.As(err, &u) || config.IsConfigError(err) {
		return exitUsage
	}
	return exitFailure
}
