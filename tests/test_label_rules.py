"""The guidelines' label rules are data (`x-label-rules` of schema/labels.json), read by every user."""

from __future__ import annotations

import itertools

from claimwire.annotate.verifiability import verdict_of
from claimwire.schema import label_rules, labels


def test_the_rules_are_those_of_guidelines_1_0() -> None:
    rules = label_rules()
    broken = {
        (claim, verif)
        for claim, verif in itertools.product(labels("claim_type"), labels("verifiability"))
        if rules.broken(claim, verif) is not None
    }
    # none iff not_applicable; opinion and prediction imply unverifiable.
    allowed = {("none", "not_applicable"), ("opinion", "unverifiable")}
    allowed |= {("prediction", "unverifiable")}
    allowed |= {
        (claim, verif)
        for claim in ("quantity", "event", "causal", "rule", "position")
        for verif in ("verifiable", "hedged", "unverifiable")
    }
    assert broken == set(itertools.product(labels("claim_type"), labels("verifiability"))) - allowed
    assert rules.describe() == (
        "`opinion` and `prediction` are `unverifiable`; `none` if and only if `not_applicable`"
    )


def test_the_annotator_keeps_the_rules_by_construction() -> None:
    for claim, hedge in itertools.product(labels("claim_type"), (None, "conditional")):
        assert label_rules().broken(claim, verdict_of(claim, hedge)) is None, (claim, hedge)
