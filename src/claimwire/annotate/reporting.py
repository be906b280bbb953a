"""Reporting verbs: recognising the cue as written, its subject and the content it reports.

The subject is found before the verb (the parser's nsubj, else the noun phrase to the left), after it
in an incise (`", a déclaré jeudi le porte-parole de l'armée, le général X"`), or is the inversion
clitic (`a-t-il ajouté`); appositions stay in the mention (guidelines hard case 7).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from claimwire.annotate.grammar import (
    CLAUSE_OPENERS,
    DETERMINERS,
    INVERSION_PRONOUNS,
    NEGATION,
    OBJECT_CLITICS,
    OBJECT_PRONOUNS,
    OF,
    PREPOSITIONS,
    QUOTE_MARKS,
    REFLEXIVE,
    STRESSED_PRONOUNS,
    SUBJECT_PRONOUNS,
    is_finite,
    is_past_participle,
    is_present_participle,
    is_punct,
    looks_appositive,
    norm,
    np_end,
    words_at,
)
from claimwire.annotate.lexicon import (
    ReportingVerb,
    governing_verbs,
    incise_skip,
    kind_of_noun,
    reporting_forms,
    reporting_verbs,
)
from claimwire.annotate.mentions import honorifics


def postposed_subject(sent: Span, end: int) -> list[Token]:
    """Subject after an incise verb: `a rappelé jeudi soir sa porte-parole, Karoline Leavitt`."""
    doc, skip = sent.doc, incise_skip()
    phrases = [tuple(p.split()) for p in skip["phrases"]]
    i = end
    while i < sent.end:
        phrase = next((p for p in phrases if words_at(doc, i, p)), None)
        if phrase is None and (place := _place_after(sent, i)):
            i += place  # "a indiqué à New York un porte-parole", "a déclaré à Reuters le ministre"
            continue
        if phrase is None and norm(doc[i]) not in skip["words"]:
            break
        i += len(phrase) if phrase else 1
    if i >= sent.end or norm(doc[i]) in CLAUSE_OPENERS:
        return []
    first = doc[i]
    nominal = first.pos_ in ("DET", "NOUN", "PROPN", "X") or first.ent_type_ in ("PER", "ORG")
    if not nominal and first.text not in honorifics():
        return []
    return noun_phrase(sent, i)


def _place_after(sent: Span, i: int) -> int:
    """Length of "à New York" / "en Suisse" (a preposition and proper nouns) at `i`, else 0."""
    doc = sent.doc
    if norm(doc[i]) not in ("à", "en"):
        return 0
    k = i + 1
    while k < sent.end and doc[k].pos_ == "PROPN":
        k += 1
    return k - i if k > i + 1 else 0


def noun_phrase(sent: Span, start: int) -> list[Token]:
    """Noun phrase at `start` with its appositions ("le porte-parole de l'armée, le général X")."""
    if start >= sent.end:
        return []
    doc, titles = sent.doc, honorifics()
    end = np_end(sent, start)
    while (
        end + 1 < sent.end
        and doc[end].text == ","
        and (looks_appositive(sent, end + 1, titles) or _affiliation(sent, end + 1))
    ):
        end = np_end(sent, end + 1)
    return [t for t in doc[start:end] if not t.is_space]


def _affiliation(sent: Span, start: int) -> bool:
    """ "l'économiste Clara Wen, de l'OFCE,": a named person's institution, set off by commas."""
    doc = sent.doc
    if norm(doc[start]) not in OF or doc[start - 2].pos_ != "PROPN":
        return False
    end = np_end(sent, start)
    named = any(t.pos_ == "PROPN" or t.ent_type_ in ("ORG", "MISC") for t in doc[start:end])
    return named and (end >= sent.end or is_punct(doc[end]))


def reporting_verb(token: Token) -> ReportingVerb | None:
    """The lexicon entry of a finite or participle reporting verb, particles checked."""
    form, lemma = norm(token), token.lemma_.lower()
    if token.pos_ in ("VERB", "AUX") and lemma in reporting_verbs():
        entries = reporting_verbs()[lemma]
    elif form in reporting_forms() and token.pos_ not in ("PROPN", "DET", "PRON"):
        lemma = reporting_forms()[form]
        entries = reporting_verbs()[lemma]
    else:
        return None
    governed = governing_verb(token) is not None
    if not governed and ("Inf" in token.morph.get("VerbForm", []) or form == lemma):
        return None
    if token.i > 0 and not governed:
        before = norm(token.nbor(-1))
        # A determiner or preposition makes the form a noun ("l'annonce", "la menace"); "en" before
        # a present participle is the gerund ("en affirmant").
        if before in DETERMINERS or (before in PREPOSITIONS and not form.endswith("ant")):
            return None
    doc = token.doc
    # "se dire" only with its clitic ("s'est dit prêt"), "dire" only without it ("a dit").
    reflexive = _reflexive_before(token)
    for verb in sorted(entries, key=lambda v: (-len(v.particles), v.reflexive != reflexive)):
        if not verb.particles or words_at(doc, token.i + 1, verb.particles):
            return verb
    return None


