"""A key the service could never match is refused when the settings are made, at start."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from govgraph.api import Settings


@pytest.mark.parametrize(
    ("key", "why"),
    [
        ("   ", "only whitespace"),
        ("\t\u00a0", "only whitespace"),
        (" secret", "starts or ends with whitespace"),
        ("secret\n", "starts or ends with whitespace"),
        ("clé-secrète", "printable ASCII"),
        ("sec\x07ret", "printable ASCII"),
    ],
)
def test_a_key_no_header_can_carry_is_refused(key: str, why: str) -> None:
    with pytest.raises(ValidationError, match=why):
        Settings(api_key=key)


@pytest.mark.parametrize("key", ["correct horse battery staple", "k", "A-b_9.~!"])
def test_a_sendable_key_is_kept(key: str) -> None:
    settings = Settings(api_key=key)
    assert settings.api_key is not None and settings.api_key.get_secret_value() == key


def test_a_bad_key_in_the_environment_stops_serve(monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from govgraph.cli import main

    monkeypatch.setenv("GOVGRAPH_API_KEY", "   ")
    result = CliRunner().invoke(main, ["serve"])
    assert result.exit_code == 2
    assert "only whitespace" in result.output
