"""`followup lint` and `followup draft`: parse options, call the pure core, render.

The core does the work (`followup.core.lint`, `followup.core.compose`);
this module only reads files,
builds the context and prints. `draft_text(case, ...)` is the one place a draft is made,
so `followup draft ID` (a case from the database) can call it with a case from elsewhere.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from followup.cli import app
from followup.cli import common as c
from followup.cli import files as capped
from followup.core.errors import FollowupError, NotFoundError, UsageError

if TYPE_CHECKING:
    from followup.core.lint import LintContext, Report
    from followup.core.model import Case
    from followup.service import Store


def _read(path: str, cap: int = capped.MESSAGE_BYTES, noun: str = "a message") -> str:
    """A message (or `-`), a listing or a case file, read with its cap (cli.files)."""
    return capped.read_text(path, cap, noun)


def load_case(path: str) -> Case:
    from followup.core import caseio

    return caseio.loads(_read(path, capped.CASE_FILE_BYTES, "a case file"), path)


def _check_kind(kind: str) -> None:
    from followup.core.lint import KINDS

    if kind not in KINDS:
        raise UsageError(f"unknown kind {kind!r} (kinds: {', '.join(KINDS)})")


def _check_rules(rules: list[str]) -> frozenset[str]:
    from followup.core.lint import RULES

    for r in rules:
        if r not in RULES:
            raise UsageError(f"unknown rule {r!r} (see `followup lint --explain RULE`)")
    return frozenset(rules)


def explain(rule_id: str) -> str:
    """A rule's row of the rulebook, with its phrase families' examples."""
    from followup.core.lint import KINDS, RULES
    from followup.core.lint.phrases import FAMILIES
    from followup.core.lint.rules import severity_label

    _check_rules([rule_id])
    r = RULES[rule_id]
    kinds = ", ".join(k for k in KINDS if k in r.kinds)
    lines = [f"{r.id} ({severity_label(r)}, source: {r.source})", r.rule, f"kinds: {kinds}",
             f"suggestion: {r.suggestion}"]
    for fam in FAMILIES.values():
        if fam.rule == rule_id:
            lines.append(f"family {fam.name}:")
            lines += [f"  flags: {ex}" for ex in fam.match]
            lines += [f"  passes: {ex}" for ex in fam.no_match]
    return "\n".join(lines)


def build_context(kind: str, case_path: str | None, to: str | None, company: str | None,
                  people: list[str], listing_path: str | None,
                  disabled: frozenset[str], recorded: Case | None = None) -> LintContext:
    """The linter's context from a recorded opportunity, a case file or the options."""
    from dataclasses import replace

    from followup.core.lint import LintContext, context_from_case

    if recorded is not None:
        from followup import service

        ctx = service.note_context(recorded, kind=kind, to=to, disabled=disabled)
    elif case_path is not None:
        ctx = context_from_case(load_case(case_path), kind, to, disabled)
    elif to is not None:
        raise UsageError("--to needs an opportunity ID or --case (the person is looked up "
                         "there)")
    else:
        ctx = LintContext(kind=kind, disabled=disabled)
    if company:
        ctx = replace(ctx, company=company)
    if people:
        ctx = replace(ctx, people=(*ctx.people, *people))
    if listing_path is not None:
        ctx = replace(ctx, listing=_read(listing_path, capped.LISTING_BYTES, "a listing"))
    return ctx


def render_json(paths: list[str], reports: list[Report]) -> str:
    files = [{"path": p, "words": r.words, "findings": [f.as_dict() for f in r.findings]}
             for p, r in zip(paths, reports, strict=True)]
    return json.dumps({"files": files}, indent=2, ensure_ascii=False)


def render_text(paths: list[str], reports: list[Report]) -> str:
    return "\n".join(f"{p}:{f.line}:{f.column}: {f.severity} {f.rule} {f.message}"
                     for p, r in zip(paths, reports, strict=True) for f in r.findings)


