"""Attribution: who a sentence's content is attributed to (mention, cue, mode, kind, name).

Two families of cues: reporting verbs (by lemma, or by form where the small model mis-tags them) with
their subject found before the verb, after it (`", a déclaré le ministre"`) or as an inversion clitic
(`a-t-il ajouté`); and `selon` / `d'après` / `de source` phrases. Quotes decide the mode.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from claimwire.annotate.coref import Discourse
from claimwire.annotate.grammar import (
    INVERSION_PRONOUNS,
    SUBJECT_PRONOUNS,
    is_conditional,
    is_present_participle,
    is_punct,
    norm,
    original_text,
    tokens_text,
    words_at,
)
from claimwire.annotate.lexicon import ReportingVerb, according_to_cues
from claimwire.annotate.mentions import Names, Referent, describe
from claimwire.annotate.quotes import Quotes
from claimwire.annotate.reporting import (
    cue_group,
    ends_content,
    incise_content,
    noun_phrase,
    np_leftwards,
    postposed_subject,
    preposed_subject,
    previous,
    reporting_verb,
)
from claimwire.records import Source

# Pronouns that can be a source: subjects, and the stressed forms after "selon" ("selon lui").
_PERSONAL = SUBJECT_PRONOUNS | {"lui", "elle", "eux", "elles"}
# What may follow "selon" without being a source: a relative pronoun or a conjunction.
_NOT_A_SOURCE = frozenset({"lequel", "laquelle", "lesquels", "lesquelles", "que", "qu'", "qui"})
# Words that make the clause holding a cue subordinate ("S'il a affirmé ...", "ce que Téhéran dément").
_SUBORDINATORS = frozenset(
    {"si", "s'", "que", "qu'", "quand", "lorsque", "comme", "puisque", "qui"}
)


@dataclass(slots=True)
class Attribution:
    """One source of a sentence, with what the other layers need to know about it."""

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


class AttributionFinder:
    """Finds the attributions of each sentence of one document, in reading order."""

    def __init__(self, quotes: Quotes, names: Names) -> None:
        self.quotes = quotes
        self.names = names
        self.discourse = Discourse(names)

    def find(self, sent: Span) -> list[Attribution]:
        found = self._according_to(sent) + self._reporting_verbs(sent)
        if not found:
            found = self._colon_quote(sent)
        found.sort(key=lambda a: (a.relay, a.cue.start if a.cue is not None else 0))
        unique: list[Attribution] = []
        for attribution in found:
            if all(a.span != attribution.span for a in unique):
                unique.append(attribution)
        self.discourse.record(sent, [a.referent for a in unique])
        return unique

    # -- selon X, d'après X, de source X ---------------------------------------------------------

    def _according_to(self, sent: Span) -> list[Attribution]:
        doc, found = sent.doc, []
        firsts = {cue.words[0] for cue in according_to_cues()}
        for i in range(sent.start, sent.end):
            if norm(doc[i]) not in firsts:
                continue
            for cue in according_to_cues():
                if cue.sentence_initial and i != sent.start:
                    continue
                if not words_at(doc, i, cue.words):
                    continue
                after = i + len(cue.words)
                # "de source diplomatique": the mention is the noun of the cue and what follows.
                start = after - 1 if norm(doc[after - 1]).startswith("source") else after
                mention = noun_phrase(sent, start)
                if not mention or norm(mention[0]) in _NOT_A_SOURCE:
                    continue  # "selon lequel", "selon que"
                if cue.sentence_initial and not self._is_source_like(sent, mention):
                    continue
                end = mention[-1].i + 1
                content = [t for t in sent if not (i <= t.i < end)]
                found.append(
                    self._attribution(mention, doc[i:after], "according_to", content, cue.relay)
                )
                break
        return found

    def _is_source_like(self, sent: Span, mention: list[Token]) -> bool:
        """A sentence-initial "Pour X," attributes only if X names a source and a comma follows."""
        end = mention[-1].i + 1
        if end >= sent.end or sent.doc[end].text != ",":
            return False
        return describe(mention, self.names).kind != "other"

    # -- X est catégorique : "..." ----------------------------------------------------------------

    def _colon_quote(self, sent: Span) -> list[Attribution]:
        """Speech introduced by a colon without a reporting verb: `Marco Rubio est catégorique:
        elles devront "inclure ..."`; the source is the subject before the colon, the cue null."""
        doc = sent.doc
        colon = next((t for t in sent if t.text == ":"), None)
        if colon is None:
            return []
        content = list(doc[colon.i + 1 : sent.end])
        if not any(self.quotes.around(t.idx) for t in content if not is_punct(t)):
            return []
        subject = next(
            (
                t
                for t in doc[sent.start : colon.i]
                if t.dep_.startswith("nsubj") and t.pos_ in ("NOUN", "PROPN") and t.head.i < colon.i
            ),
            None,
        )
        if subject is None:
            return []
        start = subject.i
        while start - 1 > sent.start and doc[start - 1].pos_ in ("DET", "ADJ"):
            start -= 1
        if start - 2 > sent.start and doc[start - 1].text == ",":
            # The parser may take the apposition for the subject: "le chef ..., Marco Rubio, est".
            left = np_leftwards(sent, start - 2)
            if doc[left].pos_ == "DET" and doc[left - 1].text == ",":
                start = left
        mention = noun_phrase(sent, start)
        if not mention or describe(mention, self.names).kind == "other":
            return []
        return [self._attribution(mention, None, None, content, False)]

    # -- reporting verbs -------------------------------------------------------------------------

    def _reporting_verbs(self, sent: Span) -> list[Attribution]:
        found: list[Attribution] = []
        for token in sent:
            verb = reporting_verb(token)
            if verb is None:
                continue
            attribution = self._verb_attribution(sent, token, verb, bool(found))
            if attribution is not None:
                found.append(attribution)
        return found

    def _verb_attribution(
        self, sent: Span, token: Token, verb: ReportingVerb, has_source: bool
    ) -> Attribution | None:
        group = cue_group(sent, token, verb)
        if group is None:
            return None
        start, end = group
        doc = sent.doc
        cue = doc[start:end]
        participle = is_present_participle(token)
        if participle and has_source:
            return None  # "..., soulignant que": same speaker as the main verb
        pronoun = next((t for t in cue if norm(t) in INVERSION_PRONOUNS), None)
        before = previous(sent, start)
        incise = pronoun is not None or (before is not None and ends_content(before))
        if pronoun is not None:
            mention = [pronoun]
        elif incise and (after := postposed_subject(sent, end)):
            mention = after
        else:
            incise = False
            mention = preposed_subject(sent, token, start)
        if not mention:
            return None
        content = incise_content(sent, start, end, mention) if incise else list(doc[end : sent.end])
        attribution = self._attribution(mention, cue, None, content, False)
        first = previous(sent, mention[0].i) if not incise else None
        relative = before is not None and norm(before) == "qui"
        attribution.subordinate = (
            participle or relative or (first is not None and norm(first) in _SUBORDINATORS)
        )
        attribution.hint = verb.hint
        attribution.conditional_cue = any(is_conditional(t) for t in cue)
        attribution.past_cue = any(t.lemma_ in ("avoir", "être") for t in cue) or any(
            "Past" in t.morph.get("Tense", []) or "Imp" in t.morph.get("Tense", []) for t in cue
        )
        if incise and content and content[-1].i < start:
            attribution.quote = self._quote_before(sent, start)
        elif not incise:
            attribution.quote = self._quote_after(sent, end)
        return attribution

    def _attribution(
        self,
        mention: list[Token],
        cue: Span | None,
        mode: str | None,
        content: list[Token],
        relay: bool,
    ) -> Attribution:
        if len(mention) == 1 and norm(mention[0]).lstrip("-") == "on":
            referent = Referent("anonymous", None)  # "on indique que": nobody in particular
        elif len(mention) == 1 and norm(mention[0]).lstrip("-") in _PERSONAL:
            referent = self.discourse.resolve(mention[0]) or Referent("person", None)
        else:
            referent = describe(mention, self.names)
        mode = mode or self.mode_of(content)
        return Attribution(mention, cue, mode, content, referent, relay=relay)

    def mode_of(self, content: list[Token]) -> str:
        """direct if every word of the content is quoted, mixed if some are, else indirect."""
        words = [t for t in content if not is_punct(t)]
        quoted = [self.quotes.around(t.idx) is not None for t in words]
        if words and all(quoted):
            return "direct"
        return "mixed" if any(quoted) else "indirect"

    def _quote_before(self, sent: Span, start: int) -> tuple[int, int] | None:
        """The quotation closing just before an incise (`"...", a-t-il ajouté`)."""
        i = start - 1
        while i >= sent.start and (sent.doc[i].text == "," or sent.doc[i].is_space):
            i -= 1
        return self.quotes.ending_at(sent.doc[i].idx) if i >= sent.start else None

    def _quote_after(self, sent: Span, end: int) -> tuple[int, int] | None:
        """The quotation opening just after a cue and a colon (`a déclaré : "..."`)."""
        i = end
        while i < sent.end and (sent.doc[i].text == ":" or sent.doc[i].is_space):
            i += 1
        return self.quotes.starting_at(sent.doc[i].idx) if i < sent.end else None
