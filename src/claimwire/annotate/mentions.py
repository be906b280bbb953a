"""What a source mention refers to: its kind and canonical name, from lexicons and the document.

`Names` reads the document once: full names of people ("Abbas Araghchi", so "M. Araghchi" can be
expanded) and the roles the text introduces them with ("le président américain Donald Trump"), so a
later description ("le président américain") gets the name the document gives it.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from claimwire.annotate.grammar import DETERMINERS, is_punct, norm, tokens_text
from claimwire.annotate.lexicon import kind_of_noun, source_kinds


@dataclass(frozen=True, slots=True)
class Referent:
    """What a mention stands for, as far as the rules can tell."""

    kind: str
    name: str | None
    gender: str | None = None
    plural: bool = False


def honorifics() -> frozenset[str]:
    return frozenset(source_kinds()["honorifics"])


def _strip(tokens: list[Token]) -> list[Token]:
    """Drop leading determiners and honorifics/titles (`le général`, `M.`, `Mme`)."""
    titles = honorifics()
    i = 0
    while i < len(tokens) and (norm(tokens[i]) in DETERMINERS or tokens[i].text in titles):
        i += 1
    return tokens[i:]


def _text(tokens: list[Token]) -> str:
    return tokens_text(tokens) if tokens else ""


class Names:
    """Full names and role descriptions of the people a document names."""

    def __init__(self, doc: Doc) -> None:
        self.people: list[tuple[int, str]] = []  # (offset, full name), in text order
        self.roles: dict[str, str] = {}  # description without determiner (lowercase) -> name
        for ent in doc.ents:
            if ent.label_ != "PER":
                continue
            name = _text(_strip(list(ent)))
            if not name:
                continue
            self.people.append((ent.start_char, name))
            role = self._role_before(doc, ent.start)
            if role and name.count(" ") >= 1:
                self.roles.setdefault(role, name)

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
        """Name of the person a description refers to, if the document introduced them with it."""
        words = [norm(t) for t in tokens if not is_punct(t)]
        while words and words[0] in DETERMINERS:
            words = words[1:]
        key = " ".join(words)
        matches = [r for r in self.roles if key == r or key.startswith(r + " ")]
        return self.roles[max(matches, key=len)] if matches else None


def _country(tokens: list[Token]) -> str | None:
    """State named in the tokens: a country, a capital (`Pékin` -> `Chine`) or a demonym."""
    lex = source_kinds()
    text = _text(_strip(tokens))
    if text in lex["capitals"]:
        return lex["capitals"][text]
    if text in lex["countries"]:
        return text
    for token in tokens:
        if token.text in lex["capitals"]:
            return lex["capitals"][token.text]
        if token.text in lex["countries"]:
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
    head = next(
        (t for t in content if t.pos_ in ("NOUN", "PROPN", "X") and norm(t) not in DETERMINERS),
        None,
    )
    # The model guesses a gender for names at random ("Karoline" Masc): trust common nouns only.
    noun = head is not None and head.pos_ == "NOUN" and head.morph.get("Gender", [])
    gender = head.morph.get("Gender", [])[0] if noun and head is not None else None
    stripped = _text(_strip(content))
    if stripped in lex["capitals"] or stripped in lex["countries"]:
        return Referent("government", _country(content), gender, plural)
    kind = None
    if head is not None:
        kind = kind_of_noun().get(head.lemma_.lower()) or kind_of_noun().get(norm(head))
    # The small model often tags a name as MISC ("Enrique Mora"): after a person noun, take its
    # proper nouns as the name.
    people = _last_person(content) or (_proper_nouns(content) if kind == "person" else [])
    if kind == "person" or (kind is None and people):
        if content and norm(content[0]) in lex["indefinite_determiners"]:
            return Referent("anonymous", None, gender, plural)
        name = names.person(_text(_strip(people)), tokens[0].idx) if people else None
        return Referent("person", name or names.role(content), gender, plural)
    if kind == "public":
        # An ordinary person may be named ("un manifestant, Ali Reza"): still public, with a name.
        named = people or _proper_nouns(content)
        return Referent(kind, _text(named) or None, gender, plural)
    if kind == "anonymous":
        return Referent(kind, None, gender, plural)
    if kind == "government" or (kind is None and any(t.ent_type_ == "LOC" for t in content)):
        return Referent("government", None if coordinated else _country(content), gender, plural)
    if kind is None and not any(t.ent_type_ in ("ORG", "MISC") for t in content):
        return Referent("other", None, gender, plural)
    name = _entity_name(content) or _text(_proper_nouns(content)) or None
    return Referent(kind or "organization", name, gender, plural)


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
    return _text(_strip(run)) or None
