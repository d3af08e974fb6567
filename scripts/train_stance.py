"""Fit the stance model (issue 22, rounds eight, nine and eleven) and write
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

Round fourteen's rule (blind batches P and Q, nc* and nd*, moved to the tuning part in
325faad: their good notes' sentences are innocent training data now, their bad notes'
faulty sentences labelled in stance_tuning_faults.toml, and stance_sentences_r14.toml's
`train` part: the two shapes of round thirteen b's strict xfail, a compliment with "lost
none of" and sympathy for a large task "must find it hard to ... hundreds", in other words,
with hostile twins). Fixed and committed before fitting and before any held-out figure of
new weights: round thirteen's second rule, unchanged, with the base 325faad. The new
weights replace the shipped ones only if
(a) summed over the held-out parts of rounds nine to thirteen and r13c (`--heldout --old
    <the shipped stance.json copied aside>`), "linter or model" catches more hostile lines
    and flags no more innocent lines than the shipped weights; the shipped weights,
    measured first on 325faad's linter (`--heldout`, counts only): 318 of 554 hostile, 20
    of 620 innocent (round9 17/0, round10 20/0, r11 53/8, r12 76/2, r13 96/5, r13c 56/5;
    the linter alone 222 and 18, the model alone 204 and 2);
(b) `scripts/lint_accuracy.py --tuning`, with the model wired, flags no more good tuning
    notes than the shipped weights on the same data: 8 of 436 with the shipped weights,
    measured before fitting (nc06 and nd09 by tone.negative: both by the valence reading
    "bitterness", not by this model, whose highest score on their sentences is 0.80 and
    0.31 against its threshold 0.9823; so a refit is not their remedy);
(c) every lint and compose test passes (tests/core/lint, tests/core/compose,
    tests/test_architecture.py) but test_the_accuracy_doc_is_current, which fails already
    (lint_accuracy.py is never run without --tuning);
(d) no more lint speed lost: `bench/bench_lint.py --runs 3 --cpu`, alternating with the
    base 325faad (PYTHONPATH=/tmp/sbase14/src), at least three runs each; the new weights'
    median of medians at most 2% below the base's.
Procedure unchanged: C by 5-fold log loss over CS, weights under PRUNE 0.2 dropped, the
threshold at 0.3% of the innocent training sentences out of fold; stance_sentences_r13c's
`train` part stays unwired (the data as it stands). The procedural fall-backs unchanged,
decided on training data, tests and speed only, before the held-out measurement: if (d)
fails, PRUNE 0.25, then 0.3, the first that meets (d) kept; if (c) fails only because a
sentence of a good tuning note, of common_lines.toml or of the composer's wordings scores
above the threshold, the threshold is raised to the highest such score (rounded up at the
fourth decimal).
Fall-back order, fixed now: if the rule fails for these weights (any of (a) to (d), after
the procedural fall-backs), then a refit on the data as it stands WITHOUT this round's new
labelled lines (P's and Q's faults out of stance_tuning_faults.toml and
stance_sentences_r14.toml unwired; P's and Q's good notes are read for training whatever
is done, so the shipped weights cannot stay reproducible), fitted by the same procedure
with the same procedural fall-backs and measured under the same rule (a second `--heldout
--old` measurement, of those weights only), is shipped if it passes; the labelled lines then
stay in their files, unwired. If that fails too, stance.json stays as shipped (its data
hash then differs, and the stale-weights test skips) and is said so. Nothing is adjusted
after any held-out figure is seen.

Round fourteen's fit (P's and Q's faults, 99 sentences of their 30 bad notes, and
stance_sentences_r14.toml's 20 hostile and 20 innocent lines wired): 9,131 sentences (3,779
hostile), C=3.0, PRUNE 0.2: threshold 0.9841, 11,056 weights of 44,660 features,
out-of-fold recall 30.0% (1,135 of 3,779; 16 of 5,352 innocent above); r14's own lines out
of fold: 10 of 20 hostile, 1 of 20 innocent above. The xfail's two lines fall below the
threshold. Checked before any held-out measurement:
(b) `lint_accuracy.py --tuning`: 8 of 436 good tuning notes flagged, as with the shipped
    weights (tone.negative's findings on bad notes of other faults 30 to 29): met;
(c) NOT met. tests/core/lint, tests/core/compose, tests/test_architecture.py: 2,654
    passed, 1 xfailed, 6 failed: test_the_accuracy_doc_is_current (fails already), the
    xfail's two lines (fixed, as hoped), and three more: test_lint_round13.py
    test_the_tuning_part_reads_as_tuned (a hostile tune line, "None of my network will be
    applying to you after this.", no longer caught: the model caught it before);
    test_lint_round13b.py test_a_review_promised_threatens_exactly_when_it_is_not_a_kind_one
    (Hypothesis: "I will write a five-star review of my experience on Glassdoor." now read
    as hostile); test_lint_round13b.py test_the_tuning_part_reads_as_tuned (the innocent
    tune line it records as still flagged, "You have lost none of the warmth I remember
    from the open day.", is no longer flagged: an improvement, but that list is not this
    round's to edit). The procedural fall-back does not apply (none of these is a sentence
    of a good tuning note, of common_lines.toml or of the composer's wordings), so the rule
    fails for these weights without a held-out measurement; (d) was not measured.
So the fall-back fixed above: refitted with P's and Q's faults and stance_sentences_r14.toml
unwired (then wired back, below).

Round fourteen's fall-back fit (the data as it stands without this round's new labelled
lines: round thirteen's data plus P's and Q's good notes): 8,993 sentences (3,661 hostile),
C=3.0, PRUNE 0.2: threshold 0.9892, 10,755 weights of 43,735 features, out-of-fold recall
24.5% (897 of 3,661; 15 of 5,332 innocent above). The xfail's two lines still read as
hostile (they still xfail; "Recruiters must find it hard to reply to hundreds of
messages." scores 0.9950), so the xfail stays. Checked before any held-out measurement:
(b) `lint_accuracy.py --tuning`: 8 of 436 good tuning notes flagged, as shipped: met (but
    three bad notes of P and Q, nc29, nc31 and nd30, no longer draw tone.negative: 490 of
    496 bad notes caught against 493; not part of the rule);
(c) NOT met. tests/core/lint, tests/core/compose, tests/test_architecture.py: 2,656
    passed, 3 xfailed, 2 failed: test_the_accuracy_doc_is_current (fails already) and
    test_lint_round13b.py test_the_tuning_part_reads_as_tuned: a hostile tune line, "It
    was nice to see someone there finally knew what they were doing.", no longer caught
    (the shipped model catches it). The procedural fall-back does not apply (a hostile
    line lost, not an innocent one flagged), so the rule fails without a held-out
    measurement; (d) was not measured.
Outcome, as fixed before fitting: stance.json stays as shipped (284cf45's weights, round
thirteen's refit). No held-out measurement was made this round with new weights (only the
shipped weights' figures above, measured first). The new labelled lines stay wired in
stance_data (stance_tuning_faults.toml's P and Q entries, stance_sentences_r14.toml), as
the data the next refit starts from; the shipped weights' data hash no longer matches (it
could not since P's and Q's good notes are read), so the stale-weights tests skip.

Round thirteen's second set (r13c, stance_sentences_r13c.toml, a second and independent
author): its "before", the shipped weights of 284cf45 (round thirteen's refit), `--heldout`,
measured once, counts only, with r13c's held-out part written and committed first (17fdca8);
"linter" is the linter with the stance model unwired, "either" the linter or the model:
    set         lines     linter  model  either
    round9      42 hostile    10      9      17;   48 innocent  0  0  0
    round10     36 hostile    17      8      20;   44 innocent  0  0  0
    r11         85 hostile    44     31      53;   87 innocent  8  0  8
    r12        121 hostile    44     52      76;  121 innocent  1  1  2
    r13        130 hostile    73     67      95;  156 innocent  5  0  5
    r13c       140 hostile    33     37      56;  164 innocent  4  1  5
    summed     554 hostile   221    204     317;  620 innocent 18  2 20
(rounds nine to thirteen alone: 261 of 414 hostile, 15 of 456 innocent, as recorded after
round thirteen's merge; the linter's own columns moved since round thirteen's table with the
readings merged in 4e41e7f.)

Round thirteen's second rule (r13c), fixed before fitting (and before any held-out figure
of new weights): round thirteen's rule below, summed over rounds nine to thirteen plus r13c.
The new weights replace the shipped ones only if
(a) summed over the held-out parts of rounds nine to thirteen and r13c, "linter or model"
    catches more hostile lines and flags no more innocent lines than with the shipped
    weights (`--heldout --old <the shipped stance.json copied aside>`; the shipped weights:
    317 of 554 hostile, 20 of 620 innocent, above);
(b) `scripts/lint_accuracy.py --tuning`, with the model wired, flags no more good tuning
    notes than the shipped weights do on the same data (3 of 386 with the shipped weights,
    measured before fitting);
(c) every lint and compose test passes (tests/core/lint, tests/core/compose,
    tests/test_architecture.py), common_lines.toml's and the composer's wordings included,
    but test_the_accuracy_doc_is_current, which fails already before any refit (the
    integrator regenerates docs/lint-accuracy.md; this round never runs lint_accuracy.py
    without --tuning);
(d) the model costs no more lint speed than now: `bench/bench_lint.py --runs 3 --cpu`,
    alternating with the base 284cf45 (the shipped weights), at least three runs each; the
    new weights' median of medians at most 2% below the base's (round thirteen's 2 points).
Procedure unchanged: C by 5-fold log loss over CS, weights under PRUNE 0.2 dropped, the
threshold at 0.3% of the innocent training sentences out of fold. The data adds
stance_sentences_r13c.toml's `train` part. The same two fall-backs as round thirteen's,
decided on training data, tests and speed only, before the held-out measurement: if (d)
fails, PRUNE is raised to 0.25, then 0.3, the first that meets (d) kept; if (c) fails only
because a sentence of a good tuning note, of common_lines.toml or of the composer's wordings
scores above the threshold, the threshold is raised to the highest such score (rounded up at
the fourth decimal). If either still fails, or (a) or (b) fails, stance.json stays as shipped
and the `train` part is unwired from `stance_data.training_data` (the data file stays), so
the shipped weights stay reproducible. Nothing is adjusted after the held-out figures are
seen.

Round thirteen's second fit (r13c's `train` part wired: 457 hostile lines and 457 innocent
twins in seventeen groups): 9,662 sentences (4,118 hostile), C=3.0, PRUNE 0.2 (the procedure
as fixed): threshold 0.9858, 11,814 weights of 44,844 features, out-of-fold recall 27.4%
(1,128 of 4,118; 16 of 5,544 innocent above); r13c's own training lines out of fold: 90 of
457 hostile, 2 of 457 innocent above (the hardest set so far: r13's 146 of 404, r12b's 147
of 566). Checked before the held-out measurement, with these weights:
(b) `lint_accuracy.py --tuning`: 3 of 386 good tuning notes flagged, as with the shipped
    weights (tone.negative's findings on bad notes of other faults 25 to 27);
(c) tests/core/lint, tests/core/compose, tests/test_architecture.py: 2,496 passed, 1 xfailed,
    1 failed: test_the_accuracy_doc_is_current, which fails with the shipped weights too
    (checked with them put back, --tb=no);
(d) `bench/bench_lint.py --runs 3 --cpu`, three alternations with the base 284cf45
    (PYTHONPATH=/tmp/sbase13c/src): base 2,698 / 2,626 / 2,769 notes/s (median 2,698),
    these weights 2,743 / 2,562 / 2,783 (median 2,743): met, no fall-back needed.

Round thirteen's second measurement (r13c), once (`--heldout --old` the shipped stance.json
copied aside), counts only; the rule applied, nothing adjusted after:
    set         lines     linter  new model  new either  old model  old either
    round9      42 hostile    10        8         16          9         17
    round10     36 hostile    17       10         22          8         20
    r11         85 hostile    44       29         52         31         53
    r12        121 hostile    44       50         76         52         76
    r13        130 hostile    73       66         97         67         95
    r13c       140 hostile    33       39         56         37         56
    summed     554 hostile   221      202        319        204        317
    summed     620 innocent   18        4         22          2         20
(innocent by set, new and old either: round9 0 and 0, round10 0 and 0, r11 8 and 8, r12 2
and 2, r13 5 and 5, r13c 7 and 5: the new weights alone flag three of r13c's innocent lines,
two of them not flagged by the linter.) (a) NOT met: 319 hostile against 317, but 22 innocent
against 20. So the new weights were not taken: stance.json stays as shipped (284cf45's), and
stance_sentences_r13c.toml's `train` part is unwired from `stance_data.training_data` and
`files` (the data file stays, its held-out part stays in `heldout_rounds`), so this script
still reproduces the shipped weights.

Round thirteen's "before" (the shipped weights of round twelve, before any refit; `--heldout`,
measured once, counts only, with stance_sentences_r13.toml's held-out part written and
committed first; "linter" is the linter with the stance model unwired, "either" the linter
or the model):
    set         lines     linter  model  either
    round9      42 hostile    10      6      14;   48 innocent  0  0  0
    round10     36 hostile    17      8      20;   44 innocent  0  0  0
    r11         85 hostile    43     23      51;   87 innocent  8  0  8
    r12        121 hostile    44     47      75;  121 innocent  2  1  3
    r13        130 hostile    71     56      90;  156 innocent  5  0  5
    summed     414 hostile   185    140     250;  456 innocent 15  1 16

Round thirteen's rule, fixed before fitting (and before any held-out figure of new weights):
the new weights replace the shipped ones only if
(a) summed over the held-out parts of rounds nine to thirteen, "linter or model" catches more
    hostile lines and flags no more innocent lines than with the shipped weights
    (`--heldout --old <the shipped stance.json copied aside>`; the shipped weights: 250 of
    414 hostile, 16 of 456 innocent, above);
(b) `scripts/lint_accuracy.py --tuning`, with the model wired, flags no more good tuning
    notes than the shipped weights do on the same data (batch O now in the tuning part:
    4 of 386 with the shipped weights, measured before fitting, none of them by a tone rule);
(c) every lint and compose test passes (tests/core/lint, tests/core/compose,
    tests/test_architecture.py), common_lines.toml's and the composer's wordings included;
(d) the model costs no more lint speed than now: `bench/bench_lint.py --runs 3 --cpu`,
    alternating with the base ba19de2 (the shipped weights) and with the model unwired, at
    least three runs each; the new weights' cost at most 2 points above the shipped
    model's.
Procedure (the same as round twelve's): C by 5-fold log loss over CS, weights under PRUNE
0.15 dropped, the threshold at 0.3% of the innocent training sentences out of fold. The data
adds stance_sentences_r13.toml's and stance_sentences_r12b.toml's `train` parts and batch
O's faults. Two fall-backs, fixed now and decided on training data, tests and speed only,
before the held-out measurement: if (d) fails, PRUNE is raised to 0.2, then 0.25, then 0.3,
the first that meets (d) kept; if (c) fails only because a sentence of a good tuning note,
of common_lines.toml or of the composer's wordings scores above the threshold, the
threshold is raised to the highest such score (rounded up at the fourth decimal). If either
still fails, stance.json stays as shipped. Nothing is adjusted after the held-out figures
are seen.

Round thirteen's fit (the training parts of stance_sentences_r13.toml and r12b.toml wired,
batch O's faults): 8,748 sentences (3,661 hostile), C=3.0. With PRUNE 0.15 (the procedure
as fixed): threshold 0.9848, 14,178 weights, out-of-fold recall 29.6% (1,083 of 3,661; 15
of 5,087 innocent above); (d) failed: bench/bench_lint.py --runs 3 --cpu, four
alternations, medians of medians: base ba19de2 2,722 notes/s, these weights 2,644, unwired
3,052 (the shipped model 10.8% of lint speed, these 13.4%: 2.6 points more, and more in
each alternation). So the fall-back: PRUNE 0.2: threshold 0.9823, 10,838 weights,
out-of-fold recall 30.7% (1,123 of 3,661; 15 of 5,087 innocent above); (d) met: four
alternations, base 2,686, these weights 2,702, unwired 3,103 (shipped 13.4%, these 12.9%).
The same procedure on the data before round thirteen's lines (ba19de2's: 6,658 sentences,
batch O's good notes already in): C=1.0, threshold 0.9584, out-of-fold recall 25.9% (687 of
2,650); the shipped fit recorded 25.8% (stance.json `oof_recall`).
Checked before the held-out measurement, with the PRUNE 0.2 weights: (b) 4 of 386 good
tuning notes flagged, the same four as with the shipped weights (none by a tone rule);
(c) every lint, compose and architecture test passes but test_the_accuracy_doc_is_current:
`lint_accuracy.py --tuning` shows a tuning-part figure of tone.negative changing (findings
on bad notes of other faults, 24 to 25), which alone makes docs/lint-accuracy.md stale; that
document holds held-out figures and is regenerated by the integrator, never by this round,
so (c) is read as round twelve read it: every test this round may make pass (decided here,
before the held-out measurement; said in the report).

Round thirteen's measurement, once (`--heldout --old` the shipped stance.json copied aside),
counts only; the rule applied, nothing adjusted after:
    set         lines     linter  new model  new either  old model  old either
    round9      42 hostile    10        9         17          6         14
    round10     36 hostile    17        8         20          8         20
    r11         85 hostile    43       31         52         23         51
    r12        121 hostile    44       52         76         47         75
    r13        130 hostile    71       67         93         56         90
    summed     414 hostile   185      167        258        140        250
    summed     456 innocent   15        1         16          1         16
(innocent by set, new and old alike: round9 0, round10 0, r11 8, r12 3, r13 5; the model
alone flags one, in r12, both weights). (a) met: 258 hostile against 250, 16 innocent
against 16; with (b), (c) and (d) above, the new weights replace the shipped ones.

Round twelve's "before" (the shipped weights of round eleven, before any refit;
`--heldout`, measured once, counts only; "linter" is the linter with the stance model
unwired, "either" the linter or the model):
    set         lines     linter  model  either
    round9      42 hostile    10      7      15;   48 innocent  0  0  0
    round10     36 hostile    17      7      21;   44 innocent  1  0  1
    r11         85 hostile    43     18      49;   87 innocent  8  0  8
    r12        121 hostile    44     35      63;  121 innocent  2  1  3
    summed     284 hostile   114     67     148;  300 innocent 11  1 12

Round twelve's rule, fixed before fitting (and before any held-out figure of new weights):
the new weights replace the shipped ones only if
(a) summed over the held-out parts of rounds nine, ten, eleven and twelve, "linter or model"
    catches more hostile lines and flags no more innocent lines than with the shipped
    weights (`--heldout --old <the shipped stance.json copied aside>`);
(b) `scripts/lint_accuracy.py --tuning`, with the model wired, flags no more good tuning
    notes than the shipped weights do on the same data (6 of 361 with the shipped weights,
    measured before fitting; none of the six by the model);
(c) every lint test passes (tests/core/lint, tests/core/compose, tests/test_architecture.py),
    the innocent sentences of the readings' and cues' tests included;
(d) the model costs no more lint speed than now: `bench/bench_lint.py --runs 3 --cpu`,
    alternating with the base f600130 at least three runs each, the cost at most 2 points
    above the shipped model's (~12.5%).
Otherwise stance.json stays as shipped and the data and the script changes stay. Nothing is
adjusted after the held-out figures are seen.

Round twelve's fit (the training part of stance_sentences_r12.toml, batch N's faults and
good notes): 6,050 sentences (2,588 hostile), C=1.0, threshold 0.9621, 7,627 weights kept;
out-of-fold recall at the threshold 24.2% (627 of 2,588; 10 of 3,462 innocent above it),
against 20.4% for the same procedure on the data before round twelve's lines (5,012
sentences, batch N already in the tuning part) and 22.5% recorded for the shipped fit.
Checked before the held-out measurement: (b) 6 of 361 good tuning notes flagged, the same
six as with the shipped weights; (d) bench/bench_lint.py --runs 3 --cpu, six alternations,
medians of medians: base f600130 2,606 notes/s, these weights 2,553, the model unwired 2,994
(the shipped model 13.0% of lint speed, these weights 14.7%: 1.7 points more); (c) every
lint test passes but test_the_accuracy_doc_is_current, whose only difference is a held-out
figure of docs/lint-accuracy.md (the held-out notes, not read here): that document is
regenerated by the integrator, never by this round, so (c) is read as "every test this
round may make pass" (decided before the held-out sentence measurement, and said in the
report).

Round twelve's measurement, once (`--heldout --old` the shipped stance.json copied aside),
counts only; the rule applied, nothing adjusted after:
    set         lines     linter  new model  new either  old model  old either
    round9      42 hostile    10        6         14          7         15
    round10     36 hostile    17        9         21          7         21
    r11         85 hostile    43       21         50         18         49
    r12        121 hostile    44       44         72         35         63
    summed     284 hostile   114       80        157         67        148
    summed     300 innocent   11        1         12          1         12
(innocent by set, new and old alike: round9 0, round10 1, r11 8, r12 3). (a) met: 157
hostile against 148, 12 innocent against 12; with (b), (c) and (d) above, the new weights
replace the shipped ones.

Round eleven's rule, fixed before measuring: the new weights replace the old if, summed over
round nine's and round ten's held-out parts and stance_sentences_r11.toml's held-out part,
"linter or model" catches more hostile lines and flags no more innocent ones (and, checked
apart, `scripts/lint_accuracy.py --tuning` flags no more good tuning notes wired).
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
