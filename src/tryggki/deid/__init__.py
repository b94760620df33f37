"""Find and replace personal and health identifiers in Norwegian text (Bokmål and Nynorsk).

A pure library: no web, database or network, and nothing downloaded at run time. The word lists
it ships are described in ``data/README.md``.

Detect::

    from tryggki.deid import detect, CLINICAL
    findings = detect(text)                    # list[Finding], in text order, never overlapping
    findings = detect(text, policy=CLINICAL)   # keep ages and health-care units

Each ``Finding`` has ``start``/``end`` (character offsets into ``text``), ``label`` (a
``Label``: PERSON, ID_NUMBER, AGE, DATE, PHONE, EMAIL, ADDRESS, POSTCODE, LOCATION, HEALTH_UNIT,
ORG_NUMBER, ACCOUNT_NUMBER, URL, IP_ADDRESS, RECORD_NUMBER), ``confidence`` (0–1), ``detector``
and ``text``.

Transform::

    redact(text)                    # "[PERSON] ble innlagt [DATE]"
    pseudonymise(text, seed=None)   # realistic surrogates, consistent within the document
    vault = Vault()                 # one per conversation
    safe = tokenise(text, vault)    # "⟦PERSON_1⟧ ble innlagt ⟦DATE_1⟧"
    vault.restore(answer)           # placeholders back to the originals
    stream = StreamRestorer(vault)  # for streamed answers:
    stream.feed(chunk) … stream.flush()

A ``Policy`` says which classes are replaced and from which confidence (``STRICT``, the default,
replaces everything found from 0.5; ``CLINICAL`` keeps ages and health-care units). Direct
identifiers (names, ID numbers, phone, e-mail, addresses, record numbers) can never be kept:
``Policy(keep=…)`` raises ``ValueError`` if asked to.

Pseudonymisation moves all dates of a document by one offset (intervals survive), keeps one
surrogate per name word, and writes ID numbers as **synthetic numbers** (month + 80, the
convention of Skatteetaten's test data), which no real person holds.

Errors: ``Policy`` raises ``ValueError`` for a policy that would keep a direct identifier;
``corpus.read_corpus`` raises ``OSError``, ``UnicodeDecodeError`` or ``ValueError`` for an
unreadable or malformed corpus. Detection itself never raises on any text.

The detectors run compiled (mypyc) when ``make setup`` has built them from the current sources,
and as plain Python otherwise, with the same findings; ``NATIVE`` says which (see ``native``).
"""

from tryggki.deid import native

# Before any detector is imported: the compiled detectors when they are current (see ``native``).
NATIVE = native.enable(__path__)

from tryggki.deid.detect import detect, detect_all  # noqa: E402
from tryggki.deid.model import CLINICAL, STRICT, Finding, Label, Policy  # noqa: E402
from tryggki.deid.transform import pseudonymise, redact  # noqa: E402
from tryggki.deid.vault import StreamRestorer, Vault, tokenise  # noqa: E402

__all__ = [
    "CLINICAL",
    "NATIVE",
    "STRICT",
    "Finding",
    "Label",
    "Policy",
    "StreamRestorer",
    "Vault",
    "detect",
    "detect_all",
    "pseudonymise",
    "redact",
    "tokenise",
]