def _recorded_store(ctx: typer.Context) -> Store | None:
    """The database, if there is one already: lint reads it, never creates it."""
    from followup import service
    from followup.cli import common

    root = ctx.find_root()
    db = root.obj.get("db") if isinstance(root.obj, dict) else None
    return common.store(ctx) if service.store_exists(db) else None


def _is_note(arg: str) -> bool:
    return arg == "-" or Path(arg).exists()


def split_opportunity(ctx: typer.Context, args: list[str]) -> tuple[Case | None, list[str]]:
    """`followup lint [ID] FILE...`: a first argument naming no existing file (nor `-`) is
    an opportunity id or prefix, looked up in the database; the rest are the notes."""
    if not args or _is_note(args[0]):
        return None, args
    from followup import service

    ref, rest = args[0], args[1:]
    st = _recorded_store(ctx)
    if st is None:
        if not rest:
            return None, args  # one missing file: say it can't be read
        raise UsageError(f"{ref}: no such file, and no database to look up an opportunity")
    try:
        case = service.load_case(st, ref)
    except NotFoundError as e:
        if not rest:
            return None, args
        raise NotFoundError(f"{ref}: no such file, and {e}") from None
    if not rest:
        raise UsageError(f"{ref}: give the note to check after the opportunity "
                         f"(followup lint {ref} FILE)")
    return case, rest


def _signer(ctx: typer.Context) -> str | None:
    """The profile's name, so names.spelling never takes the signer's own name for a
    misspelling (read only from a database that exists)."""
    try:
        st = _recorded_store(ctx)
        return st.get_candidate().name if st is not None else None
    except FollowupError:
        return None  # a database that can't be read: lint without the profile


