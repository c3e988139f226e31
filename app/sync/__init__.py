"""Sync with the hosted server: protocol types, change outbox, client (no Qt).

Only the outbox exists yet: every change is queued in the same transaction as
the change itself, so that the sync client, when it comes, loses nothing.
"""
