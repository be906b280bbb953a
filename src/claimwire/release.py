"""The files generated beside the data: the dataset card, `LICENSE.md` and `croissant.json`.

`convert`, `card` and the gold's builder write them from the same function, and `validate` compares
them with what the data renders (`card-out-of-date`), so none can drift from the data.
"""

from __future__ import annotations

from pathlib import Path

from claimwire.card import CorpusStats, card_text, corpus_stats, license_text
from claimwire.changelog import current_version
from claimwire.corpus.layout import CARD_NAME
from claimwire.croissant import CROISSANT_NAME, croissant_bytes
from claimwire.review.agreement_render import card_agreement_section

LICENSE_NAME = "LICENSE.md"
GENERATED = (CARD_NAME, LICENSE_NAME, CROISSANT_NAME)


def render_generated(corpus: Path, stats: CorpusStats) -> dict[Path, bytes]:
    """Path -> bytes of every generated file, for a corpus with these counts and facts."""
    version = current_version(corpus)
    card = card_text(stats, card_agreement_section(corpus), version)
    return {
        corpus / CARD_NAME: card.encode("utf-8"),
        corpus / LICENSE_NAME: license_text(stats).encode("utf-8"),
        corpus / CROISSANT_NAME: croissant_bytes(stats, version),
    }


def generated_files(corpus: Path, data_files: dict[Path, bytes] | None = None) -> dict[Path, bytes]:
    """The generated files for the data on disk (or in `data_files`, about to be written: every
    data file of the corpus)."""
    return render_generated(corpus, corpus_stats(corpus, data_files))