@app.command("lint")
def lint_command(
    typer_ctx: typer.Context,
    files: Annotated[list[str] | None, typer.Argument(
        metavar="[ID] FILE...", help="Notes to check; `-` reads standard input. A first "
        "argument that names no file is a recorded opportunity (id or prefix): its people, "
        "topics, listing and dates are the context.")] = None,
    kind: Annotated[str, typer.Option(
        "--kind", help="thank_you | check_in | final | letter | voicemail")] = "thank_you",
    case: Annotated[str | None, typer.Option(
        "--case", metavar="CASE.json",
        help="Names, topics, listing, promised date from a case.")] = None,
    to: Annotated[str | None, typer.Option(
        "--to", metavar="PERSON", help="The recipient (a person id in the case file; with an "
        "opportunity ID also a name).")] = None,
    company: Annotated[str | None, typer.Option(
        "--company", help="The company's exact name.")] = None,
    person: Annotated[list[str] | None, typer.Option(
        "--person", metavar="NAME", help="A recorded person's name (repeatable).")] = None,
    listing: Annotated[str | None, typer.Option(
        "--listing", metavar="FILE", help="The job listing, for content.mirror.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="text | json")] = "text",
    disable: Annotated[list[str] | None, typer.Option(
        "--disable", metavar="RULE", help="Skip a rule (repeatable).")] = None,
    explain_rule: Annotated[str | None, typer.Option(
        "--explain", metavar="RULE", help="Say what a rule checks and why, then exit.")] = None,
) -> None:
    """Check follow-up notes against the rulebook (exit 1 when any has an error).

    Examples: followup lint acme note.txt --to dana
              followup lint note.txt --case acme.json --to dana
              pbpaste | followup lint - --kind check_in --company "Acme Analytics"
              followup lint --explain tone.call-me-back
    """
    if explain_rule is not None:
        typer.echo(explain(explain_rule))
        return
    if not files:
        raise UsageError("no FILE given (use `-` for standard input)")
    if fmt not in ("text", "json"):
        raise UsageError(f"unknown format {fmt!r} (text | json)")
    _check_kind(kind)
    disabled = _check_rules(list(disable or []))
    recorded, files = split_opportunity(typer_ctx, list(files))
    if recorded is not None and case is not None:
        raise UsageError("give an opportunity ID or --case FILE, not both")
    ctx = build_context(kind, case, to, company, list(person or []), listing, disabled,
                        recorded)
    if not ctx.candidate:  # the signer's own name, wherever the case gives none
        signer = _signer(typer_ctx)
        if signer:
            from dataclasses import replace

            ctx = replace(ctx, candidate=signer)
    texts = [_read(p) for p in files]

    from followup.core.lint import lint_reports

    reports = lint_reports(texts, ctx, labels=files)
    out = render_json(files, reports) if fmt == "json" else render_text(files, reports)
    if out:
        typer.echo(out)
    if any(r.has_error for r in reports):
        raise typer.Exit(1)


def draft_text(case: Case, kind: str, to: str, today: date) -> str:
    """The draft for one person of a case, as the text a user edits."""
    from followup.core.compose import draft

    return draft(case, kind, to, today).text()


@app.command("draft")
def draft_command(
    ctx: typer.Context,
    opportunity: Annotated[str | None, typer.Argument(
        metavar="[ID]", help="An opportunity in the database (id or prefix).")] = None,
    case: Annotated[str | None, typer.Option(
        "--case", metavar="CASE.json", help="A case file instead of the database.")] = None,
    kind: Annotated[str | None, typer.Option(
        "--kind", help="thank_you | check_in | final | letter | voicemail "
        "(default: the planner's next action)")] = None,
    to: Annotated[str | None, typer.Option(
        "--to", metavar="PERSON", help="The recipient (default: the next action's).")] = None,
    today: c.TodayOption = None,
    out: Annotated[str | None, typer.Option(
        "--out", metavar="FILE", help="Write the draft here instead of printing it.")] = None,
    edit: Annotated[bool, typer.Option(
        "--edit", help="Open the draft in $EDITOR, then lint what you saved.")] = False,
    eml: Annotated[Path | None, typer.Option(
        "--eml", metavar="FILE", help="Also write it as an unsent email (.eml) that a mail "
        "program opens as a draft, and print a mailto: link.")] = None,
) -> None:
    """Write a ready-to-edit follow-up (it passes `followup lint`).

    From the database the default is the planner's next action for that opportunity.

    Examples: followup draft acme
              followup draft acme --kind check_in --to dana --edit
              followup draft --case acme.json --kind thank_you --to priya
    """
    from followup.cli import common

    if (opportunity is None) == (case is None):
        raise UsageError("give an opportunity ID or --case FILE (one of them)")
    day = common.today(today)
    if case is not None:
        if kind is None or to is None:
            raise UsageError("--case needs --kind and --to")
        the_case = load_case(case)
        _check_kind(kind)
        person = to
    else:
        from followup import service

        assert opportunity is not None
        the_case, kind, person = service.next_message(common.context(ctx, day), opportunity,
                                                      kind=kind, to=to)
        _check_kind(kind)
    if the_case.person(person) is None:
        from followup.service import find_person

        person = find_person(the_case, person, "--to").id
    text = draft_text(the_case, kind, person, day)
    if edit:
        text = common.edit_text(text, ".txt") or text
    if out is None:
        typer.echo(text, nl=not text.endswith("\n"))
    else:
        try:
            Path(out).write_text(text, encoding="utf-8")
        except OSError as e:
            raise FollowupError(f"--out: cannot write {out}: {e.strerror}") from None
        typer.echo(f"Wrote {out}", err=True)
    if eml is not None:
        from followup.cli.calendar import write_eml

        write_eml(the_case, person, text, eml, kind=kind,
                  store=common.store(ctx) if case is None else None)
    if edit:
        from followup.core.lint import context_from_case, lint_reports

        report = lint_reports([text], context_from_case(the_case, kind, person))[0]
        findings = render_text([out or "draft"], [report])
        typer.echo(findings or "lint: no findings", err=True)
        if report.has_error:
            raise typer.Exit(1)
