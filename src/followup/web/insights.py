"""The Insights page: `followup stats` for people who would rather look than read.

Thin like the other routes: one service call (`service.insights`), the charts' geometry
(`web.charts`), one template.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from followup import service
from followup.web.deps import SettingsDep, StoreDep, render

router = APIRouter()


@router.get("/insights", name="insights")
def insights(request: Request, store: StoreDep, settings: SettingsDep) -> Response:
    from followup.core.stats import OUTCOME_WORDS, PUBLISHED, number
    from followup.web.charts import charts

    day = settings.current_day()
    found = service.insights(store, day)
    return render(request, "pages/insights.html", nav="insights", stats=found,
                  charts=charts(found), median=number(found.median_reply_days),
                  published=PUBLISHED, outcomes=OUTCOME_WORDS)
