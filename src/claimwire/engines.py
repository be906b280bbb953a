"""Engines that run the annotate stage: in this process, over a pool of local processes, or on Ray.

Every engine cuts the stream of documents into the same fixed batches and annotates each batch with one
`Annotator.annotate_many` call, so the output does not depend on the engine or the number of workers:
`--jobs 1`, `--jobs 2` and `--engine ray` write byte-identical corpora. Each worker loads the spaCy
model once. The local pool keeps a bounded number of batches in flight, so memory stays flat however
many dispatches stream through.

Where the platform can fork (Linux), the pool's workers are forked from this process after it has
loaded the model, so they start at once and share its pages; loading spaCy's French language class
alone costs about 6 s (it compiles the tokenizer exceptions into one large regular expression), which
spawned workers would each pay again. Elsewhere the workers are spawned and load the model themselves.
"""

from __future__ import annotations

import ctypes
import gc
import itertools
import multiprocessing
import os
import pickle
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from claimwire.records import Document, Sentence

Item = tuple[Document, list[Sentence]]
BATCH_SIZE = 16


def available_cores() -> int:
    """Cores this process may run on (the affinity mask, not the machine's count)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def batches(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


_WORKER_ANNOTATOR: Any = None
# The claim-type model this process's annotator uses (True: the shipped one).
_WORKER_MODEL: Any = True


def use_model(model: Any) -> None:
    """Make this process annotate with `model` (True: the shipped one; a checked model file's path;
    or a `ClaimModel`), loaded when first needed; also the pool's initializer, so spawned workers get
    it."""
    global _WORKER_MODEL
    _WORKER_MODEL = model
    if _WORKER_ANNOTATOR is not None:
        from claimwire.corpus.model import load_claim_model

        _WORKER_ANNOTATOR.model = load_claim_model(model)


def _annotator() -> Any:
    """This process's annotator, loaded on first use."""
    global _WORKER_ANNOTATOR
    if _WORKER_ANNOTATOR is None:
        from claimwire.annotate import Annotator
        from claimwire.corpus.model import load_claim_model

        _WORKER_ANNOTATOR = Annotator(model=load_claim_model(_WORKER_MODEL))
    return _WORKER_ANNOTATOR


def _annotate_batch(batch: list[Item]) -> list[list[Sentence]]:
    """Annotate one batch with this process's annotator."""
    return list(_annotator().annotate_many(batch, batch_size=len(batch)))


_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def _start_worker(parent: int, model: Any) -> None:
    """Pool initializer: die with the parent, annotate with the engine's model."""
    die_with_parent(parent)
    use_model(model)


def die_with_parent(parent: int) -> None:
    """Pool initializer: end this worker when the process that started it dies, however it dies.

    Killed with SIGKILL, a parent runs no cleanup, and its forked workers (each holding the model's
    memory, and the corpus lock's file inherited across the fork) would live on. On Linux the kernel
    sends them SIGKILL when the parent ends (`prctl(PR_SET_PDEATHSIG)`); elsewhere a thread watches
    the parent's id (an orphan is adopted by another process). If the parent died before the call,
    the same check catches it at once.
    """
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    else:
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:
        os._exit(1)


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)


def _pool_context() -> multiprocessing.context.BaseContext:
    """Fork from a parent that has loaded the model where possible, else spawn fresh workers."""
    if "fork" in multiprocessing.get_all_start_methods():
        _annotator()
        gc.collect()
        gc.freeze()  # keep the model's objects out of the children's collections: fewer copied pages
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


class LocalEngine:
    """Annotate in this process (`jobs == 1`) or in a pool of `jobs` processes, with the claim-type
    `model` given (default: the shipped one)."""

    def __init__(self, jobs: int = 1, batch_size: int = BATCH_SIZE, model: Any = True) -> None:
        self.jobs = max(1, jobs)
        self.batch_size = batch_size
        self.model = model

    def __call__(self, items: Iterable[Item]) -> Iterator[list[Sentence]]:
        use_model(self.model)
        stream = batches(items, self.batch_size)
        head = list(itertools.islice(stream, 2))
        if self.jobs == 1 or len(head) < 2:  # one batch: not worth starting workers
            for batch in itertools.chain(head, stream):
                yield from _annotate_batch(batch)
            return
        try:
            with ProcessPoolExecutor(
                max_workers=self.jobs,
                mp_context=_pool_context(),
                initializer=_start_worker,
                initargs=(os.getpid(), self.model),
            ) as pool:
                in_flight: deque[Future[list[list[Sentence]]]] = deque()
                for batch in itertools.chain(head, stream):
                    in_flight.append(pool.submit(_annotate_batch, batch))
                    if len(in_flight) >= 2 * self.jobs:
                        yield from in_flight.popleft().result()
                while in_flight:
                    yield from in_flight.popleft().result()
        finally:
            gc.unfreeze()


class _RayAnnotator:
    """A Ray Data actor: loads the model once, annotates pickled batches of documents."""

    def __init__(self, model: Any = True) -> None:
        from claimwire.annotate import Annotator
        from claimwire.corpus.model import load_claim_model

        self.annotator = Annotator(model=load_claim_model(model))

    def __call__(self, rows: dict[str, Any]) -> dict[str, Any]:
        out = []
        for payload in rows["batch"]:
            batch = pickle.loads(payload)
            out.append(
                pickle.dumps(list(self.annotator.annotate_many(batch, batch_size=len(batch))))
            )
        return {"batch": out}


class RayEngine:
    """Annotate with Ray Data `map_batches` over an actor pool, order preserved."""

    def __init__(
        self, address: str | None, jobs: int, batch_size: int = BATCH_SIZE, model: Any = True
    ) -> None:
        try:
            import ray
        except ImportError:
            raise RuntimeError("the Ray engine needs Ray: pip install 'claimwire[ray]'") from None
        self.ray = ray
        self.jobs = max(1, jobs)
        self.batch_size = batch_size
        self.model = model
        if not ray.is_initialized():
            options: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False}
            if address:
                ray.init(address=address, **options)
            else:
                ray.init(num_cpus=self.jobs, **options)

    def __call__(self, items: Iterable[Item]) -> Iterator[list[Sentence]]:
        import ray.data

        payloads = [{"batch": pickle.dumps(batch)} for batch in batches(items, self.batch_size)]
        if not payloads:
            return
        context = ray.data.DataContext.get_current()
        context.execution_options.preserve_order = True
        context.enable_progress_bars = False
        dataset = ray.data.from_items(payloads, override_num_blocks=len(payloads))
        annotated = dataset.map_batches(
            _RayAnnotator,
            fn_constructor_args=(self.model,),
            batch_size=1,
            concurrency=self.jobs,
            num_cpus=1,
            zero_copy_batch=True,
        )
        for row in annotated.iter_rows():
            yield from pickle.loads(row["batch"])

    def shutdown(self) -> None:
        self.ray.shutdown()
