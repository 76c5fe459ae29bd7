"""The base of every query result that reads as a table: ``to_pandas()``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from govgraph.graph.model import Record

if TYPE_CHECKING:
    import pandas

__all__ = ["Result"]


class Result(Record):
    """A query's answer: a record that also reads as a table (``govgraph.tables``)."""

    def to_pandas(self) -> pandas.DataFrame:
        """This result as a ``pandas.DataFrame``: the columns of its CSV, values as Python
        holds them (``govgraph.tables``). pandas is optional: ``pip install 'govgraph[pandas]'``.

        >>> import govgraph
        >>> frame = govgraph.load().gaps(as_of="2014-06-01", rule="crg-chair").to_pandas()
        >>> frame["subject_id"].tolist()  # example roster gap (b): no chair on Vascular Disease
        ['crg:VAS']
        """
        # Imported here: tables sits above queries (it reads every result's model), and a
        # result is only turned into a table when asked.
        from govgraph.tables import to_pandas

        return to_pandas(self)
