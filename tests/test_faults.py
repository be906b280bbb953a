"""Fault injection (issue 14): kills at every step of the commit, concurrent runs, planted links,
hostile inputs. Every numbered repro of the issue is a test here, run through the real CLI.

A real process is killed with a real SIGKILL: `CLAIMWIRE_FAULT=KILL@k` makes a `claimwire` process
send itself SIGKILL right after step k of its commit (see `claimwire.corpus.commit`). Most runs are
forked from the test process once it has loaded the spaCy model, so each killed convert costs a
fraction of a second; one test kills a separate `python -m claimwire convert` process the same way.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner
from conftest import snapshot
from helpers import FIXTURES, claimwire

from claimwire.cli import main
from claimwire.corpus.commit import JOURNAL_NAME
from claimwire.corpus.lock import lock_path
from claimwire.corpus.spans import nearest_occurrence
from claimwire.corpus.store import read_corpus
from claimwire.render.site import page_name
from claimwire.validate import validate_corpus

# Repro 4: the corrected sentence quotes M. Dupont, who is also named in the first sentence.
DUPONT = (
    "date 2026-02-04\n\nLe ministre a reçu M. Dupont à Paris mardi.\n\n"
    "La réunion a duré deux heures.\n\n« Tout va bien », a affirmé M. Dupont.\n"
)
DUPONT_MOVED = (
    "date 2026-02-04\n\n« Tout va bien », a affirmé M. Dupont.\n\n"
    "Le ministre a reçu M. Dupont à Paris mardi.\n\nLa réunion a duré deux heures.\n"
)
MARCH = "date 2026-03-10\n\nLes discussions ont repris à Bruxelles. Elles dureront trois jours.\n"
JANUARY = "date 2026-01-15\n\nLe port de Marseille a rouvert lundi après une grève.\n"
APRIL = "date 2026-04-20\n\nLe port de Marseille a rouvert lundi après une grève de dix jours.\n"
NEW = "date 2026-03-12\n\nLa Commission a publié son rapport annuel sur la concurrence.\n"


def run(*args: str, cwd: Path | None = None) -> tuple[int, str, str]:
    """`claimwire ARGS` in this process (in `cwd`, or the current folder)."""
    with contextlib.chdir(cwd or Path.cwd()):
        result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def write_inbox(folder: Path, files: dict[str, str]) -> None:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / name).write_text(text, "utf-8")


def fork_cli(cwd: Path, *args: str, fault: str | None = None) -> int:
    """Run `claimwire ARGS` in a forked child (a real process, with this process's loaded model);
    its output goes to `cwd/child.log`. Returns the child's pid."""
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 70
        try:
            os.chdir(cwd)
            if fault:
                os.environ["CLAIMWIRE_FAULT"] = fault
            log = os.open(cwd / "child.log", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            os.dup2(log, 1)
            os.dup2(log, 2)
            sys.stdout = open(1, "w", closefd=False)  # noqa: SIM115
            sys.stderr = open(2, "w", closefd=False)  # noqa: SIM115
            try:
                main(list(args))
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        finally:
            os._exit(code)
    return pid


def wait(pid: int) -> tuple[str, int]:
    """("exit", status) or ("signal", number) of a finished child."""
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        return "signal", os.WTERMSIG(status)
    return "exit", os.WEXITSTATUS(status)


def codes(corpus: Path) -> set[str]:
    return {code for _, _, code in validate_corpus(corpus).flatten()}


def data_files(corpus: Path) -> dict[str, bytes]:
    """The corpus as a reader sees it: data files and card, not temporaries of a stopped write."""
    return {k: v for k, v in snapshot(corpus).items() if not k.rsplit("/", 1)[-1].startswith(".")}


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository whose corpus holds three dispatches, the last sentence of one corrected by a
    person (its source `M. Dupont` inside it), and an inbox of new versions: that dispatch with its
    paragraph moved first, another moved from January to April (its old shard goes), a new one."""
    root = tmp_path_factory.mktemp("scenario")
    write_inbox(root / "inbox", {"dupont.txt": DUPONT, "mars.txt": MARCH, "port.txt": JANUARY})
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(root)
        code, out, err = run("convert", "inbox", "--jobs", "1")
    assert code == 0, out + err
    (sentences,) = (root / "corpus/data").glob("*/sentences/2026-02.jsonl")
    lines = sentences.read_bytes().splitlines(keepends=True)
    for i, line in enumerate(lines):
        record = orjson.loads(line)
        if record["text"].startswith("« Tout va bien"):
            at = record["start"] + record["text"].index("M. Dupont")
            record["sources"] = [
                {
                    "text": "M. Dupont",
                    "start": at,
                    "end": at + 9,
                    "name": "Dupont",
                    "kind": "person",
                    "cue": "a affirmé",
                    "mode": "direct",
                }
            ]
            record["claim_type"], record["verifiability"] = "opinion", "unverifiable"
            record["annotation"] = {**record["annotation"], "status": "corrected", "by": "ann1"}
            lines[i] = orjson.dumps(record) + b"\n"
    sentences.write_bytes(b"".join(lines))
    write_inbox(
        root / "inbox",
        {"dupont.txt": DUPONT_MOVED, "mars.txt": MARCH, "port.txt": APRIL, "nouveau.txt": NEW},
    )
    assert codes(root / "corpus") <= {"card-out-of-date"}
    return root


@pytest.fixture(scope="module")
def reference(scenario: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The corpus an uninterrupted `convert inbox` gives from the scenario."""
    root = tmp_path_factory.mktemp("reference")
    shutil.copytree(scenario, root, dirs_exist_ok=True)
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(root)
        code, out, err = run("convert", "inbox", "--jobs", "1")
    assert code == 0, out + err
    assert codes(root / "corpus") == set()
    return snapshot(root / "corpus")


def fresh(scenario: Path, tmp_path: Path) -> Path:
    shutil.copytree(scenario, tmp_path, dirs_exist_ok=True)
    return tmp_path


# Repro 4 -----------------------------------------------------------------------------------------


def test_repro4_a_source_moves_with_its_sentence_when_a_paragraph_moves(
    scenario: Path, reference: dict[str, bytes]
) -> None:
    (name,) = [k for k in reference if k.endswith("sentences/2026-02.jsonl")]
    records = [orjson.loads(line) for line in reference[name].splitlines()]
    (corrected,) = [r for r in records if r["annotation"]["status"] == "corrected"]
    assert corrected["index"] == 0 and corrected["paragraph"] == 0  # its paragraph moved first
    (source,) = corrected["sources"]
    assert corrected["start"] <= source["start"] < source["end"] <= corrected["end"]
    assert source["start"] == corrected["start"] + corrected["text"].index("M. Dupont")


# Repro 2 and the commit: a kill at every step ---------------------------------------------------


def test_repro2_a_kill_at_every_step_of_the_commit_then_a_rerun_gives_the_uninterrupted_corpus(
    scenario: Path, reference: dict[str, bytes], tmp_path: Path
) -> None:
    before = data_files(scenario / "corpus")
    after = {k: v for k, v in reference.items() if not k.rsplit("/", 1)[-1].startswith(".")}
    results = []
    for step in range(40):
        work = fresh(scenario, tmp_path / f"step{step}")
        outcome = wait(fork_cli(work, "convert", "inbox", "--jobs", "1", fault=f"KILL@{step}"))
        if outcome == ("exit", 0):  # past the last step: the run completed
            assert snapshot(work / "corpus") == reference
            break
        assert outcome == ("signal", signal.SIGKILL), (work / "child.log").read_text()
        corpus = work / "corpus"
        journaled = (corpus / JOURNAL_NAME).exists()
        if journaled:  # killed after the journal: validate says what happened
            assert "interrupted-write" in codes(corpus)
        else:  # killed before it, the data is as it was; after its removal, all new
            assert data_files(corpus) in (before, after), f"kill after step {step}"
        code, out, err = run("convert", "inbox", "--jobs", "1", cwd=work)
        assert code == 0, out + err
        assert snapshot(corpus) == reference, f"kill after step {step}"
        results.append((step, journaled))
    else:
        pytest.fail("the commit never completed")
    # Step 0 is before the journal, then the journal, 8 renames (4 shards rebuilt and the card,
    # minus an unchanged file or so), 2 removals (January's shard) and the journal's removal.
    journaled = [j for _, j in results]
    assert journaled[:2] == [False, True] and journaled[-1] is False and len(results) >= 8


def test_a_kill_during_recovery_is_recovered_the_same_way(
    scenario: Path, reference: dict[str, bytes], tmp_path: Path
) -> None:
    work = fresh(scenario, tmp_path)
    assert wait(fork_cli(work, "convert", "inbox", "--jobs", "1", fault="KILL@1")) == (
        "signal",
        signal.SIGKILL,
    )
    # The next command, here fmt, is killed too, at each step of its recovery in turn.
    for step in range(3):
        assert wait(fork_cli(work, "fmt", "corpus", fault=f"KILL@{step}")) == (
            "signal",
            signal.SIGKILL,
        )
        assert "interrupted-write" in codes(work / "corpus")
    code, out, err = run("convert", "inbox", "--jobs", "1", cwd=work)
    assert code == 0, out + err
    assert snapshot(work / "corpus") == reference


def test_repro2_after_a_kill_a_convert_of_other_inputs_repairs_the_corpus(
    scenario: Path, tmp_path: Path
) -> None:
    """The issue: the next convert on other inputs exited 0 and left old and new shards mixed."""
    work = fresh(scenario, tmp_path)
    assert wait(fork_cli(work, "convert", "inbox", "--jobs", "1", fault="KILL@4"))[0] == "signal"
    assert "interrupted-write" in codes(work / "corpus")
    write_inbox(work / "other", {"autre.txt": NEW.replace("annuel", "trimestriel")})
    code, out, err = run("convert", "other", "--jobs", "1", cwd=work)
    assert code == 0, out + err
    assert "finished a write that was interrupted" in err
    assert codes(work / "corpus") == set()


def test_a_kill_of_a_separate_convert_process_mid_rename(
    scenario: Path, reference: dict[str, bytes], tmp_path: Path
) -> None:
    work = fresh(scenario, tmp_path)
    env = {**os.environ, "CLAIMWIRE_FAULT": "KILL@3"}
    done = subprocess.run(
        [sys.executable, "-m", "claimwire", "convert", "inbox", "--jobs", "1"],
        cwd=work,
        env=env,
        capture_output=True,
        check=False,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr.decode()
    assert "interrupted-write" in codes(work / "corpus")
    code, out, err = run("convert", "inbox", "--jobs", "1", cwd=work)
    assert code == 0, out + err
    assert snapshot(work / "corpus") == reference


# Repro 1: concurrent writers ---------------------------------------------------------------------


def stopped_convert(work: Path) -> int:
    """A convert stopped (SIGSTOP) just before its commit, holding the lock."""
    pid = fork_cli(work, "convert", "inbox", "--jobs", "1", fault="STOP@0")
    _, status = os.waitpid(pid, os.WUNTRACED)
    assert os.WIFSTOPPED(status)
    return pid


def test_repro1_a_correction_saved_while_convert_runs_is_never_reverted(
    scenario: Path, tmp_path: Path
) -> None:
    work = fresh(scenario, tmp_path)
    pid = stopped_convert(work)
    (sentences,) = (work / "corpus/data").glob("*/sentences/2026-02.jsonl")
    corrected = sentences.read_bytes().replace(b'"by":"ann1"', b'"by":"ann2"')
    sentences.write_bytes(corrected)  # a person saves a correction meanwhile
    saved = data_files(work / "corpus")
    os.kill(pid, signal.SIGCONT)
    assert wait(pid) == ("exit", 1)
    log = (work / "child.log").read_text()
    assert "2026-02.jsonl: was changed while convert ran" in log
    assert "nothing was written" in log
    assert data_files(work / "corpus") == saved
    assert not list((work / "corpus").rglob(".*.tmp"))
    code, out, err = run("convert", "inbox", "--jobs", "1", cwd=work)
    assert code == 0, out + err
    assert b'"by":"ann2"' in sentences.read_bytes()


def test_repro1_a_second_writer_is_refused_at_once_and_the_first_completes(
    scenario: Path, reference: dict[str, bytes], tmp_path: Path
) -> None:
    work = fresh(scenario, tmp_path)
    pid = stopped_convert(work)
    for args in (
        ("convert", "inbox", "--jobs", "1"),
        ("fmt",),
        ("fix",),
        ("card",),
        ("import", "labelstudio", "inbox/dupont.txt"),
        ("agree", "corpus", "corpus", "--format", "json", "-o", "corpus/agreement.json"),
    ):
        code, out, err = run(*args, cwd=work)
        assert code == 1, (args, out, err)
        assert f"corpus locked by claimwire convert (pid {pid} " in err
        assert len(err.strip().splitlines()) == 1
    os.kill(pid, signal.SIGCONT)
    assert wait(pid) == ("exit", 0)
    assert snapshot(work / "corpus") == reference


# Repro 3: planted links --------------------------------------------------------------------------


@pytest.fixture
def planted(scenario: Path, tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the scenario with a link at every old fixed temporary name, to a file outside."""
    work = fresh(scenario, tmp_path / "repo")
    outside = tmp_path / "outside.txt"
    outside.write_text("not the corpus's\n", "utf-8")
    corpus = work / "corpus"
    for path in [corpus / "README.md", *(corpus / "data").rglob("*.jsonl")]:
        (path.parent / f".{path.name}.tmp").symlink_to(outside)
    return work, outside


def test_repro3_links_at_temporary_names_are_never_written_through(
    planted: tuple[Path, Path],
) -> None:
    work, outside = planted
    links = sorted((work / "corpus").rglob(".*.tmp"))
    assert links and all(p.is_symlink() for p in links)
    (sentences,) = (work / "corpus/data").glob("*/sentences/2026-02.jsonl")
    sentences.write_bytes(sentences.read_bytes().replace(b'"index":0,', b'"index": 0,'))
    for args in (("fmt",), ("convert", "inbox", "--dry-run", "--jobs", "1")):
        code, out, err = run(*args, cwd=work)
        assert code == 0, (args, out, err)
        assert outside.read_text("utf-8") == "not the corpus's\n"
    code, out, err = run("convert", "inbox", "--jobs", "1", cwd=work)
    assert code == 0, out + err
    assert outside.read_text("utf-8") == "not the corpus's\n"
    # The planted links are left as they were, none followed, none replaced.
    assert sorted((work / "corpus").rglob(".*.tmp")) == links
    assert all(p.is_symlink() for p in links)


def test_links_as_journal_lock_or_folder_are_refused_in_one_line(
    scenario: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("keep\n", "utf-8")
    for plant in ("journal", "lock", "folder"):
        work = fresh(scenario, tmp_path / plant)
        corpus = work / "corpus"
        if plant == "journal":
            (corpus / JOURNAL_NAME).symlink_to(outside)
        elif plant == "lock":
            lock_path(corpus).unlink(missing_ok=True)
            lock_path(corpus).symlink_to(outside)
        else:
            (folder,) = [p.parent for p in (corpus / "data").glob("*/sentences/2026-02.jsonl")]
            shutil.move(folder, tmp_path / f"moved-{plant}")
            folder.symlink_to(tmp_path / f"moved-{plant}")
            line = next((tmp_path / f"moved-{plant}").glob("*.jsonl"))
            line.write_bytes(line.read_bytes().replace(b'"index":0,', b'"index": 0,'))
        code, out, err = run("fmt", cwd=work)
        assert code == 1, (plant, out, err)
        assert len(err.strip().splitlines()) == 1, err
        assert "symbolic link" in err or "not a journal claimwire wrote" in err
        assert outside.read_text("utf-8") == "keep\n"


# Repro 5: render owns its folder -----------------------------------------------------------------


def test_repro5_render_refuses_a_folder_it_did_not_make_and_never_deletes_through_links(
    scenario: Path, tmp_path: Path
) -> None:
    corpus = str(scenario / "corpus")
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.html").write_text("my notes", "utf-8")
    code, _, err = run("render", "--corpus", corpus, "-o", str(mine))
    assert code == 1 and "not a folder claimwire render made" in err
    assert [p.name for p in mine.iterdir()] == ["notes.html"]

    site = tmp_path / "site"
    assert run("render", "--corpus", corpus, "-o", str(site))[0] == 0
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "page.html").write_text("someone's page", "utf-8")
    shutil.rmtree(site / "doc")
    (site / "doc").symlink_to(elsewhere)
    code, _, err = run("render", "--corpus", corpus, "-o", str(site))
    assert code == 1 and "symbolic link" in err
    assert [p.name for p in elsewhere.iterdir()] == ["page.html"]


# Repros 6 and 8: hostile values, each a one-line rejection of its input only ---------------------


def ninjs(uri: str, body: str, **extra: object) -> bytes:
    item = {"uri": uri, "versioncreated": "2026-02-04T10:00:00Z", "body_text": body, **extra}
    return orjson.dumps(item)


def test_repro6_and_8_hostile_inputs_are_rejected_one_by_one_and_the_good_one_converted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "bon.txt").write_text(NEW, "utf-8")
    body = "Le ministre a parlé."
    hostile = {
        "surrogate.json": ninjs("urn:x:1", body).replace(b"parl", b"parl\\udc80"),
        "control.json": ninjs("urn:x:2", body).replace(b"parl", b"parl\\u0007"),
        "exposant.json": ninjs("urn:x:3", body, version="²"),
        "trente.json": ninjs("urn:x:4", body, version="1" * 30),
        "utf8.txt": b"date 2026-02-04\n\nLe ministre a dit \xed\xa0\x80 mardi.\n",
        "long.txt": b"date 2026-02-04\n\n" + b"Il a parl\xc3\xa9. " * 90_000,
    }
    for name, data in hostile.items():
        (inbox / name).write_bytes(data)
    with (inbox / "enorme.txt").open("wb") as handle:  # 17 MB, never read
        handle.truncate(17_000_000)
    secret = tmp_path / "secret.txt"
    secret.write_text("date 2026-02-04\n\nUn fichier hors du dossier.\n", "utf-8")
    (inbox / "lien.txt").symlink_to(secret)
    code, out, err = run("convert", "inbox", "--jobs", "1")
    assert code == 1
    assert "Traceback" not in out + err
    rejected = [line for line in err.splitlines() if line.startswith("rejected: ")]
    assert len(rejected) == len(err.strip().splitlines()) == len(hostile) + 2
    for name in [*hostile, "enorme.txt", "lien.txt"]:
        assert sum(f"inbox/{name}" in line for line in rejected) == 1, name
    assert "1 added" in out and "9 input(s)" in out
    corpus = read_corpus(tmp_path / "corpus")
    assert [d.origin.path for d in corpus.documents.values()] == ["inbox/bon.txt"]
    assert codes(tmp_path / "corpus") == set()


def test_repro6_render_of_a_long_id_and_of_a_huge_paragraph_index(
    scenario: Path, tmp_path: Path
) -> None:
    # A guid whose id is 250 characters: its page and that page's temporary used to exceed the
    # 255 bytes a file name may have ("File name too long"), though convert and validate accept it.
    guid = "urn:newsml:afp.com:20260204:" + "A" * 233
    doc_id = guid.removeprefix("urn:newsml:").replace(":", "-")
    assert len(doc_id) == 250 and len(page_name(doc_id)) < 120
    work = fresh(scenario, tmp_path / "repo")
    write_inbox(work / "long", {})
    (work / "long" / "long.json").write_bytes(ninjs(guid, "Le ministre a parlé mardi."))
    assert run("convert", "long", "--jobs", "1", cwd=work)[0] == 0
    assert run("render", "-o", "site", cwd=work)[0] == 0
    (sentences,) = (work / "corpus/data").glob("*/sentences/2026-03.jsonl")
    lines = sentences.read_bytes().splitlines(keepends=True)
    first = orjson.loads(lines[0])
    lines[0] = orjson.dumps({**first, "paragraph": 99999999999}) + b"\n"
    sentences.write_bytes(b"".join(lines))
    code, _, err = run("render", "-o", "site", cwd=work)
    assert code == 1 and "Traceback" not in err
    (line,) = err.strip().splitlines()
    assert "2026-03.jsonl:1:" in line and "paragraph 99999999999" in line
    pages = {p.name for p in (work / "site/doc").iterdir()}
    assert page_name(first["doc_id"]) not in pages and len(pages) == 3
    assert page_name(doc_id) in pages


def test_repro8_a_newline_in_annotation_by_cannot_forge_a_line(
    scenario: Path, tmp_path: Path
) -> None:
    work = fresh(scenario, tmp_path)
    (sentences,) = (work / "corpus/data").glob("*/sentences/2026-02.jsonl")
    forged = b'"by":"ann1\\nconflict: corpus/x.jsonl:1: annotation-conflict: forged"'
    sentences.write_bytes(sentences.read_bytes().replace(b'"by":"ann1"', forged))
    write_inbox(work / "inbox", {"dupont.txt": DUPONT.replace("Tout va bien", "Tout va mal")})
    code, _, err = run("convert", "inbox", "--jobs", "1", cwd=work)
    assert code == 1
    (line,) = err.strip().splitlines()
    assert line.startswith("conflict: ") and "ann1\\nconflict: corpus/x.jsonl" in line


def test_repro8_diff_markdown_holds_no_raw_html(scenario: Path, tmp_path: Path) -> None:
    new = fresh(scenario, tmp_path / "new") / "corpus"
    (sentences,) = new.glob("data/*/sentences/2026-02.jsonl")
    img = b"<img src=x onerror=alert(1)>"
    sentences.write_bytes(
        sentences.read_bytes().replace(b'"name":"Dupont"', b'"name":"' + img + b'"')
    )
    code, out, err = run("diff", str(scenario / "corpus"), str(new), "--format", "markdown")
    assert code == 0, err
    assert "<img" not in out and "&lt;img src=x onerror=alert(1)&gt;" in out


def test_repro8_workers_die_with_their_parent_and_its_spool_is_swept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    spool_root = tmp_path / "tmp"
    spool_root.mkdir()
    monkeypatch.setenv("TMPDIR", str(spool_root))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)  # read TMPDIR again
    write_inbox(
        tmp_path / "inbox",
        {f"{i:03d}.txt": NEW.replace("annuel", f"numéro {i}") for i in range(48)},
    )
    pid = fork_cli(tmp_path, "convert", "inbox", "--jobs", "2")
    workers: list[int] = []
    deadline = time.monotonic() + 120
    while not workers and time.monotonic() < deadline:
        workers = children(pid)
        time.sleep(0.05)
    assert workers, "the convert never started its workers"
    assert list(spool_root.glob("claimwire-spool-*"))
    os.kill(pid, signal.SIGKILL)
    assert wait(pid) == ("signal", signal.SIGKILL)
    deadline = time.monotonic() + 60
    while any(alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(alive(w) for w in workers)
    assert list(spool_root.glob("claimwire-spool-*"))  # the killed run could not clean up
    code, out, err = run("convert", "inbox", "--jobs", "1")  # the lock is free again
    assert code == 0, out + err
    assert not list(spool_root.glob("claimwire-spool-*"))


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


# Linear-time lookups -----------------------------------------------------------------------------


def test_nearest_occurrence_is_the_nearest_one() -> None:
    text = "ab" * 3000 + "abc" + "ab" * 3000 + "abc"
    for needle in ("ab", "abc", "ba", "c", "zz"):
        positions = [i for i in range(len(text)) if text.startswith(needle, i)]
        for near in (0, 1, 999, 6000, 6001, 6002, 9000, len(text)):
            best = min(positions, key=lambda p: (abs(p - near), p)) if positions else None
            assert nearest_occurrence(text, needle, near) == best, (needle, near)


def test_a_source_outside_its_sentence_moves_with_the_sentence_that_holds_it() -> None:
    """A quote whose speaker is named in the next sentence: when both move, the source follows that
    next sentence, not the first `M. Dupont` of the new text."""
    from claimwire.corpus.merge import plan_merge
    from claimwire.records import Annotation, Document, Origin, Sentence, Source

    def document(paragraphs: list[str]) -> Document:
        offsets, at = [], 0
        for part in paragraphs:
            offsets.append((at, at + len(part)))
            at += len(part) + 2
        origin = Origin("x.txt", "text", "0" * 64)
        return Document("x", "2026-02-04", "fr", None, "\n\n".join(paragraphs), offsets, origin)

    quote = "« Tout va bien. » C'est ce qu'a dit M. Dupont."
    old = document(["M. Dupont est arrivé.", quote])
    new = document([quote, "M. Dupont est arrivé."])
    first = quote.index("« Tout va bien. »") + len("« Tout va bien. »")
    start = len("M. Dupont est arrivé.") + 2
    speaker = old.text.rindex("M. Dupont")
    source = Source("M. Dupont", speaker, speaker + 9, "Dupont", "person", "a dit", "direct")
    sentences = [
        Sentence("x", 0, 0, 0, 21, old.text[0:21]),
        Sentence(
            "x",
            1,
            1,
            start,
            start + first,
            old.text[start : start + first],
            sources=[source],
            annotation=Annotation("corrected", "ann1"),
        ),
        Sentence("x", 2, 1, start + first + 1, len(old.text), old.text[start + first + 1 :]),
    ]
    plan, conflicts = plan_merge(old, sentences, new)
    assert not conflicts and plan is not None
    (human,) = plan.human.values()
    (moved,) = human.sources
    assert human.start == 0
    assert moved.start == new.text.index("M. Dupont") == quote.index("M. Dupont")


@pytest.mark.parametrize("command", [("fmt", "--check"), ("fmt", "--dry-run"), ("card", "--check")])
def test_checks_refuse_a_corpus_between_two_versions(
    command: tuple[str, ...], tmp_path: Path
) -> None:
    """A killed commit's journal: what --check or --dry-run would read is neither version, so they
    refuse in one line and leave the journal for a writer to finish."""
    corpus = tmp_path / "corpus"
    shutil.copytree(FIXTURES / "invalid" / "interrupted-write", corpus)
    before = snapshot(corpus)
    code, out, err = claimwire(*command, "--corpus", corpus)
    assert code == 1, out + err
    (line,) = err.strip().splitlines()
    assert line.startswith(f"Error: {corpus / JOURNAL_NAME}: a write was interrupted")
    assert snapshot(corpus) == before
