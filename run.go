package skillpulse

import "time"

// RunStatus is where a crawl run stands.
type RunStatus uint8

const (
	// RunRunning is a run that started and has not finished. Seen after
	// the process is gone, it means the run was interrupted.
	RunRunning RunStatus = iota + 1
	RunComplete
	// RunInterrupted is a run whose process stopped before finishing it
	// (killed, crashed, cancelled). It closed nothing and has no snapshot.
	RunInterrupted
)

func (s RunStatus) String() string {
	switch s {
	case RunRunning:
		return "running"
	case RunComplete:
		return "complete"
	case RunInterrupted:
		return "interrupted"
	}
	return "unknown"
}

// MarshalText implements encoding.TextMarshaler.
func (s RunStatus) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (s *RunStatus) UnmarshalText(b []byte) error {
	switch string(b) {
	case "running":
		*s = RunRunning
	case "complete":
		*s = RunComplete
	case "interrupted":
		*s = RunInterrupted
	default:
		*s = 0
	}
	return nil
}

// SourceOutcome is what one source did in one run. Its JSON form is part of
// the `crawl --json` contract: field names do not change.
type SourceOutcome struct {
	Name      string `json:"name"` // configured source name
	Type      string `json:"type"`
	Fetched   int    `json:"fetched"` // postings that passed the role filter
	New       int    `json:"new"`
	Updated   int    `json:"updated"`
	Unchanged int    `json:"unchanged"`
	// Merged counts, among Unchanged, listings that are a job already
	// stored from another source (cross-source dedup): one posting, one
	// more origin, counted once in demand.
	Merged int  `json:"merged"`
	Closed int  `json:"closed"`
	Failed bool `json:"failed"`
	// Suspect marks a source that answered but returned far fewer postings
	// than it recently did; like a failure, it closes nothing.
	Suspect bool `json:"suspect"`
	// Truncated marks a source cut short by a crawl bound (max_items,
	// max_pages): what it returned is real, but what is missing from it
	// may still be open, so it closes nothing. It is not a failure.
	Truncated bool   `json:"truncated"`
	Error     string `json:"error"`
}

// Healthy reports whether the source's result may be trusted to close
// postings that are missing from it.
func (o *SourceOutcome) Healthy() bool { return !o.Failed && !o.Suspect && !o.Truncated }

// Broken reports whether the source failed or looked broken this run, which
// makes the run's exit status 1. A truncated source is not broken.
func (o *SourceOutcome) Broken() bool { return o.Failed || o.Suspect }

// Run is one crawl: when it ran and what each source did.
type Run struct {
	ID         string          `json:"run_id"`
	Started    time.Time       `json:"started"`
	Finished   time.Time       `json:"finished,omitzero"`
	Status     RunStatus       `json:"status"`
	ConfigHash string          `json:"config_hash,omitempty"`
	Sources    []SourceOutcome `json:"sources"`
	// Live is the number of postings live at the end of the run.
	Live int `json:"postings_live"`
	// Reason says why an interrupted run stopped ("received interrupt",
	// "store: ...: no space left on device"); empty otherwise.
	Reason string `json:"reason,omitempty"`
}

// Failed reports whether any source failed or was suspect in the run.
func (r *Run) Failed() bool {
	for i := range r.Sources {
		if r.Sources[i].Broken() {
			return true
		}
	}
	return false
}

// StoredPosting is a posting as the store knows it: the latest content, its
// lifecycle, every origin it was seen at and the extractor's tags.
type StoredPosting struct {
	Posting
	FirstSeen time.Time `json:"first_seen"`
	LastSeen  time.Time `json:"last_seen"`
	ClosedAt  time.Time `json:"closed_at,omitzero"`
	Hash      Hash      `json:"-"`
	Origins   []Origin  `json:"origins,omitempty"`
	Tags      Tags      `json:"tags"`
}
