"""Email addresses, checked the same way on every path in: options, forms, case files, invites.

Pure (no I/O): `email-validator` checks the syntax only, never the DNS. Addresses whose part
before the @ is not ASCII (`josé.müller@...`) are refused: they need SMTPUTF8, which many
mail servers still lack, so every `.eml` written to such a person would bounce or be
mangled. An internationalized domain is fine: it is stored in its ASCII (IDNA) form, which
every server accepts.
"""

from __future__ import annotations

from followup.errors import FollowupError

MAX_EMAIL = 254  # RFC 5321's limit on a forward path, and email-validator's


class EmailAddressError(FollowupError):
    """Not an address mail can go to; the message names the field and the address."""


def email_problem(value: str) -> str | None:
    """Why `value` is not a deliverable-looking address, or None when it is one."""
    from email_validator import EmailNotValidError, validate_email

    if len(value) > MAX_EMAIL:
        return f"too long ({len(value)} characters; at most {MAX_EMAIL})"
    try:
        validate_email(value, check_deliverability=False, allow_smtputf8=False)
    except EmailNotValidError as e:
        text = str(e)
        if "before the @-sign are not supported" in text:
            return ("letters outside ASCII before the @ are not supported (most mail servers "
                    "refuse them); use the person's ASCII address")
        return text.rstrip(".")
    return None


def normal_email(value: str) -> str:
    """The address as stored: the domain lower-cased and in ASCII, the local part kept."""
    from email_validator import validate_email

    checked = validate_email(value, check_deliverability=False, allow_smtputf8=False)
    return str(checked.ascii_email or checked.normalized)


def check_email(value: str, where: str) -> str:
    """`value` stripped and normalised, or an error naming `where` (an option, a field)."""
    text = value.strip()
    problem = email_problem(text)
    if problem is not None:
        shown = text if len(text) <= 80 else text[:77] + "..."
        raise EmailAddressError(f"{where}: not a valid email address {shown!r}: {problem}")
    return normal_email(text)
