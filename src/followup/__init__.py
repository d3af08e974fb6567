"""followup: plan, draft and lint the follow-up after a job interview."""

__version__ = "0.1.0"
