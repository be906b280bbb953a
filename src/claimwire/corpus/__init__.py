"""The corpus on disk: layout, ids, splits, canonical JSONL, reading and writing (see `layout`, `store`)."""
