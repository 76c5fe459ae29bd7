from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from govgraph.errors import InvalidDate
from govgraph.graph.model import Body, Edge, EdgeType, NodeKind, Post, Role, node_from_attrs, record_to_attrs
from govgraph.graph.timeline import parse_date


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"id": "crg:CFS", "kind": NodeKind.REGION}, "must start with 'region'"),
        ({"id": "london", "kind": NodeKind.REGION}, "not an id of the form"),
        ({"id": "region:london", "kind": NodeKind.REGION, "valid_from": date(2015, 1, 1), "valid_to": date(2014, 1, 1)},
         "must be after valid_from"),
        ({"id": "region:london", "kind": NodeKind.REGION, "colour": "red"}, "Extra inputs are not permitted"),
    ],
)  # fmt: skip
def test_invalid_nodes_are_refused(kwargs: dict, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Body(name="x", source="test", **kwargs)


def test_only_holdings_can_be_acting() -> None:
    with pytest.raises(ValidationError, match="only a HOLDS edge can be acting"):
        Edge(type=EdgeType.POST_IN, from_id="post:a/b", to_id="board:a", source="x", acting=True)


def test_stored_attributes_are_plain_json_and_rebuild_the_record() -> None:
    post = Post(id="post:crg:CFS/chair", name="Chair", role=Role.CHAIR, valid_from=date(2013, 4, 1), source="s")
    attrs = record_to_attrs(post)
    assert attrs == {"id": "post:crg:CFS/chair", "kind": "Post", "name": "Chair", "role": "chair",
                     "valid_from": "2013-04-01", "source": "s"}  # fmt: skip
    assert node_from_attrs(attrs) == post


@pytest.mark.parametrize(
    "value", ["2013-02-30", "13/04/2013", "20130401", "0000-01-01", "99999-01-01", "", "yesterday"]
)
def test_bad_dates_are_refused(value: str) -> None:
    with pytest.raises(InvalidDate):
        parse_date(value)
