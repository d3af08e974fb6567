"""The mailbox: replies and sent notes read from IMAP, read-only, into touches.

- `imap`: the IMAP adapter (imapclient): EXAMINE, BODY.PEEK, IDLE, XOAUTH2. Nothing else
  here talks to a server, and it never changes a flag or moves a message.
- `reading`: one message's headers and text (RFC 2047, HTML-only, quoted text stripped),
  and what kind of mail it is (auto-reply, bounce, newsletter, out-of-office, offer ...).
- `matching`: which opportunity and person a message belongs to, most certain first.

No part here reads the clock or the database: `service.inbox` drives a sync.
"""
