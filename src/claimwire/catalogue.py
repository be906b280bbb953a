"""Every code claimwire reports, with its level, severity, title, explanation and hint: the inputs
`claimwire convert` rejects or keeps for a person (level 0), and the validation checks (levels 1-4).

Codes are stable: a released code is never reused for another meaning. `docs/checks.md` is generated
from this table (`claimwire validate --list-codes`), and a test keeps the two in step.
"""

from __future__ import annotations

from dataclasses import dataclass

LEVELS = {1: "file", 2: "record schema", 3: "record semantics", 4: "corpus"}
INPUT_LEVEL = 0  # what `claimwire convert` reports of its inputs; never a validation finding
FMT_HINT = "run: claimwire fmt"


@dataclass(frozen=True, slots=True)
class Check:
    code: str
    level: int
    severity: str  # "error" makes the corpus invalid; "warning" does not
    title: str
    explanation: str
    hint: str = ""


def _level(level: int, *entries: tuple[str, ...]) -> tuple[Check, ...]:
    """Checks of one level from (code, title, explanation, hint[, severity]) entries."""
    return tuple(Check(e[0], level, e[4] if len(e) > 4 else "error", *e[1:4]) for e in entries)


_INPUT = _level(
    INPUT_LEVEL,
    ("unreadable-input", "input cannot be read", "The file could not be opened or read.", ""),
    (
        "input-too-large",
        "input too large",
        "A file is at most 16 MB and a dispatch's text at most 1,000,000 characters (spaCy's limit).",
        "split the file",
    ),
    ("empty-input", "empty input", "The file holds nothing but whitespace.", ""),
    (
        "linked-input",
        "symbolic link in an input folder",
        "Links inside an input folder are not followed, so no file outside it is read.",
        "name the file itself as an input",
    ),
    (
        "unknown-format",
        "format not recognised",
        "No reader (text, newsml-g2, ninjs) recognised the content, or the format named is unknown.",
        "name the format with --input-format",
    ),
    (
        "binary-input",
        "not text",
        "The bytes hold NUL bytes or control characters: not a text dispatch.",
        "",
    ),
    (
        "undecodable",
        "bytes in no accepted encoding",
        "The bytes are neither UTF-8 (or UTF-16 with a byte-order mark) nor plausible Windows-1252"
        " French text.",
        "convert the file to UTF-8",
    ),
    (
        "encoding-mismatch",
        "declared encoding contradicted",
        "An XML declaration names an encoding its bytes or byte-order mark contradict, or one"
        " Python does not know.",
        "fix the declaration or the bytes",
    ),
    (
        "forbidden-character",
        "control character or lone surrogate",
        "A text field holds a control character or a lone surrogate (also through a JSON escape).",
        "",
    ),
    ("json-not-well-formed", "JSON not well formed", "A ninjs file is not valid JSON.", ""),
    ("xml-not-well-formed", "XML not well formed", "A NewsML-G2 file is not well-formed XML.", ""),
    (
        "unsafe-xml",
        "unsafe XML refused",
        "XML that declares entities (expansion bombs), refers to external resources or uses other"
        " constructs defusedxml refuses.",
        "",
    ),
    (
        "not-a-dispatch",
        "not one dispatch",
        "The content is not a NewsML-G2 newsItem (or a newsMessage with one item), nor a ninjs"
        " object.",
        "write one dispatch per file",
    ),
    (
        "no-id",
        "no document id",
        "The dispatch has no guid or uri, and no id could be derived from its file name.",
        "",
    ),
    (
        "no-date",
        "no date",
        "Plain text needs a 'date YYYY-MM-DD' header or a date in its file name; wire formats"
        " one of their creation dates.",
        "",
    ),
    ("malformed-date", "malformed date", "A date is not an ISO 8601 calendar date.", ""),
    ("no-body", "no body", "The dispatch has no text to segment.", ""),
    (
        "invalid-metadata",
        "invalid metadata",
        "A version that is not a positive integer of at most 9 digits, an urgency outside 1-9, a"
        " language that is not a BCP 47 tag, a ninjs property of the wrong type.",
        "",
    ),
    (
        "version-conflict",
        "same version, other text",
        "The corpus holds this document at the same version with a different text; a correction"
        " needs a higher version.",
        "raise the version",
    ),
    (
        "duplicate-input",
        "document read twice with other text",
        "Two inputs of one run give the same document id and version with different texts.",
        "keep one of them",
    ),
    (
        "annotation-conflict",
        "annotated sentence lost in the new text",
        "A sentence a person annotated (or one of its sources) is no longer in the dispatch's new"
        " text; the corpus keeps the annotated version of the whole document.",
        "set the sentence's status to auto to accept the new text",
    ),
    (
        "annotation-overlap",
        "annotated sentences overlap in the new text",
        "Two sentences a person annotated overlap once placed in the dispatch's new text; the"
        " corpus keeps the annotated version of the whole document.",
        "set the sentences' status to auto to accept the new text",
    ),
)
_FILE = _level(
    1,
    (
        "interrupted-write",
        "a write was interrupted",
        "A command that writes the corpus was killed while it put its files in place: its journal "
        "(.claimwire-journal.json) is still there, and the data is part old, part new. Nothing is "
        "lost: the journal lists the new files, complete, beside their place. Findings about the "
        "data below may come from the mix.",
        "run any command that writes the corpus (e.g. claimwire fmt): it finishes the write first",
    ),
    (
        "leftover-temporary",
        "temporary file of a stopped write",
        "A command that writes the corpus was stopped before it committed (before its journal), and "
        "left a temporary (.<name>.<hex>.tmp) beside a data file; the data itself is as it was.",
        "run any command that writes the corpus (e.g. claimwire fmt): it removes it",
        "warning",
    ),
    (
        "unexpected-file",
        "file outside the layout",
        "Everything under data/ must be data/<split>/<table>/<YYYY-MM>.jsonl with split train, "
        "validation or test and table documents or sentences.",
        "move or delete the file",
    ),
    (
        "invalid-splits-file",
        "splits.json cannot be read",
        "splits.json, when present, is a JSON object of document id -> train, validation or test: "
        "the splits recorded by hand, which convert and validate follow.",
        "correct splits.json",
    ),
    (
        "unreadable-file",
        "file cannot be read",
        "The operating system refused to read the file (permissions, a broken link).",
        "check the file's permissions",
    ),
    (
        "empty-file",
        "empty shard file",
        "A shard file holds at least one record; a month without records has no file.",
        "delete the file",
    ),
    (
        "utf8-bom",
        "byte order mark",
        "Files are UTF-8 without a byte order mark.",
        FMT_HINT,
    ),
    (
        "invalid-utf8",
        "line is not valid UTF-8",
        "Every line must decode as UTF-8; the rest of the line is not checked.",
        "re-export the records as UTF-8",
    ),
    (
        "crlf-line-end",
        "CRLF line ends",
        "Lines end with \\n only; reported once per file, at the first such line.",
        FMT_HINT,
    ),
    (
        "blank-line",
        "blank line",
        "Files have no empty or whitespace-only lines.",
        FMT_HINT,
    ),
    (
        "missing-final-newline",
        "no newline at end of file",
        "The last line ends with \\n; a missing one often means a truncated write.",
        "check the last record is complete, then run: claimwire fmt",
    ),
    (
        "invalid-json",
        "line is not JSON",
        "The line does not parse as JSON (truncated record, junk, a syntax error).",
        "fix or remove the line",
    ),
    (
        "nan-or-infinity",
        "NaN or Infinity",
        "NaN, Infinity and -Infinity are not JSON; no field of the contract takes them.",
        "replace the value",
    ),
    (
        "not-json-object",
        "line is not a JSON object",
        "Each line holds exactly one JSON object (not an array, string or number).",
        "wrap or remove the line",
    ),
    (
        "duplicate-key",
        "duplicate key",
        "A key appears twice in one object; parsers disagree on which value wins.",
        "keep one of the values by hand (claimwire fmt leaves such lines alone)",
    ),
    (
        "not-canonical",
        "line not in canonical form",
        "Lines are written exactly as orjson.dumps writes the parsed record: no spaces, non-ASCII "
        "as is, no escapes orjson would not write. Keeps diffs minimal and checks cheap.",
        FMT_HINT,
    ),
)
_SCHEMA = _level(
    2,
    (
        "missing-field",
        "required field missing",
        "A field the contract requires is absent (null is not absence).",
        "add the field",
    ),
    (
        "unknown-field",
        "field not in the contract",
        "The record has a field neither required nor optional in the contract (a typo?).",
        "rename or remove the field",
    ),
    (
        "wrong-type",
        "field of the wrong type",
        "A field's value has the wrong JSON type; integers must be written without a fraction.",
        "write the value with the contract's type",
    ),
    (
        "unknown-label",
        "label not in its vocabulary",
        "A label field holds a value missing from schema/labels.json.",
        "use one of the labels listed in the message",
    ),
    (
        "invalid-value",
        "value out of its allowed form",
        "A value has the right type but breaks a constraint of the schema: a pattern (id, date, "
        "language, sha256), a minimum, a length.",
        "correct the value",
    ),
    (
        "text-not-stripped",
        "sentence text not stripped",
        "A sentence's text has no leading or trailing whitespace and is on one line.",
        "run: claimwire fix (trims the text and its offsets)",
    ),
    (
        "field-order",
        "fields not in contract order",
        "Keys are written in the order of the contract (the order of schema/*.json properties).",
        FMT_HINT,
    ),
)
_SEMANTICS = _level(
    3,
    (
        "invalid-date",
        "not a calendar date",
        "The document date matches YYYY-MM-DD but is not a real date.",
        "correct the date",
    ),
    (
        "wrong-shard",
        "document in the wrong shard",
        "A document lives in the shard of its date's month (documents/<YYYY-MM>.jsonl).",
        "move the document and its sentences to the right shard",
    ),
    (
        "split-mismatch",
        "document in another split than its id assigns",
        "The split of a document is the one splits.json records for it, else assign_split(id) "
        "(80/10/10); one moved by hand can leak between train and test. A warning: a deliberate "
        "move is recorded in splits.json.",
        "move the document and its sentences back, or record the move in splits.json",
        "warning",
    ),
    (
        "text-not-nfc",
        "text not NFC",
        "Document text is Unicode NFC, so offsets mean the same thing everywhere.",
        "normalise the text to NFC and recompute offsets",
    ),
    (
        "paragraph-out-of-range",
        "paragraph offsets out of range",
        "Each paragraph [start, end] has start < end <= len(text).",
        "recompute the paragraphs",
    ),
    (
        "paragraph-separator",
        "paragraphs not joined by \\n\\n",
        "Paragraphs are in order, cover the text from its start to its end, and are separated by "
        "exactly two newlines.",
        "recompute the paragraphs",
    ),
    (
        "paragraph-not-stripped",
        "paragraph not stripped",
        "A paragraph has no leading or trailing whitespace.",
        "recompute the paragraphs",
    ),
    (
        "offset-out-of-range",
        "offsets out of range",
        "A sentence's or source's [start, end] has start <= end <= len(document text).",
        "recompute the offsets from the text",
    ),
    (
        "offset-mismatch",
        "text differs from the document at its offsets",
        "A sentence's or source's text equals document.text[start:end].",
        "run: claimwire fix (finds the text in the document), or correct the text",
    ),
    (
        "paragraph-index-mismatch",
        "sentence outside its paragraph",
        "A sentence's offsets lie inside the paragraph its `paragraph` field names.",
        "set `paragraph` from the offsets",
    ),
    (
        "id-mismatch",
        "sentence id not <doc_id>:<index>",
        "A sentence id is its doc_id, a colon and its index zero-padded to 3 digits.",
        "rebuild the id from doc_id and index",
    ),
    (
        "inconsistent-labels",
        "labels contradict each other",
        "claim_type none if and only if verifiability not_applicable; opinion and prediction "
        "imply unverifiable (guidelines 1.0).",
        "fix one of the two labels",
    ),
)
_CORPUS = _level(
    4,
    (
        "empty-corpus",
        "no records",
        "The corpus has no document or sentence records under data/.",
        "run: claimwire convert (or check the corpus path)",
    ),
    (
        "duplicate-id",
        "id used twice",
        "Document ids are unique in the corpus, sentence ids too.",
        "remove or renumber the copy",
    ),
    (
        "orphan-sentence",
        "sentence without its document",
        "Every sentence's document is in the same split and shard.",
        "move the sentence next to its document or remove it",
    ),
    (
        "sentence-gap",
        "sentence numbering has a gap",
        "A document's sentences are numbered 0..n-1 without gaps.",
        "renumber the sentences",
    ),
    (
        "sentence-overlap",
        "sentences overlap",
        "A sentence starts at or after the end of the previous one.",
        "recompute the offsets",
    ),
    (
        "uncovered-text",
        "text in no sentence",
        "Together the sentences of a document cover all its non-whitespace text.",
        "add a sentence for the text, or extend a neighbour",
    ),
    (
        "document-without-sentences",
        "document has no sentences",
        "Each document has at least one sentence in the sentences shard of its split and month.",
        "segment the document again",
    ),
    (
        "records-not-sorted",
        "records out of order",
        "Documents are sorted by date then id; sentences follow the order of their documents, "
        "then index.",
        "sort the file",
    ),
    (
        "missing-card",
        "no dataset card",
        "The corpus has a README.md dataset card (YAML front matter + prose).",
        "run: claimwire card",
    ),
    (
        "card-out-of-date",
        "dataset card differs from the data",
        "README.md, or one of the files generated with it (LICENSE.md, croissant.json), differs "
        "from what claimwire.release.generated_files renders from the data (configs, features, "
        "counts, licenses per part, annotators, the files' sha256).",
        "run: claimwire card (never edit the card by hand)",
    ),
    (
        "card-check-failed",
        "card could not be rendered",
        "claimwire.card.render_card raised an error on this corpus, so the card was not compared.",
        "fix the other findings first",
        "warning",
    ),
)
CHECKS: tuple[Check, ...] = _FILE + _SCHEMA + _SEMANTICS + _CORPUS
INPUT_PROBLEMS: tuple[Check, ...] = _INPUT

