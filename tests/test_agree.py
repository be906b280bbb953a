"""`claimwire agree`: coefficients against textbook values, and annotators' copies of the real seed."""

from __future__ import annotations

import itertools
import random
from collections import Counter
from fractions import Fraction
from pathlib import Path

import orjson
import pytest
from annotator_copies import (
    SECOND_ID,
    SEED_ID,
    copy_base,
    edit_document,
    edit_source,
    read_records,
    relabel,
    sentence_files,
    split_sentence,
    write_records,
)
from helpers import claimwire

from claimwire.card import card_agreement_section
from claimwire.card_sections import agreement_section
from claimwire.corpus.agreement_file import AgreementFileError
from claimwire.review.statistics import cohen_kappa, nominal_alpha, span_iou

# --- independent formulas, written from the definitions, with exact fractions -------------------------


def kappa_by_definition(a: list[str], b: list[str]) -> Fraction:
    """Cohen (1960): observed agreement against the product of the two coders' marginals."""
    n = len(a)
    observed = Fraction(sum(x == y for x, y in zip(a, b, strict=True)), n)
    ca, cb = Counter(a), Counter(b)
    expected = sum(Fraction(ca[k] * cb[k], n * n) for k in ca.keys() | cb.keys())
    return (observed - expected) / (1 - expected)


def alpha_by_pairs(units: list[list[str]]) -> Fraction:
    """Krippendorff: 1 - D_o / D_e, enumerating the ordered pairs of values within and across units."""
    units = [u for u in units if len(u) >= 2]
    values = [v for u in units for v in u]
    n = len(values)
    within = sum(
        Fraction(sum(x != y for x, y in itertools.permutations(u, 2)), len(u) - 1) for u in units
    )
    across = Fraction(sum(x != y for x, y in itertools.permutations(values, 2)), n - 1)
    return 1 - within / across


# --- the coefficients ------------------------------------------------------------------------------


def test_cohen_kappa_textbook() -> None:
    # 50 items: both yes 20, yes/no 5, no/yes 10, both no 15 -> p_o 0.7, p_e 0.5, kappa 0.4.
    pairs = [("y", "y")] * 20 + [("y", "n")] * 5 + [("n", "y")] * 10 + [("n", "n")] * 15
    assert cohen_kappa(pairs) == pytest.approx(0.4, abs=1e-12)


def test_cohen_kappa_undefined_when_a_single_value() -> None:
    assert cohen_kappa([("event", "event")] * 4) is None
    assert cohen_kappa([]) is None


# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", example C: four observers, twelve
# units, missing values; alpha (nominal) = 0.743.
KRIPPENDORFF_2011 = [
    [1, 1, None, 1],
    [2, 2, 3, 2],
    [3, 3, 3, 3],
    [3, 3, 3, 3],
    [2, 2, 2, 2],
    [1, 2, 3, 4],
    [4, 4, 4, 4],
    [1, 1, 2, 1],
    [2, 2, 2, 2],
    [None, 5, 5, 5],
    [None, None, 1, 1],
    [None, 3, None, None],
]


def test_nominal_alpha_textbook() -> None:
    units = [[v for v in unit if v is not None] for unit in KRIPPENDORFF_2011]
    assert round(nominal_alpha(units), 3) == 0.743
    assert nominal_alpha(units) == pytest.approx(float(alpha_by_pairs(units)), abs=1e-12)


def test_nominal_alpha_matches_the_krippendorff_package() -> None:
    import krippendorff  # test extra only (GPL-3.0): never imported by the package
    import numpy as np

    generator = random.Random(7)
    for _ in range(20):
        data = [
            [generator.choice([1, 2, 3, None]) for _ in range(25)]
            for _ in range(generator.randint(2, 4))
        ]
        units = [[r[u] for r in data if r[u] is not None] for u in range(25)]
        matrix = np.array([[np.nan if v is None else v for v in r] for r in data], dtype=float)
        expected = krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal")
        assert nominal_alpha(units) == pytest.approx(expected, abs=1e-9)


def test_span_overlap_is_intersection_over_union() -> None:
    assert span_iou((0, 10), (5, 15)) == pytest.approx(5 / 15)
    assert span_iou((0, 10), (10, 20)) == 0
    assert span_iou((3, 7), (3, 7)) == 1


# --- annotators' copies of the seed ----------------------------------------------------------------

ANN2_LABELS = {
    f"{SEED_ID}:003": {"claim_type": "position"},
    f"{SEED_ID}:006": {"claim_type": "position", "verifiability": "verifiable"},
    f"{SECOND_ID}:001": {"verifiability": "verifiable"},
}


def labels_of(corpus: Path, layer: str) -> dict[str, str]:
    return {r["id"]: r[layer] for f in sentence_files(corpus) for r in read_records(f)}


def labels_by_span(corpus: Path, layer: str) -> dict[tuple[str, int, int], str]:
    return {
        (r["doc_id"], r["start"], r["end"]): r[layer]
        for f in sentence_files(corpus)
        for r in read_records(f)
    }


