"""The impact walk (cycles, clusters, depth) and the x-ray dependency tree."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sms_tui.impact import CmdbGraph, Direction, TreeNode, dependency_tree, walk_impact
from sms_tui.models import (
    CiClass,
    ConfigurationItem,
    Criticality,
    Relationship,
    RelationshipKind,
    Service,
)

DEP = RelationshipKind.DEPENDS_ON
RUNS = RelationshipKind.RUNS_ON
LINK = RelationshipKind.CONNECTED_TO


def service(name: str, *cis: str, criticality: Criticality = Criticality.MEDIUM) -> Service:
    return Service(name=name, calendar="24x7", cis=list(cis), criticality=criticality)


def chain() -> CmdbGraph:
    # payroll-web -> payroll-api -> db -> vm -> host, read as "needs".
    return CmdbGraph(
        [
            ("payroll-web", DEP, "payroll-api"),
            ("payroll-api", DEP, "db"),
            ("db", RUNS, "vm"),
            ("vm", RUNS, "host"),
        ]
    )


def test_failure_hits_everything_above_with_depth_and_path() -> None:
    impact = walk_impact(chain(), ["vm"])
    assert [(h.ci, h.depth) for h in impact.hits()] == [
        ("vm", 0),
        ("db", 1),
        ("payroll-api", 2),
        ("payroll-web", 3),
    ]
    assert impact.path("payroll-web") == ("vm", "db", "payroll-api", "payroll-web")
    assert impact.hits()[-1].reason == "vm -> db -> payroll-api -> payroll-web"
    assert "host" not in impact and impact.depth("host") is None


def test_depth_limit_stops_the_walk_and_says_so() -> None:
    impact = walk_impact(chain(), ["host"], max_depth=2)
    assert impact.names() == {"host", "vm", "db"}
    assert impact.truncated
    assert not walk_impact(chain(), ["host"], max_depth=4).truncated
    assert walk_impact(chain(), ["host"], max_depth=0).names() == {"host"}


def test_cycles_are_walked_once() -> None:
    graph = CmdbGraph([("a", DEP, "b"), ("b", DEP, "c"), ("c", DEP, "a"), ("top", DEP, "c")])
    impact = walk_impact(graph, ["a"])
    assert {(h.ci, h.depth) for h in impact.hits()} == {("a", 0), ("c", 1), ("b", 2), ("top", 2)}
    assert impact.path("b") == ("a", "c", "b")


def test_services_hit_with_criticality_through_their_nearest_ci() -> None:
    services = [
        service("Payroll", "payroll-web", "db"),
        service("Mail", "mx"),
        service("HR", "payroll-web", criticality=Criticality.CRITICAL),
    ]
    impact = walk_impact(chain(), ["vm"], services)
    hits = [(h.service.name, h.service.criticality, h.ci, h.depth) for h in impact.services]
    assert hits == [
        ("HR", Criticality.CRITICAL, "payroll-web", 3),
        ("Payroll", Criticality.MEDIUM, "db", 1),
    ]


def test_unknown_failed_ci_is_hit_alone_and_graph_is_untouched() -> None:
    graph = chain()
    impact = walk_impact(graph, ["ghost"], [service("Ghostly", "ghost")])
    assert [h.ci for h in impact.hits()] == ["ghost"]
    assert [h.service.name for h in impact.services] == ["Ghostly"]
    assert "ghost" not in graph


def clustered() -> CmdbGraph:
    cis = [
        ConfigurationItem(
            name="cl-01", ci_class=CiClass.CLUSTER, attributes={"min_members_up": "2"}
        ),
        *(ConfigurationItem(name=f"esx-0{i}", ci_class=CiClass.SERVER) for i in (1, 2, 3)),
    ]
    relationships = [
        *(Relationship(source="cl-01", kind=DEP, target=f"esx-0{i}") for i in (1, 2, 3)),
        Relationship(source="vm-01", kind=RUNS, target="cl-01"),
        Relationship(source="app", kind=DEP, target="vm-01"),
        # Not a member: the app also needs esx-01 directly, so it goes down with it.
        Relationship(source="pinned", kind=RUNS, target="esx-01"),
    ]
    return CmdbGraph.from_records(relationships, cis)


def test_cluster_stays_up_while_enough_members_are_up() -> None:
    services = [service("Shop", "app")]
    one = walk_impact(clustered(), ["esx-01"], services)
    assert one.names() == {"esx-01", "pinned"}
    assert one.services == ()
    two = walk_impact(clustered(), ["esx-01", "esx-02"], services)
    assert two.names() == {"esx-01", "esx-02", "pinned", "cl-01", "vm-01", "app"}
    assert two.path("app")[-3:] == ("cl-01", "vm-01", "app")
    assert [h.service.name for h in two.services] == ["Shop"]


def test_cluster_failing_itself_is_down() -> None:
    assert walk_impact(clustered(), ["cl-01"]).names() == {"cl-01", "vm-01", "app"}


def test_bad_quorum_attribute_makes_an_ordinary_ci() -> None:
    for text in ("two", "0", "-1", ""):
        ci = ConfigurationItem(
            name="cl", ci_class=CiClass.CLUSTER, attributes={"min_members_up": text}
        )
        rels = [Relationship(source="cl", kind=DEP, target=m) for m in ("m1", "m2")]
        graph = CmdbGraph.from_records(rels, [ci])
        assert graph.min_members_up("cl") is None
        assert "cl" in walk_impact(graph, ["m1"])


def test_connected_to_is_ignored_unless_asked_for_both_ways() -> None:
    edges = [("srv", LINK, "sw"), ("app", RUNS, "srv")]
    assert walk_impact(CmdbGraph(edges), ["sw"]).names() == {"sw"}
    both = CmdbGraph(edges, connected_both_ways=True)
    assert walk_impact(both, ["sw"]).names() == {"sw", "srv", "app"}
    assert walk_impact(both, ["srv"]).names() == {"srv", "sw", "app"}


def test_tree_up_reaches_services_and_marks_cycles() -> None:
    graph = CmdbGraph([("a", DEP, "b"), ("b", DEP, "c"), ("c", DEP, "a")])
    tree = dependency_tree(graph, "c", Direction.UP, [service("Svc", "a")], max_depth=5)
    assert [(level, n.name, n.service, n.cycle) for level, n in tree.walk()] == [
        (0, "c", False, False),
        (1, "b", False, False),
        (2, "a", False, False),
        (3, "Svc", True, False),
        (3, "c", False, True),
    ]
    assert tree.children[0].relation is DEP


def test_tree_down_is_depth_bounded_and_marks_the_cut() -> None:
    tree = dependency_tree(chain(), "payroll-web", Direction.DOWN, max_depth=2)
    assert [n.name for _, n in tree.walk()] == ["payroll-web", "payroll-api", "db"]
    leaf = tree.children[0].children[0]
    assert leaf.truncated and leaf.children == ()
    full = dependency_tree(chain(), "payroll-web", Direction.DOWN, max_depth=9)
    assert not any(n.truncated for _, n in full.walk())


def test_tree_shows_cluster_quorum_and_respects_node_budget() -> None:
    tree = dependency_tree(clustered(), "cl-01", Direction.DOWN)
    assert tree.min_members_up == 2 and len(tree.children) == 3
    small = dependency_tree(clustered(), "cl-01", Direction.DOWN, max_nodes=2)
    assert len(list(small.walk())) == 2 and small.truncated


graphs = st.lists(
    st.tuples(st.integers(0, 14), st.sampled_from([DEP, RUNS, LINK]), st.integers(0, 14)).filter(
        lambda e: e[0] != e[2]
    ),
    max_size=60,
)


@settings(max_examples=150, deadline=None)
@given(
    graphs, st.sets(st.integers(0, 14), min_size=1, max_size=3), st.integers(0, 6), st.booleans()
)
def test_walk_terminates_and_every_path_is_a_real_simple_chain(
    edges: list[tuple[int, RelationshipKind, int]], failed: set[int], depth: int, both: bool
) -> None:
    named = [(f"n{s}", k, f"n{t}") for s, k, t in edges]
    graph = CmdbGraph(named, clusters={"n0": 2}, connected_both_ways=both)
    impact = walk_impact(graph, [f"n{i}" for i in sorted(failed)], max_depth=depth)
    hits = impact.hits()
    assert len({h.ci for h in hits}) == len(hits)
    for hit in hits:
        assert hit.depth <= depth and len(hit.path) == hit.depth + 1
        assert len(set(hit.path)) == len(hit.path)  # never revisits
        assert hit.path[0] in {f"n{i}" for i in failed}
        for lower, upper in zip(hit.path, hit.path[1:], strict=False):
            assert lower in {name for name, _ in graph.dependencies(upper)}


@settings(max_examples=100, deadline=None)
@given(graphs, st.integers(0, 14), st.sampled_from(list(Direction)), st.integers(0, 5))
def test_tree_never_expands_a_node_twice_on_one_path(
    edges: list[tuple[int, RelationshipKind, int]], root: int, direction: Direction, depth: int
) -> None:
    graph = CmdbGraph([(f"n{s}", k, f"n{t}") for s, k, t in edges])
    tree = dependency_tree(graph, f"n{root}", direction, max_depth=depth, max_nodes=500)

    def check(node: TreeNode, path: tuple[str, ...], level: int) -> None:
        assert level <= depth
        if node.cycle:
            assert node.name in path and not node.children
            return
        assert node.name not in path
        for child in node.children:
            check(child, (*path, node.name), level + 1)

    check(tree, (), 0)


def test_hits_can_be_paged_nearest_first() -> None:
    impact = walk_impact(chain(), ["host"])
    assert impact.hits(limit=2) == impact.hits()[:2]
    assert [h.ci for h in impact.hits(limit=2)] == ["host", "vm"]
