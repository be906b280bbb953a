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
    CLAUSE_OPENERS,
    DETERMINERS,
    INVERSION_PRONOUNS,
    NEGATION,
    PREPOSITIONS,
    QUOTE_MARKS,
    REFLEXIVE,
    SUBJECT_PRONOUNS,
    is_conditional,
    is_finite,
    is_past_participle,
    is_present_participle,
    is_punct,
    looks_appositive,
    norm,
    np_end,
    original_text,
    tokens_text,
    words_at,
)
from claimwire.annotate.lexicon import (
    ReportingVerb,
    according_to_cues,
    incise_skip,
    reporting_forms,
    reporting_verbs,
)
from claimwire.annotate.mentions import Names, Referent, describe, honorifics
from claimwire.annotate.quotes import Quotes
from claimwire.records import Source

# Pronouns that can be a source: subjects, and the stressed forms after "selon" ("selon lui").
_PERSONAL = SUBJECT_PRONOUNS | {"lui", "elle", "eux", "elles"}
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
                mention = self._noun_phrase(sent, start)
                if not mention or (
                    cue.sentence_initial and not self._is_source_like(sent, mention)
                ):
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
            left = _np_leftwards(sent, start - 2)
            if doc[left].pos_ == "DET" and doc[left - 1].text == ",":
                start = left
        mention = self._noun_phrase(sent, start)
        if not mention or describe(mention, self.names).kind == "other":
            return []
        return [self._attribution(mention, None, None, content, False)]

    # -- reporting verbs -------------------------------------------------------------------------

    def _reporting_verbs(self, sent: Span) -> list[Attribution]:
        found: list[Attribution] = []
        for token in sent:
            verb = _reporting_verb(token)
            if verb is None:
                continue
            attribution = self._verb_attribution(sent, token, verb, bool(found))
            if attribution is not None:
                found.append(attribution)
        return found

    def _verb_attribution(
        self, sent: Span, token: Token, verb: ReportingVerb, has_source: bool
    ) -> Attribution | None:
        group = _cue_group(sent, token, verb)
        if group is None:
            return None
        start, end = group
        doc = sent.doc
        cue = doc[start:end]
        participle = is_present_participle(token)
        if participle and has_source:
            return None  # "..., soulignant que": same speaker as the main verb
        pronoun = next((t for t in cue if norm(t) in INVERSION_PRONOUNS), None)
        before = _previous(sent, start)
        incise = pronoun is not None or (before is not None and _ends_content(before))
        if pronoun is not None:
            mention = [pronoun]
        elif incise and (after := self._postposed_subject(sent, end)):
            mention = after
        else:
            incise = False
            mention = _preposed_subject(sent, token, start)
        if not mention:
            return None
        content = (
            _incise_content(sent, start, end, mention) if incise else list(doc[end : sent.end])
        )
        attribution = self._attribution(mention, cue, None, content, False)
        first = _previous(sent, mention[0].i) if not incise else None
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

    def _postposed_subject(self, sent: Span, end: int) -> list[Token]:
        """Subject after an incise verb: `a rappelé jeudi soir sa porte-parole, Karoline Leavitt`."""
        doc, skip = sent.doc, incise_skip()
        phrases = [tuple(p.split()) for p in skip["phrases"]]
        i = end
        while i < sent.end:
            phrase = next((p for p in phrases if words_at(doc, i, p)), None)
            if phrase is None and norm(doc[i]) not in skip["words"]:
                break
            i += len(phrase) if phrase else 1
        if i >= sent.end or norm(doc[i]) in CLAUSE_OPENERS:
            return []
        first = doc[i]
        if first.pos_ not in ("DET", "NOUN", "PROPN", "X") and first.text not in honorifics():
            return []
        return self._noun_phrase(sent, i)

    def _noun_phrase(self, sent: Span, start: int) -> list[Token]:
        """Noun phrase at `start` with its appositions ("le porte-parole de l'armée, le général X")."""
        if start >= sent.end:
            return []
        doc, titles = sent.doc, honorifics()
        end = np_end(sent, start)
        while (
            end + 1 < sent.end and doc[end].text == "," and looks_appositive(sent, end + 1, titles)
        ):
            end = np_end(sent, end + 1)
        return [t for t in doc[start:end] if not t.is_space]

    def _attribution(
        self,
        mention: list[Token],
        cue: Span | None,
        mode: str | None,
        content: list[Token],
        relay: bool,
    ) -> Attribution:
        if len(mention) == 1 and norm(mention[0]).lstrip("-") in _PERSONAL:
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
        while i >= sent.start and sent.doc[i].text in (",", " "):
            i -= 1
        return self.quotes.ending_at(sent.doc[i].idx) if i >= sent.start else None

    def _quote_after(self, sent: Span, end: int) -> tuple[int, int] | None:
        """The quotation opening just after a cue and a colon (`a déclaré : "..."`)."""
        i = end
        while i < sent.end and sent.doc[i].text in (":", " "):
            i += 1
        return self.quotes.starting_at(sent.doc[i].idx) if i < sent.end else None


