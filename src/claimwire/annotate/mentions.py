"""What a source mention refers to: its kind and canonical name, from lexicons and the document.

`Names` reads the document once: full names of people ("Abbas Araghchi", so "M. Araghchi" can be
expanded) and the roles the text introduces them with ("le président américain Donald Trump"), so a
later description ("le président américain") gets the name the document gives it.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Token

from claimwire.annotate.grammar import DETERMINERS, OF, is_punct, norm, tokens_text
from claimwire.annotate.institutions import (
    Institutions,
    compound,
    noun_kind,
    own_name,
    phrase_kind,
)
from claimwire.annotate.lexicon import kind_of_noun, source_kinds

# The kind of a subject that reads like a source for the claim type but is never listed as one:
# the writer's own voice ("Nous estimons que ...", guidelines section 4) and a demonstrative
# ("Cela explique ...", "d'après ce que ...": an argument, not a report).
UNLISTED = "unlisted"


@dataclass(frozen=True, slots=True)
class Referent:
    """What a mention stands for, as far as the rules can tell."""

    kind: str
    name: str | None
    gender: str | None = None
    plural: bool = False


@cache
def honorifics() -> frozenset[str]:
    return frozenset(source_kinds()["honorifics"])


@cache
def countries() -> frozenset[str]:
    return frozenset(source_kinds()["countries"])


def _strip(tokens: list[Token]) -> list[Token]:
    """Drop leading determiners and honorifics/titles (`le général`, `M.`, `Mme`)."""
    titles = honorifics()
    i = 0
    while i < len(tokens) and (norm(tokens[i]) in DETERMINERS or tokens[i].text in titles):
        i += 1
    return tokens[i:]


def _strip_keep_titles(tokens: list[Token]) -> list[Token]:
    """Drop leading lowercase determiners only: a capitalised article inside a mention belongs to
    a title ("le quotidien Le Progrès" -> "Le Progrès")."""
    i = 0
    while i < len(tokens) and norm(tokens[i]) in DETERMINERS and tokens[i].is_lower:
        i += 1
    return tokens[i:]


def _text(tokens: list[Token]) -> str:
    return tokens_text(tokens) if tokens else ""


class Names:
    """Full names and role descriptions of the people a document names."""

    def __init__(self, doc: Doc) -> None:
        self.people: list[tuple[int, str]] = []  # (offset, full name), in text order
        # description without determiner (lowercase) -> (offset where introduced, name)
        self.roles: dict[str, tuple[int, str]] = {}
        self.institutions = Institutions(doc)
        # Person entities as token ranges, read once: `Span.ents` rebuilds the document's list.
        self.person_spans: list[tuple[int, int]] = []
        for ent in doc.ents:
            if ent.label_ != "PER":
                continue
            self.person_spans.append((ent.start, ent.end))
            name = _text(_strip(list(ent)))
            if not name:
                continue
            self.people.append((ent.start_char, name))
            role = self._role_before(doc, ent.start)
            if role and name.count(" ") >= 1:
                self.roles.setdefault(role, (ent.start_char, name))

    def people_in(self, start: int, end: int) -> list[tuple[int, int]]:
        """Token ranges of the person entities between token indices `start` and `end`."""
        i = bisect.bisect_left(self.person_spans, (start, start))
        found = []
        while i < len(self.person_spans) and self.person_spans[i][1] <= end:
            found.append(self.person_spans[i])
            i += 1
        return found

    def _role_before(self, doc: Doc, start: int) -> str | None:
        """The role a name is introduced with: "sa porte-parole, Karoline Leavitt" -> porte-parole."""
        roles, titles = kind_of_noun(), honorifics()
        i = start - 1
        while i >= 0 and (
            doc[i].text in titles or (norm(doc[i]) in DETERMINERS and i == start - 1)
        ):
            i -= 1
        if i >= 0 and doc[i].text == ",":
            i -= 1
        end = i + 1
        for _ in range(12):
            if i <= 0 or is_punct(doc[i]) or doc[i].pos_ in ("VERB", "AUX", "ADV", "PRON"):
                return None
            head = doc[i + 1] if i + 1 < end else None
            if (
                norm(doc[i]) in DETERMINERS
                and head is not None
                and roles.get(norm(head)) == "person"
            ):
                return " ".join(norm(t) for t in doc[i + 1 : end])
            i -= 1
        return None

    def person(self, text: str, before: int) -> str:
        """Canonical name: honorifics dropped, a surname alone expanded to a full name given earlier."""
        if " " in text:
            return text
        for offset, full in reversed(self.people):
            if offset < before and full.split()[-1] == text and full != text:
                return full
        return text

    def role(self, tokens: list[Token]) -> str | None:
        """Name of the person a description refers to, if the document introduced them with it
        before (or at) this mention."""
        words = [norm(t) for t in tokens if not is_punct(t)]
        while words and words[0] in DETERMINERS:
            words = words[1:]
        key = _role_key(" ".join(words))
        at = tokens[-1].idx if tokens else 0
        matches = [
            r
            for r, (offset, _) in self.roles.items()
            if offset <= at and (key == r or key.startswith(r + " "))
        ]
        return self.roles[max(matches, key=len)][1] if matches else None


def _role_key(words: str) -> str:
    """A periphrasis read as the role it stands for: "premier magistrat de la commune" ->
    "maire de la commune" (`role_synonyms` in source_kinds.json)."""
    for periphrasis, role in source_kinds()["role_synonyms"].items():
        if words == periphrasis or words.startswith(periphrasis + " "):
            return role + words[len(periphrasis) :]
    return words


def _known_person(content: list[Token], names: Names, before: int) -> bool:
    """A lone proper noun that is the surname of a person the document named before, or that the
    model takes for a place although no state is known by it ("dit Pall")."""
    if len(content) != 1 or content[0].pos_ != "PROPN" or not content[0].text[:1].isupper():
        return False
    if names.person(content[0].text, before) != content[0].text:
        return True
    return content[0].ent_type_ == "LOC" and _country(content) is None


def _country(tokens: list[Token]) -> str | None:
    """State named in the tokens: a country, a capital (`Pékin` -> `Chine`) or a demonym."""
    lex = source_kinds()
    text = _text(_strip(tokens))
    if text in lex["capitals"]:
        return lex["capitals"][text]
    if text in countries():
        return text
    for token in tokens:
        if token.text in lex["capitals"]:
            return lex["capitals"][token.text]
        if token.text in countries():
            return token.text
        demonym = lex["demonyms"].get(token.lemma_.lower()) or lex["demonyms"].get(norm(token))
        if demonym:
            return demonym
    return None


def describe(tokens: list[Token], names: Names) -> Referent:
    """Kind and name of a non-pronoun mention (the tokens of `sa porte-parole, Karoline Leavitt`)."""
    lex = source_kinds()
    lowered = " ".join(norm(t) for t in tokens)
    for key, agency in lex["agencies"].items():
        if f" {key} " in f" {lowered} ".replace("l' ", ""):
            return Referent("agency", agency)
    content = [t for t in tokens if not is_punct(t)]
    coordinated = any(norm(t) == "et" for t in content)
    plural = coordinated or any("Plur" in t.morph.get("Number", []) for t in content[:2])
    # The elided article may be tagged NOUN ("l’" before "agence"): never take it for the head.
    k = next(
        (
            i
            for i, t in enumerate(content)
            if t.pos_ in ("NOUN", "PROPN", "X") and norm(t) not in DETERMINERS
        ),
        None,
    )
    if k is None:
        # The model may tag the noun as an adjective ("Des riverains"): the lexicon knows it.
        k = next((i for i, t in enumerate(content) if norm(t) in kind_of_noun()), None)
    head = content[k] if k is not None else None
    # The model guesses a gender for names at random ("Karoline" Masc): trust common nouns only.
    noun = head is not None and head.pos_ == "NOUN" and head.morph.get("Gender", [])
    gender = head.morph.get("Gender", [])[0] if noun and head is not None else None
    stripped = _text(_strip(content))
    if stripped in lex["capitals"] or stripped in countries():
        return Referent("government", _country(content), gender, plural)
    opening = _opening_person(tokens)
    if opening:
        # "Roland Dumas, ministre ... du contrat Bravo", "Jared Kushner, gendre de Donald Trump":
        # the person named first speaks; later names belong to the apposition.
        return Referent("person", names.person(_text(opening), tokens[0].idx), gender, plural)
    kind = None
    if _role_key(stripped.lower()) != stripped.lower():
        # "le premier magistrat": a periphrasis for a role ("le maire") is a person.
        return Referent("person", names.role(content), gender, plural)
    if head is not None and k is not None:
        body = names.institutions.refer(content, k, tokens[0].idx)
        if body is not None:
            return Referent(body.kind, body.name, gender, plural)
        kind = phrase_kind(content, k) or _complement_kind(content, k)
    # The small model often tags a name as MISC ("Enrique Mora"): after a person noun, take its
    # proper nouns as the name.
    people = _last_person(content) or (_proper_nouns(content) if kind == "person" else [])
    if people and _in_complement(content, people[0]):
        people = []  # "la députée de Moselle", "la maladie de Paget": not their names
    if kind in (None, "public") and _has_age(content):
        # "Karim, 41 ans": someone known by a first name and an age speaks as an ordinary person.
        first_name = _proper_nouns(content[: _age_index(content)])
        return Referent("public", _text(first_name) or None, gender, plural)
    if kind == "person" or (kind is None and people):
        named = bool(_last_person(content)) or _named_in_apposition(tokens)
        if content and norm(content[0]) in lex["indefinite_determiners"] and not named:
            return Referent("anonymous", None, gender, plural)
        name = names.person(_text(_strip(people)), tokens[0].idx) if people else None
        return Referent("person", name or names.role(content), gender, plural)
    if kind == "public":
        # An ordinary person may be named ("un manifestant, Ali Reza"): still public, with a name.
        named_people = people or (_proper_nouns(content) if _named_in_apposition(tokens) else [])
        return Referent(kind, _text(named_people) or None, gender, plural)
    if kind == "anonymous":
        return Referent(kind, None, gender, plural)
    if kind is None and len(content) > 1 and _civil_title(content[0]):
        # "M. Garnier", "Mme Roux": a civil title makes a person, even when the model takes the
        # name for a place.
        return Referent("person", names.person(_text(_strip(content)), tokens[0].idx), gender)
    if kind is None and people == [] and _known_person(content, names, tokens[0].idx):
        # The model may take a surname for a place ("dit Pall"): the document named the person.
        name = names.person(_text(_strip(content)), tokens[0].idx)
        return Referent("person", name, gender, plural)
    if kind == "government" or (kind is None and any(t.ent_type_ == "LOC" for t in content)):
        return Referent("government", _government_name(content, k, names), gender, plural)
    if kind is None and not any(t.ent_type_ in ("ORG", "MISC") for t in content):
        return Referent("other", None, gender, plural)
    name = _institution_name(content, k, kind)
    return Referent(kind or "organization", name, gender, plural)


def _government_name(content: list[Token], k: int | None, names: Names) -> str | None:
    """A ministry or agency keeps its own name, a named state body its name ("Insee"), a state
    named by description its state ("le gouvernement iranien" -> "Iran", "le gouvernement" ->
    the state of the document)."""
    if k is None or any(norm(t) == "et" for t in content):
        return None
    head = content[k]
    name = own_name(content, k)
    if name is not None:
        return name
    word = compound(content, k)
    if len(word) > 1 and head.text[:1].isupper():
        return _text(word)  # a hyphenated name ("Météo-France"), not the country inside it
    country = _country(content)
    if country is not None:
        return country
    if head.pos_ == "PROPN":
        return _text(_strip_keep_titles(_proper_nouns(content))) or None
    return names.institutions.state_of(head)


def _institution_name(content: list[Token], k: int | None, kind: str | None) -> str | None:
    """Own name of an institution ("chambre d'agriculture"); for a document, the name of the
    institution it comes from ("un bilan du ministère de l'Intérieur" -> "ministère de
    l'Intérieur"); else its named entity or proper nouns."""
    if kind == "document" and any(
        "Part" in t.morph.get("VerbForm", []) and norm(content[j + 1]) in ("par", "pour")
        for j, t in enumerate(content[1:-1], start=1)
    ):
        # "l'enquête réalisée par le conseil municipal", "un sondage réalisé pour ARD": the body
        # that made or ordered the document is not its name.
        return None
    if k is not None:
        start = k
        if kind == "document":
            start = next((i for i in range(k + 1, len(content)) if own_name(content, i)), k)
        name = own_name(content, start)
        if name is not None:
            return name
    if kind == "document":
        return _entity_name(content)
    return _entity_name(content) or _text(_proper_nouns(content)) or None


def _complement_kind(content: list[Token], k: int) -> str | None:
    """A part of a document is a document: "les premiers éléments de l'autopsie"."""
    for i in range(k + 1, len(content) - 1):
        if norm(content[i]) in OF:
            j = i + 1
            while j < len(content) - 1 and norm(content[j]) in DETERMINERS:
                j += 1
            return "document" if noun_kind(content[j]) == "document" else None
    return None


def _in_complement(content: list[Token], first: Token) -> bool:
    """Whether a name is introduced by "de" or another preposition inside the mention."""
    k = next((i for i, t in enumerate(content) if t.i == first.i), 0)
    while k > 0 and norm(content[k - 1]) in DETERMINERS and norm(content[k - 1]) not in OF:
        k -= 1
    return k > 0 and (norm(content[k - 1]) in OF or content[k - 1].pos_ == "ADP")


def _age_index(content: list[Token]) -> int:
    return next(
        (
            i
            for i in range(1, len(content) - 1)
            if content[i].like_num and norm(content[i + 1]) == "ans"
        ),
        len(content),
    )


def _civil_title(token: Token) -> bool:
    """A capitalised honorific ("M.", "Mme", "Dr"), not a title noun ("général", "ministre")."""
    return token.text in honorifics() and token.text[:1].isupper()


def _has_age(content: list[Token]) -> bool:
    """A name followed by an age ("Karim, 41 ans")."""
    i = _age_index(content)
    return 0 < i < len(content) and content[i - 1].pos_ == "PROPN"


def _named_in_apposition(tokens: list[Token]) -> bool:
    """ "un porte-parole du ministère, He Lin": the apposition after the last comma is a name."""
    commas = [i for i, t in enumerate(tokens) if t.text == ","]
    if not commas:
        return False
    after = [t for t in tokens[commas[-1] + 1 :] if not is_punct(t)]
    return bool(after) and all(t.pos_ == "PROPN" or t.ent_type_ == "PER" for t in after)


def _last_person(content: list[Token]) -> list[Token]:
    """Tokens of the last PER entity in the mention ("le gendre de Donald Trump, Jared Kushner")."""
    run: list[Token] = []
    for token in reversed(content):
        if token.ent_type_ == "PER":
            run.insert(0, token)
            if token.ent_iob_ == "B":
                break
        elif run:
            break
    return run


def _opening_person(tokens: list[Token]) -> list[Token]:
    """The person's name that opens a mention (after determiners and titles), when an apposition,
    a parenthesis or a complement follows it: "Raphael Gruman de la société Dietatwork",
    "Pierre-Alain Brossault (Vert)". Empty when the mention opens otherwise."""
    rest = _strip(tokens)
    run: list[Token] = []
    for token in rest:
        if token.ent_type_ == "PER" and (not run or token.ent_iob_ == "I"):
            run.append(token)
        else:
            break
    if not run or len(run) == len(rest):
        return []  # no name first, or the name alone (described as before)
    following = rest[len(run)]
    if following.text in (",", "(") or norm(following) in OF:
        return run
    return []


def _proper_nouns(content: list[Token]) -> list[Token]:
    """The last run of capitalised proper nouns in the mention."""
    run: list[Token] = []
    for token in reversed(content):
        if token.pos_ == "PROPN" and token.text[:1].isupper():
            run.insert(0, token)
        elif run:
            break
    return run


def _entity_name(content: list[Token]) -> str | None:
    """The first ORG/MISC entity in the mention, without a lowercase common noun it may include."""
    run: list[Token] = []
    for token in content:
        if token.ent_type_ in ("ORG", "MISC") and (not run or token.ent_iob_ == "I"):
            run.append(token)
        elif run:
            break
    if run and run[0].is_lower:
        run = run[1:]
    return _text(_strip_keep_titles(run)) or None