@pytest.fixture
def copies(tmp_path: Path) -> tuple[Path, Path]:
    """ann1 keeps the reference; ann2 relabels three sentences, edits two sources, splits one sentence."""
    ann1, ann2 = copy_base(tmp_path / "ann1"), copy_base(tmp_path / "ann2")
    relabel(ann2, "ann2", ANN2_LABELS)
    edit_source(ann2, "ann2", f"{SEED_ID}:001", 0, kind="organization")
    edit_source(ann2, "ann2", f"{SEED_ID}:009", 0, remove=True)
    split_sentence(ann2, "ann2", f"{SEED_ID}:021", "catégorique:")
    return ann1, ann2


def test_two_copies_kappa_and_alpha(copies: tuple[Path, Path]) -> None:
    ann1, ann2 = copies
    code, out, _ = claimwire("agree", ann1, ann2, "--format", "json")
    assert code == 0
    report = orjson.loads(out)
    assert report["alignment"]["aligned"] == 29  # 30 sentences, the one ann2 split is not aligned
    assert report["alignment"]["unaligned"] == [1, 2]
    reference = labels_of(ann1, "claim_type")
    del reference[f"{SEED_ID}:021"]
    edited = dict(reference) | {
        k: v["claim_type"] for k, v in ANN2_LABELS.items() if "claim_type" in v
    }
    ids = sorted(reference)
    a, b = [reference[i] for i in ids], [edited[i] for i in ids]
    claim = report["layers"][0]
    assert claim["layer"] == "claim_type" and claim["items"] == 29
    assert claim["observed"] == pytest.approx(27 / 29)
    assert claim["pairs"]["A-B"] == pytest.approx(float(kappa_by_definition(a, b)))
    assert claim["alpha"] == pytest.approx(
        float(alpha_by_pairs([list(p) for p in zip(a, b, strict=True)]))
    )
    assert round(claim["pairs"]["A-B"], 3) == 0.887
    opinion = next(x for x in claim["labels"] if x["label"] == "opinion")
    assert opinion["counts"] == [2, 1] and opinion["agreed"] == 1
    assert opinion["f1"] == pytest.approx(2 / 3)
    one_vs_rest = kappa_by_definition([x == "opinion" for x in a], [x == "opinion" for x in b])
    assert opinion["kappa"] == pytest.approx(float(one_vs_rest))


def test_sources_matched_by_overlap(copies: tuple[Path, Path]) -> None:
    ann1, ann2 = copies
    (sources,) = orjson.loads(claimwire("agree", ann1, ann2, "--format", "json")[1])["sources"]
    assert sources["sources"] == [21, 20] and sources["matched"] == 20
    assert sources["f1"] == pytest.approx(40 / 41)
    assert sources["fields"] == {"name": 1.0, "kind": pytest.approx(19 / 20), "mode": 1.0}


def test_overlap_threshold(copies: tuple[Path, Path]) -> None:
    """A mention cut to 29 of its 57 characters still matches (0.509); one cut to 16 of 33 does not."""
    ann1, ann2 = copies
    akraminia = read_records(sentence_files(ann1)[0])[24]["sources"][0]
    general = "le général Mohammad Akraminia"
    start = akraminia["start"] + akraminia["text"].index(general)
    edit_source(
        ann2, "ann2", f"{SEED_ID}:025", 0, text=general, start=start, end=start + len(general)
    )
    leavitt = read_records(sentence_files(ann1)[0])[16]["sources"][0]
    start = leavitt["start"] + leavitt["text"].index("Karoline")
    edit_source(
        ann2, "ann2", f"{SEED_ID}:016", 0, text="Karoline Leavitt", start=start, end=start + 16
    )
    (sources,) = orjson.loads(claimwire("agree", ann1, ann2, "--format", "json")[1])["sources"]
    assert sources["matched"] == 19  # 20 before, less the Leavitt mention of sentence 016


def test_three_copies_alpha(copies: tuple[Path, Path], tmp_path: Path) -> None:
    ann1, ann2 = copies
    ann3 = copy_base(tmp_path / "ann3")
    relabel(ann3, "ann3", {f"{SEED_ID}:003": {"claim_type": "quantity"}})
    code, out, _ = claimwire("agree", ann1, ann2, ann3, "--format", "json")
    assert code == 0
    claim = orjson.loads(out)["layers"][0]
    # By span, as the command aligns them: ann2's split renumbers its later sentences.
    spans = [labels_by_span(c, "claim_type") for c in (ann1, ann2, ann3)]
    units = [[s[k] for s in spans if k in s] for k in sorted(set().union(*spans))]
    assert claim["items"] == 30
    assert claim["alpha"] == pytest.approx(float(alpha_by_pairs(units)))
    assert set(claim["pairs"]) == {"A-B", "A-C", "B-C"}
    code, text, _ = claimwire("agree", ann1, ann2, ann3)
    assert "kappa A-B  kappa A-C  kappa B-C  alpha" in text
    assert f"copies: A={ann1}, B={ann2}, C={ann3}" in text


