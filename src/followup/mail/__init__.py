"""Mail we send: .eml drafts and SMTP."""
