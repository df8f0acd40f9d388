"""Hold a published claim (the research paper's Table 1) against the record."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from geo.paths import CLAIMS_FILE
from geo.schema import DOMAINS
from geo.stats import ACTIVITY_RULE, counted

DRILL_KINDS: frozenset[str] = frozenset(
    {
        "naval_exercise",
        "land_exercise",
        "counter_terrorism_exercise",
        "coast_guard_exercise",
        "missile_defense_exercise",
    }
)
COUNTING_RULE = (
    "A drill is an exercise record (naval, land/strategic, counter-terrorism, coast-guard or "
    "missile-defence exercise) in which China and Russia drilled together, alone or with third "
    "countries, counted once in the year it started. Large multinational exercises where both "
    "merely took part (AMAN, Komodo, ADMM-Plus) are counted apart, as are patrols and escorts. "
    + ACTIVITY_RULE
)


@dataclass(frozen=True)
class Claims:
    """A published table of yearly counts and domains.

    Attributes
    ----------
    source : dict
        Citation of the claim (publisher, title, date, url, table).
    rows : list of dict
        ``year``, ``drills``, ``domains`` (vocabulary of :data:`geo.schema.DOMAINS`),
        ``domains_as_printed``.
    note : str
        Caveats on reading the claim.
    """

    source: dict[str, Any]
    rows: list[dict[str, Any]]
    note: str = ""


def load_claims(path: Path = CLAIMS_FILE) -> Claims:
    """Read and check ``claims.json``.

    Raises
    ------
    ValueError
        Naming the file, row, field and value that do not fit.
    """
    doc = json.loads(Path(path).read_text("utf-8"))
    rows = doc.get("rows")
    if not isinstance(rows, list) or not rows:
        raise ValueError(f"{Path(path).name}: rows: expected a non-empty list, got {rows!r}")
    for i, row in enumerate(rows):
        for key, kind in (("year", int), ("drills", int), ("domains", list)):
            if not isinstance(row.get(key), kind):
                raise ValueError(
                    f"{Path(path).name}: rows[{i}].{key}: expected "
                    f"{kind.__name__}, got {row.get(key)!r}"
                )
        bad = [d for d in row["domains"] if d not in DOMAINS]
        if bad:
            raise ValueError(
                f"{Path(path).name}: rows[{i}].domains: expected values from "
                f"{list(DOMAINS)}, got {bad}"
            )
    return Claims(doc.get("source", {}), rows, doc.get("note", ""))


def check(events: pd.DataFrame, claims: Claims) -> pd.DataFrame:
    """The claims beside the record's own counts under :data:`COUNTING_RULE`.

    Parameters
    ----------
    events : pandas.DataFrame
        Events (already filtered by region, kind or participants if wanted), with
        ``year_start``, ``kind`` and ``domains``.
    claims : Claims

    Returns
    -------
    pandas.DataFrame
        One row per claimed year: claimed and recorded drill counts, all joint activities,
        the domains claimed and recorded, claimed domains missing from the record, and a
        one-line verdict.
    """
    out = []
    for row in claims.rows:
        year = row["year"]
        in_year = counted(events[events["year_start"] == year])
        exercises = in_year[in_year["kind"].isin(sorted(DRILL_KINDS))]
        drills = exercises[exercises["format"] != "multinational"]
        rec_domains = sorted({d for ds in drills["domains"] for d in ds}, key=DOMAINS.index)
        missing = [d for d in row["domains"] if d not in rec_domains]
        n, claimed = len(drills), row["drills"]
        if n == claimed:
            verdict = "count matches"
        elif n > claimed:
            verdict = f"record has {n - claimed} more"
        else:
            verdict = f"record has {claimed - n} fewer"
        if missing:
            verdict += "; no recorded drill in " + ", ".join(missing)
        out.append(
            {
                "year": year,
                "claimed drills": claimed,
                "recorded drills": n,
                "multinational exercises (not counted)": len(exercises) - n,
                "all joint activities": len(in_year),
                "claimed domains": row.get("domains_as_printed") or ", ".join(row["domains"]),
                "recorded drill domains": ", ".join(rec_domains) or "—",
                "verdict": verdict,
                "recorded drills (names)": "; ".join(drills["name"]),
            }
        )
    return pd.DataFrame(out)
