"""Portfolio: scoring use cases, comparing weight sets and designating focus areas."""
