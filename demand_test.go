package skillpulse

import (
	"reflect"
	"testing"
)

func TestDemandOfCountsEachSkillOnceAtItsStrongestLevel(t *testing.T) {
	tags := Tags{Seniority: SenioritySenior, Mentions: []Mention{
		{SkillID: "aws", Level: LevelMentioned},
		{SkillID: "terraform", Level: LevelPreferred, Years: 3},
		{SkillID: "aws", Level: LevelRequired, Years: 5},
		{SkillID: "terraform", Level: LevelMentioned},
	}}
	d := DemandOf("acme", nil, WorkplaceRemote, &tags)
	want := []SkillCredit{{ID: "aws", Level: LevelRequired}, {ID: "terraform", Level: LevelPreferred}}
	if !reflect.DeepEqual(d.Skills, want) {
		t.Errorf("Skills = %+v, want %+v", d.Skills, want)
	}
	if got := d.Level("aws"); got != LevelRequired {
		t.Errorf("Level(aws) = %v, want required", got)
	}
	if got := d.Level("linux"); got != 0 {
		t.Errorf("Level(linux) = %v, want 0 for a skill not named", got)
	}
	var agg Aggregate
	agg.Add(&d, +1)
	wantAgg := Aggregate{
		Postings: 1, Sources: map[string]int{"acme": 1},
		Seniority: map[string]int{"senior": 1}, Workplace: map[string]int{"remote": 1},
		Skills: map[string]SkillAggregate{
			"aws":       {Postings: 1, Required: 1, Seniority: map[string]int{"senior": 1}, Years: map[int]int{5: 1}},
			"terraform": {Postings: 1, Preferred: 1, Seniority: map[string]int{"senior": 1}, Years: map[int]int{3: 1}},
		},
	}
	if !reflect.DeepEqual(agg, wantAgg) {
		t.Errorf("after Add:\n got %+v\nwant %+v", agg, wantAgg)
	}
}

func TestDemandOfCountsAMergedPostingOnceForEachSource(t *testing.T) {
	origins := []Origin{{Source: "acme"}, {Source: "board"}, {Source: "board"}, {Source: "feed"}}
	d := DemandOf("acme", origins, WorkplaceUnknown, &Tags{})
	if want := []string{"acme", "board", "feed"}; !reflect.DeepEqual(d.Sources, want) {
		t.Errorf("Sources = %q, want %q", d.Sources, want)
	}
	var agg Aggregate
	agg.Add(&d, +1)
	if agg.Postings != 1 || agg.Sources["board"] != 1 || len(agg.Sources) != 3 {
		t.Errorf("a posting merged from three sources counted as %d postings, sources %v", agg.Postings, agg.Sources)
	}
}

func TestDemandCreditNamedWinsOverImplied(t *testing.T) {
	var d Demand
	d.credit(Mention{SkillID: "kubernetes", Level: LevelRequired}, true)
	d.credit(Mention{SkillID: "aws", Level: LevelMentioned}, true)
	d.credit(Mention{SkillID: "kubernetes", Level: LevelMentioned}, false)
	want := []SkillCredit{{ID: "kubernetes", Level: LevelRequired}, {ID: "aws", Level: LevelMentioned, Implied: true}}
	if !reflect.DeepEqual(d.Skills, want) {
		t.Errorf("Skills = %+v, want %+v", d.Skills, want)
	}
}

func TestAggregateAddThenTakeOutLeavesItAsItWas(t *testing.T) {
	base := DemandOf("a", nil, WorkplaceHybrid, &Tags{Mentions: []Mention{{SkillID: "linux", Level: LevelRequired, Years: 2}}})
	var agg Aggregate
	agg.Add(&base, +1)
	d := DemandOf("b", []Origin{{Source: "c"}}, WorkplaceRemote, &Tags{Seniority: SeniorityStaff, Mentions: []Mention{
		{SkillID: "go", Level: LevelPreferred, Years: 4}, {SkillID: "linux", Level: LevelMentioned},
	}})
	agg.Add(&d, +1)
	agg.Add(&d, -1)
	if agg.Postings != 1 || !reflect.DeepEqual(agg.Sources, map[string]int{"a": 1}) ||
		!reflect.DeepEqual(agg.Workplace, map[string]int{"hybrid": 1}) || len(agg.Skills) != 1 ||
		!reflect.DeepEqual(agg.Skills["linux"], SkillAggregate{Postings: 1, Required: 1, Seniority: map[string]int{"unknown": 1}, Years: map[int]int{2: 1}}) {
		t.Errorf("after adding and taking out a posting: %+v", agg)
	}
}

func TestMedianYears(t *testing.T) {
	tests := []struct {
		name  string
		years map[int]int
		want  float64
	}{
		{"none stated", nil, 0},
		{"one value", map[int]int{5: 1}, 5},
		{"odd count", map[int]int{2: 1, 3: 1, 10: 1}, 3},
		{"even count averages the middle two", map[int]int{2: 1, 5: 1}, 3.5},
		{"repeated values", map[int]int{3: 3, 7: 1}, 3},
		{"middle pair spans two values", map[int]int{1: 2, 4: 2}, 2.5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := (SkillAggregate{Years: tt.years}).MedianYears(); got != tt.want {
				t.Errorf("MedianYears(%v) = %v, want %v", tt.years, got, tt.want)
			}
		})
	}
}

func TestImpliedCreditCountsApartFromNamed(t *testing.T) {
	tags := Tags{
		Mentions: []Mention{{SkillID: "eks", Level: LevelRequired}, {SkillID: "aws", Level: LevelMentioned}},
		Implied:  []Implied{{SkillID: "kubernetes", Level: LevelRequired, Via: []string{"eks"}}},
	}
	d := DemandOf("acme", nil, WorkplaceUnknown, &tags)
	var agg Aggregate
	agg.Add(&d, +1)
	if k := agg.Skills["kubernetes"]; k.Postings != 0 || k.Required != 0 || k.Implied != 1 {
		t.Errorf("kubernetes implied through eks: %+v, want no named posting and one implied", k)
	}
	if a := agg.Skills["aws"]; a.Postings != 1 || a.Mentioned != 1 || a.Implied != 0 {
		t.Errorf("aws named: %+v", a)
	}
	if d.Level("kubernetes") != LevelRequired {
		t.Errorf("Level(kubernetes) = %v, want the implied level for market areas", d.Level("kubernetes"))
	}
	agg.Add(&d, -1)
	if len(agg.Skills) != 0 {
		t.Errorf("taking the posting out left %+v", agg.Skills)
	}
}
