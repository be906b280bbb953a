"""The dataset card `corpus/README.md`, generated from the data and the schema: never hand-edited.

The YAML front matter declares both configs and their features (from `claimwire.features`), so
`datasets.load_dataset("corpus")` reads typed records; split sizes stay out of the YAML on purpose
(an annotator's edit would otherwise make the declared sizes wrong and break loading).
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import yaml

from claimwire import GUIDELINE_VERSION
from claimwire.card_sections import (
    PRETTY_NAME,
    SECTIONS,
    agreement_section,
    licensing_rows,
    sections,
)
from claimwire.changelog import current_version
from claimwire.corpus.agreement_file import AGREEMENT_NAME, not_a_report, read_agreement_file
from claimwire.corpus.layout import SPLITS
from claimwire.corpus.stats import LAYERS, CorpusStats, corpus_stats
from claimwire.features import features_yaml
from claimwire.schema import label_rules, labels, table_schema, vocabulary_of


def _size_category(n: int) -> str:
    for limit, name in ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K")):
        if n < limit:
            return name
    return "100K<n<1M" if n < 1_000_000 else "1M<n<10M"


def front_matter(stats: CorpusStats, version: str | None) -> dict:
    """The card's YAML: every key of the Hub's dataset card specification that applies."""
    splits = [s for s in SPLITS if stats.documents[s]]
    configs = []
    for table in ("sentences", "documents"):
        config: dict = {"config_name": table}
        if table == "sentences":
            config["default"] = True
        config["data_files"] = [{"split": s, "path": f"data/{s}/{table}/*.jsonl"} for s in splits]
        configs.append(config)
    facts = stats.facts
    present = facts.sources_present()
    licenses = sorted({x for s in present for x in (s.text_license, s.annotation_license)})
    meta: dict = {
        "pretty_name": PRETTY_NAME,
        "version": version or "unreleased",
        "language": ["fr"],
        "language_details": ["fr-FR"],
        "license": licenses,
    }
    if "other" in licenses:
        meta["license_name"] = "claimwire-mixed"
    meta["license_link"] = "LICENSE.md"
    meta["license_details"] = "; ".join(
        f"{s.name} (ids {s.id_prefix or 'other'}*): {s.license_note}" for s in present
    ).replace("(ids other*)", "(every other id)")
    meta |= {
        "annotations_creators": facts.creators(),
        "language_creators": sorted({s.language_creators for s in present}),
        "multilinguality": ["monolingual"],
        "source_datasets": sorted({s.source_dataset for s in present}),
        "task_categories": ["text-classification", "token-classification"],
        "task_ids": ["fact-checking", "multi-class-classification"],
        "tags": ["fact-checking", "claim-detection", "quotation-attribution", "news", "french"],
        "size_categories": [_size_category(sum(stats.sentences.values()))],
        "configs": configs,
        "dataset_info": [
            {"config_name": table, "features": features_yaml(table)}
            for table in ("sentences", "documents")
        ],
    }
    if "train" in splits and len(splits) > 1:
        meta["train-eval-index"] = [
            {
                "config": "sentences",
                "task": "text-classification",
                "task_id": "multi_class_classification",
                "splits": {"train_split": "train", "eval_split": splits[-1]},
                "col_mapping": {"text": "text", "claim_type": "target"},
            }
        ]
    return meta


def _table(header: tuple[str, ...], rows: list[tuple]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _fields_table(table: str) -> str:
    rows = []
    for name, node in table_schema(table)["properties"].items():
        text = node.get("description", "")
        vocabulary = vocabulary_of(node)
        if vocabulary is not None:
            text = f"label: {', '.join(f'`{x}`' for x in labels(vocabulary))}"
        rows.append((f"`{name}`", text.replace("|", "\\|")))
    return _table(("field", "meaning"), rows)


def _label_rows(stats: CorpusStats, layer: str) -> str:
    counts = stats.labels[layer]
    total = sum(counts.values()) or 1
    rows = [(f"`{x}`", counts[x], f"{100 * counts[x] / total:.1f} %") for x in labels(layer)]
    return _table(("label", "count", "share"), rows)


def card_agreement_section(corpus: Path) -> str:
    """The card's agreement section from `corpus/agreement.json`, or "" when there is none."""
    report = read_agreement_file(corpus)
    if report is None:
        return ""
    try:
        return agreement_section(report)
    except (KeyError, TypeError, ValueError) as exc:
        raise not_a_report(corpus / AGREEMENT_NAME, exc) from None


def render_card(corpus: Path, files: dict[Path, bytes] | None = None) -> str:
    """The text of `corpus/README.md` for the data in `corpus` (or in `files`, about to be written)."""
    return card_text(
        corpus_stats(corpus, files), card_agreement_section(corpus), current_version(corpus)
    )


