"""Fit the stance model (issue 22, round eight) and write src/followup/core/lint/stance.json.

A logistic regression (scikit-learn, the `train` extra: pip install -e '.[train]') over the
features of `followup.core.lint.stance.features` (lowercased words, word pairs, two
punctuation marks), present or absent, class_weight balanced, C chosen by 5-fold
cross-validation (log loss). The threshold is chosen on the training data only, from
out-of-fold scores (5 folds): the lowest score with at most 0.3% of the innocent training
sentences above it. The training data is tests/core/lint/stance_data.py's (tuning material
only).

Run: .venv/bin/python scripts/train_stance.py            (fit, report CV figures, write)
     .venv/bin/python scripts/train_stance.py --check    (fit and report; write nothing)
     .venv/bin/python scripts/train_stance.py --heldout  (figures on the held-out sentence
         sets, counts only, never a sentence: measured once, round eight)
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "core" / "lint"))
from stance_data import data_hash, training_data  # noqa: E402

from followup.core.lint.stance import Stance, features, score  # noqa: E402

OUT = ROOT / "src" / "followup" / "core" / "lint" / "stance.json"
CS = (0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0)
FOLDS = 5
SEED = 0
ALARM_SHARE = 0.003  # at most 0.3% of innocent training sentences above the threshold
CHECKS = (0.1, 0.3, 0.5, 0.7, 0.9, 0.99)  # scores of the training sentences the test replays


def _threshold(innocent: list[float]) -> float:
    """The lowest score with at most ALARM_SHARE of `innocent` strictly above it."""
    allowed = int(ALARM_SHARE * len(innocent))
    return sorted(innocent, reverse=True)[allowed]


def fit(write: bool) -> int:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GridSearchCV, StratifiedKFold, cross_val_predict

    data = training_data()
    texts = [s for s, _, _ in data]
    y = [label for _, label, _ in data]
    vec = DictVectorizer()
    x = vec.fit_transform([dict.fromkeys(features(t), 1) for t in texts])
    folds = StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=SEED)
    base = LogisticRegression(class_weight="balanced", max_iter=5000)
    grid = GridSearchCV(base, {"C": list(CS)}, cv=folds, scoring="neg_log_loss")
    grid.fit(x, y)
    c = float(grid.best_params_["C"])
    clf = LogisticRegression(class_weight="balanced", max_iter=5000, C=c)
    oof = cross_val_predict(clf, x, y, cv=folds, method="predict_proba")[:, 1]
    innocent = [float(p) for p, label in zip(oof, y, strict=True) if label == 0]
    hostile = [float(p) for p, label in zip(oof, y, strict=True) if label == 1]
    threshold = _threshold(innocent)
    caught = sum(p > threshold for p in hostile)
    alarms = sum(p > threshold for p in innocent)
    print(f"training: {len(y)} sentences, {sum(y)} hostile, {len(y) - sum(y)} innocent; "
          f"{x.shape[1]} features")
    print("5-fold CV log loss by C: " + ", ".join(
        f"{cc}: {-m:.3f}" for cc, m in zip(CS, grid.cv_results_["mean_test_score"],
                                           strict=True)) + f"; chosen C={c}")
    print(f"threshold {threshold:.4f} (out-of-fold): hostile {caught} of {len(hostile)} "
          f"({caught / len(hostile):.1%}) above it; innocent {alarms} of {len(innocent)}")
    for name, prefix in (("impoliteness", "impolite.rude"),
                         ("impatience", "impatience.")):
        ps = [float(p) for p, (_, label, src) in zip(oof, data, strict=True)
              if label == 1 and src.startswith(prefix)]
        print(f"  out-of-fold, {name}: {sum(p > threshold for p in ps)} of {len(ps)}")
    good = [float(p) for p, (_, label, src) in zip(oof, data, strict=True)
            if label == 0 and src.startswith("good:")]
    print(f"  out-of-fold, good-note sentences above: {sum(p > threshold for p in good)} "
          f"of {len(good)}")

    clf.fit(x, y)
    names = vec.get_feature_names_out()
    weights = {str(f): round(float(w), 4) for f, w in zip(names, clf.coef_[0], strict=True)
               if round(float(w), 4) != 0.0}
    intercept = round(float(clf.intercept_[0]), 4)
    stance = Stance(weights=weights, intercept=intercept, threshold=round(threshold, 4),
                    sentences=len(y), data_sha256=data_hash())
    # a few training sentences whose scores spread over (0, 1), and their scores
    full = clf.predict_proba(x)[:, 1]
    picks = [min(range(len(y)), key=lambda i, t=t: abs(float(full[i]) - t)) for t in CHECKS]
    checks = []
    for i in picks:
        ours = score(texts[i], stance)
        assert abs(ours - float(full[i])) < 1e-3, (texts[i], ours, full[i])
        checks.append({"sentence": texts[i], "score": round(ours, 6)})
    print(f"{len(weights)} non-zero weights; pure-Python scores equal scikit-learn's to 1e-3")
    if write:
        OUT.write_text(json.dumps({
            "about": "stance model, issue 22 round eight: scripts/train_stance.py",
            "sentences": len(y), "hostile": sum(y), "C": c,
            "threshold": stance.threshold, "intercept": intercept,
            "data_sha256": stance.data_sha256,
            "oof_recall": round(caught / len(hostile), 4),
            "checks": checks,
            "weights": dict(sorted(weights.items())),
        }, indent=0, ensure_ascii=False) + "\n", "utf-8")
        print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


def heldout() -> int:
    """Counts on the held-out sentence sets: the linter alone, the model alone, either.
    Never prints a sentence."""
    import tomllib

    from sentences import load, tone_rules  # tone.negative's set, as its test lints it
    from test_lint_impatience_set import rules as impatience_rules

    from followup.core.lint.stance import model

    m = model()
    rude = [(ln.text, "tone.negative" in tone_rules(ln.text))
            for ln in load("heldout") if ln.rude]
    innocent = [(ln.text, bool(tone_rules(ln.text))) for ln in load("heldout") if not ln.rude]
    pat = tomllib.loads((ROOT / "tests/core/lint/data/impatience_sentences.toml")
                        .read_text("utf-8"))
    impatient = [(t, "tone.impatient" in impatience_rules(t))
                 for t in pat["heldout_impatient"]]
    polite = [(t, bool(impatience_rules(t) & {"tone.impatient", "tone.negative"}))
              for t in pat["heldout_polite"]]

    def row(name: str, lines: list[tuple[str, bool]]) -> tuple[int, int, int]:
        lint_ = sum(hit for _, hit in lines)
        mod = sum(score(t) > m.threshold for t, _ in lines)
        either = sum(hit or score(t) > m.threshold for t, hit in lines)
        print(f"{name:44} {len(lines):4} linter {lint_:4}  model {mod:4}  either {either:4}")
        return lint_, mod, either

    print(f"threshold {m.threshold}")
    a = row("impoliteness held-out rude (a, b, mock)", rude)
    b = row("impatience held-out probe, impatient half", impatient)
    c = row("impoliteness held-out innocent (a, b, mock)", innocent)
    d = row("impatience held-out probe, polite half", polite)
    gain = (a[2] + b[2]) - (a[0] + b[0])
    extra = c[2] - c[0]
    print(f"rude lines: either catches {gain} more than the linter alone; "
          f"innocent impoliteness lines: {extra} more flagged "
          f"(polite impatience lines: {d[2] - d[0]} more)")
    wire = gain >= 12 and extra <= 1
    print("decision rule (>= 12 more rude, <= 1 more innocent):",
          "wire it" if wire else "do not wire it")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="fit and report; write nothing")
    ap.add_argument("--heldout", action="store_true",
                    help="the held-out sentence figures (counts only), with the shipped weights")
    args = ap.parse_args()
    if args.heldout:
        return heldout()
    return fit(write=not args.check)


if __name__ == "__main__":
    raise SystemExit(main())
