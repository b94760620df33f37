"""Assessments: the rulebook applied to registered use cases, with controls, evidence and review."""