def test_text_table(copies: tuple[Path, Path]) -> None:
    code, text, _ = claimwire("agree", *copies)
    assert code == 0
    assert (
        "sentences aligned by span in every copy: 29; not aligned (different segmentation): A 1, B 2"
        in text
    )
    assert "claim_type     29     93.1 %     0.887      0.888" in text
    assert "A-B   21/20    20       1.000      0.952   0.976  100.0 %  95.0 % (kappa 0.926)" in text


def test_card_section(copies: tuple[Path, Path], tmp_path: Path) -> None:
    ann1, ann2 = copies
    corpus = copy_base(tmp_path / "corpus")
    assert card_agreement_section(corpus) == ""
    code, out, err = claimwire(
        "agree", ann1, ann2, "--format", "json", "-o", corpus / "agreement.json"
    )
    assert code == 0 and out == "" and err.strip() == f"{corpus / 'agreement.json'}: written"
    section = card_agreement_section(corpus)
    assert section == agreement_section(orjson.loads((corpus / "agreement.json").read_bytes()))
    assert section.startswith("### Inter-annotator agreement\n")
    assert "| `claim_type` | 29 | 93.1 % | 0.887 | 0.888 |" in section
    assert str(ann1) not in section  # no local paths in a published card
    (corpus / "agreement.json").write_text('{"layers": []}')
    with pytest.raises(
        AgreementFileError, match=r"agreement.json: not a report of `claimwire agree"
    ):
        card_agreement_section(corpus)


# --- bad inputs: one line, naming the file --------------------------------------------------------


def test_fewer_than_two_copies(copies: tuple[Path, Path]) -> None:
    code, _, err = claimwire("agree", copies[0])
    assert code == 2 and "at least two copies" in err


def test_not_a_corpus(copies: tuple[Path, Path], tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    code, _, err = claimwire("agree", copies[0], tmp_path / "empty")
    assert code == 1
    assert err.strip().splitlines() == [
        f"Error: {tmp_path / 'empty'}: not a corpus (no data/<split>/<table>/<YYYY-MM>.jsonl files)"
    ]
    code, _, err = claimwire("agree", copies[0], tmp_path / "missing")
    assert code == 1 and f"{tmp_path / 'missing'}: no such folder" in err


def test_copy_of_another_corpus(tmp_path: Path) -> None:
    first, other = copy_base(tmp_path / "first"), copy_base(tmp_path / "other")
    for corpus, keep in ((first, SEED_ID), (other, SECOND_ID)):
        for path in corpus.glob("data/*/*/*.jsonl"):
            records = [r for r in read_records(path) if keep in (r.get("doc_id"), r.get("id"))]
            if records:
                write_records(path, records)
            else:
                path.unlink()
    code, _, err = claimwire("agree", first, other)
    assert code == 1
    assert (
        err.strip()
        == f"Error: {other}: no document in common with {first} (a copy of another corpus?)"
    )


def test_unknown_fields(copies: tuple[Path, Path]) -> None:
    ann1, ann2 = copies

    def typo(records: list[dict]) -> list[dict]:
        records[4]["claim_typ"] = records[4].pop("claim_type")
        records[6]["sources"][0]["speaker"] = "Badr al-Busaidi"
        return records

    edit_document(ann2, SEED_ID, typo)
    code, _, err = claimwire("agree", ann1, ann2)
    assert code == 1
    path = sentence_files(ann2)[0]
    assert err.strip() == (
        f"Error: {path}:5: unknown field 'claim_typ' (not in the sentences schema) (and 1 more)"
    )


def test_unknown_label(copies: tuple[Path, Path]) -> None:
    ann1, ann2 = copies
    edit_source(ann2, "ann2", f"{SEED_ID}:006", 0, kind="persn")
    code, _, err = claimwire("agree", ann1, ann2)
    assert code == 1
    path = sentence_files(ann2)[0]
    assert err.strip() == (
        f"Error: {path}:7: unknown label 'persn' in 'sources[0].kind' (not in source_kind)"
    )


def test_documents_not_comparable_are_counted(copies: tuple[Path, Path], tmp_path: Path) -> None:
    """A document missing from a copy, or whose text differs, is left out and listed."""
    ann1, ann2 = copies
    for path in ann2.glob("data/*/*/2026-03.jsonl"):
        path.unlink()
    alignment = orjson.loads(claimwire("agree", ann1, ann2, "--format", "json")[1])["alignment"]
    assert alignment["only_in_some"] == [SECOND_ID] and alignment["documents"] == 1
    ann3 = copy_base(tmp_path / "ann3")
    (path,) = ann3.glob("data/*/documents/2026-02.jsonl")
    (document,) = read_records(path)
    write_records(path, [dict(document, text=document["text"].replace("exact des", "exacte des"))])
    alignment = orjson.loads(claimwire("agree", ann1, ann3, "--format", "json")[1])["alignment"]
    assert alignment["text_differs"] == [SEED_ID]
    assert alignment["documents"] == 1 and alignment["aligned"] == 4
