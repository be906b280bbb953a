"""Attribution: who a sentence's content is attributed to (mention, cue, mode, kind, name).

Two families of cues: reporting verbs (by lemma, or by form where the small model mis-tags them) with
their subject found before the verb, after it (`", a déclaré le ministre"`) or as an inversion clitic
(`a-t-il ajouté`); and `selon` / `d'après` / `de source` phrases. Quotes decide the mode.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from claimwire.annotate.coref import Discourse
from claimwire.annotate.grammar import (
    FIRST_SECOND,
    INVERSION_PRONOUNS,
    OF,
    QUOTE_MARKS,
    SUBJECT_PRONOUNS,
    clause_initial,
    is_conditional,
    is_finite,
    is_past_participle,
    is_present_participle,
    is_punct,
    norm,
    words_at,
)
from claimwire.annotate.institutions import noun_kind
from claimwire.annotate.lexicon import (
    ReportingVerb,
    according_to_by_first_word,
    source_kinds,
)
from claimwire.annotate.mentions import UNLISTED, Names, Referent, describe, honorifics
from claimwire.annotate.quotes import Quotes
from claimwire.annotate.reporting import (
    agent_phrase,
    cue_group,
    ends_content,
    governing_verb,
    incise_content,
    noun_phrase,
    np_leftwards,
    postposed_subject,
    preposed_subject,
    previous,
    reporting_verb,
)
from claimwire.annotate.types import Attribution

# Pronouns that can be a source: subjects, and the stressed forms after "selon" ("selon lui").
_STRESSED = frozenset({"lui", "elle", "eux", "elles"})
_PERSONAL = SUBJECT_PRONOUNS | _STRESSED
# What may follow "selon" without being a source: a relative pronoun or a conjunction.
_NOT_A_SOURCE = frozenset({"lequel", "laquelle", "lesquels", "lesquelles", "que", "qu'", "qui"})
# Demonstrative pronouns are never listed as a source (`UNLISTED`): "d'après ce que nous avons
# compris" (the writer), "cela montre que" (an argument, not a report).
_DEMONSTRATIVES = frozenset({"ce", "c'", "cela", "ceci", "ça"})
# Determiners that open a second coordinated speaker ("M. X et le maire"); not "des", "du", which
# open a complement ("le ministère de l'Economie et des Finances").
_SPEAKER_DETERMINERS = frozenset(
    {"le", "la", "les", "l'", "un", "une", "son", "sa", "ses", "leur", "leurs"}
)
# Words that make the clause holding a cue subordinate ("S'il a affirmé ...", "ce que Téhéran dément").
_SUBORDINATORS = frozenset(
    {"si", "s'", "que", "qu'", "quand", "lorsque", "comme", "puisque", "qui"}
)


class AttributionFinder:
    """Finds the attributions of each sentence of one document, in reading order."""

    def __init__(self, quotes: Quotes, names: Names) -> None:
        self.quotes = quotes
        self.names = names
        self.discourse = Discourse(names)

    def find(self, sent: Span, headline: bool = False) -> list[Attribution]:
        """The sentence's sources; none for a headline (`claims.is_headline`), which is checked
        through the body (guidelines section 4)."""
        if headline:
            self.discourse.record(sent, [])
            return []
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
        by_first = according_to_by_first_word()
        for i in range(sent.start, sent.end):
            cues = by_first.get(norm(doc[i]))
            if cues is None:
                continue
            for cue in cues:
                if cue.sentence_initial and not clause_initial(sent, i):
                    continue
                if not words_at(doc, i, cue.words):
                    continue
                after = i + len(cue.words)
                # "de source diplomatique": the mention is the noun of the cue and what follows.
                start = after - 1 if norm(doc[after - 1]).startswith("source") else after
                mention = noun_phrase(sent, start)
                if not mention or norm(mention[0]) in _NOT_A_SOURCE:
                    continue  # "selon lequel", "selon que"
                if mention[0].text in QUOTE_MARKS or _is_verb(mention[0]):
                    continue  # a title ("d'après « Les contes »"), a purpose ("Pour animer")
                if _speaker_inside(mention[0], self.quotes):
                    continue  # "selon moi, ...": the writer's own voice
                if cue.sentence_initial and not self._is_source_like(sent, mention):
                    continue
                end = mention[-1].i + 1
                content = [t for t in sent if not (i <= t.i < end)]
                # A relay's mode is that of its own cue: "cité par" reports (guidelines section 4).
                mode = "indirect" if cue.relay else "according_to"
                attribution = self._attribution(mention, doc[i:after], mode, content, cue.relay)
                if not (cue.sentence_initial or cue.relay or _detached(sent, i)) and not (
                    _names_a_source(mention)
                ):
                    # "diffère selon les facultés": "depending on", not "according to"; the claim
                    # model, trained on such readings, still sees it, but no source is listed.
                    attribution = replace(attribution, referent=Referent(UNLISTED, None))
                found.append(attribution)
                break
        return found

    def _is_source_like(self, sent: Span, mention: list[Token]) -> bool:
        """A sentence-initial "Pour X," attributes only if X names a source and a comma follows."""
        end = mention[-1].i + 1
        if end >= sent.end or sent.doc[end].text != ",":
            return False
        if len(mention) == 1 and norm(mention[0]) in _STRESSED:
            return True  # "Pour lui, le projet est une erreur"
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
        if subject is None or not _can_speak(subject):
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
            attribution = self._verb_attribution(
                sent, token, verb, bool(found)
            ) or self._passive_agent(sent, token, verb)
            if attribution is not None:
                found.extend(self._each_speaker(attribution))
        return found

    def _passive_agent(self, sent: Span, token: Token, verb: ReportingVerb) -> Attribution | None:
        """The agent of a passive reporting verb is its speaker: « il a été mis en cause par le
        rapport », « ils sont accusés par l'opposition » (guidelines section 4: the agent of the
        reporting verb). The cue runs from the auxiliaries to "par", as annotators write it."""
        if verb.reflexive or verb.hint is None or not is_past_participle(token):
            # Only verbs that take a stance ("accusé", "mis en cause", "revendiqué"): the passive of
            # a neutral verb is mostly an event ("des missiles lancés par un F-16").
            return None
        doc = sent.doc
        by = token.i + 1 + len(verb.particles)
        if not words_at(doc, token.i + 1, verb.particles):
            return None
        while by < sent.end and doc[by].pos_ == "ADV":
            by += 1  # "promises depuis longtemps par", "mis en cause notamment par"
        if by + 1 >= sent.end or norm(doc[by]) != "par":
            return None
        if any(
            words_at(doc, token.i, cue.words)
            for cue in according_to_by_first_word().get(norm(token), [])
        ):
            return None  # "cité par", "rapporté par": a relay, found with the "selon" cues
        mention = agent_phrase(sent, by)
        # "par écrit", "par communiqué", "par voie de presse": a bare noun is the means, not an agent.
        if not mention or not _opens_agent(mention[0]):
            return None
        start = token.i
        while start - 1 >= sent.start and (
            (doc[start - 1].lemma_ in ("avoir", "être") and doc[start - 1].pos_ in ("AUX", "VERB"))
            or (doc[start - 1].pos_ == "ADV" and norm(doc[start - 1]) not in ("pas", "jamais"))
        ):
            start -= 1
        if not any(t.lemma_ == "être" for t in doc[start : token.i]):
            # Without "être" the participle qualifies a noun ("les obligations prévues par la loi",
            # "le point évoqué par l'ambassadeur"): a description, not the report of an act.
            return None
        if any(norm(t) in ("ne", "n'", "pas") for t in doc[max(sent.start, start - 2) : by]):
            return None  # "n'a pas été démenti par": nothing is attributed
        cue = doc[start : by + 1]
        end = mention[-1].i + 1
        content = [t for t in sent if not (start <= t.i < end)]
        attribution = self._attribution(mention, cue, None, content, False)
        if attribution.referent.kind in ("other", UNLISTED):
            return None  # "accusé par les faits": a thing, not a speaker
        return replace(attribution, hint=verb.hint, past_cue=True)

    def _each_speaker(self, attribution: Attribution) -> list[Attribution]:
        """ "M. Christian Langlois et M. Patrice Lanini soulignent": each coordinated speaker is a
        source with the shared cue (guidelines section 4, several sources), when the verb agrees
        in the plural; "le ministère de l'Economie et des Finances a indiqué" stays one."""
        cue = attribution.cue
        if cue is None or not any("Plur" in t.morph.get("Number", []) for t in cue):
            return [attribution]
        parts = _conjuncts(attribution.mention)
        if len(parts) == 1:
            return [attribution]
        return [
            replace(
                attribution,
                mention=part,
                referent=self._attribution(part, cue, attribution.mode, [], False).referent,
            )
            for part in parts
        ]

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
        incise = pronoun is not None or (
            before is not None and ends_content(before) and _content_before(sent, before)
        )
        if pronoun is not None:
            mention = [pronoun]
        elif incise and (after := postposed_subject(sent, end)):
            mention = after
        else:
            incise = False
            # An infinitive report takes the subject of its governing verb ("continue d'accuser").
            mention = preposed_subject(sent, governing_verb(token) or token, start)
        if not mention:
            return None
        if (
            verb.condition == "clause"
            and not incise
            and not self._reports_clause(sent, end)
            and not _content_as_clitic(cue)
        ):
            return None  # "il a assuré la présidence": not a report
        if verb.condition == "about" and not _about(sent, end):
            return None  # "il parlait 13 langues": not a report
        if len(mention) == 1 and _speaker_inside(mention[0], self.quotes):
            return None  # "« J'espère que ... »": the quoted speaker's words, not a report
        content = incise_content(sent, start, end, mention) if incise else list(doc[end : sent.end])
        attribution = self._attribution(mention, cue, None, content, False)
        if verb.condition == "agency" and attribution.referent.kind != "agency":
            return None  # "apprendre" reports only for the paper ("nous apprenons")
        if not incise and attribution.referent.kind == "other" and _common_noun(mention):
            return None  # "les discussions avancent": a thing, not a speaker
        mode = attribution.mode
        if not incise and mode == "direct" and not _after_colon(sent, end):
            mode = "mixed"  # a quotation built into the clause: "a appelé « ... »"
        first = previous(sent, mention[0].i) if not incise else None
        relative = before is not None and norm(before) == "qui"
        quote = None
        if incise and content and content[-1].i < start:
            quote = self._quote_before(sent, start)
        elif not incise:
            quote = self._quote_after(sent, end)
        attribution = replace(
            attribution,
            mode=mode,
            subordinate=(
                participle or relative or (first is not None and norm(first) in _SUBORDINATORS)
            ),
            hint=verb.hint,
            conditional_cue=any(is_conditional(t) for t in cue),
            past_cue=any(t.lemma_ in ("avoir", "être") for t in cue)
            or any(
                "Past" in t.morph.get("Tense", []) or "Imp" in t.morph.get("Tense", []) for t in cue
            ),
            quote=quote,
        )
        return attribution

    def _attribution(
        self,
        mention: list[Token],
        cue: Span | None,
        mode: str | None,
        content: list[Token],
        relay: bool,
    ) -> Attribution:
        word = norm(mention[0]).lstrip("-") if len(mention) == 1 else None
        if word == "on":
            referent = Referent("anonymous", None)  # "on indique que": nobody in particular
        elif word == "nous" and self.quotes.around(mention[0].idx) is None:
            # "Nous apprenons": the paper (hard case 11); "Nous estimons que ...": the writer's
            # own voice, read for the claim type but listed as no source.
            learns = cue is not None and any(t.lemma_ == "apprendre" for t in cue)
            referent = Referent("agency" if learns else UNLISTED, None)
        elif _demonstrative(mention):
            referent = Referent(UNLISTED, None)  # "Cela montre que": an argument, not a report
        elif word in _PERSONAL and (dislocated := _dislocated(mention[0])):
            referent = describe(dislocated, self.names)  # "Quant au sous-préfet, il ..."
        elif word in _PERSONAL:
            referent = self.discourse.resolve(mention[0], mention[0].sent) or Referent(
                "person", None
            )
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

    def _reports_clause(self, sent: Span, end: int) -> bool:
        """A cue followed by a colon, an opening quotation mark, or "que" before any other finite
        verb ("assure que non", "a répondu au ministre que ...")."""
        doc = sent.doc
        i = end
        while i < sent.end and doc[i].is_space:
            i += 1
        if i < sent.end and (doc[i].text == ":" or self.quotes.starting_at(doc[i].idx)):
            return True
        for token in doc[i : sent.end]:
            if norm(token) in ("que", "qu'") or token.text == ":":
                return True
            if is_finite(token):
                return False
        return False

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


def _conjuncts(mention: list[Token]) -> list[list[Token]]:
    """The speakers of a mention coordinated by "et" or "ainsi que" outside parentheses, when each
    after the first opens like a speaker: a determiner, a civil title or a person's name."""
    depth = 0
    for k, token in enumerate(mention):
        depth += (token.text == "(") - (token.text == ")")
        word = norm(token)
        if depth or k == 0:
            continue
        if word == "et":
            width = 1
        elif word == "ainsi" and k + 1 < len(mention) and norm(mention[k + 1]) == "que":
            width = 2
        else:
            continue
        rest = mention[k + width :]
        first = [t for t in mention[:k] if not is_punct(t) or t.text == ")"]
        if rest and first and _opens_speaker(rest[0]):
            return [first, *_conjuncts(rest)]
    return [mention]


