"""Users, roles, sessions, API tokens and permission checks."""
