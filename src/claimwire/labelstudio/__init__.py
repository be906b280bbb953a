"""Round trip with Label Studio: corpus -> tasks with pre-annotations + labeling config -> export -> corpus.

`config` writes the labeling interface, `regions` maps records to result items and back (offsets,
region ids), `tasks` builds the import file, `annotations` reads a Label Studio JSON export and applies
the latest annotation of each task as `corrected` sentences.
"""

from claimwire.labelstudio.annotations import ImportSummary, LabelStudioError, apply_export
from claimwire.labelstudio.config import labeling_config
from claimwire.labelstudio.tasks import corpus_tasks, write_tasks

__all__ = [
    "ImportSummary",
    "LabelStudioError",
    "apply_export",
    "corpus_tasks",
    "labeling_config",
    "write_tasks",
]