def _opens_speaker(token: Token) -> bool:
    if norm(token) in _SPEAKER_DETERMINERS or token.text in honorifics():
        return True
    return token.pos_ == "PROPN" and token.ent_type_ == "PER"


def _opens_agent(token: Token) -> bool:
    """A word that can open the agent after "par": a determiner (demonstratives too: "par ce
    rapport"), a title, a name or a stressed pronoun ("par lui")."""
    word = norm(token)
    if word in _SPEAKER_DETERMINERS or word in _STRESSED or word in ("ce", "cet", "cette", "ces"):
        return True
    return token.text in honorifics() or token.pos_ == "PROPN"


def _speaker_inside(pronoun: Token, quotes: Quotes) -> bool:
    """A first or second person inside a quotation, or "je", "tu", "vous" anywhere: a dispatch
    speaks of the paper only as "nous" (hard case 11)."""
    word = norm(pronoun)
    if word not in FIRST_SECOND:
        return False
    return word != "nous" or quotes.around(pronoun.idx) is not None


def _content_as_clitic(cue: Span) -> bool:
    """ "comme le capitaine l'avait écrit": the clitic before the verb stands for the content."""
    return norm(cue[0]) in ("l'", "le")


def _demonstrative(mention: list[Token]) -> bool:
    return len(mention) == 1 and norm(mention[0]) in _DEMONSTRATIVES