def governing_verb(token: Token) -> Token | None:
    """The verb a reporting infinitive depends on, which gives it its subject: « Washington
    continue d'accuser », « il alla demander », « comme devait conclure X » (`governing_verbs.tsv`)."""
    if token.i == 0 or not (
        "Inf" in token.morph.get("VerbForm", []) or norm(token).endswith(("er", "ir", "re"))
    ):
        return None
    doc, i = token.doc, token.i - 1
    link = norm(doc[i])
    if link in ("de", "d'", "à"):
        i -= 1
    else:
        link = "-"
    while i >= 0 and doc[i].pos_ == "ADV" and norm(doc[i]) not in NEGATION:
        i -= 1  # "a aussi tenu à rappeler"
    if i < 0 or doc[i].pos_ not in ("VERB", "AUX") or "Inf" in doc[i].morph.get("VerbForm", []):
        return None
    verb = governing_verbs().get(doc[i].lemma_.lower())
    if verb is None or (link in verb.links) == (link == "-"):
        return None  # no such verb, or not linked as it must be ("continue d'", "alla" bare)
    if verb.only_forms and norm(doc[i]) not in verb.only_forms:
        return None  # "il va demander": a plan; "il devra qualifier": an obligation
    return doc[i]


def _reflexive_before(token: Token) -> bool:
    """Whether "se"/"s'" precedes the verb within its group of auxiliaries and clitics."""
    doc, i = token.doc, token.i - 1
    while i >= 0:
        word = norm(doc[i])
        if word in REFLEXIVE:
            return True
        is_aux = doc[i].lemma_ in ("avoir", "être") and doc[i].pos_ in ("AUX", "VERB")
        if not (is_aux or word in NEGATION or word in INVERSION_PRONOUNS or doc[i].pos_ == "ADV"):
            return False
        i -= 1
    return False


def cue_group(sent: Span, token: Token, verb: ReportingVerb) -> tuple[int, int] | None:
    """Token range of the cue as written: auxiliaries, negation, reflexive and inversion clitics,
    the verb and its particles (`s'est-il félicité`, `a mis en avant`), or None for a passive."""
    doc = sent.doc
    anchors: list[int] = []
    head = governing_verb(token) or token  # "continue d'accuser": the cue starts at "continue"
    i = head.i - 1
    while i >= sent.start:
        word = norm(doc[i])
        is_aux = doc[i].lemma_ in ("avoir", "être") and doc[i].pos_ in ("AUX", "VERB")
        if (
            is_aux
            or word in INVERSION_PRONOUNS
            or word in REFLEXIVE
            or word in NEGATION
            or word == "-t"
            or (word in OBJECT_CLITICS and anchors and anchors[-1] == i + 1)
        ):
            anchors.append(i)
        elif doc[i].pos_ != "ADV":
            break
        i -= 1
    start = min(anchors) if anchors else head.i
    end = token.i + 1 + len(verb.particles)
    while end < sent.end and (norm(doc[end]) == "-t" or norm(doc[end]) in INVERSION_PRONOUNS):
        end += 1
    before = doc[start : token.i]
    reflexive = any(norm(t) in REFLEXIVE for t in before)
    if verb.reflexive and not reflexive:
        return None  # "se féliciter" without "se"
    if not verb.reflexive and any(_third_person_reflexive(t) for t in before):
        return None  # "s'assurer que", "la réunion se poursuit": another verb than "assurer"
    if head is token and not reflexive and any(t.lemma_ == "être" for t in before):
        return None  # a passive: "il a été accusé" names the accused, not the speaker
    if any(norm(t) in ("ne", "n'") for t in before):
        return None  # "n'a pas précisé": nothing is attributed
    if (
        is_past_participle(token)
        and not _present_read_as_participle(token, verb)
        and not any(t.lemma_ in ("avoir", "être") for t in before)
        and not _incise_present(sent, token)
    ):
        return None  # an adjectival participle ("les propos rapportés")
    return start, end


