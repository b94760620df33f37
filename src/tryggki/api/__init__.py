"""The JSON API under /api/v1: routers, authentication and problem+json errors."""
