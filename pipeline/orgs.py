"""Organizations of a document: the API the extraction uses.

Finding names is `org_mentions` (an open grammar of org-type words and
proper parts, brands acting as organizations); grouping them into one
organization per document with its aliases is `org_linking`; the owner of a
figure is `attribution`. Rules and word lists: `patterns/organizations.yaml`.
"""
from __future__ import annotations

from .attribution import is_object, line_end, no_org_context, owner
from .org_linking import Org, about_one, link
from .org_mentions import Mention, find_mentions, scan_name

__all__ = ["Mention", "Org", "find_mentions", "link", "about_one", "owner", "no_org_context", "is_object",
           "scan_name", "line_end"]