def _third_person_reflexive(token: Token) -> bool:
    """ "se", "s'" as a reflexive clitic; "s'" before "il" is "si" ("S'il a affirmé que ...")."""
    word = norm(token)
    if word == "s'" and token.i + 1 < len(token.doc):
        return norm(token.doc[token.i + 1]) not in ("il", "ils")
    return word == "se"


def _present_read_as_participle(token: Token, verb: ReportingVerb) -> bool:
    """The small model tags some presents as participles ("Pékin lui reproche de ..."); the
    participle of a verb in -er always ends in -é ("reproché", "reprochée"), never in a bare -e."""
    return verb.lemma.endswith("er") and not norm(token).endswith(("é", "ée", "és", "ées"))


def _incise_present(sent: Span, token: Token) -> bool:
    """ "« ... », dit Pall": "dit", "écrit" are also present tenses; after the content and before a
    name, the form is the present of an incise, not a participle."""
    before = previous(sent, token.i)
    if before is None or not ends_content(before) or token.i + 1 >= sent.end:
        return False
    following = sent.doc[token.i + 1]
    return following.pos_ in ("PROPN", "DET") and not is_punct(following)


def previous(sent: Span, i: int) -> Token | None:
    j = i - 1
    while j >= sent.start and sent.doc[j].is_space:
        j -= 1
    return sent.doc[j] if j >= sent.start else None


def ends_content(token: Token) -> bool:
    """A comma or closing quote before a verb marks an incise: the content came first; so does
    "comme" ("comme l'a rappelé le ministre"), whose subject follows the verb."""
    if norm(token) in ("que", "qu'") and token.i > 0 and norm(token.nbor(-1)) == "ce":
        return True  # "C'est ce qu'a déclaré le maire": the content is the previous sentence's
    return token.text == "," or token.text in QUOTE_MARKS or norm(token) == "comme"


def preposed_subject(sent: Span, verb: Token, start: int) -> list[Token]:
    """Subject before the cue: the parser's nsubj if it makes sense, else the noun phrase before."""
    doc = sent.doc
    for child in verb.children:
        if (
            child.dep_.startswith("nsubj")
            and sent.start <= child.i < start
            and norm(child) != "qui"
        ):
            left, right = max(child.left_edge.i, sent.start), min(child.right_edge.i + 1, start)
            tokens = _cut_relative(list(doc[left:right]))
            if tokens and tokens[0].pos_ in ("ADP", "ADV", "SCONJ", "CCONJ"):
                # "En effet, Alfred Sirven ...": an adverbial before the subject.
                tokens = _after_first_comma(tokens)
            if not any(is_finite(t) or t.text in QUOTE_MARKS for t in tokens):
                return _trim(_drop_stressed_pronoun(tokens))
    end = start
    if (
        end - 1 > sent.start
        and norm(doc[end - 1]) in ("lui", "leur")
        and doc[end - 1].pos_ == "PRON"
    ):
        # "Pékin lui reproche d'avoir ...": the indirect object clitic sits between subject and verb.
        end -= 1
        if is_punct(doc[end - 1]) or doc[end - 1].pos_ == "CCONJ":
            return []  # "..., et lui demande": the subject is further back, out of reach
    if end - 1 > sent.start and norm(doc[end - 1]) == "qui":
        # "M. Araghchi, qui a affirmé que ...": the antecedent of the relative pronoun.
        end -= 2 if doc[end - 2].text == "," else 1
        return _trim(list(doc[np_leftwards(sent, end - 1) : end]))
    if end - 1 >= sent.start and doc[end - 1].text == ",":
        # "Le ministre omanais, Badr al-Busaidi, a déclaré": a head, a comma, an apposition.
        middle = np_leftwards(sent, end - 2)
        if middle < end - 1 and middle - 1 > sent.start and doc[middle - 1].text == ",":
            tokens = list(doc[np_leftwards(sent, middle - 2) : end - 1])
            return _trim(_drop_stressed_pronoun(tokens))
        return _trim(list(doc[middle : end - 1]))
    left = np_leftwards(sent, end - 1)
    if left - 2 > sent.start and norm(doc[left - 1]) == "par" and is_past_participle(doc[left - 2]):
        # "Des habitants interrogés par l'AFP disent": the agent belongs to the participle.
        end = left - 2
        left = np_leftwards(sent, end - 1)
    if end - left == 1 and norm(doc[left]) in OBJECT_PRONOUNS:
        return []  # "et lui demande", "m'a demandé": an object clitic, not the subject
    return _trim(list(doc[left:end]))


