"""The types the annotator's layers share: an attribution (who says so), a reading of the future
(tense), and the decision on a claim type. Every layer imports them from here, so none has to import
another layer's module for its types.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from claimwire.annotate.grammar import original_text, tokens_text
from claimwire.annotate.lexicon import rule_priors
from claimwire.annotate.mentions import Referent
from claimwire.records import Source


@dataclass(frozen=True, slots=True)
class Attribution:
    """One source of a sentence, with what the other layers need to know about it; built once by
    `sources.AttributionFinder`, never changed after."""

    mention: list[Token]
    cue: Span | None
    mode: str
    content: list[Token]
    referent: Referent
    subordinate: bool = False
    relay: bool = False
    hint: str | None = None
    conditional_cue: bool = False
    past_cue: bool = False
    quote: tuple[int, int] | None = None

    @property
    def span(self) -> tuple[int, int]:
        """Character offsets of the mention; an inversion clitic loses its hyphen (`-il` -> `il`)."""
        first, last = self.mention[0], self.mention[-1]
        start = first.idx + 1 if first.text.startswith("-") else first.idx
        return start, last.idx + len(last)

    def to_source(self) -> Source:
        start, end = self.span
        doc = self.mention[0].doc
        cue = tokens_text(self.cue) if self.cue is not None else None
        text = original_text(doc, start, end)
        return Source(text, start, end, self.referent.name, self.referent.kind, cue, self.mode)


@dataclass(frozen=True, slots=True)
class Forecast:
    """A verb about the future or the unreal, and what it means here: `forecast`, `hypothetical`,
    `counterfactual` (predictions), `own-act` (a position), `scheduled` (an event), `hedge`."""

    kind: str
    token: Token


@dataclass(frozen=True, slots=True)
class ClaimDecision:
    """The label, the rule that chose it, and the other labels whose cues also fired."""

    label: str
    rule: str
    rivals: tuple[str, ...] = ()
    forecast: Forecast | None = None
    # Cues too weak to decide that point elsewhere than a default `event`: one evaluative word, a
    # copular main clause, a figure not counted as the point, a quotation.
    weak_cues: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.rule not in rule_priors():
            raise ValueError(f"rule {self.rule!r} has no confidence prior in rule_priors.json")
