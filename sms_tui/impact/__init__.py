"""Walks over CMDB relationships: impact of failures and the x-ray dependency tree. Pure.

See `sms_tui.impact.graph` for the conventions (what an edge means, connected_to, clusters).
"""

from sms_tui.impact.graph import QUORUM_ATTRIBUTE, CmdbGraph, Edge, quorum_of
from sms_tui.impact.tree import Direction, TreeNode, dependency_tree
from sms_tui.impact.walk import DEFAULT_DEPTH, Hit, Impact, ServiceHit, walk_impact

__all__ = [
    "DEFAULT_DEPTH",
    "QUORUM_ATTRIBUTE",
    "CmdbGraph",
    "Direction",
    "Edge",
    "Hit",
    "Impact",
    "ServiceHit",
    "TreeNode",
    "dependency_tree",
    "quorum_of",
    "walk_impact",
]
