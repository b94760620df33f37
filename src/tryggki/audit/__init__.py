"""Append-only audit events, hash-chained so that tampering is detectable."""