# Validation codes only: what `claimwire validate --select/--ignore` accept.
BY_CODE: dict[str, Check] = {check.code: check for check in CHECKS}
# Convert's codes: what a `Problem` may carry. A code means one thing across both tables.
BY_INPUT_CODE: dict[str, Check] = {check.code: check for check in INPUT_PROBLEMS}
assert not BY_INPUT_CODE.keys() & BY_CODE.keys(), "a code is catalogued twice"


@dataclass(frozen=True, slots=True)
class Problem:
    """A catalogued problem of convert's at a place (an input, or the corpus line of a sentence it
    kept for a person), shown on one line: `path[:line]: [code] message`."""

    code: str
    path: str
    line: int | None
    message: str

    def __post_init__(self) -> None:
        if self.code not in BY_INPUT_CODE:
            raise KeyError(f"{self.code!r} is not a catalogued input problem (level {INPUT_LEVEL})")

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: [{self.code}] {self.message}"


def check_for(code: str) -> Check:
    """The catalogue entry of a code; a `KeyError` means a check emitted an uncatalogued code."""
    return BY_CODE[code]


# Which layer reports which code: each problem is reported by exactly one of them.
LAYERS_TEXT = (
    "## Layers",
    "",
    "Two layers share the work, one shard (split and month) at a time.",
    "",
    "- **Records** (`file_checks`, `schema_checks`, `record_checks`, `corpus_checks`): every line"
    " is parsed and checked against the JSON Schema as it is read (all L1 and L2 codes, with the"
    " field path); documents get their L3 checks one by one. These checks also explain every"
    " sentence problem below, with the record's field path and the corpus-wide context (where a"
    " duplicate id was first used, which shard holds an orphan's document).",
    "- **Tables** (`tables`, the pandera `models` derived from `schema/`, `sentence_rows` and"
    " `span_checks`): the shard's schema-valid sentences become a frame (their sources another;"
    " labels as categories over their vocabulary) checked with vectorized column and frame"
    " checks, each named by the code it stands for. The table layer alone reports"
    " `inconsistent-labels`. Its other checks (`unknown-label`, `invalid-value`, `id-mismatch`,"
    " `duplicate-id`, `orphan-sentence`, `offset-out-of-range`), the texts at their offsets"
    " (compared as each record is read, `sentence_rows`) and the array checks of `span_checks`"
    " (paragraph index, order, numbering, overlap, coverage) decide whether the shard is"
    " accepted as it is; if any fails, the shard's sentences are walked by the record checks,"
    " which report what is wrong. Label and value checks cannot fail there (the rows passed L2):"
    " they make the models complete for frames validated directly"
    " (`table_model(...).validate(frame)`).",
    "",
    "`--table-checks pandera` runs the same models through pandera's own validation instead of calling"
    " their vectorized check functions directly; the findings are the same.",
)


