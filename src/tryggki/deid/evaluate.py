"""Scores against gold annotations: entity level (exact and overlap) and token level, per class.

Predictions of ADDRESS and POSTCODE count as LOCATION (the corpora have no finer class); classes
that a corpus does not annotate are left out of its scores.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from tryggki.deid.corpus import Document, Span
from tryggki.deid.detect import detect_all
from tryggki.deid.model import Label

AS_LOCATION = {Label.ADDRESS: Label.LOCATION, Label.POSTCODE: Label.LOCATION}
_TOKEN = re.compile(r"\w+|[^\w\s]")
ANY = "ALL"


@dataclass(frozen=True, slots=True)
class Scores:
    """Counts for one class at one level, with precision, recall and F1."""

    tp_pred: int
    tp_gold: int
    pred: int
    gold: int

    @property
    def precision(self) -> float:
        """Share of predictions that are right."""
        return self.tp_pred / self.pred if self.pred else 1.0

    @property
    def recall(self) -> float:
        """Share of gold annotations found."""
        return self.tp_gold / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class Example:
    """A miss or a false alarm with its surroundings."""

    label: str
    context: str


@dataclass(slots=True)
class Report:
    """Per-class scores at three levels, plus misses and false alarms."""

    exact: dict[str, Scores] = field(default_factory=dict)
    overlap: dict[str, Scores] = field(default_factory=dict)
    token: dict[str, Scores] = field(default_factory=dict)
    any_class: Scores = Scores(0, 0, 0, 0)
    misses: list[Example] = field(default_factory=list)
    false_alarms: list[Example] = field(default_factory=list)


def _context(text: str, start: int, end: int, width: int = 40) -> str:
    left = text[max(0, start - width) : start].replace("\n", " ")
    right = text[end : end + width].replace("\n", " ")
    return f"…{left}[[{text[start:end]}]]{right}…"


def _overlap_match(
    pred: list[Span], gold: list[Span], same_label: bool
) -> tuple[set[int], set[int]]:
    """Indices of matched predictions and gold spans (each used once)."""
    used_p: set[int] = set()
    used_g: set[int] = set()
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if pi in used_p or p.end <= g.start or p.start >= g.end:
                continue
            if same_label and p.label != g.label:
                continue
            used_p.add(pi)
            used_g.add(gi)
            break
    return used_p, used_g


def _token_labels(text: str, spans: Iterable[Span]) -> list[str | None]:
    """The class of each token (one overlapping span decides), in one pass over both lists."""
    bounds = sorted(spans, key=lambda s: s.start)
    out: list[str | None] = []
    i = 0
    for m in _TOKEN.finditer(text):
        while i < len(bounds) and bounds[i].end <= m.start():
            i += 1
        hit = i < len(bounds) and bounds[i].start < m.end()
        out.append(bounds[i].label.value if hit else None)
    return out


class _Tally:
    def __init__(self) -> None:
        self.counts: dict[str, Counter[str]] = {}

    def add(self, label: str, key: str, n: int = 1) -> None:
        self.counts.setdefault(label, Counter())[key] += n

    def scores(self) -> dict[str, Scores]:
        out = {
            k: Scores(c["tp_pred"], c["tp_gold"], c["pred"], c["gold"])
            for k, c in self.counts.items()
        }
        total: Counter[str] = Counter()
        for c in self.counts.values():
            total.update(c)
        out[ANY] = Scores(total["tp_pred"], total["tp_gold"], total["pred"], total["gold"])
        return out


class _Evaluator:
    def __init__(self) -> None:
        self.exact, self.overlap, self.token, self.any = _Tally(), _Tally(), _Tally(), _Tally()
        self.report = Report()

    def document(self, doc: Document, pred: list[Span]) -> None:
        gold = list(doc.gold)
        gold_set = {(g.start, g.end, g.label) for g in gold}
        for p in pred:
            self.exact.add(p.label.value, "pred")
            if (p.start, p.end, p.label) in gold_set:
                self.exact.add(p.label.value, "tp_pred")
                self.exact.add(p.label.value, "tp_gold")
        for g in gold:
            self.exact.add(g.label.value, "gold")
        self.overlaps(doc, pred, gold)
        self.tokens(doc, pred, gold)

    def overlaps(self, doc: Document, pred: list[Span], gold: list[Span]) -> None:
        used_p, used_g = _overlap_match(pred, gold, same_label=True)
        self.tally_side(doc, pred, used_p, "pred", self.report.false_alarms)
        self.tally_side(doc, gold, used_g, "gold", self.report.misses)
        any_p, any_g = _overlap_match(pred, gold, same_label=False)
        self.any.add(ANY, "gold", len(gold))
        self.any.add(ANY, "pred", len(pred))
        self.any.add(ANY, "tp_pred", len(any_p))
        self.any.add(ANY, "tp_gold", len(any_g))

    def tally_side(
        self, doc: Document, spans: list[Span], used: set[int], side: str, unmatched: list[Example]
    ) -> None:
        """Count one side (predictions or gold) and keep the unmatched ones as examples."""
        for i, span in enumerate(spans):
            self.overlap.add(span.label.value, side)
            if i in used:
                self.overlap.add(span.label.value, f"tp_{side}")
            else:
                unmatched.append(
                    Example(span.label.value, _context(doc.text, span.start, span.end))
                )

    def tokens(self, doc: Document, pred: list[Span], gold: list[Span]) -> None:
        gold_tokens = _token_labels(doc.text, gold)
        for tg, tp in zip(gold_tokens, _token_labels(doc.text, pred), strict=True):
            if tg:
                self.token.add(tg, "gold")
            if tp:
                self.token.add(tp, "pred")
            if tg and tg == tp:
                self.token.add(tg, "tp_gold")
                self.token.add(tg, "tp_pred")

    def finish(self) -> Report:
        report = self.report
        report.exact, report.overlap = self.exact.scores(), self.overlap.scores()
        report.token, report.any_class = self.token.scores(), self.any.scores()[ANY]
        return report


def evaluate(documents: list[Document], min_confidence: float = 0.5) -> Report:
    """Run the detectors over every document and score them against the gold spans."""
    classes = {s.label for d in documents for s in d.gold}
    evaluator = _Evaluator()
    for doc in documents:
        pred = [
            Span(f.start, f.end, AS_LOCATION.get(f.label, f.label))
            for f in detect_all(doc.text)
            if f.confidence >= min_confidence
        ]
        evaluator.document(doc, [p for p in pred if p.label in classes])
    return evaluator.finish()
