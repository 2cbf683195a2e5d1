#!/usr/bin/env python3
"""Draw the fourth blind part of the real labelled set (RULES.md, "Fourth
blind part"). The approach of draw_blind3.py: the same strata and the
same proportions, a new seed, every id of labels.yaml, labels-blind2.yaml
and labels-blind3.yaml excluded. Reads only the shared corpus and
fixtures and the three label files' ids; never runs the tagger. Prints
one id a line with its stratum.

    python3 extract/testdata/real/draw_blind4.py /work/shared
"""
import json
import random
import re
import sys
from pathlib import Path

SEED = 20261205
HERE = Path(__file__).parent
LABEL_FILES = ["labels.yaml", "labels-blind2.yaml", "labels-blind3.yaml"]

# Infrastructure technologies, one pattern per technology, matched
# case-insensitively on word boundaries in the HN comment's text (the
# list of draw_blind2.py and draw_blind3.py, unchanged).
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

# Fixture postings a tagger rule was written from (RULES.md, "Fourth
# precision and levels pass"): not blind, never drawn.
TUNED_ON = {"fixture:ashby/job-board_truelogic_lcarlini.json#09bb501c-e72d-4c9e-8df3-212ac53e69d9"}

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
    # infra, then comments naming three or more INFRA technologies, then
    # comments naming exactly two (the first three parts used up the
    # first two strata, so in practice all 30 come from the third).
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

    # 4. Fixtures, 8 in all: up to five from the boards first used by the
    # second blind part (Ashby truelogic, arbeitnow, the HN Algolia "Who
    # is hiring" comments), the rest from the boards of the first set
    # (takealot, moo), unlabelled postings only. The unlabelled Truelogic
    # job is left out: the fourth precision pass wrote a rule from it
    # (RULES.md), so it is no longer blind.
    fx = shared / "fixtures"
    new = []
    f = "ashby/job-board_truelogic_lcarlini.json"
    new += [f"fixture:{f}#{j['id']}" for j in json.load(open(fx / f))["jobs"]]
    f = "arbeitnow/job-board-api_lcarlini.json"
    new += [f"fixture:{f}#{j['slug']}" for j in json.load(open(fx / f))["data"]]
    f = "hn-algolia/whoishiring_comments_RESHAPED_ikevinxie.json"
    d = json.load(open(fx / f))
    new += [f"fixture:{f}#{h['objectID']}" for h in d["hits"] if h["parent_id"] == d["story_id"]]
    new = [i for i in new if i not in seen and i not in TUNED_ON]
    old = []
    f = "greenhouse/jobs_content_takealotgroup.json"
    old += [f"fixture:{f}#{j['id']}" for j in json.load(open(fx / f))["jobs"]]
    f = "lever/postings_moo.json"
    old += [f"fixture:{f}#{p['id']}" for p in json.load(open(fx / f))]
    old = [i for i in old if i not in seen]
    picked = draw(random.Random(SEED + 4), new, 5)
    out += [(i, "fixture-new-board") for i in picked]
    out += [(i, "fixture-used-board") for i in draw(random.Random(SEED + 5), old, 8 - len(picked))]

    for i, s in out:
        print(i, s)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/work/shared")
