"""`claimwire evaluate`: its arithmetic on tiny hand-made cases, its errors, and its CLI."""

from __future__ import annotations

import functools
import itertools
import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from claimwire.cli.evaluate import evaluate_cmd
from claimwire.corpus.splits import read_recorded_splits
from claimwire.corpus.store import Corpus, render_files, write_files
from claimwire.evaluate import EvaluationError, evaluate, span_overlap
from claimwire.evaluate.gold import PART_SPLITS, read_gold_part, texts_of
from claimwire.evaluate.metrics import match_sources
from claimwire.ingest import read_dispatch
from claimwire.records import Document, Origin, Sentence, Source
from claimwire.schema import SCHEMA_FILES, load_schema
from claimwire.validate import validate_corpus

TEXT_A = (
    "Le maire, Jean Dupont, a démissionné. « Je pars », a-t-il dit. Selon la préfecture, 3 morts."
)
TEXT_B = "Un. Deux. Trois. Quatre."


def span(text: str, part: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(part, start + 1)
    return start, start + len(part)


def document(doc_id: str, text: str) -> Document:
    return Document(
        doc_id, "2026-01-05", "fr", None, text, [(0, len(text))], Origin("x.txt", "text", "0")
    )


def sentences(
    doc: Document, parts: list[str], labels: list[tuple[str, str]] | None = None
) -> list[Sentence]:
    result = []
    for i, part in enumerate(parts):
        start, end = span(doc.text, part)
        claim, verif = labels[i] if labels else ("none", "not_applicable")
        result.append(Sentence(doc.id, i, 0, start, end, part, claim, verif))
    return result


def source(text: str, part: str, name, kind, cue, mode) -> Source:
    start, end = span(text, part)
    return Source(part, start, end, name, kind, cue, mode)


def corpus(*docs: tuple[Document, list[Sentence]]) -> Corpus:
    result = Corpus()
    for doc, sents in docs:
        result.put(doc, "train", sents)
    return result


def hand_made(ids: tuple[str, str] = ("doc-a", "doc-b")) -> tuple[Corpus, Corpus]:
    a, b = document(ids[0], TEXT_A), document(ids[1], TEXT_B)
    parts_a = [
        "Le maire, Jean Dupont, a démissionné.",
        "« Je pars », a-t-il dit.",
        "Selon la préfecture, 3 morts.",
    ]
    gold_a = sentences(
        a,
        parts_a,
        [("event", "verifiable"), ("position", "verifiable"), ("quantity", "verifiable")],
    )
    gold_a[1].sources = [source(TEXT_A, "il", "Jean Dupont", "person", "a-t-il dit", "direct")]
    gold_a[2].sources = [
        source(TEXT_A, "la préfecture", None, "government", "Selon", "according_to")
    ]
    pred_a = sentences(
        a,
        parts_a,
        [("event", "verifiable"), ("opinion", "unverifiable"), ("quantity", "verifiable")],
    )
    pred_a[0].sources = [
        source(
            TEXT_A, "Le maire, Jean Dupont", "Jean Dupont", "person", "a démissionné", "indirect"
        )
    ]
    pred_a[1].sources = [source(TEXT_A, "il", "Jean Dupont", "person", "a-t-il dit", "indirect")]
    pred_a[2].sources = [
        source(TEXT_A, "préfecture", "préfecture", "government", "selon", "according_to")
    ]
    gold_b = sentences(b, ["Un.", "Deux. Trois.", "Quatre."])
    pred_b = sentences(b, ["Un. Deux.", "Trois.", "Quatre."])
    return corpus((a, gold_a), (b, gold_b)), corpus((a, pred_a), (b, pred_b))


def test_span_overlap_is_intersection_over_union():
    assert span_overlap((0, 10), (0, 10)) == 1.0
    assert span_overlap((0, 10), (5, 15)) == pytest.approx(5 / 15)
    assert span_overlap((0, 13), (3, 13)) == pytest.approx(10 / 13)
    assert span_overlap((0, 4), (4, 8)) == 0.0
    assert span_overlap((3, 3), (3, 3)) == 1.0


def test_source_matching_is_one_to_one_by_best_overlap():
    text = "le ministre Jean Martin"
    gold = [
        source(text, "le ministre Jean Martin", "Jean Martin", "person", None, "direct"),
        source(text, "Jean Martin", "Jean Martin", "person", None, "direct"),
    ]
    pred = [source(text, "ministre Jean Martin", "Jean Martin", "person", None, "direct")]
    pairs = match_sources(gold, pred)
    # overlaps 20/23 and 11/20: the better pair wins, the other gold source stays unmatched
    assert [(g.text, p.text) for g, p in pairs] == [
        ("le ministre Jean Martin", "ministre Jean Martin")
    ]


def test_boundaries_are_scored_over_all_documents():
    report = evaluate(*hand_made())
    # doc-a: 2 gold boundaries, both predicted; doc-b: gold {after Un., after Trois.},
    # pred {after Deux., after Trois.}: 1 matched, 1 spurious, 1 missed
    b = report.boundaries
    assert (b.true_positives, b.false_positives, b.false_negatives) == (3, 1, 1)
    assert b.precision == b.recall == b.f1 == 0.75
    assert (report.gold_sentences, report.pred_sentences, report.exact_sentences) == (6, 6, 4)


def test_sources_precision_recall_and_field_accuracies():
    report = evaluate(*hand_made())
    s = report.sources
    assert (s.true_positives, s.false_positives, s.false_negatives) == (2, 1, 0)
    assert s.precision == pytest.approx(2 / 3)
    assert s.recall == 1.0
    assert s.f1 == pytest.approx(0.8)
    fields = {name: (acc.correct, acc.total) for name, acc in report.source_fields.items()}
    # name: None vs "préfecture" is wrong; cue compares case-insensitively ("Selon" == "selon")
    assert fields == {"name": (1, 2), "kind": (2, 2), "cue": (2, 2), "mode": (1, 2)}


def test_label_layers_on_identical_spans():
    report = evaluate(*hand_made())
    claim = report.claim_type
    # scored: doc-a's three sentences and doc-b's "Quatre." (none/none)
    assert claim.total == 4
    assert claim.accuracy == 0.75
    assert claim.confusion["position"]["opinion"] == 1
    # per-label F1: event 1, quantity 1, none 1, position 0, opinion 0 (labels absent from both left out)
    assert set(claim.per_label()) == {"event", "quantity", "none", "position", "opinion"}
    assert claim.macro_f1 == pytest.approx(3 / 5)
    verif = report.verifiability
    assert verif.accuracy == 0.75
    # verifiable: P 2/2, R 2/3 -> F1 0.8; unverifiable 0; not_applicable 1
    assert verif.macro_f1 == pytest.approx((0.8 + 0 + 1) / 3)


def test_identical_corpora_score_perfectly():
    gold, _ = hand_made()
    figures = evaluate(gold, gold).headline()
    assert figures.pop("source_invented") == 0.0
    assert figures.pop("opinion_prediction_unverifiable") is None  # no opinion, nothing to decide
    assert all(value == 1.0 for value in figures.values()), figures


def test_speaker_found_invented_sources_and_unverifiable_recall():
    """The sentence-level figures of issue 12, on the hand-made corpus with one change each."""
    gold, pred = hand_made()
    report = evaluate(gold, pred)
    reporting = [s for sents in gold.sentences.values() for s in sents if s.sources]
    silent = [s for sents in gold.sentences.values() for s in sents if not s.sources]
    assert report.speaker_found.total == len(reporting) > 0
    assert report.source_invented.total == len(silent) > 0
    assert report.source_invented.correct < report.source_invented.total
    # Give every predicted sentence a source: every silent gold sentence gets one invented.
    donor = reporting[0].sources[0]
    for doc_id, sentences in pred.sentences.items():
        pred.sentences[doc_id] = [replace(s, sources=[donor]) for s in sentences]
    invented = evaluate(gold, pred).source_invented
    # Three of the four: the fourth is merged into a predicted sentence aligned with its neighbour.
    assert (invented.correct, invented.total) == (3, 4)
    # An opinion in the gold: recall as unverifiable follows the predicted twin's verifiability.
    doc_id = next(iter(gold.sentences))
    first = gold.sentences[doc_id][0]
    gold.sentences[doc_id][0] = replace(first, claim_type="opinion", verifiability="unverifiable")
    twin = next(i for i, s in enumerate(pred.sentences[doc_id]) if s.start == first.start)
    for verdict, recall in (("verifiable", 0.0), ("unverifiable", 1.0)):
        pred.sentences[doc_id][twin] = replace(pred.sentences[doc_id][twin], verifiability=verdict)
        found = evaluate(gold, pred).unverifiable_recall
        assert (found.total, found.accuracy) == (1, recall)


def test_no_common_document_is_an_error():
    gold, pred = hand_made()
    pred.sentences = {"other:" + k: v for k, v in pred.sentences.items()}
    with pytest.raises(EvaluationError, match="no document in common"):
        evaluate(gold, pred)


def test_a_document_whose_text_differs_is_skipped_and_listed():
    """As `claimwire agree` does: the other documents are still scored."""
    gold, pred = hand_made()
    doc_id = next(iter(gold.documents))
    pred.documents = dict(gold.documents)
    pred.documents[doc_id] = replace(gold.documents[doc_id], text="Un autre texte.")
    report = evaluate(gold, pred)
    assert report.text_differs == [doc_id]
    assert report.documents == len(set(gold.documents) & set(pred.sentences)) - 1


def test_sentence_text_not_matching_gold_is_an_error():
    gold, pred = hand_made()
    pred.sentences["doc-b"][0].text = "Autre."
    with pytest.raises(EvaluationError, match="does not match the gold document"):
        evaluate(gold, pred)


def write_corpus(folder: Path, records: Corpus) -> Path:
    write_files(render_files(folder, records))
    return folder


def written_pair(tmp_path: Path, gold: Corpus, pred: Corpus) -> tuple[Path, Path]:
    """The gold and the prediction written as corpus folders `gold/` and `pred/`."""
    return write_corpus(tmp_path / "gold", gold), write_corpus(tmp_path / "pred", pred)


def test_cli_text_and_json(tmp_path):
    gold, pred = hand_made()
    gold_dir, pred_dir = written_pair(tmp_path, gold, pred)
    runner = CliRunner()
    result = runner.invoke(evaluate_cmd, [str(gold_dir), str(pred_dir)])
    assert result.exit_code == 0, result.output
    assert "boundaries" in result.output and "claim_type" in result.output
    result = runner.invoke(evaluate_cmd, [str(gold_dir), str(pred_dir), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["sentences"]["boundaries"]["f1"] == 0.75
    assert data["claim_type"]["confusion"]["position"]["opinion"] == 1


def test_cli_reports_real_text_first_and_apart_from_written_text(tmp_path):
    """doc-a as real published text (a treebank's id), doc-b as a dispatch written for the gold."""
    gold, pred = hand_made(("est-republicain-9001", "cw-afp-9002"))
    gold_dir, pred_dir = written_pair(tmp_path, gold, pred)
    runner = CliRunner()
    text = runner.invoke(evaluate_cmd, [str(gold_dir), str(pred_dir)])
    assert text.exit_code == 0, text.output
    titles = [line for line in text.output.splitlines() if line.startswith("== ")]
    assert titles == ["== real published text", "== text written for the gold", "== all texts"]
    data = json.loads(
        runner.invoke(evaluate_cmd, [str(gold_dir), str(pred_dir), "--format", "json"]).output
    )
    real, written = data["by_texts"]["real"], data["by_texts"]["written"]
    assert (real["documents"]["evaluated"], written["documents"]["evaluated"]) == (1, 1)
    # The real document holds every source; the written one only sentences labelled none.
    assert real["sources"]["f1"] == data["sources"]["f1"] == pytest.approx(0.8)
    assert written["sources"]["f1"] == 1.0  # nothing to find, nothing found
    assert written["claim_type"]["accuracy"] == 1.0
    assert real["claim_type"]["accuracy"] == pytest.approx(2 / 3)


def test_cli_accepts_a_sentences_file_as_pred(tmp_path):
    gold, pred = hand_made()
    gold_dir, pred_dir = written_pair(tmp_path, gold, pred)
    lines = b"".join(p.read_bytes() for p in sorted(pred_dir.glob("data/*/sentences/*.jsonl")))
    (tmp_path / "pred.jsonl").write_bytes(lines)
    result = CliRunner().invoke(
        evaluate_cmd, [str(gold_dir), str(tmp_path / "pred.jsonl"), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["sources"]["f1"] == pytest.approx(0.8)


def test_cli_bad_input_gives_one_line_errors(tmp_path):
    gold, _ = hand_made()
    gold_dir = write_corpus(tmp_path / "gold", gold)
    runner = CliRunner()
    missing = runner.invoke(evaluate_cmd, [str(gold_dir), str(tmp_path / "nope")])
    assert missing.exit_code == 2 and "does not exist" in missing.output
    (tmp_path / "other.jsonl").write_text(
        json.dumps(Sentence("zzz", 0, 0, 0, 3, "Un.").to_dict()) + "\n", encoding="utf-8"
    )
    disjoint = runner.invoke(evaluate_cmd, [str(gold_dir), str(tmp_path / "other.jsonl")])
    assert disjoint.exit_code == 1
    assert "no document in common" in disjoint.output
    assert len(disjoint.output.strip().splitlines()) == 1
    (tmp_path / "bad.jsonl").write_text("{not json\n", encoding="utf-8")
    bad = runner.invoke(evaluate_cmd, [str(gold_dir), str(tmp_path / "bad.jsonl")])
    assert bad.exit_code == 1 and "bad.jsonl:1" in bad.output
    empty = tmp_path / "empty"
    empty.mkdir()
    not_corpus = runner.invoke(evaluate_cmd, [str(empty), str(tmp_path / "bad.jsonl")])
    assert not_corpus.exit_code == 1 and "not a corpus folder" in not_corpus.output


def test_predicting_nothing_is_not_perfect():
    gold, pred = hand_made()
    for sentences in pred.sentences.values():
        for sentence in sentences:
            sentence.sources = []
    report = evaluate(gold, pred)
    assert (report.sources.precision, report.sources.recall, report.sources.f1) == (0.0, 0.0, 0.0)
    assert all(acc.accuracy is None for acc in report.source_fields.values())


# --- the gold standard itself, read from the published corpus ----------------------------------

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
GOLD = REPO / "tests" / "gold"
PARTS = tuple(PART_SPLITS)


@functools.cache
def read_part(part: str) -> Corpus:
    return read_gold_part(CORPUS, part)


@pytest.fixture(scope="module", params=PARTS)
def gold_part(request) -> tuple[str, Corpus]:
    return request.param, read_part(request.param)


def test_corpus_with_the_gold_validates():
    report = validate_corpus(CORPUS)
    assert report.valid and not report.findings, [(f.code, f.message) for f in report.findings]


def test_gold_in_the_corpus_is_what_its_annotations_build():
    """`tests/gold/build.py --check`: seeds, records, splits.json and card agree with the `.ann`."""
    result = subprocess.run(
        [sys.executable, str(GOLD / "build.py"), "--check"],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_each_part_is_its_annotation_files_in_its_split(gold_part):
    part, corpus = gold_part
    annotated = {p.stem for p in (GOLD / "annotations" / part).glob("*.ann")}
    assert set(corpus.documents) == annotated
    assert set(corpus.splits.values()) == {PART_SPLITS[part]}
    recorded = read_recorded_splits(CORPUS)
    assert {recorded.get(doc_id) for doc_id in annotated} == {PART_SPLITS[part]}


def test_gold_records_match_the_json_schema(gold_part):
    schemas = [load_schema(name) for name in SCHEMA_FILES]
    registry = Registry().with_resources((s["$id"], Resource.from_contents(s)) for s in schemas)
    validators = {
        table: Draft202012Validator(load_schema(f"{table}.schema.json"), registry=registry)
        for table in ("document", "sentence")
    }
    _, corpus = gold_part
    for doc_id, document in corpus.documents.items():
        errors = list(
            validators["document"].iter_errors(json.loads(json.dumps(document.to_dict())))
        )
        assert not errors, f"{doc_id}: {errors[0].message}"
        for sentence in corpus.sentences[doc_id]:
            record = json.loads(json.dumps(sentence.to_dict()))
            errors = list(validators["sentence"].iter_errors(record))
            assert not errors, f"{sentence.id}: {errors[0].message}"


def test_gold_offsets_and_consistency(gold_part):
    _, corpus = gold_part
    for doc_id, document in corpus.documents.items():
        sentences = corpus.sentences[doc_id]
        assert sentences, doc_id
        for sentence in sentences:
            assert document.text[sentence.start : sentence.end] == sentence.text, sentence.id
            start, end = document.paragraphs[sentence.paragraph]
            assert start <= sentence.start and sentence.end <= end, sentence.id
            for source in sentence.sources:
                assert document.text[source.start : source.end] == source.text, sentence.id
            assert (sentence.claim_type == "none") == (sentence.verifiability == "not_applicable")
            if sentence.claim_type in ("opinion", "prediction"):
                assert sentence.verifiability == "unverifiable", sentence.id
            assert (
                sentence.annotation.status == "corrected" and sentence.annotation.guideline == "1.0"
            )
        outside = "".join(document.text[a.end : b.start] for a, b in itertools.pairwise(sentences))
        assert not outside.strip(), f"{doc_id}: text between sentences"


def test_gold_raw_texts_read_back_as_the_documents(gold_part):
    _, corpus = gold_part
    for document in corpus.documents.values():
        read = read_dispatch(REPO / document.origin.path, REPO, "text").to_document()
        assert read.to_dict() == document.to_dict(), document.id


def test_gold_is_large_enough():
    sizes = {}
    for part in PARTS:
        corpus = read_part(part)
        sizes[part] = (len(corpus.documents), sum(len(s) for s in corpus.sentences.values()))
    assert sum(d for d, _ in sizes.values()) >= 20 and sum(s for _, s in sizes.values()) >= 300
    assert sizes["heldout"][0] >= 8 and sizes["heldout"][1] >= 120


# --- floors: the real pipeline on the held-out gold, real published text first -------------------

# Floors sit a little below what was measured when they were set. Raise a floor when the pipeline
# improves; never lower one to make a change pass. Real published text and text written for the gold
# are held apart (issue 12): the written dispatches were written by people who knew the guidelines and
# flatter the pre-annotator.
#
# History: floors set on 2026-11-26 on the held-out part as it was then (4 Est Republicain documents
# and 5 written dispatches, 155 sentences together), raised after each round of rules. On 2026-12-08
# the held-out part gained the 42 UD French-GSD pseudo-documents (416 real sentences annotated blind,
# see tests/gold/README.md) and the floors were split by kind of text. The same day the GSD test
# sentences left the sentence bank, so the claim-type model was retrained without them: a deliberate
# cost recorded here, fresh claim-type accuracy 0.715 -> 0.696 and macro-F1 0.677 -> 0.658 (its floors
# went 0.70 -> 0.69 and 0.66 -> 0.65), held-out written verifiability macro-F1 unchanged in substance.
FLOORS = {
    # Raised on 2026-12-08 after the attribution rules found on real text (issue-12-attr, three
    # rounds) and the joint claim/verifiability model with word clusters; measured then, floor below.
    ("heldout", "real"): {  # 46 documents, 502 sentences (4 Est Republicain, 42 UD French-GSD)
        "boundary_f1": 0.97,  # measured 0.995
        "source_f1": 0.61,  # 0.636 (0.593 when the part was set aside)
        "source_name_accuracy": 0.76,  # 0.786 (0.800)
        "source_kind_accuracy": 0.73,  # 0.762 (0.725)
        "speaker_found": 0.53,  # 0.561 (0.530)
        "claim_type_accuracy": 0.62,  # 0.640 (0.614; baseline event/verifiable 0.501)
        "claim_type_macro_f1": 0.44,  # 0.458 (0.420)
        "verifiability_accuracy": 0.75,  # 0.767 (0.732; baseline 0.646)
        "verifiability_macro_f1": 0.69,  # 0.714 (0.670)
        "opinion_prediction_unverifiable": 0.43,  # 0.453 (0.336)
    },
    ("heldout", "written"): {  # 5 dispatches, 69 sentences
        "boundary_f1": 0.97,  # 1.000
        "source_f1": 0.90,  # 0.932
        "source_name_accuracy": 0.90,  # 0.927
        "source_kind_accuracy": 0.87,  # 0.902
        "source_cue_accuracy": 0.95,  # 1.000
        "source_mode_accuracy": 0.94,  # 0.976
        "claim_type_accuracy": 0.79,  # 0.812 (0.783)
        "claim_type_macro_f1": 0.78,  # 0.802 (0.780)
        "verifiability_accuracy": 0.89,  # 0.913 (0.899)
        "verifiability_macro_f1": 0.91,  # 0.932 (0.919)
    },
    # The fresh part (the validation split of corpus/: written dispatches by other authors, used for
    # no training; rules were fixed on 211-224 only).
    ("fresh", "written"): {
        "claim_type_accuracy": 0.70,  # 0.719 (0.696)
        "claim_type_macro_f1": 0.66,  # 0.679 (0.658)
        "verifiability_accuracy": 0.85,  # 0.870 (0.862)
        "verifiability_macro_f1": 0.83,  # 0.851 (0.847)
        "source_f1": 0.83,  # 0.855 (0.843)
        "source_name_accuracy": 0.73,  # 0.750 (0.752)
    },
}
# Figures that must stay low: sources invented on sentences that report nobody.
CEILINGS = {
    ("heldout", "real"): {"source_invented": 0.04},  # measured 0.027 (0.034)
    ("heldout", "written"): {"source_invented": 0.03},  # 0.000
    ("fresh", "written"): {"source_invented": 0.06},  # 0.052 (0.039)
}


@functools.cache
def pipeline_scores(part: str, texts: str = "all", model: bool = True) -> dict[str, float | None]:
    """Headline scores of the real pipeline (segmenter + pre-annotator) on one gold part's texts."""
    from claimwire.annotate import Annotator
    from claimwire.evaluate.pipeline import pipeline_predictions

    gold = texts_of(read_part(part), texts)
    return evaluate(gold, pipeline_predictions(gold, Annotator(model=model))).headline()


@pytest.mark.parametrize(
    ("part", "texts", "layer"),
    [(*key, layer) for key, floors in FLOORS.items() for layer in sorted(floors)],
)
def test_pipeline_stays_above_its_floor(part: str, texts: str, layer: str) -> None:
    score, floor = pipeline_scores(part, texts)[layer], FLOORS[(part, texts)][layer]
    assert score is not None and score >= floor, f"{part} {texts} {layer}: {score} < floor {floor}"


@pytest.mark.parametrize(
    ("part", "texts", "layer"),
    [(*key, layer) for key, ceilings in CEILINGS.items() for layer in sorted(ceilings)],
)
def test_pipeline_stays_below_its_ceiling(part: str, texts: str, layer: str) -> None:
    score, ceiling = pipeline_scores(part, texts)[layer], CEILINGS[(part, texts)][layer]
    assert score is not None and score <= ceiling, f"{part} {texts} {layer}: {score} > {ceiling}"


def test_the_model_beats_the_rules_alone_on_fresh() -> None:
    """The shipped claim-type model earns its place on text it never saw."""
    with_model, rules = pipeline_scores("fresh"), pipeline_scores("fresh", "all", model=False)
    assert with_model["claim_type_macro_f1"] > rules["claim_type_macro_f1"] + 0.02


@pytest.mark.parametrize("texts", ["real", "written"])
def test_the_cards_quality_table_is_the_pipelines(texts: str) -> None:
    """`data/card/quality.json` (the card's table, `eval_preannotation.py --record`) holds what the
    pipeline scores on the held-out part today: a change that moves a figure must record it again."""
    from claimwire.card_sections import recorded_quality

    recorded = recorded_quality()["texts"][texts]
    measured = pipeline_scores("heldout", texts)
    assert recorded["tool"] == {k: None if v is None else round(v, 4) for k, v in measured.items()}
    gold = texts_of(read_part("heldout"), texts)
    assert recorded["documents"] == len(gold.documents)
    assert recorded["sentences"] == sum(len(s) for s in gold.sentences.values())
