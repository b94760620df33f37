"""Effect goals and indicators: the catalogue, measurements, computed values and the dashboard."""
