"""The conftest hook marks `browser` every test reaching the browser fixture, directly or not."""

from __future__ import annotations

from pathlib import Path

pytest_plugins = ["pytester"]

CONFTEST = Path(__file__).with_name("conftest.py")


def test_tests_reaching_the_browser_are_marked_and_deselected(pytester):
    pytester.makeconftest(CONFTEST.read_text(encoding="utf-8"))
    pytester.makeini('[pytest]\nmarkers =\n    browser: real Chromium\n')
    pytester.makepyfile(
        """
        import pytest

        @pytest.fixture
        def tab(browser_choice):
            raise AssertionError("a deselected test must not open the browser")

        def test_logic():
            assert True

        def test_direct(browser_choice):
            raise AssertionError("not deselected")

        def test_indirect(tab):
            raise AssertionError("not deselected")
        """
    )
    result = pytester.runpytest("-m", "not browser")
    result.assert_outcomes(passed=1, deselected=2)
    marked = pytester.runpytest("-m", "browser", "--collect-only", "-q")
    assert "test_direct" in marked.stdout.str() and "test_indirect" in marked.stdout.str()
    assert "test_logic" not in marked.stdout.str()
