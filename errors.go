package skillpulse

import "errors"

// ErrNotFound is returned for a run or posting that is not stored. The
// store returns it (as store.ErrNotFound), and readers of the store that
// must not import it, such as the API, branch on it here.
var ErrNotFound = errors.New("not found")