def _detached(sent: Span, i: int) -> bool:
    """An attribution stands apart from the clause: "..., selon la direction." or "Selon X, ...";
    "selon" inside the clause ("varient selon les saisons") mostly means "depending on"."""
    return clause_initial(sent, i) or sent.doc[i - 1].text in (",", "(", "-", "–", "—")


def _names_a_source(mention: list[Token]) -> bool:
    """Whether the phrase after "selon" / "d'après" names who says something: a pronoun, a name,
    a known source noun ("le ministère", "un rapport"), or the paper ("nos informations"). Inside
    the clause, anything else makes "selon" mean "depending on" ("selon des modalités inédites")."""
    titles = honorifics()
    head = next(
        (
            t
            for t in mention
            if t.pos_ not in ("DET", "ADJ", "NUM", "PUNCT") and t.text not in titles
        ),
        None,
    )
    if head is None:
        return False
    if norm(head) in _PERSONAL or head.ent_type_ in ("PER", "ORG") or _can_speak(head):
        return True
    if head.pos_ == "PROPN" or head.text in source_kinds()["countries"]:
        return True
    return norm(mention[0]) in ("nos", "notre")  # "selon nos informations": the paper


def _is_verb(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") or "Inf" in token.morph.get("VerbForm", [])


def _can_speak(token: Token) -> bool:
    """Whether a noun can head a source mention: a known source noun, a person or a body."""
    if token.ent_type_ in ("PER", "ORG") or token.text in source_kinds()["capitals"]:
        return True
    return token.pos_ == "NOUN" and noun_kind(token) is not None


def _content_before(sent: Span, comma: Token) -> bool:
    """A comma before the cue ends reported content only if a clause or a quotation precedes it;
    else it closes an apposition of the subject ("Le procureur, Antoine Ferrand, a annoncé")."""
    if comma.text != ",":
        return True
    return any(is_finite(t) or t.text in QUOTE_MARKS for t in sent.doc[sent.start : comma.i])


def _about(sent: Span, end: int) -> bool:
    """A "de" complement after the cue: "a parlé d'une « réalisation apte ... »"."""
    i = end
    while i < sent.end and (sent.doc[i].is_space or sent.doc[i].pos_ == "ADV"):
        i += 1
    return i < sent.end and norm(sent.doc[i]) in OF


def _after_colon(sent: Span, end: int) -> bool:
    """Whether a colon follows the cue (`a déclaré : « ... »`), making the quotation direct."""
    doc = sent.doc
    i = end
    while i < sent.end and (doc[i].is_space or doc[i].pos_ == "ADV" or doc[i].like_num):
        i += 1
    return i < sent.end and doc[i].text == ":"


def _dislocated(pronoun: Token) -> list[Token] | None:
    """ "Quant au sous-préfet, il apprécie ...": the subject pronoun takes up the topic."""
    sent = pronoun.sent
    doc = pronoun.doc
    start = sent.start
    if not (words_at(doc, start, ("quant",)) and pronoun.i > start + 2):
        return None
    if doc[pronoun.i - 1].text != ",":
        return None
    first = start + 2 if norm(doc[start + 1]) in ("à", "au", "aux") else None
    if first is None:
        return None
    mention = [t for t in doc[first : pronoun.i - 1] if not t.is_space]
    return mention or None


def _common_noun(mention: list[Token]) -> bool:
    """A mention headed by a common noun, with no named entity in it."""
    return not any(t.ent_type_ for t in mention) and any(t.pos_ == "NOUN" for t in mention)
