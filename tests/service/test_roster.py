"""`centre add-users`' roster reader, fuzzed: whatever a CSV file holds, the reader returns
checked people or refuses in one line naming the file and its line, never a traceback."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from followup.core.errors import FollowupError
from followup.service.centre import parse_roster

CELLS = st.one_of(st.sampled_from(["ada@uni.example", "Ben@Uni.example", "Ada L", "coach",
                                   "student", "admin", "", " ", '"', "a,b", "x" * 200]),
                  st.text(max_size=30))
ROWS = st.lists(st.lists(CELLS, min_size=0, max_size=4).map(",".join), max_size=8)


@given(header=st.sampled_from(["email,name", "email,name,role", "name,email", "email",
                               "EMAIL, Name ,role", ""]), rows=ROWS)
@example(header="email,name", rows=["ada@uni.example,Ada\x00"])  # csv refuses a NUL
@example(header="email,name", rows=["ada@uni.example," + "x" * 200_000])  # over csv's limit
def test_a_roster_is_people_or_one_line_naming_its_line(header: str, rows: list[str]) -> None:
    try:
        people = parse_roster("\n".join([header, *rows]), "autumn.csv")
    except FollowupError as e:  # UsageError, EmailAddressError: the CLI says it, exit 2
        message = str(e)
        assert message.startswith("autumn.csv") and "\n" not in message, message
        return
    assert people
    for address, (name, role) in people.items():
        assert address == address.lower() and "@" in address
        assert role in ("student", "coach") and name == name.strip() and name


def test_the_line_named_is_the_file_s_line() -> None:
    with pytest.raises(FollowupError, match=r"^autumn.csv line 4 \(email\)"):
        parse_roster("email,name\nada@uni.example,Ada\n\nnot-an-address,Ben\n", "autumn.csv")
