"""Token-level facts about French the annotator's rules share: clitics, conditional forms, phrases.

The small French model mis-tags many verbs (a reporting verb as a noun or adverb) and reads the
conditional as imperfect ("riposterait": Mood=Ind), so rules check surface forms as well.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from claimwire.annotate.lexicon import claim_cues, kind_of_noun

# Key of `Doc.user_data` holding the document text as written (see `model_text`).
ORIGINAL_TEXT = "claimwire_text"
SENTENCE_END = frozenset(".!?…;")
QUOTE_MARKS = frozenset('"«»“”')
BRACKETS = frozenset("()[]")
# Inversion clitics as the tokenizer splits them: "a-t-il" -> "a", "-t", "-il".
INVERSION_PRONOUNS = frozenset({"-il", "-elle", "-ils", "-elles", "-on"})
SUBJECT_PRONOUNS = frozenset({"il", "elle", "ils", "elles", "on", "je", "nous", "j'", "tu", "vous"})
STRESSED_PRONOUNS = frozenset({"lui", "elle", "eux", "elles", "moi", "nous", "vous"})
# Third-person pronouns that stand for someone named earlier ("il", "lui", "on").
THIRD_PERSON = frozenset({"il", "elle", "ils", "elles", "on", "lui", "eux"})
FIRST_PERSON = frozenset({"je", "j'", "nous"})
# The persons a dispatch never speaks in of itself (it says "nous" only for the paper, hard case 11).
FIRST_SECOND = frozenset({"je", "j'", "nous", "tu", "vous", "moi", "toi"})
# Reflexive clitics of every person ("je me réjouis", "nous nous engageons", "il s'est engagé").
REFLEXIVE_CLITICS = frozenset({"se", "s'", "me", "m'", "te", "t'", "nous", "vous"})
# Object pronouns right before a verb: never its subject.
OBJECT_PRONOUNS = frozenset({"lui", "leur", "me", "m'", "te", "t'", "se", "s'", "l'", "le", "la"})
# Object clitics between subject and auxiliary belong to the cue as written ("comme l'a rappelé").
OBJECT_CLITICS = frozenset({"l'", "le", "la", "les", "lui", "leur", "y", "en"})
DEFINITE_ARTICLES = frozenset({"le", "la", "l'"})
NEGATION = frozenset({"ne", "n'", "pas", "jamais", "plus", "guère", "point"})
REFLEXIVE = frozenset({"se", "s'"})
# "de" and its contractions with the article: the preposition of complements ("le ministre de la
# Santé", "le porte-parole du gouvernement", "l'avocat des familles").
OF = frozenset({"de", "d'", "du", "des"})
DETERMINERS = frozenset(
    {"le", "la", "l'", "les", "un", "une", "des", "du", "de", "d'", "sa", "son", "ses", "leur"}
    | {"leurs", "cette", "ce", "cet", "ces", "notre", "nos", "votre", "vos", "mon", "ma", "mes"}
    | {"au", "aux"}
)
PREPOSITIONS = frozenset(
    {"à", "en", "par", "pour", "sur", "dans", "avec", "sans", "vers", "contre", "entre", "chez"}
)
# Prepositions that end a noun phrase ("M. Ziani à la radio", "un diplomate sous couvert de"):
# always, or only after a proper noun or a pronoun (which a complement rarely follows, while
# "la secrétaire d'Etat à la Mer" or "le ministre en charge de" keep theirs).
NP_STOPS = frozenset(
    {"sous", "lors", "dans", "avec", "pendant", "depuis", "devant", "durant", "chez"}
    | {"vers", "contre", "par", "parmi", "malgré", "selon", "auprès"}
)
NP_STOPS_AFTER_NAME = frozenset({"à", "au", "aux", "en", "pour", "sur"})
# Lemmas the model may rightly tag AUX; any other "AUX" is a mis-tagged noun ("images satellite").
_AUXILIARIES = frozenset({"avoir", "être", "pouvoir", "devoir", "aller", "venir", "faire"})
# Words that open a clause or an adjunct: a noun phrase stops before them.
CLAUSE_OPENERS = frozenset(
    {"qui", "que", "qu'", "dont", "où", "lors", "lorsque", "quand", "si", "s'", "alors"}
    | {"après", "avant"}
)


def original_text(doc: Doc, start_char: int, end_char: int) -> str:
    """Characters of the document as written: the model reads a copy with straight apostrophes."""
    text = doc.user_data.get(ORIGINAL_TEXT)
    if text is None:
        span = doc.char_span(start_char, end_char, alignment_mode="expand")
        return span.text if span is not None else ""
    return str(text[start_char:end_char])


def tokens_text(tokens: list[Token] | Span) -> str:
    """The document's text from the first token to the last."""
    first, last = tokens[0], tokens[-1]
    return original_text(first.doc, first.idx, last.idx + len(last))


