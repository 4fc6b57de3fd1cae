"""Benchmark of linking: ``python -m tnr_claims.cases.bench --claims 10000``.

Makes invented records (people named from random syllables, some names respelled, dated
acts and undated follow-ups, a few untargeted claims), links them on one core, and prints
the time linking took and the peak memory Python allocated while linking records made one
at a time (what linking itself keeps: a few small fields per claim, no text).
"""

from __future__ import annotations

import argparse
import random
import time
import tracemalloc
from collections.abc import Iterator

from tnr_claims.records import ClaimProvenance, ClaimRecord, DocumentRecord, PipelineInfo

SYLLABLES = ("ka", "lo", "mir", "va", "sen", "dor", "ul", "tan", "re", "bi", "zo", "nak")
METHODS = ("ABDUCTION", "DETENTION", "PROSECUTION", "THREAT", "PHYSICAL_ATTACK", "SURVEILLANCE")
STATES = ("ER", "RW", "TJ", "BY", "IR", "CN", "SA", "VN")
HOSTS = ("KE", "TR", "DE", "FR", "GB", "TH", "CA", "LT")
INFO = PipelineInfo(version="bench", model="none", model_version="0", patterns_hash="")


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def synthetic_records(n_claims: int, n_documents: int, seed: int = 7) -> Iterator[DocumentRecord]:
    """``n_documents`` invented records holding ``n_claims`` claims in all."""
    rng = random.Random(seed)
    people = [f"{_word(rng)} {_word(rng)}" for _ in range(max(1, n_claims // 12))]
    per_doc = max(1, n_claims // n_documents)
    made = 0
    for d in range(n_documents):
        claims = []
        person = rng.choice(people)
        if rng.random() < 0.2:  # a respelling: one vowel changed
            person = person.replace("o", "a", 1)
        for _ in range(min(per_doc, n_claims - made)):
            text = "x"
            start = len(claims) * 2
            dated = rng.random() < 0.4
            claims.append(
                ClaimRecord(
                    doc_id=f"d{d}",
                    start=start,
                    end=start + 1,
                    text=text,
                    type="incident",
                    targets=[] if rng.random() < 0.2 else [person],
                    methods=[rng.choice(METHODS)],
                    dates=[f"20{rng.randint(10, 24)}-{rng.randint(1, 12):02d}-01"] if dated else [],
                    perpetrator_states=[rng.choice(STATES)] if rng.random() < 0.5 else [],
                    host_states=[rng.choice(HOSTS)] if rng.random() < 0.5 else [],
                    provenance=ClaimProvenance(type_rule="bench", pipeline_version="bench"),
                )
            )
            made += 1
        text = "x " * (len(claims) + 1)
        yield DocumentRecord.model_construct(
            doc_id=f"d{d}", text=text, spans=[], claims=claims, pipeline=INFO, meta={}
        )


def measure(n_claims: int, n_documents: int) -> dict[str, float]:
    """Seconds and peak MiB of :func:`~tnr_claims.cases.link` over invented records.

    The time is taken on records made beforehand (it is linking's alone); the memory on
    records made one at a time while linking reads them (so it is what linking keeps).
    """
    from tnr_claims.cases import link

    records = list(synthetic_records(n_claims, n_documents))
    began = time.perf_counter()
    linking = link(records)
    seconds = time.perf_counter() - began
    del records
    tracemalloc.start()
    link(synthetic_records(n_claims, n_documents))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "claims": n_claims,
        "documents": n_documents,
        "cases": len(linking.cases),
        "seconds": round(seconds, 2),
        "peak_mib": round(peak / 2**20, 1),
    }


def main() -> None:
    """Print one line per size: claims, documents, cases, seconds, peak MiB."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--documents", type=int, nargs="*", default=[1_000, 5_000])
    args = parser.parse_args()
    for n_documents in args.documents:
        print(measure(args.claims, n_documents))


if __name__ == "__main__":
    main()
