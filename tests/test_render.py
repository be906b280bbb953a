"""`claimwire render`: the static review site on the real corpus, checked as text and in headless Chromium."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner
from conftest import snapshot

from claimwire.cli.render import render_cmd
from claimwire.corpus.store import Corpus, read_corpus, render_files, write_files
from claimwire.render import MARKER
from claimwire.render.site import page_name
from claimwire.schema import labels

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


@pytest.fixture(scope="module")
def site(base_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    result = CliRunner().invoke(render_cmd, ["--corpus", str(base_corpus), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def chromium(*args: str, profile: Path) -> str:
    """Run headless Chromium; a machine without it fails the test (CI installs Debian's `chromium`)."""
    binary = shutil.which("chromium")
    if binary is None:
        pytest.fail(
            "chromium not found on PATH: install it (apt-get install -y chromium) to test the review site"
        )
    done = subprocess.run(
        [binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_index_lists_every_document_with_counts_and_charts(site: Path, base_corpus: Path) -> None:
    corpus = read_corpus(base_corpus)
    page = (site / "index.html").read_text("utf-8")
    for doc_id, document in corpus.documents.items():
        assert f'href="doc/{page_name(doc_id)}"' in page
        assert (site / "doc" / page_name(doc_id)).is_file()
        assert document.date in page
    total = sum(len(s) for s in corpus.sentences.values())
    assert f"{total} sentences" in page
    # One bar per label, in schema order, with label and count as text next to the bar.
    for label in labels("claim_type"):
        assert f'<g class="bar" data-label="{label}"' in page
    assert page.count("<svg") == 5


def test_document_page_shows_each_sentence_with_labels_and_sources(
    site: Path, base_corpus: Path
) -> None:
    corpus = read_corpus(base_corpus)
    doc_id = next(iter(corpus.documents))
    page = (site / "doc" / page_name(doc_id)).read_text("utf-8")
    items = re.findall(
        r'<li class="sentence" id="s(\d+)"[^>]* data-status="(\w+)" data-claim_type="(\w+)" data-verifiability="(\w+)"',
        page,
    )
    sentences = corpus.sentences[doc_id]
    assert items == [
        (f"{s.index:03d}", s.annotation.status, s.claim_type, s.verifiability) for s in sentences
    ]
    text = re.sub(r"<sup>\d+</sup>", "", page)
    text = html.unescape(re.sub(r"<[^>]+>", "", text))
    for sentence in sentences:
        assert sentence.text in text
        for source in sentence.sources:
            assert source.kind in text and source.mode in text


def test_pages_are_self_contained_escaped_and_deterministic(
    base_corpus: Path, tmp_path: Path
) -> None:
    corpus_dir = tmp_path / "corpus"
    shutil.copytree(base_corpus, corpus_dir)
    records: Corpus = read_corpus(corpus_dir)
    document = next(iter(records.documents.values()))
    document.title = '<script>alert("x")</script> & «guillemets»'
    write_files(render_files(corpus_dir, records))
    first = tmp_path / "a"
    assert (
        CliRunner().invoke(render_cmd, ["--corpus", str(corpus_dir), "-o", str(first)]).exit_code
        == 0
    )
    assert (
        CliRunner()
        .invoke(render_cmd, ["--corpus", str(corpus_dir), "-o", str(tmp_path / "b")])
        .exit_code
        == 0
    )
    assert snapshot(first) == snapshot(tmp_path / "b")
    for page in snapshot(first).values():
        source = page.decode("utf-8")
        assert '<script>alert("x")' not in source
        assert not re.search(r'(src|href)="(https?:)?//', source)
        assert "<link" not in source and "@import" not in source and "url(" not in source
    assert (
        "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; «guillemets»"
        in snapshot(first)["index.html"].decode()
    )


def test_pages_of_removed_documents_are_deleted(
    site: Path, tmp_path: Path, base_corpus: Path
) -> None:
    """A page render wrote (its marker lists it) for a document since removed goes; a file it did not
    write stays (issue 14, repro 5)."""
    out = tmp_path / "site"
    shutil.copytree(site, out)
    marker = out / MARKER
    marker.write_bytes(orjson.dumps([*orjson.loads(marker.read_bytes()), "doc/gone.html"]))
    (out / "doc" / "gone.html").write_text("old page", "utf-8")
    (out / "doc" / "notes.html").write_text("a person's notes", "utf-8")
    result = CliRunner().invoke(render_cmd, ["--corpus", str(base_corpus), "-o", str(out)])
    assert result.exit_code == 0 and "1 removed" in result.output
    assert not (out / "doc" / "gone.html").exists()
    assert (out / "doc" / "notes.html").read_text("utf-8") == "a person's notes"


def test_filter_from_the_url_hash_runs_in_chromium(
    site: Path, base_corpus: Path, tmp_path: Path
) -> None:
    corpus = read_corpus(base_corpus)
    doc_id = next(iter(corpus.documents))
    sentences = corpus.sentences[doc_id]
    label = sentences[-1].claim_type
    url = (site / "doc" / page_name(doc_id)).as_uri() + f"#claim_type={label}"
    dom = chromium("--dump-dom", url, profile=tmp_path / "profile")
    items = re.findall(r'<li class="sentence" id="s(\d+)"[^>]*?( hidden="")?>', dom)
    assert len(items) == len(sentences)
    shown = [int(i) for i, hidden in items if not hidden]
    assert shown == [s.index for s in sentences if s.claim_type == label]
    assert f"{len(shown)} of {len(sentences)}" in dom
    assert re.search(r'<form class="filters" aria-label="filters">', dom), (
        "script should reveal the filters"
    )


def test_screenshot_of_a_document_page(site: Path, base_corpus: Path, tmp_path: Path) -> None:
    doc_id = next(iter(read_corpus(base_corpus).documents))
    shot = tmp_path / "review-page.png"
    url = (site / "doc" / page_name(doc_id)).as_uri()
    chromium(
        f"--screenshot={shot}",
        "--window-size=1280,900",
        "--hide-scrollbars",
        url,
        profile=tmp_path / "profile",
    )
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000


def test_pages_show_each_auto_sentence_confidence_and_the_index_the_lowest(
    site: Path, base_corpus: Path
) -> None:
    corpus = read_corpus(base_corpus)
    (doc_id,) = corpus.documents
    sentences = corpus.sentences[doc_id]
    page = (site / "doc" / page_name(doc_id)).read_text("utf-8")
    auto = [s for s in sentences if s.annotation.status == "auto" and s.confidence is not None]
    assert page.count('title="pre-annotation confidence') == len(auto) > 0
    for sentence in auto:
        assert f"confidence {sentence.confidence:.2f}" in page
    lowest = min(s.confidence for s in auto)
    index = (site / "index.html").read_text("utf-8")
    assert f'<td class="n confidence">{lowest:.2f}</td>' in index
