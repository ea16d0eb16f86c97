"""Build the publishable Hugging Face dataset folder (`dataset/`) from the gold documents."""

from .builder import build_dataset, read_split

__all__ = ["build_dataset", "read_split"]