def norm(token: Token) -> str:
    """Lowercase text with the typographic apostrophe made straight (`l’` -> `l'`)."""
    return token.lower_.replace("’", "'")


def is_punct(token: Token) -> bool:
    return token.is_punct or token.text in QUOTE_MARKS or token.is_space


def is_finite(token: Token) -> bool:
    """A finite verb form by morphology (mood), which participles and infinitives lack."""
    if token.pos_ == "AUX" and token.lemma_ not in _AUXILIARIES:
        return False
    return token.pos_ in ("VERB", "AUX") and bool(token.morph.get("Mood", []))


def is_present_participle(token: Token) -> bool:
    if token.morph.get("VerbForm", []) == ["Part"] and token.morph.get("Tense", []) == ["Pres"]:
        return True
    return token.pos_ == "VERB" and token.lower_.endswith("ant") and not token.morph.get("Mood", [])


def is_past_participle(token: Token) -> bool:
    if token.morph.get("VerbForm", []) == ["Part"] and token.morph.get("Tense", []) == ["Past"]:
        return True
    return token.lower_.endswith(("é", "ée", "és", "ées"))


def is_conditional(token: Token) -> bool:
    """Conditional by morphology or by form: future stem + imperfect ending (`riposter-ait`)."""
    if token.pos_ not in ("VERB", "AUX"):
        return False
    cues = claim_cues()
    # The model also tags imperfects as conditional ("restait": Mood=Cnd); every conditional has
    # an "r" before its ending (aur-ait, riposter-ait), so the form must agree.
    if "Cnd" in token.morph.get("Mood", []):
        return _r_before_ending(token.lower_, cues["conditional_endings"])
    return _has_future_stem(token, cues["conditional_endings"], cues["conditional_stems"])


def is_future(token: Token) -> bool:
    """Future by morphology or by form: future stem + present of avoir (`céder-ons`)."""
    if token.pos_ not in ("VERB", "AUX"):
        return False
    cues = claim_cues()
    if "Fut" in token.morph.get("Tense", []):
        return _r_before_ending(token.lower_, cues["future_endings"])
    return _has_future_stem(token, cues["future_endings"], cues["conditional_stems"])


def _r_before_ending(form: str, endings: list[str]) -> bool:
    return any(form.endswith(e) and form[: -len(e)].endswith("r") for e in endings)


def _has_future_stem(token: Token, endings: list[str], stems: list[str]) -> bool:
    """Whether the form is the future stem of its lemma (or an irregular one) plus an ending."""
    form, lemma = token.lower_, token.lemma_.lower()
    for ending in endings:
        if not form.endswith(ending):
            continue
        stem = form[: -len(ending)]
        if stem in stems:
            return True
        regular = lemma[:-1] if lemma.endswith("re") else lemma
        if lemma.endswith(("er", "ir", "re")) and stem == regular:
            return True
    return False


def words_at(tokens: Doc | Span | list[Token], i: int, words: tuple[str, ...] | list[str]) -> bool:
    """Whether the lowercase token sequence `words` starts at position `i` of `tokens`."""
    if i + len(words) > len(tokens):
        return False
    return all(norm(tokens[i + k]) == w for k, w in enumerate(words))


