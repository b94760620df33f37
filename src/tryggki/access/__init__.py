"""Access to the AI gateway, from the web app's side: keys, the published policy and usage.

The gateway process (``tryggki.gateway``) never imports this package; it reads what
``snapshot.publish`` writes and appends the rows that ``usage`` reads.
"""