def card_text(stats: CorpusStats, agreement: str = "", version: str | None = None) -> str:
    """The card for a corpus with these counts and facts (and the section from `agreement.json`)."""
    yaml_text = yaml.safe_dump(
        front_matter(stats, version), sort_keys=False, allow_unicode=True, width=100
    )
    split_rows = [(s, stats.documents[s], stats.sentences[s], stats.facts.human(s)) for s in SPLITS]
    split_rows.append(
        (
            "**total**",
            sum(stats.documents.values()),
            sum(stats.sentences.values()),
            stats.facts.human(),
        )
    )
    layers = "\n\n".join(f"### `{layer}`\n\n{_label_rows(stats, layer)}" for layer in LAYERS)
    shards = ", ".join(sorted(stats.shards)) or "none"
    head = TEMPLATE.format(
        yaml=yaml_text,
        version=version or "unreleased",
        documents=sum(stats.documents.values()),
        sentences=sum(stats.sentences.values()),
        human=stats.facts.human(),
        sources=stats.sources,
        shards=shards,
        split_table=_table(
            ("split", "documents", "sentences", "human-annotated sentences"), split_rows
        ),
        layers=layers,
        document_fields=_fields_table("documents"),
        sentence_fields=_fields_table("sentences"),
        guideline=GUIDELINE_VERSION,
        verifiability_rules=textwrap.fill(
            "- `verifiability`: `hedged` for the journalistic conditional and vague sourcing; "
            f"{label_rules().describe()}.",
            width=100,
            subsequent_indent="  ",
            break_on_hyphens=False,
        ),
    )
    return head + sections(stats.facts, version, agreement, _table)


def license_text(stats: CorpusStats) -> str:
    """`LICENSE.md` beside the card: the terms of each part of the corpus, with its counts."""
    rows = licensing_rows(stats.facts, _table)
    return f"# Licenses of the claimwire corpus\n\n{SECTIONS['license_intro']}\n\n{rows}\n"


TEMPLATE = """---
{yaml}---

<!-- Generated by `claimwire convert` / `claimwire card`; do not edit by hand. -->

# claimwire: French news dispatches annotated for fact-checking

## Dataset Details

### Dataset Description

Every sentence of French news dispatches, marked with **what it claims** (`claim_type`), **who says so**
(`sources`: mention, canonical name, kind, reporting cue, direct or indirect quote) and **whether it can be
checked** (`verifiability`). Version **{version}** holds {documents} documents, {sentences} sentences
({human} of them annotated by hand) and {sources} attributed sources, in the monthly shards {shards}.

- **Curated by:** the claimwire project
- **Language:** French (`fr`)
- **License:** per part, see [Licensing](#licensing) and `LICENSE.md`
- **Version:** {version} (`CHANGELOG.md` lists every release)

```python
from datasets import load_dataset
sentences = load_dataset("corpus")               # default config: one row per sentence
documents = load_dataset("corpus", "documents")  # one row per dispatch
```

Labels are `ClassLabel` features: `sentences["train"].features["claim_type"].int2str(...)` gives names.
`croissant.json` describes the same records in the Croissant format (`mlcroissant` loads them).

## Dataset Structure

`data/<split>/documents/<YYYY-MM>.jsonl` and `data/<split>/sentences/<YYYY-MM>.jsonl`: canonical JSONL
(compact, UTF-8, one record per line), documents sorted by date then id, sentences by document then index.
A document and its sentences are always in the same split; the split is assigned once from the document id
(about 80/10/10) and never changes afterwards, except for documents that `splits.json`, when present,
places by hand (the gold standard's parts go there: dev to `train`, fresh to `validation`, held-out to
`test`).

{split_table}

### Fields

#### `documents`

{document_fields}

`paragraphs` holds `[start, end]` offsets into `text`; paragraphs are joined by exactly two newlines.

#### `sentences`

{sentence_fields}

A source has `text`, `start`, `end` (offsets of the mention in the document, possibly outside the
sentence), `name` (canonical; pronouns resolved), `kind`, `cue` (the reporting verb or phrase as written)
and `mode` (`direct`, `indirect`, `mixed`, `according_to`). All offsets are Unicode code point indices into
the document's `text`.

### Label guidelines (version {guideline})

- `claim_type` is the main proposition: for reported speech, the reported content; speech reported only in
  a subordinate clause gets its source listed but the type of the main clause.
- A speaker's own commitment, threat or demand is a `position`; what will happen in the world is a
  `prediction`; a characterisation or judgement is an `opinion`, also when reported.
{verifiability_rules}
- `selon` / `d'après` / `pour X` give mode `according_to`; quoted speech is `direct` even when its
  quotation marks opened in an earlier sentence.

The full guidelines with examples are in the project's `schema/GUIDELINES.md`.

### Statistics

{layers}
"""
