"""nomenklatura's LogicV2 (yente's default scorer) as the reference, in a venv of its own.

Used by screening_quality.py (its scores) and screening_speed.py (its time).
Both hand it the candidates our own retrieval found, as FtM entities, so it
is compared as a scorer only.

LogicV2 runs in a separate interpreter that never imports ncbdesk: our
icukit-pyicu and nomenklatura's PyICU both install a module named `icu`, and
the two cannot share a process. Set that interpreter up once (PyICU builds
against the system ICU):

    apt-get install -y libicu-dev pkg-config
    python3 -m venv /tmp/refvenv && /tmp/refvenv/bin/pip install nomenklatura

The venv needs no ncbdesk: installing it there too (`pip install -e .
nomenklatura`, the earlier recipe) still works, but our icukit-pyicu then
overwrites PyICU's `icu` module in that venv.

Checked with nomenklatura 4.17.4 (`LogicV2.compare(query, result, config)`).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ncbdesk.matching.model import Subject

DEFAULT_PYTHON = Path("/tmp/refvenv/bin/python")
SETUP = (
    "apt-get install -y libicu-dev pkg-config && python3 -m venv /tmp/refvenv && "
    "/tmp/refvenv/bin/pip install nomenklatura"
)

Entity = dict[str, object]
Batch = tuple[Entity, list[Entity]]  # a query and the candidates it is scored against

# Reads one JSON line per query, [query, [candidate, ...]]; scores the first
# `warm` queries once untimed (as our own benchmark warms up), then every
# query, timing LogicV2.compare alone (the FtM proxies are built before).
# Writes one JSON object: the scores per query, the seconds and the version.
_LOGICV2 = """
import json, sys, time
from importlib.metadata import version
from followthemoney import model
from nomenklatura.matching import LogicV2
config = LogicV2.default_config()
warm = int(sys.argv[1])
batches = [
    (model.get_proxy(q), [model.get_proxy(c) for c in cs])
    for q, cs in (json.loads(line) for line in sys.stdin)
]
for q, cs in batches[:warm]:
    for c in cs:
        LogicV2.compare(q, c, config)
scores = []
t0 = time.perf_counter()
for q, cs in batches:
    scores.append([float(LogicV2.compare(q, c, config).score) for c in cs])
seconds = time.perf_counter() - t0
print(json.dumps({"scores": scores, "seconds": seconds, "version": version("nomenklatura")}))
"""


class Unavailable(Exception):
    """The reference could not run; the message says why, in one line."""


@dataclass(frozen=True)
class Result:
    scores: list[list[float]]  # per query, per candidate, in the order given
    seconds: float  # in LogicV2.compare over all queries, warm-up excluded
    version: str  # of nomenklatura

    @property
    def pairs(self) -> int:
        return sum(len(s) for s in self.scores)


def add_argument(ap: argparse.ArgumentParser) -> None:
    ap.add_argument(
        "--reference-python",
        type=Path,
        default=DEFAULT_PYTHON,
        help=f"interpreter of the venv with nomenklatura (default {DEFAULT_PYTHON})",
    )


def entity(s: Subject, entity_id: str = "") -> Entity:
    """A subject as an FtM Person: names as whole strings (the parts joined).

    A query needs an id of its own (``entity_id``): nomenklatura caches what
    it reads of an entity by id.
    """
    names = [" ".join(x for x in (n.full, n.given, n.patronymic, n.family) if x) for n in s.names]
    props = {
        "name": names,
        "birthDate": list(s.birth_dates),
        "nationality": [c.lower() for c in s.nationalities],
        "passportNumber": list(s.documents),
    }
    return {"id": entity_id or s.id, "schema": "Person", "properties": props}


def check(python: Path) -> None:
    """Raises ``Unavailable`` when there is no interpreter at ``python``."""
    if not os.access(python, os.X_OK):
        raise Unavailable(f"no reference interpreter at {python}; set it up with: {SETUP}")


def score(python: Path, batches: Sequence[Batch], warm: int = 0) -> Result:
    """LogicV2's score of every (query, candidate) pair, and the time it took.

    Raises ``Unavailable`` when ``python`` is missing or cannot run LogicV2.
    """
    check(python)
    lines = "".join(json.dumps(b, ensure_ascii=False) + "\n" for b in batches)
    # Only the reference venv's own packages: nothing of ours on its path
    # (benchmarks/requests.py would hide the `requests` package).
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env["PYTHONSAFEPATH"] = "1"
    done = subprocess.run(
        [str(python), "-c", _LOGICV2, str(warm)],
        input=lines,
        capture_output=True,
        text=True,
        env=env,
        cwd=tempfile.gettempdir(),
    )
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["?"])[-1]
        raise Unavailable(
            f"LogicV2 did not run in {python} ({last}); set the venv up with: {SETUP}"
        )
    out = json.loads(done.stdout)
    return Result(scores=out["scores"], seconds=float(out["seconds"]), version=out["version"])