def _reporting_verb(token: Token) -> ReportingVerb | None:
    """The lexicon entry of a finite or participle reporting verb, particles checked."""
    form, lemma = norm(token), token.lemma_.lower()
    if token.pos_ in ("VERB", "AUX") and lemma in reporting_verbs():
        entries = reporting_verbs()[lemma]
    elif form in reporting_forms() and token.pos_ not in ("PROPN", "DET", "PRON"):
        lemma = reporting_forms()[form]
        entries = reporting_verbs()[lemma]
    else:
        return None
    if "Inf" in token.morph.get("VerbForm", []) or form == lemma:
        return None
    if token.i > 0:
        before = norm(token.nbor(-1))
        # A determiner or preposition makes the form a noun ("l'annonce", "la menace"); "en" before
        # a present participle is the gerund ("en affirmant").
        if before in DETERMINERS or (before in PREPOSITIONS and not form.endswith("ant")):
            return None
    doc = token.doc
    for verb in sorted(entries, key=lambda v: (-len(v.particles), not v.reflexive)):
        if not verb.particles or words_at(doc, token.i + 1, verb.particles):
            return verb
    return None


def _cue_group(sent: Span, token: Token, verb: ReportingVerb) -> tuple[int, int] | None:
    """Token range of the cue as written: auxiliaries, negation, reflexive and inversion clitics,
    the verb and its particles (`s'est-il félicité`, `a mis en avant`), or None for a passive."""
    doc = sent.doc
    anchors, i = [], token.i - 1
    while i >= sent.start:
        word = norm(doc[i])
        is_aux = doc[i].lemma_ in ("avoir", "être") and doc[i].pos_ in ("AUX", "VERB")
        if (
            is_aux
            or word in INVERSION_PRONOUNS
            or word in REFLEXIVE
            or word in NEGATION
            or word == "-t"
        ):
            anchors.append(i)
        elif doc[i].pos_ != "ADV":
            break
        i -= 1
    start = min(anchors) if anchors else token.i
    end = token.i + 1 + len(verb.particles)
    while end < sent.end and (norm(doc[end]) == "-t" or norm(doc[end]) in INVERSION_PRONOUNS):
        end += 1
    before = doc[start : token.i]
    reflexive = any(norm(t) in REFLEXIVE for t in before)
    if verb.reflexive != reflexive and (verb.reflexive or any(t.lemma_ == "être" for t in before)):
        return None  # a reflexive verb without "se", or a passive ("est accusé")
    if is_past_participle(token) and not any(t.lemma_ in ("avoir", "être") for t in before):
        return None  # an adjectival participle ("les propos rapportés")
    return start, end


def _previous(sent: Span, i: int) -> Token | None:
    j = i - 1
    while j >= sent.start and sent.doc[j].is_space:
        j -= 1
    return sent.doc[j] if j >= sent.start else None


