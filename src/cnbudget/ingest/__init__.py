"""Format readers: bytes in, `Layout` out. They know nothing of budgets."""
