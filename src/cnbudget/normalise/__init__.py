"""Normalisation: codes, units, names and printed numbers to canonical forms."""
