"""Record-keeping commands: add, log, status, list, show, edit, delete, import, export."""