def _table(checks: tuple[Check, ...]) -> list[str]:
    out = ["| code | severity | title | explanation | hint |", "|---|---|---|---|---|"]
    for c in checks:
        cells = (f"`{c.code}`", c.severity, c.title, c.explanation, c.hint)
        escaped = (x.replace("|", "\\|").replace("<", "&lt;") for x in cells)
        out.append("| " + " | ".join(escaped) + " |")
    return out


def render_markdown() -> str:
    """The table of checks for `docs/checks.md`: validation levels, then the inputs convert refuses."""
    out = [
        "# Validation checks",
        "",
        "Generated by `claimwire validate --list-codes` from `src/claimwire/catalogue.py`;"
        " do not edit by hand.",
        "Levels run in order: a record that fails a level is not checked at the levels above it,"
        " so one problem gives one finding.",
        "",
        *LAYERS_TEXT,
    ]
    for level, name in LEVELS.items():
        out += ["", f"## L{level}: {name}", ""]
        out += _table(tuple(c for c in CHECKS if c.level == level))
    out += [
        "",
        "## Inputs: what `claimwire convert` rejects or keeps for a person",
        "",
        "Each line of convert's report names the input (and line), the code and the problem:"
        " `rejected: inbox/a.json:3: [json-not-well-formed] invalid JSON: ...`. A rejected input is"
        " skipped and makes the exit status 1; the other inputs are converted.",
        "",
        *_table(INPUT_PROBLEMS),
    ]
    return "\n".join(out) + "\n"
