#!/usr/bin/env python3
"""Draw the third blind part of the real labelled set (RULES.md, "Third
blind part"). The approach of draw_blind2.py: the same strata and the
same proportions, a new seed, every id of labels.yaml and
labels-blind2.yaml excluded. Reads only the shared corpus and fixtures
and the two label files' ids; never runs the tagger. Prints one id a
line with its stratum.

    python3 extract/testdata/real/draw_blind3.py /work/shared
"""
import json
import random
import re
import sys
from pathlib import Path

SEED = 20261204
HERE = Path(__file__).parent
LABEL_FILES = ["labels.yaml", "labels-blind2.yaml"]

# Infrastructure technologies, one pattern per technology, matched
# case-insensitively on word boundaries in the HN comment's text (the
# list of draw_blind2.py, unchanged).
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

ENGINEERING = ["Software Engineering", "Technical Solutions", "Hardware Engineering",
               "Developer Relations"]
INFRA_CATEGORIES = ["Technical Infrastructure", "Data Center & Network",
                    "IT & Data Management", "Network Engineering"]


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


def main(shared):
    shared = Path(shared)
    seen = labelled_ids()
    corpus = [json.loads(l) for l in open(shared / "corpus" / "real-postings.jsonl")]
    corpus = [c for c in corpus if c["id"] not in seen]
    hn = [c for c in corpus if c["source"].startswith("hn-")]
    google = [c for c in corpus if c["source"].startswith("google-")]
    out = []

    # 1. HN, infrastructure, 30 in all: every remaining comment flagged
    # infra, then comments naming three or more INFRA technologies; the
    # first two parts left too few of those, so the rest is drawn from
    # comments naming exactly two.
    flagged = sorted(c["id"] for c in hn if c["infra"])
    several = [c["id"] for c in hn if not c["infra"] and infra_count(c["text"]) >= 3]
    two = [c["id"] for c in hn if not c["infra"] and infra_count(c["text"]) == 2]
    out += [(i, "hn-infra-flagged") for i in flagged]
    out += [(i, "hn-infra-several") for i in draw(random.Random(SEED + 1), several, 30 - len(out))]
    out += [(i, "hn-infra-two") for i in draw(random.Random(SEED + 6), two, 30 - len(out))]
    taken = {i for i, _ in out}

    # 2. HN, other: ten more comments from the rest.
    rest = [c["id"] for c in hn if c["id"] not in taken and c["id"] not in several]
    out += [(i, "hn-other") for i in draw(random.Random(SEED + 2), rest, 10)]

    # 3. Google: every remaining posting of an infrastructure category,
    # then engineering categories drawn to 12.
    infra_g = sorted(c["id"] for c in google if c["category"] in INFRA_CATEGORIES)
    eng_g = [c["id"] for c in google if c["category"] in ENGINEERING]
    out += [(i, "google-infra-category") for i in infra_g]
    out += [(i, "google-engineering") for i in draw(random.Random(SEED + 3), eng_g, 12 - len(infra_g))]

    # 4. Fixtures: five from the boards first used by the second blind
    # part (Ashby truelogic, arbeitnow, the HN Algolia "Who is hiring"
    # comments), three from the boards of the first set (takealot, moo),
    # unlabelled postings only.
    fx = shared / "fixtures"
    new = []
    f = "ashby/job-board_truelogic_lcarlini.json"
    new += [f"fixture:{f}#{j['id']}" for j in json.load(open(fx / f))["jobs"]]
    f = "arbeitnow/job-board-api_lcarlini.json"
    new += [f"fixture:{f}#{j['slug']}" for j in json.load(open(fx / f))["data"]]
    f = "hn-algolia/whoishiring_comments_RESHAPED_ikevinxie.json"
    d = json.load(open(fx / f))
    new += [f"fixture:{f}#{h['objectID']}" for h in d["hits"] if h["parent_id"] == d["story_id"]]
    new = [i for i in new if i not in seen]
    old = []
    f = "greenhouse/jobs_content_takealotgroup.json"
    old += [f"fixture:{f}#{j['id']}" for j in json.load(open(fx / f))["jobs"]]
    f = "lever/postings_moo.json"
    old += [f"fixture:{f}#{p['id']}" for p in json.load(open(fx / f))]
    old = [i for i in old if i not in seen]
    out += [(i, "fixture-new-board") for i in draw(random.Random(SEED + 4), new, 5)]
    out += [(i, "fixture-used-board") for i in draw(random.Random(SEED + 5), old, 3)]

    for i, s in out:
        print(i, s)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/work/shared")
