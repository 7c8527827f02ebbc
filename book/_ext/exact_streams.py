"""Merge a cell's printed output exactly as it was printed, so two builds give the same page.

A kernel sends what a cell prints in chunks, cut wherever its output buffer happened to be
flushed: `print("flags:", flags)` may arrive as "flags:" and " [True]\\n" on a busy machine and
as one chunk on a quiet one. myst-nb 1.4.0's `coalesce_streams` (nb_merge_streams) strips every
chunk and ends it with a newline before joining, so a cut inside a line becomes a line break and
the page depends on timing ("flags:\\n [True]" one build, "flags: [True]" the next).

This joins each stream's chunks as they are (the kernel's exact text) before myst-nb's own
function runs, which then sees one chunk per stream and behaves as intended. It wraps the name
myst-nb's renderer calls; written for myst-nb 1.4.0, it stops the build if that name is gone.
tests/book/test_exact_streams.py shows the timing-dependent page without it.
"""

from __future__ import annotations

import copy

import myst_nb
from myst_nb.core import render

WRITTEN_FOR = "1.4.0"


def join_stream_chunks(outputs):
    """One output per stream name, holding every chunk of that stream's text in order."""
    joined, streams = [], {}
    for output in outputs or []:
        if output.get("output_type") != "stream":
            joined.append(output)
        elif output["name"] in streams:
            streams[output["name"]]["text"] += output["text"]
        else:
            streams[output["name"]] = copy.deepcopy(output)
            joined.append(streams[output["name"]])
    return joined


def setup(app):
    original = getattr(render, "coalesce_streams", None)
    if original is None:
        raise RuntimeError(f"exact_streams was written for myst-nb {WRITTEN_FOR}; myst-nb "
                           f"{myst_nb.__version__} has no render.coalesce_streams: "
                           "update book/_ext/exact_streams.py")
    if not getattr(original, "joins_chunks_first", False):
        def coalesce_streams(outputs):
            return original(join_stream_chunks(outputs))

        coalesce_streams.joins_chunks_first = True
        render.coalesce_streams = coalesce_streams
    return {"parallel_read_safe": True, "parallel_write_safe": True}
