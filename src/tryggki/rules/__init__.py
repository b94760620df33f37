"""Retningslinjer: guidelines as code — the fact schema, the rulebook and the pure engine."""
