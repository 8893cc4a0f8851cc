"""What a translator bills by (`tarjimon stats --analysis`): the match analysis (analysis.py) of the whole job
per target language, every document together, and its words weighted by a pay grid, the share of a new word's
rate each band is paid (CAT tools call it weighted words).

The default grid is a common one (memoQ's documentation gives the same kind of example): a new word is paid in
full, a fuzzy match in part, a repetition or a 101% match a little. A newsroom or an agency has its own: a
project keeps one (`tarjimon config NAME weights "rep=25,100=30,new=100"`) and `--weights` overrides it for a
run. A band the grid leaves out keeps its default.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tarjimon.core.errors import TarjimonError
from tarjimon.core.qa.analysis import BANDS, Analysis, Counts

DEFAULT_WEIGHTS: dict[str, int] = {"repetitions": 20, "101%": 10, "100%": 30, "95-99%": 40, "85-94%": 60,
                                   "75-84%": 80, "50-74%": 100, "no match": 100}
# the short name of each band in a grid (its full name works too; 95-99, nomatch and the like as well)
SHORT = {"repetitions": "rep", "101%": "101", "100%": "100", "95-99%": "95", "85-94%": "85", "75-84%": "75",
         "50-74%": "50", "no match": "new"}
ALIASES = {**{short: band for band, short in SHORT.items()}, **{band.rstrip("%"): band for band in BANDS},
           "nomatch": "no match"}

def parse_weights(text: str, *, source: str = "--weights") -> dict[str, int]:
    """A pay grid from "rep=20,101=10,100=30,95=40,85=60,75=80,50=100,new=100" (percent of a new word's rate;
    a band's full name works too: "no match=100"); the bands left out keep their default. TarjimonError
    (naming `source`) for an unknown band or a share that is not a whole number from 0 to 100."""
    weights = dict(DEFAULT_WEIGHTS)
    for item in (part.strip() for part in text.split(",")):
        if not item:
            continue
        key, eq, value = (x.strip() for x in item.partition("="))
        band = key if key in BANDS else ALIASES.get(key.lower())
        if not eq or band is None:
            raise TarjimonError(f"{source}: {item!r} is not BAND=PERCENT (bands: rep, 101, 100, 95, 85, 75, 50, "
                                "new)")
        if not value.isdigit() or int(value) > 100:
            raise TarjimonError(f"{source}: the share of {band} must be a whole percent from 0 to 100, not {value!r}")
        weights[band] = int(value)
    return weights


def grid_text(weights: dict[str, int]) -> str:
    """The grid as `parse_weights` reads it back (short names, every band)."""
    return ",".join(f"{SHORT[b]}={weights[b]}" for b in BANDS)


@dataclass
class LanguageBill:
    """One target language's analysis over every document: counts per band, and weighted words."""

    lang: str
    documents: int
    bands: dict[str, Counts]
    weights: dict[str, int]
    against: str = ""  # what the documents were counted against (Analysis.against)

    def weighted(self, band: str) -> float:
        return self.bands[band].words * self.weights[band] / 100

    @property
    def total(self) -> Counts:
        return Counts.summed(self.bands.values())

    @property
    def total_weighted(self) -> float:
        return sum(self.weighted(b) for b in BANDS)

    def to_json(self) -> dict[str, Any]:
        return {"documents": self.documents,
                "bands": {b: {**vars(self.bands[b]), "weight": self.weights[b], "weighted": round(self.weighted(b), 2)}
                          for b in BANDS},
                "total": {**vars(self.total), "weighted": round(self.total_weighted, 2)}}


def bill(analysis: Analysis, target_langs: list[str], weights: dict[str, int]) -> list[LanguageBill]:
    """Each target language's bands summed over the analysis's documents (in the project's order)."""
    out = []
    for lang in target_langs:
        docs = [d for d in analysis.documents if d.lang == lang]
        bands = {b: Counts() for b in BANDS}
        for doc in docs:
            for b, c in doc.bands.items():
                bands[b].segments += c.segments
                bands[b].words += c.words
                bands[b].characters += c.characters
        out.append(LanguageBill(lang, len(docs), bands, weights, analysis.against))
    return out
