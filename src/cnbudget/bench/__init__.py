"""`make bench`: speed measured by running, never asserted in tests.

Each section is a function that prints its figures; `__main__` runs them all.
"""
