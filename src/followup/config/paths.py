"""Where followup keeps its files: `$FOLLOWUP_HOME` when set (tests set it), read here only.

Without it, the platform's user directories (platformdirs, imported only then): data for the
database, config for `config.toml`, cache for the holiday calendars.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

HOME_VARIABLE = "FOLLOWUP_HOME"


def home_dir(kind: Literal["data", "config", "cache"] = "data") -> Path:
    home = os.environ.get(HOME_VARIABLE)
    if home:
        return Path(home) / "cache" if kind == "cache" else Path(home)
    import platformdirs  # lazy: only when no FOLLOWUP_HOME

    if kind == "config":
        return Path(platformdirs.user_config_dir("followup"))
    if kind == "cache":
        return Path(platformdirs.user_cache_dir("followup", appauthor=False))
    return Path(platformdirs.user_data_dir("followup", appauthor=False))
