"""Tests of the French sentence segmenter: typography rules, the seed dispatch, offsets, F1 floor."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimwire.evaluate.segmentation import (
    BoundaryScore,
    evaluate,
    paragraph_spans,
    read_gold,
    score_boundaries,
)
from claimwire.ingest import read_dispatch
from claimwire.segment import SentenceSpan, segment_document, segment_paragraph

REPO = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent / "data" / "segmentation"
SEED = REPO / "seeds" / "000_893c4ca9cc588f19.txt"
NBSP, NNBSP = "\u00a0", "\u202f"


def sentences(paragraph: str) -> list[str]:
    return [paragraph[start:end] for start, end in segment_paragraph(paragraph)]


CASES = {
    "titles": (
        "M. Dupont et Mme Martin sont arrivés. MM. Durand et Petit, le Dr. Roux et Mgr. Blanc "
        "aussi.",
        [
            "M. Dupont et Mme Martin sont arrivés.",
            "MM. Durand et Petit, le Dr. Roux et Mgr. Blanc aussi.",
        ],
    ),
    "saint": (
        "Il vit à St. Louis depuis 2010. Il a grandi à Ste. Foy.",
        ["Il vit à St. Louis depuis 2010.", "Il a grandi à Ste. Foy."],
    ),
    "initials": (
        "J.-P. Sartre et George W. Bush ne se sont jamais vus. J. Chirac non plus.",
        ["J.-P. Sartre et George W. Bush ne se sont jamais vus.", "J. Chirac non plus."],
    ),
    "three_initials": (
        "En 1987, H.R.F. Keating publia un roman.",
        ["En 1987, H.R.F. Keating publia un roman."],
    ),
    "dotted_acronym_ends_sentence": (
        "Il a saisi l'O.N.U. Elle se réunira lundi.",
        ["Il a saisi l'O.N.U.", "Elle se réunira lundi."],
    ),
    "suffixes_before_small_letter": (
        "Martin Luther King Jr. a parlé. La société Total S.A. a publié ses comptes.",
        ["Martin Luther King Jr. a parlé.", "La société Total S.A. a publié ses comptes."],
    ),
    "month_abbreviation": (
        "Il est né le 12 janv. 1950 à Paris.",
        ["Il est né le 12 janv. 1950 à Paris."],
    ),
    "initial_then_new_sentence": (
        "Le logiciel tourne sous Mac OS X. Une version pour Windows suivra.",
        ["Le logiciel tourne sous Mac OS X.", "Une version pour Windows suivra."],
    ),
    "name_particle_after_initial": (
        "Le ministre J.-Y. Le Drian est arrivé.",
        ["Le ministre J.-Y. Le Drian est arrivé."],
    ),
    "numbers": (
        "Le budget atteint 2.700.000 F. La hausse est de 3,5 % sur un an, soit 1.200 emplois.",
        ["Le budget atteint 2.700.000 F.", "La hausse est de 3,5 % sur un an, soit 1.200 emplois."],
    ),
    "percent_then_sentence": (
        "L'inflation a atteint 3,5 %. Elle devrait ralentir.",
        ["L'inflation a atteint 3,5 %.", "Elle devrait ralentir."],
    ),
    "abbreviation_before_figure": (
        "Voir p. 12 et cf. Annexe 3. Le texte intégral est en ligne.",
        ["Voir p. 12 et cf. Annexe 3.", "Le texte intégral est en ligne."],
    ),
    "etc_ends_before_capital": (
        "Il vend des pommes, des poires, etc. Les prix montent.",
        ["Il vend des pommes, des poires, etc.", "Les prix montent."],
    ),
    "etc_goes_on_before_small_letter": (
        "Il vend des pommes, des poires, etc. et même des fraises.",
        ["Il vend des pommes, des poires, etc. et même des fraises."],
    ),
    "era": (
        "Le temple fut dédié en 493 av. J.-C. Il fut détruit plus tard.",
        ["Le temple fut dédié en 493 av. J.-C.", "Il fut détruit plus tard."],
    ),
    "ellipsis_dots": (
        "Les négociations continuent... Rien n'est signé.",
        ["Les négociations continuent...", "Rien n'est signé."],
    ),
    "ellipsis_character": (
        "Les négociations continuent… Rien n'est signé.",
        ["Les négociations continuent…", "Rien n'est signé."],
    ),
    "ellipsis_before_figure": (
        "Le butin se montait à... 30 F. Les voleurs sont repartis.",
        ["Le butin se montait à... 30 F.", "Les voleurs sont repartis."],
    ),
    "ellipsis_before_small_letter": (
        "Il a hésité... puis il a signé.",
        ["Il a hésité... puis il a signé."],
    ),
    "cut_in_parentheses": (
        '"Nous sommes prêts (...) Nous ne céderons pas", a-t-il dit.',
        ['"Nous sommes prêts (...) Nous ne céderons pas", a-t-il dit.'],
    ),
    "cut_in_brackets": (
        "« Le texte [...] Il sera voté », selon lui.",
        ["« Le texte [...] Il sera voté », selon lui."],
    ),
    "guillemets_end_sentence": (
        f"Il a répondu{NBSP}: «{NBSP}Nous partirons demain.{NBSP}» Le ministre l'a confirmé.",
        [f"Il a répondu{NBSP}: «{NBSP}Nous partirons demain.{NBSP}»", "Le ministre l'a confirmé."],
    ),
    "quote_of_two_sentences_then_speaker": (
        "« Nous partirons. Nous reviendrons », a déclaré le ministre.",
        ["« Nous partirons.", "Nous reviendrons », a déclaré le ministre."],
    ),
    "guillemets_with_two_sentences_then_text": (
        "Il a dit : « C'est fini. Nous rentrons. » Puis il est parti.",
        ["Il a dit : « C'est fini.", "Nous rentrons. »", "Puis il est parti."],
    ),
    "straight_quotes_two_sentences": (
        '"Nous partirons. Nous reviendrons", a déclaré le ministre. "Il le faut", a-t-il ajouté.',
        [
            '"Nous partirons.',
            'Nous reviendrons", a déclaré le ministre.',
            '"Il le faut", a-t-il ajouté.',
        ],
    ),
    # A straight quote spaced on both sides after a period closes a quotation when an odd number of
    # quotes come before it (counted by binary search since issue 14), else opens one.
    "spaced_straight_quote_opens": (
        'Il est parti. " Nous partons. " Puis rien.',
        ["Il est parti.", '" Nous partons. "', "Puis rien."],
    ),
    "spaced_straight_quote_closes": (
        'Il a dit " Nous partons. " Le ministre est parti.',
        ['Il a dit " Nous partons. "', "Le ministre est parti."],
    ),
    "curly_quotes": (
        "“Nous partirons.” Le ministre l'a dit.",
        ["“Nous partirons.”", "Le ministre l'a dit."],
    ),
    "straight_quote_closes_after_period": (
        'Il a titré "Dracula était communiste." Le journal a été saisi.',
        ['Il a titré "Dracula était communiste."', "Le journal a été saisi."],
    ),
    "question_and_exclamation": (
        f"Qui paiera{NBSP}? Personne{NNBSP}! Tout le monde le sait.",
        [f"Qui paiera{NBSP}?", f"Personne{NNBSP}!", "Tout le monde le sait."],
    ),
    "question_in_quote_then_small_letter": (
        f"«{NBSP}Qui paiera{NBSP}?{NBSP}» a demandé le député.",
        [f"«{NBSP}Qui paiera{NBSP}?{NBSP}» a demandé le député."],
    ),
    "exclamation_in_quote_then_comma": (
        "« C'est fini ! », a-t-il lancé.",
        ["« C'est fini ! », a-t-il lancé."],
    ),
    "colon_and_semicolon_go_on": (
        "Il est catégorique: pour aboutir, il faudra céder; sinon rien.",
        ["Il est catégorique: pour aboutir, il faudra céder; sinon rien."],
    ),
    "headline_without_period": (
        "Iran-Etats-Unis : reprise des pourparlers à Oman",
        ["Iran-Etats-Unis : reprise des pourparlers à Oman"],
    ),
    "small_letter_after_period": (
        "Les travaux sont finis. à ce jour, rien n'a bougé.",
        ["Les travaux sont finis.", "à ce jour, rien n'a bougé."],
    ),
    "dash_item": (
        "Trois mesures sont prévues. - La baisse des taxes.",
        ["Trois mesures sont prévues.", "- La baisse des taxes."],
    ),
    "closing_parenthesis": (
        "Il a tout prévu (le matériel, les vivres, etc.) Le départ est fixé à lundi.",
        ["Il a tout prévu (le matériel, les vivres, etc.)", "Le départ est fixé à lundi."],
    ),
    "abbreviation_in_parentheses_then_sentence": (
        "Les carrossiers indépendants (Gruau par ex.) Ainsi, rien ne change.",
        ["Les carrossiers indépendants (Gruau par ex.)", "Ainsi, rien ne change."],
    ),
    "url_and_decimal_points": (
        "Le site www.example.fr publie 2.5 millions de pages.",
        ["Le site www.example.fr publie 2.5 millions de pages."],
    ),
}


@pytest.mark.parametrize(("paragraph", "expected"), CASES.values(), ids=CASES.keys())
def test_french_patterns(paragraph: str, expected: list[str]) -> None:
    assert sentences(paragraph) == expected


def test_spans_are_stripped_paragraph_offsets() -> None:
    assert segment_paragraph("  Il pleut.  Il vente.\n") == [(2, 11), (13, 22)]
    assert segment_paragraph(" \n ") == []


def test_document_spans_stay_in_their_paragraph() -> None:
    text = "Titre sans point\n\nIl a dit. Elle a répondu.\n\n« Oui. Non », a-t-il conclu"
    paragraphs = paragraph_spans(text)
    spans = segment_document(text, paragraphs)
    assert [(s.paragraph, text[s.start : s.end]) for s in spans] == [
        (0, "Titre sans point"),
        (1, "Il a dit."),
        (1, "Elle a répondu."),
        (2, "« Oui."),
        (2, "Non », a-t-il conclu"),
    ]
    assert spans[1] == SentenceSpan(1, 18, 27)


# The seed dispatch, sentence by sentence with its paragraph: 21 paragraphs, five of them holding
# two sentences. A quote of two sentences is cut inside its quotation marks (paragraph 14), as the
# UD treebanks do; a colon (paragraph 17) and a cut `(...)` (8, 17, 18) do not end a sentence.
SEED_SENTENCES = [
    (
        0,
        "L'Iran et les Etats-Unis ont engagé vendredi à Oman des pourparlers que Téhéran "
        "veut limiter à son programme nucléaire, Washington laissant toujours planer la "
        "menace d'une action militaire en cas d'échec de la diplomatie.",
    ),
    (
        1,
        "Le gouvernement iranien a annoncé en fin de matinée sur X que les discussions "
        'étaient déjà entrées dans leur "deuxième phase".',
    ),
    (
        2,
        "La télévision d'Etat iranienne a précisé qu'elles sont menées indirectement, via "
        "le médiateur omanais, entre le ministre des Affaires étrangères iranien Abbas "
        "Araghchi et l'émissaire du président américain pour le Moyen-Orient, Steve "
        "Witkoff.",
    ),
    (
        3,
        "Ces pourparlers sont les premiers depuis les frappes sur des sites nucléaires "
        "iraniens menées en juin par les Etats-Unis lors de la guerre de 12 jours "
        "déclenchée par une attaque israélienne contre l'Iran.",
    ),
    (
        4,
        "Ils ont débuté alors que le président américain Donald Trump a déployé une armada "
        "dans la région, après la répression sanglante par le pouvoir iranien de la vaste "
        "mobilisation de début janvier.",
    ),
    (
        5,
        "Le ministre omanais des Affaires étrangères, Badr al-Busaidi, avait auparavant "
        "reçu séparément M. Araghchi et M. Witkoff, qui est accompagné du gendre de Donald "
        "Trump, Jared Kushner.",
    ),
    (5, 'Il a qualifié les pourparlers de "cruciaux".'),
    (
        6,
        "Les Etats-Unis ont indiqué ces derniers jours vouloir discuter du soutien apporté "
        "par Téhéran à divers groupes armés unis par leur hostilité à Israël dans la "
        "région, et son programme de missiles balistiques.",
    ),
    (
        7,
        "L'Iran martèle, lui, ne vouloir discuter que de son programme nucléaire pour "
        "obtenir la levée des sanctions internationales qui asphyxient l'économie.",
    ),
    (
        8,
        'Téhéran est "prêt à défendre la souveraineté et la sécurité nationales (...) '
        "contre toute exigence excessive ou toute tentative d'aventurisme\" des Etats-Unis, "
        "a mis en avant M. Araghchi, lors de sa rencontre avec son homologue omanais.",
    ),
    (
        9,
        "Dans un communiqué publié peu avant l'ouverture des négociations, la Chine a "
        'indiqué soutenir l\'Iran dans la défense de ses "intérêts" et face à '
        'l\'"intimidation".',
    ),
    (
        10,
        "Les discussions interviennent après la répression début janvier par le pouvoir "
        "iranien d'un vaste mouvement de contestation, qui a fait des milliers de morts.",
    ),
    (
        11,
        "Après avoir menacé de frapper l'Iran en soutien aux contestataires, le président "
        "américain centre désormais sa rhétorique sur le contrôle du programme nucléaire "
        "iranien.",
    ),
    (
        12,
        "S'il a affirmé en juin que les frappes américaines avaient anéanti les capacités "
        "nucléaires iraniennes, l'ampleur exact des dégâts reste inconnu.",
    ),
    (13, 'Les Iraniens "négocient", s\'est-il félicité jeudi.'),
    (13, '"Ils ne veulent pas que nous les frappions", a-t-il ajouté.'),
    (14, '"Le président a clairement exprimé ses exigences envers le régime iranien.'),
    (
        14,
        "Il a été très explicite sur le fait qu'il souhaitait une capacité nucléaire "
        "nulle\", a rappelé jeudi soir sa porte-parole, Karoline Leavitt, soulignant qu'il "
        "est \"le commandant en chef de l'armée la plus puissante de l'histoire\".",
    ),
    (
        15,
        "Les pays occidentaux et Israël accusent l'Iran de chercher à se doter de l'arme "
        "atomique, ce que Téhéran dément tout en faisant valoir son droit à développer une "
        "filière nucléaire civile.",
    ),
    (
        16,
        "L'Iran et les Etats-Unis avaient déjà mené des négociations au printemps notamment "
        "dans le sultanat d'Oman, gelées par la guerre des 12 jours.",
    ),
    (16, "Elles achoppaient notamment sur la question de l'enrichissement d'uranium par Téhéran."),
    (
        17,
        "Sur le cadre des négociations, le chef de la diplomatie américaine, Marco Rubio, "
        'est, lui, aussi catégorique: pour aboutir, elles devront "inclure certains '
        "éléments, notamment la portée de leurs missiles balistiques, leur soutien aux "
        'organisations terroristes (...) et le traitement réservé à leur population".',
    ),
    (
        18,
        "\"L'Iran continue de faire preuve d'inflexibilité face aux demandes des "
        "Etats-Unis, ce qui réduit la probabilité (...) d'une solution diplomatique\", "
        "estime l'Institute for the Study of War, basé aux Etats-Unis.",
    ),
    (
        19,
        "Face au maintien par Washington des menaces d'action militaire, Téhéran a répété "
        "qu'il riposterait contre les bases américaines de la région en cas d'attaque, "
        "brandissant le risque d'une escalade dans la région.",
    ),
    (
        20,
        "\"Nous sommes prêts à nous défendre, et c'est au président américain de choisir "
        "entre le compromis ou la guerre\", a déclaré jeudi le porte-parole de l'armée, le "
        "général Mohammad Akraminia.",
    ),
    (20, 'L\'Iran, a-t-il averti, a un accès "facile" aux bases américaines dans le Golfe.'),
]


def test_seed_dispatch_exactly() -> None:
    document = read_dispatch(SEED, REPO).to_document()
    spans = segment_document(document.text, document.paragraphs)
    assert [(s.paragraph, document.text[s.start : s.end]) for s in spans] == SEED_SENTENCES
    assert len(spans) == 26


def bench_files() -> list[Path]:
    return sorted(BENCH.glob("*.jsonl"))


@pytest.mark.parametrize("path", bench_files(), ids=lambda path: path.stem)
def test_offsets_are_stripped_ordered_and_cover_each_paragraph(path: Path) -> None:
    for document in read_gold(path):
        text = document.text
        paragraphs = paragraph_spans(text)
        spans = segment_document(text, paragraphs)
        for index, (par_start, par_end) in enumerate(paragraphs):
            mine = [s for s in spans if s.paragraph == index]
            assert mine, f"{document.id}: paragraph {index} has no sentence"
            covered: set[int] = set()
            previous_end = par_start
            for span in mine:
                sentence = text[span.start : span.end]
                assert sentence and sentence == sentence.strip(), (document.id, span)
                assert previous_end <= span.start < span.end <= par_end, (document.id, span)
                covered.update(range(span.start, span.end))
                previous_end = span.end
            visible = {i for i in range(par_start, par_end) if not text[i].isspace()}
            assert visible <= covered, f"{document.id}: paragraph {index} not covered"


@pytest.mark.parametrize("name", ["gsd-test", "sequoia-test", "est-republicain"])
def test_f1_floor_on_treebank_benchmarks(name: str) -> None:
    score = evaluate(read_gold(BENCH / f"{name}.jsonl"), segment_paragraph)
    assert score.f1 >= 0.99, score


def test_boundary_score_skips_whitespace_and_ignores_the_last_sentence() -> None:
    text = "Un. Deux.  Trois. Quatre."
    gold = [(0, 3), (4, 9), (11, 17), (18, 25)]
    # The first predicted boundary ends after a space: it still matches; the one after `Trois.`
    # is missed; `Quatre.` ends the document, so it is no boundary.
    predicted = [(0, 4), (4, 9), (11, 25)]
    score = score_boundaries(text, gold, predicted)
    assert score == BoundaryScore(true_positives=2, false_positives=0, false_negatives=1)
    assert (score.precision, score.recall) == (1.0, 2 / 3)
    assert score.f1 == pytest.approx(0.8)
