"""cnbudget: China's departmental budget and final-account disclosures as verified data."""

__version__ = "0.1.0"
