"""The explorer's state agrees with torch over a grid of settings; bad settings are one plain line."""

from __future__ import annotations

import itertools
import operator
import re

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from explorer_testing import torch_conv

from convcourse import messages
from convcourse.explorer.state import (
    MOST,
    ImpossibleConvolution,
    NotAWholeNumber,
    default_values,
    explorer_state,
    format_number,
    transposed_state,
)

# Input, kernel, padding, stride, dilation: small, but with every floor and dilation-gap case.
GRID = list(itertools.product((1, 4, 5, 6), (1, 2, 3), (0, 1, 2), (1, 2, 3), (1, 2)))


def _fits(i, k, p, d):
    """Whether torch accepts this kernel (it raises when the kernel is too big): not our rule."""
    try:
        F.conv2d(torch.zeros(1, 1, i, i), torch.zeros(1, 1, k, k), padding=p, dilation=d)
    except RuntimeError:
        return False
    return True


def _span(k, d):
    """Cells a dilated k x k kernel covers, measured by torch: a dilated kernel of ones' footprint."""
    one = torch.ones(1, 1, 1, 1)
    return F.conv_transpose2d(one, torch.ones(1, 1, k, k), dilation=d).shape[-1]


POSSIBLE = [g for g in GRID if _fits(g[0], g[1], g[2], g[4])]
IMPOSSIBLE = [g for g in GRID if not _fits(g[0], g[1], g[2], g[4])]


def test_default_values_are_the_articles_example():
    # Typed from the source article (the data the course starts from, not a computed result).
    assert default_values(5, kernel=False).tolist() == [
        [1, 2, 0, 3, 1], [0, 1, 2, 3, 1], [1, 2, 1, 0, 0], [5, 2, 3, 1, 1], [2, 1, 0, 1, 1]]
    assert default_values(3, kernel=True).tolist() == [[1, 2, 1], [0, 1, 0], [2, 1, 0]]


def test_other_sizes_are_deterministic_small_integers_and_leave_the_global_seed_alone():
    torch.manual_seed(0)
    expected_next = torch.rand(1)
    torch.manual_seed(0)
    a = default_values(7, kernel=False)
    assert torch.equal(torch.rand(1), expected_next)
    assert torch.equal(a, default_values(7, kernel=False))
    assert a.shape == (7, 7) and torch.equal(a, a.round()) and 0 <= a.min() and a.max() <= 5


@pytest.mark.parametrize("i,k,p,s,d", POSSIBLE)
def test_state_matches_torch(i, k, p, s, d):
    st = explorer_state(i, k, p, s, d)
    x = default_values(i, kernel=False)
    expected_padded = torch.zeros(i + 2 * p, i + 2 * p, dtype=torch.float64)
    expected_padded[p:p + i, p:p + i] = x
    assert torch.equal(st.padded, expected_padded)
    out = torch_conv(i, k, p, s, d)
    assert torch.equal(st.output, out)
    assert st.output_shape == tuple(out.shape)

    # Each step's window, as torch's unfold sees it (columns in row-major output order).
    cols = F.unfold(expected_padded[None, None], k, dilation=d, stride=s)[0]
    w = default_values(k, kernel=True).flatten()
    assert cols.shape[1] == st.n_steps
    for n, step in enumerate(st.steps):
        xs = torch.tensor([t[0] for t in step.terms], dtype=torch.float64)
        ws = torch.tensor([t[1] for t in step.terms], dtype=torch.float64)
        assert torch.equal(xs, cols[:, n]) and torch.equal(ws, w)
        assert torch.equal(torch.tensor([expected_padded[r, c] for r, c in step.cells]), xs)
        assert (step.row, step.col) == divmod(n, out.shape[1])
        assert step.total == out[step.row, step.col].item() == pytest.approx(float(xs @ ws))

    # Rows and columns no tap reads, found independently: conv_transpose2d of ones counts
    # how often each padded cell is read.
    ones_out = torch.ones(1, 1, *out.shape, dtype=torch.float64)
    counts = F.conv_transpose2d(ones_out, torch.ones(1, 1, k, k, dtype=torch.float64),
                                stride=s, dilation=d)[0, 0]
    size = i + 2 * p
    counts = F.pad(counts, (0, size - counts.shape[1], 0, size - counts.shape[0]))
    assert st.unreached_rows == tuple(r for r in range(size) if counts[r].sum() == 0)
    assert st.unreached_cols == tuple(c for c in range(size) if counts[:, c].sum() == 0)


