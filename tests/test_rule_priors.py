"""Every rule that decides a claim type has a confidence prior (`lexicons/rule_priors.json`), and every
prior belongs to a rule: a renamed rule can no longer fall back silently to a default."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import claimwire.annotate
from claimwire.annotate.lexicon import rule_priors
from claimwire.annotate.types import ClaimDecision

ANNOTATE = Path(claimwire.annotate.__file__).parent


def _strings(node: ast.AST) -> set[str]:
    """String constants a return value can be: `"x"`, `"x" if ... else None`, `a or "x"`."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.IfExp):
        return _strings(node.body) | _strings(node.orelse)
    if isinstance(node, ast.BoolOp):
        return set().union(*(_strings(v) for v in node.values))
    return set()


def rule_names_in_code() -> set[str]:
    """What `claims/` returns or passes as a rule, and what the annotator passes to ClaimDecision."""
    names: set[str] = set()
    claims = sorted((ANNOTATE / "claims").glob("*.py"))
    for path in [*claims, ANNOTATE / "__init__.py"]:
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Return) and node.value is not None and path in claims:
                names |= _strings(node.value)
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", "") == "ClaimDecision"
                and len(node.args) > 1
            ):
                names |= _strings(node.args[1])
            if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Subscript):
                names |= _strings(node.value)  # fired["rule"] = "rule-text"
    names.discard("")
    return names


def test_every_rule_in_the_code_has_a_prior() -> None:
    found = rule_names_in_code()
    assert len(found) >= 30 and {"default", "headline", "opinion-cue", "model"} <= found
    missing = found - set(rule_priors())
    assert not missing, f"rules without a prior in rule_priors.json: {sorted(missing)}"


def test_every_prior_names_a_rule_of_the_code() -> None:
    literals = {
        node.value
        for path in ANNOTATE.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text("utf-8")))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }
    assert set(rule_priors()) <= literals, sorted(set(rule_priors()) - literals)
    assert all(0 < p < 1 for p in rule_priors().values())


def test_a_decision_by_an_unknown_rule_is_refused() -> None:
    with pytest.raises(ValueError, match="no confidence prior"):
        ClaimDecision("event", "renamed-rule")
