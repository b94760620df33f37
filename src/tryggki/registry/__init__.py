"""Kartlegging: organisations, vendors, AI systems, use cases and their benefits."""
