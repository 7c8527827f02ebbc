"""A cell's printed output does not depend on where the kernel cut it into chunks."""

from __future__ import annotations

import exact_streams  # noqa: E402
from myst_nb.core import render, utils  # noqa: E402
from nbformat.v4 import new_output


def chunks(*texts, name="stdout"):
    return [new_output("stream", name=name, text=text) for text in texts]


def test_myst_nbs_own_merge_turns_a_cut_inside_a_line_into_a_line_break():
    # Why the extension exists: the same printed line, cut in two, gives another text.
    assert utils.coalesce_streams(chunks("flags: [True]\n"))[0]["text"] == "flags: [True]\n"
    assert utils.coalesce_streams(chunks("flags:", " [True]\n"))[0]["text"] == "flags:\n [True]\n"


def test_chunks_are_joined_exactly_whatever_the_cuts():
    whole = "training flags: [True, True, True]\nloss 0.5\n"
    for cut in range(1, len(whole)):
        joined = exact_streams.join_stream_chunks(chunks(whole[:cut], whole[cut:]))
        assert [output["text"] for output in joined] == [whole]


def test_streams_of_other_names_and_other_outputs_keep_their_place():
    outputs = [*chunks("a"), new_output("execute_result", data={"text/plain": "1"}, execution_count=1),
               *chunks("warn", name="stderr"), *chunks("b\n")]
    joined = exact_streams.join_stream_chunks(outputs)
    assert [(o["output_type"], o.get("name"), o.get("text")) for o in joined] == [
        ("stream", "stdout", "ab\n"), ("execute_result", None, None), ("stream", "stderr", "warn")]
    assert outputs[0]["text"] == "a", "the notebook's own outputs are not changed"


def test_the_renderer_uses_the_exact_merge_once_the_extension_is_set_up():
    class App:
        pass

    original = render.coalesce_streams
    try:
        exact_streams.setup(App())
        exact_streams.setup(App())  # twice (an incremental build): wrapped once
        merged = render.coalesce_streams(chunks("flags:", " [True]\n"))
        assert [output["text"] for output in merged] == ["flags: [True]\n"]
        assert render.coalesce_streams.joins_chunks_first
    finally:
        render.coalesce_streams = original