def _ends_content(token: Token) -> bool:
    """A comma or closing quote before a verb marks an incise: the content came first."""
    return token.text == "," or token.text in QUOTE_MARKS


def _preposed_subject(sent: Span, verb: Token, start: int) -> list[Token]:
    """Subject before the cue: the parser's nsubj if it makes sense, else the noun phrase before."""
    doc = sent.doc
    for child in verb.children:
        if (
            child.dep_.startswith("nsubj")
            and sent.start <= child.i < start
            and norm(child) != "qui"
        ):
            left, right = max(child.left_edge.i, sent.start), min(child.right_edge.i + 1, start)
            tokens = list(doc[left:right])
            if not any(is_finite(t) or t.text in QUOTE_MARKS for t in tokens):
                return _trim(_cut_relative(tokens))
    end = start
    if end - 1 > sent.start and norm(doc[end - 1]) == "qui":
        # "M. Araghchi, qui a affirmé que ...": the antecedent of the relative pronoun.
        end -= 2 if doc[end - 2].text == "," else 1
        return _trim(list(doc[_np_leftwards(sent, end - 1) : end]))
    if end - 1 >= sent.start and doc[end - 1].text == ",":
        # "Le ministre omanais, Badr al-Busaidi, a déclaré": a head, a comma, an apposition.
        middle = _np_leftwards(sent, end - 2)
        if middle < end - 1 and middle - 1 > sent.start and doc[middle - 1].text == ",":
            return _trim(list(doc[_np_leftwards(sent, middle - 2) : end - 1]))
        return _trim(list(doc[middle : end - 1]))
    return _trim(list(doc[_np_leftwards(sent, end - 1) : end]))


def _np_leftwards(sent: Span, i: int) -> int:
    """Start of the noun phrase ending at `i`, scanning left over nominal tokens."""
    doc, titles = sent.doc, honorifics()
    while i >= sent.start:
        token, word = doc[i], norm(doc[i])
        nominal = token.pos_ in ("DET", "NOUN", "PROPN", "ADJ", "X", "NUM") or token.ent_type_
        if word in CLAUSE_OPENERS or (is_punct(token) and token.text != "-"):
            break
        glue = word in SUBJECT_PRONOUNS or word in ("de", "d'", "du", "des", "et", "-")
        if not (nominal or glue or token.text in titles):
            break
        i -= 1
    return i + 1


def _cut_relative(tokens: list[Token]) -> list[Token]:
    """Drop a relative clause from a subject: "M. X, qui ..." -> "M. X"."""
    for k, token in enumerate(tokens[:-1]):
        if token.text == "," and norm(tokens[k + 1]) in ("qui", "que", "qu'", "dont"):
            return tokens[:k]
    return tokens


def _trim(tokens: list[Token]) -> list[Token]:
    """No punctuation, and no preposition or conjunction, at either end of a mention."""
    while tokens and (is_punct(tokens[0]) or tokens[0].pos_ in ("ADP", "CCONJ", "SCONJ")):
        tokens = tokens[1:]
    while tokens and (is_punct(tokens[-1]) or tokens[-1].pos_ in ("ADP", "CCONJ")):
        tokens = tokens[:-1]
    has_noun = any(t.pos_ in ("NOUN", "PROPN", "X", "PRON") or t.ent_type_ for t in tokens)
    return tokens if has_noun else []


def _incise_content(sent: Span, start: int, end: int, mention: list[Token]) -> list[Token]:
    """Content around an incise: what precedes it, and what follows when the incise interrupts the
    clause ("L'Iran, a-t-il averti, a un accès ...")."""
    doc = sent.doc
    cut = start - 1 if start - 1 >= sent.start and doc[start - 1].text == "," else start
    before = list(doc[sent.start : cut])
    resume = max(end, mention[-1].i + 1)
    after: list[Token] = []
    if resume < sent.end and doc[resume].text == "," and not any(is_finite(t) for t in before):
        after = list(doc[resume + 1 : sent.end])
    return before + after
