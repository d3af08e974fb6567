"""Calendar adapter: invites read from .ics files, the zones they define."""
