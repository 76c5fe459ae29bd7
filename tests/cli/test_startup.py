"""The command starts without importing what it does not need: the command list comes
from ``COMMANDS`` without importing any command, and a query never imports the web
service, Excel or Neo4j machinery. (The times are measured by bench/cli_startup.py.)"""

from __future__ import annotations

import json
import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from govgraph.cli import COMMANDS, main

HEAVY = ("fastapi", "uvicorn", "starlette", "openpyxl", "numpy", "neo4j", "pyvis", "jinja2")


def modules_after(code: str) -> set[str]:
    """The top-level modules a fresh interpreter has imported after running ``code``."""
    script = f"import sys, json\n{code}\nprint(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}})))"
    out = subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, text=True).stdout
    return set(json.loads(out.splitlines()[-1]))


def test_the_command_list_imports_no_command() -> None:
    loaded = modules_after(
        "from click.testing import CliRunner\nfrom govgraph.cli import main\n"
        "assert CliRunner().invoke(main, ['--help']).exit_code == 0"
    )
    assert not loaded & {*HEAVY, "networkx", "pydantic", "rich", "yaml"}


@pytest.mark.parametrize(
    ("args", "heavy"),
    [
        (["stats"], HEAVY),
        (["representation", "crg:CFS", "--as-of", "2014-06-01"], HEAVY),
        # A gap report judges every body at once over numpy arrays (govgraph/queries/_columns.py).
        (["gaps", "--as-of", "2014-06-01", "--format", "csv"], tuple(m for m in HEAVY if m != "numpy")),
    ],
)
def test_a_query_imports_no_service_excel_or_neo4j(args: list[str], heavy: tuple[str, ...]) -> None:
    loaded = modules_after(
        "from click.testing import CliRunner\nfrom govgraph.cli import main\n"
        f"result = CliRunner().invoke(main, {args!r})\nassert result.exit_code == 0, result.output"
    )
    assert "networkx" in loaded  # it did answer from the graph
    assert not loaded & set(heavy)


@pytest.mark.parametrize("name", list(COMMANDS))
def test_the_command_list_says_what_each_command_says(name: str) -> None:
    command = main.get_command(click.Context(main), name)
    assert command is not None and command.name == name
    assert COMMANDS[name][1] == command.get_short_help_str(limit=1000)


def test_help_lists_every_command() -> None:
    out = CliRunner().invoke(main, ["--help"]).stdout
    assert all(f"  {name} " in out for name in COMMANDS)
    assert CliRunner().invoke(main, ["no-such-command"]).exit_code == 2
