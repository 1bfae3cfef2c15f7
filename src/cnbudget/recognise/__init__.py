"""Recognition: from a `Layout` to a `Document` (metadata, tables, facts)."""
