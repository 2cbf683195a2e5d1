#!/usr/bin/env python3
"""Draw the fifth blind part of the real labelled set (RULES.md, "Fifth
blind part"). The approach of draw_blind4.py: strata, seed 20261206 +
stratum number, each pool sorted by id first, every id of labels.yaml
and labels-blind2/3/4.yaml excluded. Reads only the shared corpus and
fixtures and the four label files' ids; never runs the tagger. Prints one
id a line with its stratum.

    python3 extract/testdata/real/draw_blind5.py /work/shared

The earlier parts used up the infrastructure-heavy strata (every HN
comment flagged infra or naming three or more infrastructure names, every
Google posting of an infrastructure category), so this part takes what is
left: the remaining Google postings of engineering and technical
categories, Google postings of other categories whose own title names a
technical role, HN comments naming two infrastructure names and then one,
other HN comments, and the unlabelled board jobs the real set's readers
can read. Postings a rule, a test or RULES.md cited by id before this
draw (draw_blind5_cited.txt, frozen at main 2c924d1) are left out: a tagger rule
was written from them, so they are not blind.
"""
import json
import random
import re
import sys
from pathlib import Path

SEED = 20261206
HERE = Path(__file__).parent
LABEL_FILES = ["labels.yaml", "labels-blind2.yaml", "labels-blind3.yaml", "labels-blind4.yaml"]

# Infrastructure technologies, one pattern per technology, matched
# case-insensitively on word boundaries in the HN comment's text (the
# list of draw_blind2.py to draw_blind4.py, unchanged).
INFRA = [
    r"aws", r"amazon web services", r"gcp", r"google cloud", r"azure",
    r"openstack", r"docker", r"containers?", r"podman", r"kubernetes",
    r"k8s", r"eks", r"gke", r"aks", r"helm", r"nomad", r"terraform",
    r"pulumi", r"cloudformation", r"ansible", r"puppet", r"saltstack",
    r"prometheus", r"grafana", r"datadog", r"opentelemetry", r"linux",
    r"bash", r"jenkins", r"github actions", r"gitlab ci", r"argo ?cd",
    r"ci/cd", r"nginx", r"envoy", r"haproxy", r"istio", r"vault",
    r"consul", r"ceph", r"bgp", r"dns", r"tcp/ip", r"vpn", r"cdn",
    r"load balanc\w*", r"kafka", r"rabbitmq", r"elasticsearch", r"sre",
    r"on-?call", r"observability", r"bare[- ]metal", r"data ?cent(?:er|re)s?",
    r"ebpf", r"kvm", r"vmware", r"ec2", r"s3", r"lambda",
]
INFRA_RE = [re.compile(r"(?<![\w/.-])" + p + r"(?![\w/-])", re.I) for p in INFRA]

TECH_CATEGORIES = ["Software Engineering", "Technical Solutions", "Hardware Engineering",
                   "Developer Relations", "Technical Writing"]
INFRA_CATEGORIES = ["Technical Infrastructure", "Data Center & Network",
                    "IT & Data Management", "Network Engineering"]
# A technical role in a Google title, as RULES.md's "The division in a
# Google title" reads it.
TECH_TITLE = re.compile(
    r"\b(engineers?|engineering|developers?|architects?|programmers?|scientists?|SRE|DevOps|Technical)\b", re.I)

# Postings a rule, a test or RULES.md cited by id before this draw, one a
# line (draw_blind5_cited.txt says how it was made; frozen at main 2c924d1).
CITED_FILE = HERE / "draw_blind5_cited.txt"


def cited_ids():
    return {l.strip() for l in CITED_FILE.read_text().splitlines()
            if l.strip() and not l.startswith("#")}


def labelled_ids():
    ids = set()
    for name in LABEL_FILES:
        for line in (HERE / name).read_text().splitlines():
            m = re.match(r'\s*- id: "(.*)"', line)
            if m:
                ids.add(m.group(1))
    return ids


def infra_count(text):
    return sum(1 for r in INFRA_RE if r.search(text))


def draw(rng, pool, n):
    pool = sorted(pool)
    return sorted(rng.sample(pool, min(n, len(pool))))


