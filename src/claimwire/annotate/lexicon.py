"""Lexicons of the annotator, loaded once from the package data under `annotate/lexicons/`."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

_FOLDER = "annotate/lexicons"
# Regular -er inflections a spaCy lemma may miss when the tagger mistakes the verb for a noun or
# adverb ("accusent" as ADV, "félicité" as NOUN): present, past participle, present participle,
# passé simple and imperfect.
_ER_ENDINGS = ("e", "ent", "é", "ée", "és", "ées", "ant", "a", "èrent", "ait", "aient")


def _read(name: str) -> str:
    return resources.files("claimwire").joinpath(f"{_FOLDER}/{name}").read_text("utf-8")


@cache
def _json(name: str) -> dict[str, Any]:
    return json.loads(_read(name))


@dataclass(frozen=True, slots=True)
class ReportingVerb:
    """One reporting verb: lemma, particles that must follow it, reflexive or not, claim hint, and
    the condition under which it reports (`clause`, `agency`; None: always)."""

    lemma: str
    particles: tuple[str, ...]
    reflexive: bool
    hint: str | None
    condition: str | None = None


@cache
def reporting_verbs() -> dict[str, tuple[ReportingVerb, ...]]:
    """Reporting verbs by lemma (a lemma may have several entries: `faire savoir`, `faire valoir`)."""
    table: dict[str, list[ReportingVerb]] = {}
    for lemma, verb, _forms in _reporting_rows():
        table.setdefault(lemma, []).append(verb)
    return {lemma: tuple(verbs) for lemma, verbs in table.items()}


@cache
def reporting_forms() -> dict[str, str]:
    """Surface forms (lowercase) to lemma: regular -er forms plus the irregular ones listed."""
    forms: dict[str, str] = {}
    for lemma, _verb, extra in _reporting_rows():
        if lemma.endswith("er"):
            forms.update((lemma[:-2] + ending, lemma) for ending in _ER_ENDINGS)
        forms.update((form, lemma) for form in extra)
    return forms


@cache
def _reporting_rows() -> tuple[tuple[str, ReportingVerb, tuple[str, ...]], ...]:
    rows = []
    for line in _read("reporting_verbs.tsv").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("lemma\t"):
            continue
        entry, hint, *rest = line.split("\t")
        words = entry.split()
        reflexive = words[0] in ("se", "s'")
        if reflexive:
            words = words[1:]
        elif words[0].startswith("s'"):
            reflexive, words = True, [words[0][2:], *words[1:]]
        forms = tuple(f for f in (rest[0].split(",") if rest else []) if f)
        condition = rest[1].strip() or None if len(rest) > 1 else None
        verb = ReportingVerb(
            words[0], tuple(words[1:]), reflexive, None if hint == "-" else hint, condition
        )
        rows.append((words[0], verb, forms))
    return tuple(rows)


@dataclass(frozen=True, slots=True)
class GoverningVerb:
    """A verb that passes its subject to a reporting infinitive (`governing_verbs.tsv`): the words
    that may link them ("de" in « continue de dénoncer »; none in « alla demander »), and the only
    forms that govern when some tenses do not (empty: all do)."""

    lemma: str
    links: frozenset[str]
    only_forms: frozenset[str]


@cache
def governing_verbs() -> dict[str, GoverningVerb]:
    """Governing verbs by lemma."""
    table: dict[str, GoverningVerb] = {}
    for line in _read("governing_verbs.tsv").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("lemma\t"):
            continue
        lemma, links, *rest = line.split("\t")
        table[lemma] = GoverningVerb(
            lemma,
            frozenset() if links == "-" else frozenset(links.split(",")),
            frozenset(f for f in (rest[0].split(",") if rest else []) if f),
        )
    return table


@dataclass(frozen=True, slots=True)
class AccordingToCue:
    words: tuple[str, ...]
    sentence_initial: bool
    relay: bool


@cache
def according_to_cues() -> tuple[AccordingToCue, ...]:
    """`selon`, `d'après`, `de source` ...: token sequences, longest first."""
    cues = []
    for line in _read("according_to.txt").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        phrase, *flags = line.split("\t")
        words = phrase.split()
        initial = words[0] == "^"
        cues.append(
            AccordingToCue(tuple(words[1:] if initial else words), initial, "relay" in flags)
        )
    return tuple(sorted(cues, key=lambda c: -len(c.words)))


@cache
def according_to_by_first_word() -> dict[str, list[AccordingToCue]]:
    """The according-to cues indexed by their first word, longest first within each."""
    table: dict[str, list[AccordingToCue]] = {}
    for cue in according_to_cues():
        table.setdefault(cue.words[0], []).append(cue)
    return table


def source_kinds() -> dict[str, Any]:
    """Nouns by source kind, countries, capitals, demonyms, honorifics (`source_kinds.json`)."""
    return _json("source_kinds.json")


@cache
def kind_of_noun() -> dict[str, str]:
    """Head noun (lowercase) to source kind; a noun listed under several kinds keeps the first."""
    table: dict[str, str] = {}
    for kind, nouns in source_kinds()["nouns"].items():
        for noun in nouns:
            table.setdefault(noun, kind)
    return table


def incise_skip() -> dict[str, Any]:
    """Words and phrases between a reporting verb and its postposed subject."""
    return _json("incise_skip.json")


def claim_cues() -> dict[str, Any]:
    """Cue words for claim types and verifiability (`claim_cues.json`)."""
    return _json("claim_cues.json")


@cache
def subjective_adjectives() -> frozenset[str]:
    """Adjective forms (lowercase) whose subjectivity in Pattern's French lexicon
    (`subjective_adjectives.tsv`, PDDL) reaches `subjectivity_threshold` of `claim_cues.json`."""
    threshold = float(claim_cues()["subjectivity_threshold"])
    words = set()
    for line in _read("subjective_adjectives.tsv").splitlines():
        if line and not line.startswith("#"):
            form, _polarity, subjectivity = line.split("\t")
            if float(subjectivity) >= threshold:
                words.add(form)
    return frozenset(words)


@cache
def rule_priors() -> dict[str, float]:
    """The confidence prior of every rule that decides a claim type (`rule_priors.json`)."""
    return dict(_json("rule_priors.json")["priors"])


@cache
def cue_set(name: str) -> frozenset[str]:
    """One list of `claim_cues.json` as a set."""
    return frozenset(claim_cues()[name])
