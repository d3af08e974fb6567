"""The pure core: records, rules, planner, linter and drafts. No I/O; imports no adapter."""
