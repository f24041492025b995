"""The open-data API (issue 21, item 6): read-only JSON of what the public pages already show.

An outer layer like interact_portal/urls.py: it imports the domain apps (their public querysets, search and filter
forms) and no domain app imports it. Every answer carries the CC BY 4.0 notice (licence.py), is throttled
(throttling.py), pages by keyset (pagination.py) and never holds an email address (fields.py scrubs free text).
"""