def np_end(sent: Span, start: int, adjuncts: bool = True) -> int:
    """Document index just past the noun phrase starting at `start`: up to punctuation (a
    parenthesised acronym stays in: "(FAF)"), a clause opener, a finite verb, a present participle,
    and unless `adjuncts` is False, a preposition that opens an adjunct or a reduced passive
    ("des experts cités par")."""
    doc, i = sent.doc, start
    while i < sent.end:
        token = doc[i]
        word = norm(token)
        # A hyphen glued to its neighbours is part of a name ("al-Busaidi" -> "al", "-", "Busaidi").
        glued = token.text == "-" and not doc[i - 1].whitespace_
        if i > start and _acronym_at(sent, i):
            i += 3
            continue
        if i > start and not glued and (is_punct(token) or word in CLAUSE_OPENERS):
            break
        if i > start and (is_finite(token) or is_present_participle(token)):
            break
        if (
            adjuncts
            and i > start
            and (
                word in NP_STOPS
                or (word in NP_STOPS_AFTER_NAME and doc[i - 1].pos_ in ("PROPN", "PRON"))
                or _reduced_passive(sent, i)
            )
        ):
            break
        i += 1
    return i


def _acronym_at(sent: Span, i: int) -> bool:
    """ "(FAF)": an opening bracket, one word, a closing bracket."""
    doc = sent.doc
    return (
        doc[i].text == "("
        and i + 2 < sent.end
        and doc[i + 2].text == ")"
        and doc[i + 1].text[:1].isupper()
    )


def _reduced_passive(sent: Span, i: int) -> bool:
    """A past participle followed by "par" opens a reduced relative ("interrogés par l'AFP")."""
    token = sent.doc[i]
    return (
        i + 1 < sent.end
        and norm(sent.doc[i + 1]) == "par"
        and token.pos_ in ("VERB", "ADJ", "NOUN")
        and is_past_participle(token)
    )


def looks_appositive(sent: Span, start: int, honorifics: frozenset[str]) -> bool:
    """Whether the phrase after a comma reads as an apposition ("Karoline Leavitt", "le général X",
    "basé aux Etats-Unis") rather than a new clause or adjunct."""
    if start >= sent.end:
        return False
    token = sent.doc[start]
    if norm(token) in CLAUSE_OPENERS or is_present_participle(token):
        return False
    # Look past adjuncts for a verb: "Selon le rapport, la sensibilisation ... sur ... contribue".
    end = np_end(sent, start, adjuncts=False)
    if end < sent.end and (is_finite(sent.doc[end]) or norm(sent.doc[end]) in CLAUSE_OPENERS):
        return False
    if token.text in honorifics or token.ent_type_ == "PER":
        return True
    if token.pos_ == "PROPN" or (token.pos_ == "DET" and norm(token) in DETERMINERS):
        return True
    # A role without determiner ("présidente de l'association X") or an age ("Karim, 41 ans").
    if token.pos_ == "NOUN" and kind_of_noun().get(token.lemma_.lower()) == "person":
        return True
    if token.like_num and start + 1 < sent.end and norm(sent.doc[start + 1]) == "ans":
        return True
    # A past participle heading a reduced relative: "basé aux Etats-Unis" (not a relay "cité par").
    return is_past_participle(token) and not _reduced_passive(sent, start)


def clause_initial(sent: Span, i: int) -> bool:
    """Whether token `i` opens the sentence, or its main clause after a connective and a comma
    ("Ainsi, pour Hobbes, ...") or after a colon or a semicolon ("... : pour les rois, ...")."""
    doc = sent.doc
    if i == sent.start:
        return True
    before = doc[i - 1]
    if before.text in (":", ";"):
        return True
    opener = doc[sent.start : i - 1]
    return (
        before.text == ","
        and 0 < len(opener) <= 2
        and all(t.pos_ in ("ADV", "CCONJ") for t in opener)
    )
