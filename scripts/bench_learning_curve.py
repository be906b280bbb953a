"""Learning curve: how much a team's corrections on a domain the model has not seen improve it.

    python scripts/bench_learning_curve.py               # prints the table, writes docs/learning-curve.png
    python scripts/bench_learning_curve.py --no-plot     # the table only (no matplotlib needed)

Simulation, from the shipped training data's features (`claimwire.learn.examples`): the pre-annotator
as shipped is trained on the gold **dev** part (wire news) alone; the unseen domain is the **sentence
bank** (UD French treebank sentences: news, blogs, reviews, Wikipedia, European Parliament debates).
The bank's pseudo-documents are cut by a hash into a pool the team corrects (3 folds of 5) and a
test part it never sees (2 folds, about 40 %). The team corrects the pool's sentences pseudo-document
by pseudo-document, in the hash's order; for N = 0, 50, 100, 200, 500 corrected sentences the model
is learnt exactly as `claimwire train` learns it (`claimwire.learn.team.learn_from`: team weight,
cross-validation on the team's sentences, choice of scope, the shipped model kept unless beaten),
and the test part is labelled as `convert` would (rules, then the model where it applies, which
gives claim type and verifiability together; elsewhere verifiability from the claim type and the
rules' hedges). Nothing here is timed.
"""

from __future__ import annotations

import argparse
import hashlib
from dataclasses import replace
from pathlib import Path

from claimwire.annotate.classifier import read_model
from claimwire.learn.examples import Example, shipped_examples
from claimwire.learn.logreg import Settings
from claimwire.learn.team import Figures, as_model, fit_with_team, learn_from

ROOT = Path(__file__).resolve().parents[1]
PLOT = ROOT / "docs" / "learning-curve.png"
SIZES = (0, 50, 100, 200, 500)


def _hash(text: str) -> int:
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big")


# Genres of the bank, told by the pseudo-document of a sentence (`tests/gold/bank/build.py`).
DOMAINS = {
    "bank": lambda group: True,
    "europarl": lambda group: group.startswith(
        ("sequoia-dev-", "sequoia-test-", "sequoia-train-Europar")
    ),
    "wikipedia": lambda group: group.startswith("sequoia-train-frwiki"),
    "gsd": lambda group: group.startswith("gsd-"),
}


def domain_parts(bank: list[Example]) -> tuple[list[Example], list[Example]]:
    """(pool the team corrects, in correction order; test part it never sees)."""
    pool = [e for e in bank if _hash(e.group) % 5 < 3]
    test = [e for e in bank if _hash(e.group) % 5 >= 3]
    order = {group: _hash("order:" + group) for group in {e.group for e in pool}}
    pool.sort(key=lambda e: order[e.group])  # stable: a pseudo-document's sentences stay in order
    return pool, test


def curve(
    sizes: tuple[int, ...], team_weight: float | None, domain: str = "bank"
) -> list[tuple[int, str, Figures]]:
    data = shipped_examples()
    dev = [e for e in data if e.part == "dev"]
    bank = [e for e in data if e.part == "bank" and DOMAINS[domain](e.group)]
    pool, test = domain_parts(bank)
    settings = Settings()
    shipped = as_model(fit_with_team(dev, [], settings), "default")
    rows = []
    for n in sizes:
        team = [replace(e, part="team") for e in pool[:n]]
        model, what = shipped, "shipped (dev only)"
        if n:
            result = learn_from(dev, team, settings, team_weight)
            if result.model is not None:
                model, what = read_model(result.model, "corpus"), f"new, scope {result.scope}"
            else:
                what = "shipped kept"
        predicted = [e.predicted(model) for e in test]
        rows.append((n, what, Figures.of(test, predicted)))
        if n and result.model is None:  # what the rejected model would have given, for the record
            forced = as_model(fit_with_team(dev, team, settings, team_weight), result.scope)
            predicted = [e.predicted(forced) for e in test]
            rows.append((n, f"(new, rejected, scope {result.scope})", Figures.of(test, predicted)))
    print(
        f"dev {len(dev)} sentences; domain {domain}: pool {len(pool)}, test part {len(test)}; "
        f"team weight {'half the shipped data' if team_weight is None else team_weight}"
    )
    return rows


def plot(rows: list[tuple[int, str, Figures]], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    kept = [r for r in rows if not r[1].startswith("(")]
    # The model `train` learnt, also where cross-validation rejected it (dashed).
    learnt = {n: f for n, what, f in rows if what.startswith("(") or what.startswith("new")}
    learnt = {0: kept[0][2], **learnt}
    fig, ax = plt.subplots(figsize=(6.4, 3.8), dpi=100)
    for name, colour, field in (
        ("claim_type macro-F1", "tab:blue", "claim_type_macro_f1"),
        ("claim_type accuracy", "tab:orange", "claim_type_accuracy"),
        ("verifiability accuracy", "tab:green", "verifiability_accuracy"),
        ("verifiability macro-F1", "tab:red", "verifiability_macro_f1"),
    ):
        ax.plot([n for n, _, _ in kept], [getattr(f, field) for _, _, f in kept],
                marker="o", color=colour, label=f"{name} (model kept)")  # fmt: skip
        ax.plot(list(learnt), [getattr(f, field) for f in learnt.values()],
                linestyle="--", color=colour, alpha=0.6)  # fmt: skip
    ax.set_xlabel("sentences of the unseen domain corrected by the team")
    ax.set_ylabel("score on the rest of the domain")
    ax.set_title("claimwire train on the sentence bank (dashed: the new model)")
    ax.set_ylim(0, 1)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=7, loc="lower right")
    fig.tight_layout()
    # No timestamp or software version in the file: the same figures give the same bytes.
    fig.savefig(path, metadata={"Software": None})
    plt.close(fig)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--team-weight", type=float, default=None)
    parser.add_argument("--no-plot", action="store_true")
    parser.add_argument(
        "--domain",
        choices=sorted(DOMAINS),
        default="bank",
        help="the unseen domain: the whole bank, or one of its genres",
    )
    args = parser.parse_args()
    rows = curve(tuple(args.sizes), args.team_weight, args.domain)
    print(
        "| corrected | model | claim_type accuracy | claim_type macro-F1 | verifiability accuracy | verifiability macro-F1 |"
    )
    print("|---|---|---|---|---|---|")
    for n, what, f in rows:
        print(
            f"| {n} | {what} | {f.claim_type_accuracy:.3f} | {f.claim_type_macro_f1:.3f} | "
            f"{f.verifiability_accuracy:.3f} | {f.verifiability_macro_f1:.3f} |"
        )
    if not args.no_plot:
        plot(rows, PLOT)
        print(f"wrote {PLOT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
