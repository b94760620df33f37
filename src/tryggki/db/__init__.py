"""Database plumbing: declarative base, portable types, engine and unit of work."""