@pytest.mark.parametrize("i,k,p,s,d", IMPOSSIBLE)
def test_impossible_setting_gives_the_plain_message_where_torch_refuses(i, k, p, s, d):
    x, w = default_values(i, kernel=False), default_values(k, kernel=True)
    with pytest.raises(RuntimeError):
        F.conv2d(x[None, None], w[None, None], stride=s, padding=p, dilation=d)
    with pytest.raises(ImpossibleConvolution) as err:
        explorer_state(i, k, p, s, d)
    assert str(err.value) == messages.KERNEL_TOO_BIG.format(
        dilation=d, kernel=k, span=_span(k, d), padded=i + 2 * p, size=i, padding=p)


@pytest.mark.parametrize("kwargs,fragment", [
    ({"stride": 0}, "stride must be at least 1"),
    ({"dilation": 0}, "dilation must be at least 1"),
    ({"padding": -1}, "padding must be at least 0"),
    ({"input_size": 0}, "input size must be at least 1"),
    ({"stride": 1.5}, "stride must be a whole number"),
    ({"kernel_size": [[1, 2], [3]]}, "kernel size values must be a non-empty rectangle"),
])
def test_bad_settings_raise_a_plain_message(kwargs, fragment):
    with pytest.raises(ImpossibleConvolution, match=fragment):
        explorer_state(**kwargs)


@pytest.mark.parametrize("kwargs,what,shown", [
    ({"input_size": "5"}, messages.WHAT_INPUT, "'5'"),
    ({"input_size": 5.5}, messages.WHAT_INPUT, "5.5"),
    ({"input_size": 5.0}, messages.WHAT_INPUT, "5.0"),
    ({"input_size": None}, messages.WHAT_INPUT, "None"),
    ({"kernel_size": True}, messages.WHAT_KERNEL, "True"),
    ({"padding": "1"}, messages.WHAT_PADDING, "'1'"),
    ({"dilation": 2.0}, messages.WHAT_DILATION, "2.0"),
])
def test_a_setting_that_is_not_a_whole_number_is_a_type_error_with_one_plain_line(
        kwargs, what, shown):
    with pytest.raises(TypeError) as raised:
        explorer_state(**kwargs)
    # Code that catches ImpossibleConvolution (the static explorer, the gallery) still catches it.
    assert isinstance(raised.value, NotAWholeNumber) and isinstance(raised.value,
                                                                    ImpossibleConvolution)
    value = next(iter(kwargs.values()))
    assert str(raised.value) == messages.NOT_A_NUMBER.format(what=what, value=value)
    assert shown in str(raised.value) and "\n" not in str(raised.value)


@pytest.mark.parametrize("name, what", [("input_size", messages.WHAT_INPUT),
                                        ("kernel_size", messages.WHAT_KERNEL),
                                        ("padding", messages.WHAT_PADDING),
                                        ("stride", messages.WHAT_STRIDE),
                                        ("dilation", messages.WHAT_DILATION)])
def test_values_too_large_to_draw_are_refused_not_computed(name, what):
    # A size of 10**6 would ask for 8 TB of float64 cells: a plain message, at once.
    for value in (MOST[name] + 1, 10**6):
        with pytest.raises(ImpossibleConvolution) as raised:
            explorer_state(**{name: value})
        assert str(raised.value) == messages.TOO_BIG.format(what=what, most=MOST[name],
                                                             value=value)
    with pytest.raises(ImpossibleConvolution, match="at most 32"):
        explorer_state(input_size=torch.zeros(40, 3))


def test_numpy_integers_are_accepted_like_ints():
    setting = (np.int64(6), np.int32(3), np.int64(1), np.int16(2), np.uint8(1))
    st = explorer_state(*setting)
    plain = explorer_state(*(operator.index(v) for v in setting))
    assert torch.equal(st.output, plain.output) and st.call_text == plain.call_text
    assert torch.equal(st.output, torch_conv(6, 3, 1, 2, 1))


def test_explorer_errors_show_as_one_line_in_jupyter_not_a_traceback():
    # IPython draws ``_render_traceback_()`` instead of a traceback when an exception has it.
    for kwargs in ({"stride": 0}, {"stride": "2"}, {"kernel_size": 9}):
        with pytest.raises(ImpossibleConvolution) as raised:
            explorer_state(**kwargs)
        lines = raised.value._render_traceback_()
        assert lines == [f"{type(raised.value).__name__}: {raised.value}"]


def test_step_out_of_range_is_a_plain_message():
    st = explorer_state(5, 3, 0, 2)
    with pytest.raises(ImpossibleConvolution, match="only 4 steps"):
        st.step(4)


def test_call_text_and_shapes_name_the_setting():
    st = explorer_state(5, 3, padding=1, stride=2)
    assert st.call_text == "F.conv2d(x, w, stride=2, padding=1, dilation=1)"
    out = torch_conv(5, 3, 1, 2, 1)
    assert st.shapes_text.endswith(f"output: (1, 1, {out.shape[0]}, {out.shape[1]})")
    assert st.output_shape_text == messages.OUTPUT_SHAPE.format(rows=out.shape[0],
                                                               cols=out.shape[1])


