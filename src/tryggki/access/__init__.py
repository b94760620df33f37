"""Access to the AI gateway, from the web app's side: keys, the published policy and usage.

The gateway process (``tryggki.gateway``) never imports this package; it reads what
``snapshot.publish`` writes and appends the rows that ``usage`` reads.
"""

# Registers the gateway's computed indicators with the catalogue whenever this package is used.
from tryggki.access import usage as _usage  # noqa: F401
