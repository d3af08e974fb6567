"""Email addresses, checked the same way on every path in: options, forms, case files, invites.

Pure (no I/O): `email-validator` checks the syntax only, never the DNS. Addresses whose part
before the @ is not ASCII (`josé.müller@...`) are refused: they need SMTPUTF8, which many
mail servers still lack, so every `.eml` written to such a person would bounce or be
mangled. An internationalized domain is fine: it is stored in its ASCII (IDNA) form, which
every server accepts.
"""

from __future__ import annotations

import re
from functools import lru_cache

from followup.core.errors import FollowupError

MAX_EMAIL = 254  # RFC 5321's limit on a forward path, and email-validator's


class EmailAddressError(FollowupError):
    """Not an address mail can go to; the message names the field and the address."""


# The plain ASCII shape nearly every real address has (RFC 5322 dot-atom @ a DNS name):
# checked here without email-validator, which costs a thousand times more per address
# (an all-hands invite has thousands). Anything else goes through email-validator.
_ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_PLAIN = re.compile(rf"{_ATEXT}(?:\.{_ATEXT})*@(?:[a-z0-9](?:[a-z0-9-]{{0,61}}[a-z0-9])?\.)+"
                    r"[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?", re.ASCII)
_SPECIAL = frozenset({"arpa", "invalid", "local", "localhost", "onion", "test"})  # RFC 6761


def _checked(value: str) -> tuple[str | None, str | None]:
    """(the stored form, None) for a good address, (None, why) for a bad one."""
    if len(value) > MAX_EMAIL:
        return None, f"too long ({len(value)} characters; at most {MAX_EMAIL})"
    local, _, domain = value.rpartition("@")
    folded = domain.lower()
    if (_PLAIN.fullmatch(f"{local}@{folded}") and len(local) <= 64 and len(folded) <= 253
            and folded.rsplit(".", 1)[-1] not in _SPECIAL):
        return f"{local}@{folded}", None
    return _slow(value)


@lru_cache(maxsize=1024)
def _slow(value: str) -> tuple[str | None, str | None]:
    from email_validator import EmailNotValidError, validate_email

    try:
        checked = validate_email(value, check_deliverability=False, allow_smtputf8=False)
    except EmailNotValidError as e:
        text = str(e)
        if "before the @-sign are not supported" in text:
            return None, ("letters outside ASCII before the @ are not supported (most mail "
                          "servers refuse them); use the person's ASCII address")
        return None, text.rstrip(".")
    return str(checked.ascii_email or checked.normalized), None


def email_problem(value: str) -> str | None:
    """Why `value` is not a deliverable-looking address, or None when it is one."""
    return _checked(value)[1]


def normal_email(value: str) -> str:
    """The address as stored: the domain lower-cased and in ASCII, the local part kept."""
    stored, problem = _checked(value)
    if stored is None:
        raise EmailAddressError(f"not a valid email address {value!r}: {problem}")
    return stored


def check_email(value: str, where: str) -> str:
    """`value` stripped and normalised, or an error naming `where` (an option, a field)."""
    text = value.strip()
    problem = email_problem(text)
    if problem is not None:
        shown = text if len(text) <= 80 else text[:77] + "..."
        raise EmailAddressError(f"{where}: not a valid email address {shown!r}: {problem}")
    return normal_email(text)