def test_terms_text_sums_to_the_torch_value():
    st = explorer_state(5, 3, padding=1, stride=2)
    out = torch_conv(5, 3, 1, 2, 1)
    for n in range(st.n_steps):
        text = st.terms_text(n)
        products = re.findall(r"(-?[\d.]+)×(-?[\d.]+)", text)
        total = sum(float(a) * float(b) for a, b in products)
        r, c = divmod(n, out.shape[1])
        assert len(products) == 9
        assert text.endswith(f"= {format_number(out[r, c].item())}")
        assert total == out[r, c].item()


# --- Transposed convolution drawn as a direct convolution (Dumoulin & Visin, chapter 4) -------
# Input, kernel, padding, stride; padding at most kernel - 1 and a non-empty output.
TRANSPOSED_GRID = [(i, k, p, s) for i, k, p, s in itertools.product((1, 2, 3, 5), (1, 2, 3),
                                                                   (0, 1, 2), (1, 2, 3))
                   if p <= k - 1 and (i - 1) * s - 2 * p + k >= 1]


@pytest.mark.parametrize("i,k,p,s", TRANSPOSED_GRID)
def test_transposed_state_matches_conv_transpose2d(i, k, p, s):
    st = transposed_state(i, k, p, s)
    x, w = default_values(i, kernel=False), default_values(k, kernel=True)
    out = F.conv_transpose2d(x[None, None], w[None, None], stride=s, padding=p)[0, 0]
    assert torch.equal(st.output, out) and st.output_shape == tuple(out.shape)
    # The stretched input, found independently: conv_transpose2d with a 1 × 1 kernel of 1.
    one = torch.ones(1, 1, 1, 1, dtype=torch.float64)
    stretched = F.conv_transpose2d(x[None, None], one, stride=s)[0, 0]
    ring = k - 1 - p
    assert torch.equal(st.input, stretched) and st.padding == ring
    assert torch.equal(st.padded, F.pad(stretched, (ring,) * 4))
    assert torch.equal(st.kernel, torch.rot90(w, 2)) and torch.equal(st.source_kernel, w)
    assert (st.stride, st.dilation, st.t_stride, st.t_padding) == (1, 1, s, p)
    # Inserted zeros: where the stretched ones are 0.
    mask = F.conv_transpose2d(torch.ones(1, 1, i, i, dtype=torch.float64), one, stride=s)[0, 0]
    assert st.inserted_cells == tuple((r + ring, c + ring) for r, c in
                                      (mask == 0).nonzero().tolist())
    # Every step multiplies padded cells by the flipped kernel and sums to torch's value.
    cols = F.unfold(st.padded[None, None], k)[0]
    for n, step in enumerate(st.steps):
        xs = torch.tensor([t[0] for t in step.terms], dtype=torch.float64)
        assert torch.equal(xs, cols[:, n])
        assert step.total == out[step.row, step.col].item() == float(xs @ st.kernel.flatten())
    assert st.call_text == f"F.conv_transpose2d(x, w, stride={s}, padding={p})"
    assert st.shapes_text == messages.CALL_SHAPES.format(
        x_shape=f"(1, 1, {i}, {i})", w_shape=f"(1, 1, {k}, {k})",
        out_shape=f"(1, 1, {out.shape[0]}, {out.shape[1]})")


@pytest.mark.parametrize("kwargs,fragment", [
    ({"kernel_size": 3, "padding": 3}, "padding can be at most 2 for a 3-wide kernel; it is 3"),
    ({"input_size": 1, "kernel_size": 3, "padding": 2}, "has no output"),
    ({"kernel_size": [[1, 2, 3], [4, 5, 6]]}, "needs a square kernel; this one is 2 × 3"),
    ({"stride": 0}, "stride must be at least 1"),
    ({"padding": 1.5}, "padding must be a whole number"),
])
def test_transposed_bad_settings_raise_a_plain_message(kwargs, fragment):
    with pytest.raises(ImpossibleConvolution, match=fragment):
        transposed_state(**kwargs)


def test_transposed_no_output_is_where_torch_refuses():
    x, w = default_values(1, kernel=False), default_values(3, kernel=True)
    with pytest.raises(RuntimeError):
        F.conv_transpose2d(x[None, None], w[None, None], stride=1, padding=2)


def test_transposed_state_refuses_to_draw_if_the_direct_convolution_disagrees(monkeypatch):
    conv2d = F.conv2d
    monkeypatch.setattr(F, "conv2d", lambda *args, **kwargs: conv2d(*args, **kwargs) + 1)
    with pytest.raises(ArithmeticError, match="disagrees with F.conv_transpose2d"):
        transposed_state(3, 3, 0, 2)
