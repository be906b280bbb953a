"""Pre-annotation on French sentences written for each rule, and on the seed (real spaCy model)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import build, find_sentences

from claimwire.annotate import Annotator
from claimwire.ingest import read_dispatch
from claimwire.records import Document, Sentence, Source
from claimwire.schema import labels

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_893c4ca9cc588f19.txt"


@pytest.fixture(scope="module")
def annotator() -> Annotator:
    return Annotator()


def source(document: Document, mention: str, name, kind, cue, mode, after: int = 0) -> Source:
    start = document.text.index(mention, after)
    return Source(mention, start, start + len(mention), name, kind, cue, mode)


def annotate_one(annotator: Annotator, *sentences: str) -> tuple[Document, list[Sentence]]:
    document, records = build(list(sentences))
    return document, annotator.annotate(document, records)


# -- attribution -----------------------------------------------------------------------------------


def test_reporting_verb_with_preposed_subject_is_indirect(annotator: Annotator) -> None:
    text = (
        "Le ministre français des Affaires étrangères, Jean-Noël Barrot, a déclaré mardi que "
        "les négociations avaient échoué."
    )
    document, [s] = annotate_one(annotator, text)
    mention = "Le ministre français des Affaires étrangères, Jean-Noël Barrot"
    assert s.sources == [
        source(document, mention, "Jean-Noël Barrot", "person", "a déclaré", "indirect")
    ]
    assert (s.claim_type, s.verifiability) == ("event", "verifiable")


def test_quoted_fragment_in_reported_speech_is_mixed(annotator: Annotator) -> None:
    text = 'Le président Emmanuel Macron a déclaré mardi que la situation restait "sous contrôle".'
    document, [s] = annotate_one(annotator, text)
    mention = "Le président Emmanuel Macron"
    assert s.sources == [
        source(document, mention, "Emmanuel Macron", "person", "a déclaré", "mixed")
    ]


def test_quotation_with_postposed_subject_is_direct(annotator: Annotator) -> None:
    text = '"Nous ne céderons pas", a déclaré le porte-parole du gouvernement, Ali Bahadori.'
    document, [s] = annotate_one(annotator, text)
    mention = "le porte-parole du gouvernement, Ali Bahadori"
    assert s.sources == [source(document, mention, "Ali Bahadori", "person", "a déclaré", "direct")]
    # The speaker's own commitment in the future is a position (hard case 2).
    assert (s.claim_type, s.verifiability) == ("position", "verifiable")


def test_inversion_pronoun_resolved_to_the_person_named_before(annotator: Annotator) -> None:
    document, [_, s] = annotate_one(
        annotator,
        "Le négociateur européen Enrique Mora a rencontré mardi les délégations à Vienne.",
        '"Les discussions avancent", a-t-il ajouté.',
    )
    start = document.text.index("-il ajouté") + 1  # the mention is "il", without the hyphen
    assert s.sources == [
        Source("il", start, start + 2, "Enrique Mora", "person", "a-t-il ajouté", "direct")
    ]


def test_reflexive_inversion_with_postposed_subject(annotator: Annotator) -> None:
    text = "La production a doublé en un an, s'est félicité le directeur de l'usine, Marc Dubois."
    document, [s] = annotate_one(annotator, text)
    mention = "le directeur de l'usine, Marc Dubois"
    assert s.sources == [
        source(document, mention, "Marc Dubois", "person", "s'est félicité", "indirect")
    ]


def test_selon_is_according_to(annotator: Annotator) -> None:
    text = (
        "Selon le ministère de la Santé, l'épidémie a fait des centaines de morts depuis janvier."
    )
    document, [s] = annotate_one(annotator, text)
    mention = "le ministère de la Santé"
    # A ministry keeps its own name (guidelines section 4, names of institutions).
    name = "ministère de la Santé"
    assert s.sources == [source(document, mention, name, "government", "Selon", "according_to")]
    assert (s.claim_type, s.verifiability) == ("quantity", "verifiable")


def test_d_apres_anonymous_sources_and_conditional_are_hedged(annotator: Annotator) -> None:
    text = "D'après des sources proches du dossier, le contrat aurait été signé lundi."
    document, [s] = annotate_one(annotator, text)
    mention = "des sources proches du dossier"
    assert s.sources == [source(document, mention, None, "anonymous", "D'après", "according_to")]
    assert (s.claim_type, s.verifiability) == ("event", "hedged")


def test_honorific_dropped_and_surname_expanded(annotator: Annotator) -> None:
    document, [_, s] = annotate_one(
        annotator,
        "Le chef de la diplomatie iranienne, Abbas Araghchi, est arrivé à Genève.",
        "M. Araghchi a affirmé que l'Iran ne renoncerait jamais à l'enrichissement.",
    )
    assert s.sources == [
        source(document, "M. Araghchi", "Abbas Araghchi", "person", "a affirmé", "indirect")
    ]
    assert (s.claim_type, s.verifiability) == ("position", "verifiable")


def test_capital_stands_for_its_government(annotator: Annotator) -> None:
    document, [s] = annotate_one(annotator, "Pékin a dénoncé jeudi une « provocation » américaine.")
    assert s.sources == [source(document, "Pékin", "Chine", "government", "a dénoncé", "mixed")]
    assert s.claim_type == "position"


def test_relative_clause_speaker_is_listed_but_main_clause_decides(annotator: Annotator) -> None:
    text = "Le ministre, qui a affirmé que l'accord était proche, est reparti mercredi."
    document, [s] = annotate_one(annotator, text)
    assert s.sources == [source(document, "Le ministre", None, "person", "a affirmé", "indirect")]
    assert s.claim_type == "event"


def test_relay_by_the_agency_is_listed_after_the_speaker(annotator: Annotator) -> None:
    text = "L'armée israélienne a annoncé avoir frappé des cibles du Hezbollah, a constaté l'AFP."
    _, [s] = annotate_one(annotator, text)
    assert [(x.text, x.kind, x.name, x.cue) for x in s.sources] == [
        ("L'armée israélienne", "government", "Israël", "a annoncé"),
        ("l'AFP", "agency", "AFP", "a constaté"),
    ]
    assert s.claim_type == "event"


def test_people_kinds_anonymous_and_public(annotator: Annotator) -> None:
    _, [diplomat] = annotate_one(
        annotator, "Un diplomate occidental a affirmé que l'accord était prêt."
    )
    _, [witnesses] = annotate_one(
        annotator, "Des témoins ont raconté avoir entendu des explosions."
    )
    assert [(x.text, x.kind, x.name) for x in diplomat.sources] == [
        ("Un diplomate occidental", "anonymous", None)
    ]
    # An anonymous but specific source does not hedge by itself (guidelines 3; gold cw-afp-003:001).
    assert diplomat.verifiability == "verifiable"
    assert [(x.text, x.kind) for x in witnesses.sources] == [("Des témoins", "public")]
    assert witnesses.claim_type == "event"


def test_typographic_apostrophes_and_media_name(annotator: Annotator) -> None:
    text = "D’après l’agence officielle Irna, le bilan s’élève à 12\u00a0morts."
    document, [s] = annotate_one(annotator, text)
    mention = "l’agence officielle Irna"  # offsets and text as written, curly apostrophe kept
    assert s.sources == [source(document, mention, "Irna", "media", "D’après", "according_to")]


def test_selon_lui_resolved_and_seat_of_government(annotator: Annotator) -> None:
    _, [speech, according] = annotate_one(
        annotator,
        "« Nous ne bougerons pas », a lancé un manifestant, Ali Reza.",
        "Selon lui, la police a tiré sur la foule.",
    )
    assert [(x.text, x.kind, x.name, x.mode) for x in speech.sources] == [
        ("un manifestant, Ali Reza", "public", "Ali Reza", "direct")
    ]
    assert [(x.text, x.kind, x.name, x.cue) for x in according.sources] == [
        ("lui", "public", "Ali Reza", "Selon")
    ]
    _, [kremlin] = annotate_one(
        annotator, "Le Kremlin a démenti toute implication, selon l'agence Tass."
    )
    assert [(x.text, x.kind, x.name, x.mode) for x in kremlin.sources] == [
        ("Le Kremlin", "government", "Russie", "indirect"),
        ("l'agence Tass", "media", "Tass", "according_to"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "L'annonce a surpris les marchés.",  # a noun, not the verb
        "Il a été accusé de corruption par la justice.",  # a passive names the accused
        "Elle n'a pas précisé la date du scrutin.",  # a negated cue attributes nothing
        "Le texte selon lequel l'accord est caduc a été publié.",  # "selon" + relative pronoun
    ],
)
def test_no_source(annotator: Annotator, text: str) -> None:
    _, [s] = annotate_one(annotator, text)
    assert s.sources == []


def test_comme_incise_and_impersonal_on(annotator: Annotator) -> None:
    _, [comme] = annotate_one(
        annotator, "Comme l'a rappelé le ministre, la loi interdit la chasse."
    )
    assert [(x.text, x.cue, x.kind) for x in comme.sources] == [
        ("le ministre", "l'a rappelé", "person")
    ]
    assert comme.claim_type == "rule"
    _, [on] = annotate_one(annotator, "On indique de source diplomatique que l'accord est signé.")
    assert {(x.text, x.kind) for x in on.sources} == {
        ("On", "anonymous"),
        ("source diplomatique", "anonymous"),
    }
    # Anonymous but specific sourcing, no conditional: not hedged (guidelines 3).
    assert on.verifiability == "verifiable"


def test_pronoun_falls_back_to_the_last_speaker_of_any_kind(annotator: Annotator) -> None:
    _, [_, s] = annotate_one(
        annotator,
        "Le ministère iranien des Affaires étrangères a annoncé la reprise des discussions.",
        "Il a ajouté que la date restait à fixer.",
    )
    assert [(x.text, x.kind, x.name, x.cue) for x in s.sources] == [
        ("Il", "government", "ministère iranien des Affaires étrangères", "a ajouté")
    ]
    # "restait" is tagged Mood=Cnd by the model; the form says imperfect, so no forecast.
    assert (s.claim_type, s.verifiability) == ("event", "verifiable")


# -- claim type and verifiability ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "claim_type", "verifiability"),
    [
        ("Les négociations reprendront-elles avant l'été ?", "none", "not_applicable"),
        ("L'inflation devrait atteindre 3 % l'an prochain.", "prediction", "unverifiable"),
        ("La croissance ralentira l'an prochain, selon le FMI.", "prediction", "unverifiable"),
        (
            "Les Etats-Unis ont indiqué vouloir discuter du programme balistique.",
            "position",
            "verifiable",
        ),
        ("Le séisme a fait des milliers de morts.", "quantity", "verifiable"),
        ("Les pourparlers ont débuté vendredi à Mascate.", "event", "verifiable"),
        ("Le sommet doit s'achever mardi.", "event", "verifiable"),
        ("L'explosion aurait fait une dizaine de blessés.", "quantity", "hedged"),
        ("La loi interdit désormais la vente d'armes aux mineurs.", "rule", "verifiable"),
        ("Le texte, adopté mardi, prévoit des peines de prison.", "rule", "verifiable"),
        ("La présumée victime a porté plainte.", "event", "hedged"),
        ("PARIS (AFP) -", "none", "not_applicable"),
        (
            "Les pluies torrentielles ont provoqué des inondations dans le nord.",
            "causal",
            "verifiable",
        ),
        ('"C\'est une erreur", estime la ministre, Anne Dupont.', "opinion", "unverifiable"),
        (
            "Il est temps que les Européens agissent, a jugé le chancelier allemand.",
            "opinion",
            "unverifiable",
        ),
        ("« C'est inacceptable », a réagi le porte-parole.", "opinion", "unverifiable"),
        ("Des experts estiment que la croissance ralentira.", "prediction", "unverifiable"),
        ("Le président a promis de baisser les impôts.", "position", "verifiable"),
        ("Le ministre aurait déclaré que l'accord était signé.", "event", "hedged"),
    ],
)
def test_claim_type_and_verifiability(
    annotator: Annotator, text: str, claim_type: str, verifiability: str
) -> None:
    _, [s] = annotate_one(annotator, text)
    assert (s.claim_type, s.verifiability) == (claim_type, verifiability)


# -- the seed --------------------------------------------------------------------------------------

# A sentence ends at . ! ? (after closing quotes) before a capital or an opening quote; "M." does not.
_BOUNDARY = re.compile(r"(?<!\bM\.)(?<=[.!?])\"?\s+(?=[\"«]?[A-ZÉÀ])")


@pytest.fixture(scope="module")
def seed(annotator: Annotator) -> tuple[Document, list[Sentence]]:
    document = read_dispatch(SEED, ROOT).to_document()
    texts = []
    for start, end in document.paragraphs:
        paragraph = document.text[start:end]
        cuts = [
            0,
            *(m.start() + (m.group().startswith('"')) for m in _BOUNDARY.finditer(paragraph)),
        ]
        texts += [
            paragraph[a:b].strip() for a, b in zip(cuts, [*cuts[1:], len(paragraph)], strict=True)
        ]
    return document, annotator.annotate(document, find_sentences(document, texts))


def by_start(sentences: list[Sentence], prefix: str) -> Sentence:
    return next(s for s in sentences if s.text.startswith(prefix))


def test_seed_is_consistent_and_offsets_match(seed: tuple[Document, list[Sentence]]) -> None:
    document, sentences = seed
    assert len(sentences) == 26
    for s in sentences:
        assert s.claim_type in labels("claim_type") and s.verifiability in labels("verifiability")
        assert (s.claim_type == "none") == (s.verifiability == "not_applicable")
        if s.claim_type in ("opinion", "prediction"):
            assert s.verifiability == "unverifiable"
        assert s.annotation.status == "auto"
        for x in s.sources:
            assert document.text[x.start : x.end] == x.text
            assert x.kind in labels("source_kind") and x.mode in labels("source_mode")


def test_seed_quotation_spanning_two_sentences(seed: tuple[Document, list[Sentence]]) -> None:
    document, sentences = seed
    expected = source(
        document,
        "sa porte-parole, Karoline Leavitt",
        "Karoline Leavitt",
        "person",
        "a rappelé",
        "direct",
    )
    first = by_start(sentences, '"Le président a clairement')
    second = by_start(sentences, "Il a été très explicite")
    assert first.sources == [expected] and second.sources == [expected]
    assert first.claim_type == second.claim_type == "position"


def test_seed_pronouns_resolved(seed: tuple[Document, list[Sentence]]) -> None:
    _, sentences = seed
    qualified = by_start(sentences, "Il a qualifié")
    assert [(x.text, x.name, x.cue, x.mode) for x in qualified.sources] == [
        ("Il", "Badr al-Busaidi", "a qualifié", "mixed")
    ]
    assert (qualified.claim_type, qualified.verifiability) == ("opinion", "unverifiable")
    pleased = by_start(sentences, "Les Iraniens")
    assert [(x.text, x.name, x.cue, x.mode) for x in pleased.sources] == [
        ("il", "Donald Trump", "s'est-il félicité", "mixed")
    ]
    warned = by_start(sentences, "L'Iran, a-t-il averti")
    assert [(x.text, x.name, x.cue) for x in warned.sources] == [
        ("il", "Mohammad Akraminia", "a-t-il averti")
    ]


def test_seed_postposed_subjects_keep_appositions(seed: tuple[Document, list[Sentence]]) -> None:
    _, sentences = seed
    isw = by_start(sentences, "\"L'Iran continue")
    assert [(x.text, x.name, x.kind, x.cue, x.mode) for x in isw.sources] == [
        (
            "l'Institute for the Study of War, basé aux Etats-Unis",
            "Institute for the Study of War",
            "organization",
            "estime",
            "direct",
        )
    ]
    araghchi = by_start(sentences, 'Téhéran est "prêt')
    assert [(x.text, x.name, x.cue, x.mode) for x in araghchi.sources] == [
        ("M. Araghchi", "Abbas Araghchi", "a mis en avant", "mixed")
    ]


def test_seed_capital_and_subordinate_speech(seed: tuple[Document, list[Sentence]]) -> None:
    _, sentences = seed
    tehran = by_start(sentences, "Face au maintien")
    assert [(x.text, x.name, x.kind, x.cue) for x in tehran.sources] == [
        ("Téhéran", "Iran", "government", "a répété")
    ]
    # "qu'il riposterait": the speaker's own threat, conditional by concordance of tenses.
    assert (tehran.claim_type, tehran.verifiability) == ("position", "verifiable")
    conditional = by_start(sentences, "S'il a affirmé")
    assert [(x.text, x.name) for x in conditional.sources] == [("il", "Donald Trump")]
    assert conditional.claim_type == "event"  # main clause first (hard case 1)


def test_annotate_many_gives_the_same_results(
    annotator: Annotator, seed: tuple[Document, list[Sentence]]
) -> None:
    document, annotated = seed
    blank = [Sentence(s.doc_id, s.index, s.paragraph, s.start, s.end, s.text) for s in annotated]
    other = build(["Le séisme a fait des milliers de morts."])
    results = list(
        annotator.annotate_many([(document, blank), other, (document, blank)], batch_size=2)
    )
    assert results[0] == annotated and results[2] == annotated
    assert results[1] == annotator.annotate(*other)
