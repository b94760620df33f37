"""Trygg KI — Helse Vest's working tool for safe use of artificial intelligence."""

__version__ = "0.1.0"