def fixture_pools(fx, skip):
    """The unlabelled board jobs the real set's readers read (realset_test.go,
    fixturePost): new boards (the trimmed Anthropic Greenhouse and OpenAI
    Ashby boards, never drawn before) and the boards of the first set
    (takealot, moo). The Ashby board's synthetic unlisted job is no real
    posting, and the Palantir Lever board has no description to read."""
    new = []
    f = "greenhouse/jobs_content_anthropic_PRUNED_tideline.json"
    new += [f"fixture:{f}#{j['id']}" for j in json.load(open(fx / f))["jobs"]]
    f = "ashby/job-board_openai_PRUNED_tideline.json"
    new += [f"fixture:{f}#{j['id']}" for j in json.load(open(fx / f))["jobs"]
            if j.get("isListed", True) and not j["id"].startswith("unlisted")]
    old = []
    f = "greenhouse/jobs_content_takealotgroup.json"
    old += [f"fixture:{f}#{j['id']}" for j in json.load(open(fx / f))["jobs"]]
    f = "lever/postings_moo.json"
    old += [f"fixture:{f}#{p['id']}" for p in json.load(open(fx / f))]
    return [i for i in new if i not in skip], [i for i in old if i not in skip]


def main(shared):
    shared = Path(shared)
    skip = labelled_ids() | cited_ids()
    corpus = [json.loads(l) for l in open(shared / "corpus" / "real-postings.jsonl")]
    corpus = [c for c in corpus if c["id"] not in skip]
    hn = [c for c in corpus if c["source"].startswith("hn-")]
    google = [c for c in corpus if c["source"].startswith("google-")]
    out = []

    # 1. HN, infrastructure, 27 in all: comments flagged infra, then naming
    # three or more INFRA names, then two, then one. The first four parts
    # used up the first two strata; all but one come from the third.
    flagged = sorted(c["id"] for c in hn if c["infra"])
    counts = {c["id"]: infra_count(c["text"]) for c in hn if not c["infra"]}
    several = [i for i, n in counts.items() if n >= 3]
    two = [i for i, n in counts.items() if n == 2]
    one = [i for i, n in counts.items() if n == 1]
    out += [(i, "hn-infra-flagged") for i in flagged]
    out += [(i, "hn-infra-several") for i in draw(random.Random(SEED + 1), several, 27 - len(out))]
    out += [(i, "hn-infra-two") for i in draw(random.Random(SEED + 6), two, 27 - len(out))]
    out += [(i, "hn-infra-one") for i in draw(random.Random(SEED + 7), one, 27 - len(out))]
    taken = {i for i, _ in out}

    # 2. HN, other: five more comments from the rest.
    rest = [c["id"] for c in hn if c["id"] not in taken and c["id"] not in several and c["id"] not in two]
    out += [(i, "hn-other") for i in draw(random.Random(SEED + 2), rest, 5)]

    # 3. Google, 20 in all: every remaining posting of an infrastructure
    # category (none are left), of an engineering or technical category,
    # then postings of other categories whose own title names a technical
    # role.
    infra_g = sorted(c["id"] for c in google if c["category"] in INFRA_CATEGORIES)
    tech_g = [c["id"] for c in google if c["category"] in TECH_CATEGORIES]
    titled = [c["id"] for c in google if c["category"] not in TECH_CATEGORIES + INFRA_CATEGORIES
              and TECH_TITLE.search(c["title"] or "")]
    g = [(i, "google-infra-category") for i in infra_g]
    g += [(i, "google-engineering") for i in draw(random.Random(SEED + 3), tech_g, 20 - len(g))]
    g += [(i, "google-technical-title") for i in draw(random.Random(SEED + 8), titled, 20 - len(g))]
    out += g

    # 4. Fixtures, 8 in all: up to five from boards never drawn before,
    # the rest from the boards of the first set, unlabelled jobs only.
    new, old = fixture_pools(shared / "fixtures", skip)
    picked = draw(random.Random(SEED + 4), new, 5)
    out += [(i, "fixture-new-board") for i in picked]
    out += [(i, "fixture-used-board") for i in draw(random.Random(SEED + 5), old, 8 - len(picked))]

    pools = {"hn-infra-flagged": flagged, "hn-infra-several": several, "hn-infra-two": two,
             "hn-infra-one": one, "hn-other": rest, "google-infra-category": infra_g,
             "google-engineering": tech_g, "google-technical-title": titled,
             "fixture-new-board": new, "fixture-used-board": old}
    for name, pool in pools.items():
        n = sum(1 for _, s in out if s == name)
        print(f"# {name}: {n} of {len(pool)}", file=sys.stderr)
    for i, s in out:
        print(i, s)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/work/shared")
