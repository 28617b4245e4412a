"""Which warnings an example may raise: deprecations only from torch's internals, as listed."""

import warnings

from sitetools.examples.warned import UNAVOIDABLE, unavoidable, warnings_as_output


def test_a_listed_internal_deprecation_passes_and_any_other_is_collected(capsys):
    listed = UNAVOIDABLE[0]
    with warnings_as_output() as caught:
        warnings.warn("`isinstance(treespec, LeafSpec)` is deprecated, use ...", listed.category, 1)
        warnings.warn("old_function is deprecated", DeprecationWarning, 1)
    assert caught.deprecations == [f"{__file__}:12: DeprecationWarning: old_function is deprecated"]
    assert capsys.readouterr().out == "", "a deprecation is not output"


def test_every_listed_warning_says_why_it_cannot_be_avoided():
    for known in UNAVOIDABLE:
        assert known.reason.strip(), known
        assert not unavoidable("some other message", known.category)


def test_a_warning_shows_once_per_place_as_a_reader_sees_it(capsys):
    with warnings_as_output():
        for _ in range(3):
            warnings.warn("slow path", UserWarning, 1)
    assert capsys.readouterr().out == "UserWarning: slow path\n"


def test_an_object_freed_unclosed_during_a_statement_is_not_its_output(capsys):
    """The garbage collector may free another test's unclosed event loop in any statement."""
    with warnings_as_output():
        warnings.warn("unclosed event loop", ResourceWarning, 1)
        warnings.warn("slow path", UserWarning, 1)
    assert capsys.readouterr().out == "UserWarning: slow path\n"
