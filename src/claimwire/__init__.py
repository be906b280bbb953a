"""claimwire: French news dispatches to a sentence-annotated fact-checking corpus."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("claimwire")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"

GUIDELINE_VERSION = "1.0"
TOOL_NAME = f"claimwire {__version__}"
