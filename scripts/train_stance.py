"""Fit the stance model (issue 22, rounds eight to fourteen) and write
src/followup/core/lint/stance.json.

A logistic regression (scikit-learn, the `train` extra: pip install -e '.[train]') over the
features of `followup.core.lint.stance.features` (marked words under a negation, word pairs,
a negation's comparative, valence, whom it is about, punctuation), present or absent,
class_weight balanced, C chosen by 5-fold cross-validation (log loss). Weights under PRUNE
are dropped (in every fold too, so the out-of-fold scores are the pruned model's). The
threshold is chosen on the training data only, from out-of-fold scores (5 folds): the
lowest score with at most 0.3% of the innocent training sentences above it. The training
data is tests/core/lint/stance_data.py's (tuning material only).

Run: .venv/bin/python scripts/train_stance.py            (fit, report CV figures, write)
     .venv/bin/python scripts/train_stance.py --check    (fit and report; write nothing)
     .venv/bin/python scripts/train_stance.py --heldout [--old PATH]  (rounds eleven's
         to thirteen's figures on the held-out sentence sets, r13c's included, counts only,
         never a sentence:
         measured once per round; with --old, a stance.json to compare, e.g. 214f0bb's, and the
         decision rule fixed before the measurement)
     .venv/bin/python scripts/train_stance.py --heldout --older  (rounds nine's and ten's
         own measurement: the older sets, the shipped weights)

Each round's decision rule, fixed and committed before its fit, and what the round measured
(newest first): docs/stance-model.md.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "core" / "lint"))
from stance_data import (  # noqa: E402
    data_hash,
    heldout_rounds,
    heldout_sentences,
    training_data,
)

from followup.core.lint.stance import Stance, features, score  # noqa: E402

OUT = ROOT / "src" / "followup" / "core" / "lint" / "stance.json"
CS = (0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
FOLDS = 5
SEED = 0
ALARM_SHARE = 0.003  # at most 0.3% of innocent training sentences above the threshold
PRUNE = 0.2  # weights smaller than this (in absolute value) are not shipped (0.15 to round 12)
CHECKS = (0.1, 0.3, 0.5, 0.7, 0.9, 0.99)  # scores of the training sentences the test replays


def _threshold(innocent: list[float]) -> float:
    """The lowest score with at most ALARM_SHARE of `innocent` strictly above it."""
    allowed = int(ALARM_SHARE * len(innocent))
    return sorted(innocent, reverse=True)[allowed]


def _pruned(clf: object, names: list[str]) -> tuple[dict[str, float], float]:
    coef = clf.coef_[0]  # type: ignore[attr-defined]
    weights = {str(f): round(float(w), 4) for f, w in zip(names, coef, strict=True)
               if abs(float(w)) >= PRUNE}
    return weights, round(float(clf.intercept_[0]), 4)  # type: ignore[attr-defined]


def _p(feats: list[str], weights: dict[str, float], intercept: float) -> float:
    z = intercept + sum(weights.get(f, 0.0) for f in feats)
    return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))


def fit(write: bool) -> int:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GridSearchCV, StratifiedKFold

    data = training_data()
    texts = [s for s, _, _ in data]
    y = [label for _, label, _ in data]
    feats = [features(t) for t in texts]
    vec = DictVectorizer()
    x = vec.fit_transform([dict.fromkeys(f, 1) for f in feats])
    names = [str(n) for n in vec.get_feature_names_out()]
    folds = StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=SEED)
    base = LogisticRegression(class_weight="balanced", max_iter=5000)
    grid = GridSearchCV(base, {"C": list(CS)}, cv=folds, scoring="neg_log_loss")
    grid.fit(x, y)
    c = float(grid.best_params_["C"])
    oof = [0.0] * len(y)
    for tr, te in folds.split(x, y):
        clf = LogisticRegression(class_weight="balanced", max_iter=5000, C=c)
        clf.fit(x[tr], [y[i] for i in tr])
        w, b = _pruned(clf, names)
        for i in te:
            oof[i] = _p(feats[i], w, b)
    innocent = [p for p, label in zip(oof, y, strict=True) if label == 0]
    hostile = [p for p, label in zip(oof, y, strict=True) if label == 1]
    threshold = _threshold(innocent)
    caught = sum(p > threshold for p in hostile)
    alarms = sum(p > threshold for p in innocent)
    print(f"training: {len(y)} sentences, {sum(y)} hostile, {len(y) - sum(y)} innocent; "
          f"{x.shape[1]} features")
    print("5-fold CV log loss by C: " + ", ".join(
        f"{cc}: {-m:.3f}" for cc, m in zip(CS, grid.cv_results_["mean_test_score"],
                                           strict=True)) + f"; chosen C={c}")
    print(f"threshold {threshold:.4f} (out-of-fold, pruned at {PRUNE}): hostile {caught} of "
          f"{len(hostile)} ({caught / len(hostile):.1%}) above it; innocent {alarms} of "
          f"{len(innocent)}")
    groups: dict[tuple[str, int], list[float]] = {}
    for p, (_, label, src) in zip(oof, data, strict=True):
        key = src.split(":")[0] if ":" in src else ".".join(src.split(".")[:2])
        groups.setdefault((key, label), []).append(p)
    for (key, label), ps in sorted(groups.items()):
        print(f"  out-of-fold, {key:28} {'hostile ' if label else 'innocent'} "
              f"{sum(p > threshold for p in ps):4} of {len(ps)} above")

    clf = LogisticRegression(class_weight="balanced", max_iter=5000, C=c)
    clf.fit(x, y)
    weights, intercept = _pruned(clf, names)
    stance = Stance(weights=weights, intercept=intercept, threshold=round(threshold, 4),
                    sentences=len(y), data_sha256=data_hash())
    full = [_p(f, weights, intercept) for f in feats]
    picks = [min(range(len(y)), key=lambda i, t=t: abs(full[i] - t)) for t in CHECKS]
    checks = []
    for i in picks:
        ours = score(texts[i], stance)
        assert abs(ours - full[i]) < 1e-9, (texts[i], ours, full[i])
        checks.append({"sentence": texts[i], "score": round(ours, 6)})
    print(f"{len(weights)} weights of {len(names)} kept (|w| >= {PRUNE})")
    if write:
        OUT.write_text(json.dumps({
            "about": "stance model, issue 22 round thirteen: scripts/train_stance.py",
            "sentences": len(y), "hostile": sum(y), "C": c, "prune": PRUNE,
            "threshold": stance.threshold, "intercept": intercept,
            "data_sha256": stance.data_sha256,
            "oof_recall": round(caught / len(hostile), 4),
            "checks": checks,
            "weights": dict(sorted(weights.items())),
        }, indent=0, ensure_ascii=False) + "\n", "utf-8")
        print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


def _load(path: Path) -> Stance:
    raw = json.loads(path.read_text("utf-8"))
    return Stance(raw["weights"], float(raw["intercept"]), float(raw["threshold"]),
                  int(raw["sentences"]), str(raw["data_sha256"]))


def heldout_rounds_table(old: Path | None) -> int:
    """Rounds eleven's to thirteen's measurement: on the held-out sentences of rounds nine
    to thirteen, hostile caught and innocent flagged by the linter (the stance
    model unwired), by each model alone and by "linter or model"; summed, the decision rule.
    Counts only, never a sentence."""
    from sentences import tone_rules  # the linter's tone findings on a line in a note

    from followup.core.lint import stance as wired
    from followup.core.lint.stance import model

    models = {"new": model()} | ({"old": _load(old)} if old else {})
    sets = heldout_rounds()
    # "linter" is the linter without the stance model (round twelve: the model is wired
    # since round eleven, so the linter with it would count the shipped weights in every
    # column); "either" is that linter or the model, which is what the model wired adds.
    wired_check = wired.check
    wired.check = lambda out, *_: None  # type: ignore[assignment]
    total: dict[tuple[str, str, int], int] = {}
    print(f"{'set':10} {'lines':>14} {'linter':>7}" + "".join(
        f"  {name + ' model':>10} {name + ' either':>11}" for name in models))
    for name, lines in sets.items():
        for label, what in ((1, "hostile"), (0, "innocent")):
            rows = [t for t, lab, _ in lines if lab == label]
            hits = [bool(tone_rules(t) & {"tone.negative", "tone.impatient"}) if label
                    else bool(tone_rules(t)) for t in rows]
            cells = [sum(hits)]
            for m in models.values():
                mod = [score(t, m) > m.threshold for t in rows]
                cells += [sum(mod), sum(h or x for h, x in zip(hits, mod, strict=True))]
            for key, value in zip(["n", "linter", *(f"{k}.{c}" for k in models
                                                    for c in ("model", "either"))],
                                  [len(rows), *cells], strict=True):
                total[(key, what, label)] = total.get((key, what, label), 0) + value
            print(f"{name:10} {len(rows):5} {what:8} {cells[0]:7}" + "".join(
                f"  {cells[1 + 2 * i]:10} {cells[2 + 2 * i]:11}" for i in range(len(models))))
    wired.check = wired_check  # type: ignore[assignment]
    for label, what in ((1, "hostile"), (0, "innocent")):
        print(f"{'summed':10} {total[('n', what, label)]:5} {what:8} "
              f"{total[('linter', what, label)]:7}" + "".join(
                  f"  {total[(k + '.model', what, label)]:10} "
                  f"{total[(k + '.either', what, label)]:11}" for k in models))
    if old:
        more = total[("new.either", "hostile", 1)] > total[("old.either", "hostile", 1)]
        same = total[("new.either", "innocent", 0)] <= total[("old.either", "innocent", 0)]
        print(f"decision rule (linter or model, summed): more hostile caught "
              f"{'yes' if more else 'no'}, no more innocent flagged {'yes' if same else 'no'}"
              f" -> {'met' if more and same else 'NOT met'} (and lint_accuracy.py --tuning, "
              f"checked apart)")
    return 0


def heldout() -> int:
    """Counts on the older held-out sentence sets (rounds nine and ten's measurement): the
    linter alone, the model alone, either. Never prints a sentence."""
    import tomllib

    from sentences import load, note, tone_rules  # tone.negative's set, as its test lints it
    from test_lint_impatience_set import rules as impatience_rules

    from followup.core.lint.stance import model

    m = model()
    filler = score(note("").split("\n\n")[1].strip())
    print(f"threshold {m.threshold}; the wrapping note's own sentence scores {filler:.3f}")

    def row(name: str, lines: list[tuple[str, bool]]) -> tuple[int, int, int, int]:
        lint_ = sum(hit for _, hit in lines)
        mod = sum(score(t) > m.threshold for t, _ in lines)
        either = sum(hit or score(t) > m.threshold for t, hit in lines)
        print(f"{name:48} {len(lines):4}  linter {lint_:4}  model {mod:4}  either {either:4}")
        return len(lines), lint_, mod, either

    print("(a) the older sentence sets' held-out parts")
    rude = [(ln.text, "tone.negative" in tone_rules(ln.text))
            for ln in load("heldout") if ln.rude]
    innocent = [(ln.text, bool(tone_rules(ln.text))) for ln in load("heldout") if not ln.rude]
    pat = tomllib.loads((ROOT / "tests/core/lint/data/impatience_sentences.toml")
                        .read_text("utf-8"))
    impatient = [(t, "tone.impatient" in impatience_rules(t))
                 for t in pat["heldout_impatient"]]
    polite = [(t, bool(impatience_rules(t) & {"tone.impatient", "tone.negative"}))
              for t in pat["heldout_polite"]]
    ra = row("impoliteness held-out rude (a, b, mock)", rude)
    rb = row("impatience held-out probe, impatient half", impatient)
    ia = row("impoliteness held-out innocent (a, b, mock)", innocent)
    ib = row("impatience held-out probe, polite half", polite)
    gain_a = (ra[3] + rb[3]) - (ra[1] + rb[1])
    extra_a = (ia[3] + ib[3]) - (ia[1] + ib[1])
    print(f"  rude {ra[0] + rb[0]}: linter {ra[1] + rb[1]}, model {ra[2] + rb[2]}, either "
          f"{ra[3] + rb[3]} (+{gain_a}); innocent {ia[0] + ib[0]}: linter {ia[1] + ib[1]}, "
          f"model {ia[2] + ib[2]}, either {ia[3] + ib[3]} (+{extra_a})")

    print("(b) round nine's held-out part (stance_sentences.toml `heldout`)")
    hs = heldout_sentences()
    hostile = [(t, bool(tone_rules(t) & {"tone.negative", "tone.impatient"}))
               for t, label, _ in hs if label]
    kind = [(t, bool(tone_rules(t))) for t, label, _ in hs if not label]
    hb = row("hostile", hostile)
    kb = row("innocent", kind)
    gain_b = hb[3] - hb[1]
    extra_b = kb[3] - kb[1]
    share = gain_b / hb[1] if hb[1] else math.inf
    print(f"  hostile: either +{gain_b} over the linter ({share:.0%} more); innocent +{extra_b}")
    ok_a = gain_a >= 15 and extra_a <= 1
    ok_b = share >= 0.25 and extra_b <= 2
    print(f"decision rule (a) >= 15 more rude, <= 1 more innocent: {'met' if ok_a else 'NOT met'}")
    print(f"decision rule (b) >= 25% more hostile, <= 2 more innocent: "
          f"{'met' if ok_b else 'NOT met'}")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="fit and report; write nothing")
    ap.add_argument("--heldout", action="store_true",
                    help="the held-out sentence figures (counts only), with the shipped weights")
    ap.add_argument("--old", type=Path, default=None,
                    help="with --heldout: a stance.json to compare with the shipped one")
    ap.add_argument("--older", action="store_true",
                    help="with --heldout: rounds nine's and ten's measurement instead")
    args = ap.parse_args()
    if args.heldout:
        return heldout() if args.older else heldout_rounds_table(args.old)
    return fit(write=not args.check)


if __name__ == "__main__":
    raise SystemExit(main())