def _after_first_comma(tokens: list[Token]) -> list[Token]:
    commas = [k for k, t in enumerate(tokens) if t.text == ","]
    return tokens[commas[0] + 1 :] if commas else tokens


def _drop_stressed_pronoun(tokens: list[Token]) -> list[Token]:
    """ "Les supporters, eux, réclament": the stressed pronoun only repeats the subject."""
    for k, token in enumerate(tokens[:-1]):
        if token.text == "," and norm(tokens[k + 1]) in STRESSED_PRONOUNS:
            return tokens[:k]
    return tokens


def np_leftwards(sent: Span, i: int) -> int:
    """Start of the noun phrase ending at `i`, scanning left over nominal tokens."""
    doc, titles = sent.doc, honorifics()
    while i >= sent.start:
        token, word = doc[i], norm(doc[i])
        nominal = token.pos_ in ("DET", "NOUN", "PROPN", "ADJ", "X", "NUM") or token.ent_type_
        if word in CLAUSE_OPENERS or (is_punct(token) and token.text != "-"):
            break
        glue = word in SUBJECT_PRONOUNS or word in OF or word in ("et", "-")
        if not (nominal or glue or token.text in titles):
            break
        i -= 1
    return i + 1


def _cut_relative(tokens: list[Token]) -> list[Token]:
    """Drop a relative clause or a participial adjunct from a subject: "M. X, qui ..." -> "M. X",
    "Un responsable, s'exprimant sous couvert de l'anonymat, ..." -> "Un responsable"."""
    for k, token in enumerate(tokens[:-1]):
        if token.text != ",":
            continue
        following = tokens[k + 1]
        if norm(following) in ("qui", "que", "qu'", "dont") or is_present_participle(following):
            return tokens[:k]
        reflexive = norm(following) in REFLEXIVE and k + 2 < len(tokens)
        if reflexive and is_present_participle(tokens[k + 2]):
            return tokens[:k]
    return tokens


def _trim(tokens: list[Token]) -> list[Token]:
    """No punctuation, and no preposition or conjunction, at either end of a mention."""
    while tokens and (is_punct(tokens[0]) or tokens[0].pos_ in ("ADP", "CCONJ", "SCONJ")):
        tokens = tokens[1:]
    while tokens and (is_punct(tokens[-1]) or tokens[-1].pos_ in ("ADP", "CCONJ")):
        if tokens[-1].text == ")" and any(t.text == "(" for t in tokens):
            break  # "La Fédération algérienne de football (FAF)"
        tokens = tokens[:-1]
    # The model may tag a noun as an adjective ("Des riverains interrogés"): the lexicon knows it.
    has_noun = any(
        t.pos_ in ("NOUN", "PROPN", "X", "PRON") or t.ent_type_ or norm(t) in kind_of_noun()
        for t in tokens
    )
    return tokens if has_noun else []


def incise_content(sent: Span, start: int, end: int, mention: list[Token]) -> list[Token]:
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


def agent_phrase(sent: Span, by: int) -> list[Token]:
    """The agent after "par" (index `by`), as the parser attaches it, up to the next verb, negation
    or preposition other than "de": "par le gouvernement n'ont", "par la chambre régionale des
    comptes pour sa gestion", "par le procureur d'avoir menti" keep only the agent."""
    doc = sent.doc
    head = doc[by].head
    if head.i <= by or head.pos_ not in ("NOUN", "PROPN", "PRON"):
        return noun_phrase(sent, by + 1)
    end = min(head.right_edge.i + 1, sent.end)
    tokens: list[Token] = []
    for token in doc[by + 1 : end]:
        word = norm(token)
        following = doc[token.i + 1] if token.i + 1 < sent.end else None
        if token.pos_ in ("VERB", "AUX") or word in ("ne", "n'") or token.text in QUOTE_MARKS:
            break
        if token.pos_ == "ADP" and (
            word not in OF or (following is not None and following.pos_ in ("VERB", "AUX"))
        ):
            break
        if token.text == "," and not (following is not None and following.ent_type_ == "PER"):
            break
        tokens.append(token)
    while tokens and is_punct(tokens[-1]):
        tokens.pop()
    return tokens
