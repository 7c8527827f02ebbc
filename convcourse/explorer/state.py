"""What the convolution explorer shows, computed once with torch for one setting.

``explorer_state(input_size, kernel_size, padding, stride, dilation)`` returns a
:class:`ConvState`: the padded input, the output (the numbers ``F.conv2d`` computes), every
step's window and multiply-and-sum terms, the padded rows and columns no step reads, the
output shape from :func:`convcourse.conv_output_size` and the call text. The renderer, the live
widget, the static export and the gallery all draw from this one object.
``transposed_state`` draws ``F.conv_transpose2d`` the same way, and ``pool_state`` the pooling
of lesson 5 (``F.max_pool2d`` / ``F.avg_pool2d``): a :class:`PoolState`.

>>> st = explorer_state(5, 3, padding=1, stride=2)
>>> st.output_shape, st.output.tolist()[0]
((3, 3), [1.0, 4.0, 8.0])
"""

from __future__ import annotations

import operator
from dataclasses import dataclass
from functools import cached_property

import torch
import torch.nn.functional as F

from convcourse import messages
from convcourse.shapes import conv_output_size, kernel_fits, kernel_span, pool_output_size

# The 5 × 5 input and 3 × 3 kernel of the course's source article (lesson 2 uses them too).
ARTICLE_INPUT = ((1, 2, 0, 3, 1), (0, 1, 2, 3, 1), (1, 2, 1, 0, 0), (5, 2, 3, 1, 1), (2, 1, 0, 1, 1))
ARTICLE_KERNEL = ((1, 2, 1), (0, 1, 0), (2, 1, 0))
VALUES_SEED = 2016  # other sizes get small integers from this seed, the same on every run
# The largest values the explorer draws: beyond them a picture is unreadable (and a size of
# 10**5 would ask for gigabytes). Sliders stop well before; these bound what code may ask for.
MOST = {"input_size": 32, "kernel_size": 32, "padding": 16, "stride": 32, "dilation": 32}


class _OneLine:
    """In Jupyter, the error shows as its one line, without a traceback (IPython asks the
    exception for ``_render_traceback_`` before drawing a traceback)."""

    def _render_traceback_(self) -> list[str]:
        return [f"{type(self).__name__}: {self}"]


class ImpossibleConvolution(_OneLine, ValueError):
    """A setting no convolution can have; ``str(error)`` is a plain sentence for the reader."""


class NotAWholeNumber(ImpossibleConvolution, TypeError):
    """A size, padding, stride, dilation or step that is not a whole number (a TypeError too)."""


def default_values(size: int, *, kernel: bool) -> torch.Tensor:
    """The article's input (5) or kernel (3), else seeded small integers of that size.

    >>> default_values(3, kernel=True).tolist()[0]
    [1.0, 2.0, 1.0]
    """
    article = ARTICLE_KERNEL if kernel else ARTICLE_INPUT
    if size == len(article):
        return torch.tensor(article, dtype=torch.float64)
    # A generator of its own: the explorer must not disturb (or depend on) the lesson's seed.
    gen = torch.Generator().manual_seed(VALUES_SEED + 100 * kernel + size)
    high = 3 if kernel else 6  # kernel 0..2, input 0..5, like the article's
    return torch.randint(0, high, (size, size), generator=gen).to(torch.float64)


def whole_number(value, what: str, least: int, most: int | None = None) -> int:
    """``value`` as an int from ``least`` to ``most``, else one plain sentence as the error.

    Python and numpy integers pass; a bool, a float (even 5.0), a string or None raise
    :class:`NotAWholeNumber`; a number out of range raises :class:`ImpossibleConvolution`.
    Nothing is clamped.
    """
    if isinstance(value, bool):
        raise NotAWholeNumber(messages.NOT_A_NUMBER.format(what=what, value=value))
    try:
        number = operator.index(value)
    except TypeError:
        raise NotAWholeNumber(messages.NOT_A_NUMBER.format(what=what, value=value)) from None
    if number < least:
        raise ImpossibleConvolution(messages.TOO_SMALL.format(what=what, least=least, value=number))
    if most is not None and number > most:
        raise ImpossibleConvolution(messages.TOO_BIG.format(what=what, most=most, value=number))
    return number


def _values(values, what: str) -> torch.Tensor:
    try:
        t = torch.as_tensor(values, dtype=torch.float64)
    except (TypeError, ValueError, RuntimeError):
        raise ImpossibleConvolution(messages.BAD_VALUES.format(what=what)) from None
    if t.dim() != 2 or t.numel() == 0:
        raise ImpossibleConvolution(messages.BAD_VALUES.format(what=what))
    if max(t.shape) > MOST["input_size"]:
        raise ImpossibleConvolution(messages.TOO_BIG.format(what=what, most=MOST["input_size"],
                                                            value=max(t.shape)))
    return t


@dataclass(frozen=True)
class Step:
    """One output cell: where it is, which padded-input cells it reads, and their products."""

    row: int
    col: int
    cells: tuple[tuple[int, int], ...]  # (row, col) in the padded input, kernel order
    terms: tuple[tuple[float, float], ...]  # (input value, kernel value), same order
    total: float  # the output value F.conv2d computed for this cell


@dataclass(frozen=True)
class ConvState:
    """Everything the explorer shows for one (input, kernel, padding, stride, dilation)."""

    input: torch.Tensor  # (H, W) float64
    kernel: torch.Tensor  # (kH, kW) float64
    padding: int
    stride: int
    dilation: int
    padded: torch.Tensor  # (H + 2p, W + 2p)
    output: torch.Tensor  # (oH, oW), from F.conv2d
    output_shape: tuple[int, int]  # from conv_output_size (tests check it equals output.shape)

    @property
    def inserted_cells(self) -> tuple[tuple[int, int], ...]:
        """Padded-input cells that are zeros inserted between input cells (transposed only)."""
        return ()

    @property
    def n_steps(self) -> int:
        return self.output_shape[0] * self.output_shape[1]

    def window_origin(self, step: int) -> tuple[int, int]:
        """Top-left padded-input cell of the window for ``step`` (row-major output order)."""
        row, col = divmod(step, self.output_shape[1])
        return row * self.stride, col * self.stride

    def window_cells(self, step: int) -> tuple[tuple[int, int], ...]:
        """Every padded-input cell under the window's taps for ``step``, in kernel order; a
        plain message if the step is out of range."""
        if isinstance(step, bool) or not isinstance(step, int) or not 0 <= step < self.n_steps:
            raise ImpossibleConvolution(messages.STEP_OUT_OF_RANGE.format(
                total=self.n_steps, last=self.n_steps - 1, step=step))
        top, left = self.window_origin(step)
        kh, kw = self.kernel.shape
        d = self.dilation
        return tuple((top + a * d, left + b * d) for a in range(kh) for b in range(kw))

    def step(self, step: int) -> Step:
        """The window, terms and value of one output cell; a plain message if out of range."""
        cells = self.window_cells(step)
        row, col = divmod(step, self.output_shape[1])
        kh, kw = self.kernel.shape
        padded, kernel, output = self._numbers
        terms = tuple((padded[r][c], kernel[a][b])
                      for (r, c), (a, b) in zip(cells, _grid(kh, kw), strict=True))
        return Step(row, col, cells, terms, output[row][col])

    @cached_property
    def _numbers(self) -> tuple[list[list[float]], list[list[float]], list[list[float]]]:
        """The padded input, kernel and output as lists of Python floats (the same numbers):
        ``step`` reads every tap of every step, and a list gives one far quicker than a tensor."""
        return self.padded.tolist(), self.kernel.tolist(), self.output.tolist()

    @cached_property
    def steps(self) -> tuple[Step, ...]:
        return tuple(self.step(n) for n in range(self.n_steps))

    @cached_property
    def read_rows(self) -> frozenset[int]:
        """Rows of the padded input that at least one kernel tap reads."""
        kh = self.kernel.shape[0]
        return frozenset(r * self.stride + a * self.dilation
                         for r in range(self.output_shape[0]) for a in range(kh))

    @cached_property
    def read_cols(self) -> frozenset[int]:
        kw = self.kernel.shape[1]
        return frozenset(c * self.stride + b * self.dilation
                         for c in range(self.output_shape[1]) for b in range(kw))

    @property
    def unreached_rows(self) -> tuple[int, ...]:
        """Padded-input rows no tap ever reads: the floor of the size formula (and dilation gaps)."""
        return tuple(r for r in range(self.padded.shape[0]) if r not in self.read_rows)

    @property
    def unreached_cols(self) -> tuple[int, ...]:
        return tuple(c for c in range(self.padded.shape[1]) if c not in self.read_cols)

    @property
    def call_text(self) -> str:
        """The exact call, e.g. ``F.conv2d(x, w, stride=2, padding=1, dilation=1)``."""
        return messages.CALL.format(stride=self.stride, padding=self.padding,
                                    dilation=self.dilation)

    @property
    def shapes_text(self) -> str:
        return messages.CALL_SHAPES.format(
            x_shape=_shape(1, 1, *self.input.shape), w_shape=_shape(1, 1, *self.kernel.shape),
            out_shape=_shape(1, 1, *self.output_shape))

    @property
    def output_shape_text(self) -> str:
        return messages.OUTPUT_SHAPE.format(rows=self.output_shape[0], cols=self.output_shape[1])

    def terms_text(self, step: int) -> str:
        """The multiply-and-sum of one step, e.g. ``output[0, 0] = 1×1 + 2×2 + … = 12``."""
        st = self.step(step)
        terms = messages.TERM_JOINER.join(
            messages.TERM.format(x=format_number(x), w=format_number(w)) for x, w in st.terms)
        return messages.TERMS.format(row=st.row, col=st.col, terms=terms,
                                     total=format_number(st.total))

    @property
    def unreached_text(self) -> str:
        if not self.unreached_rows and not self.unreached_cols:
            return messages.UNREACHED_NONE
        return messages.UNREACHED.format(rows=_list(self.unreached_rows),
                                          cols=_list(self.unreached_cols))

    @property
    def title_text(self) -> str:
        """The text alternative of the picture (without the step)."""
        (ih, iw), (kh, kw), (oh, ow) = self.input.shape, self.kernel.shape, self.output_shape
        return messages.SVG_TITLE.format(i_rows=ih, i_cols=iw, padding=self.padding, k_rows=kh,
                                         k_cols=kw, stride=self.stride, dilation=self.dilation,
                                         o_rows=oh, o_cols=ow)

    def step_text(self, step: int) -> str:
        st = self.step(step)
        return messages.SVG_STEP.format(row=st.row, col=st.col, total=format_number(st.total))


def _input_and_kernel(input_size, kernel_size) -> tuple[torch.Tensor, torch.Tensor]:
    """The input and kernel values: given as 2-D values, or as sizes (article/seeded values)."""
    def values(size_or_values, what: str, kernel: bool) -> torch.Tensor:
        if _is_values(size_or_values):
            return _values(size_or_values, what)
        most = MOST["kernel_size" if kernel else "input_size"]
        return default_values(whole_number(size_or_values, what, 1, most), kernel=kernel)

    return (values(input_size, messages.WHAT_INPUT, False),
            values(kernel_size, messages.WHAT_KERNEL, True))


def explorer_state(input_size=5, kernel_size=3, padding=0, stride=1, dilation=1) -> ConvState:
    """Compute a :class:`ConvState`; sizes are ints (article/seeded values) or 2-D values.

    An impossible setting raises :class:`ImpossibleConvolution` with a plain message.
    """
    x, w = _input_and_kernel(input_size, kernel_size)
    p = whole_number(padding, messages.WHAT_PADDING, 0, MOST["padding"])
    s = whole_number(stride, messages.WHAT_STRIDE, 1, MOST["stride"])
    d = whole_number(dilation, messages.WHAT_DILATION, 1, MOST["dilation"])
    for size, k in zip(x.shape, w.shape, strict=True):
        if not kernel_fits(size, k, p, d):
            raise ImpossibleConvolution(messages.KERNEL_TOO_BIG.format(
                dilation=d, kernel=k, span=kernel_span(k, d), padded=size + 2 * p, size=size,
                padding=p))
    out = F.conv2d(x[None, None], w[None, None], stride=s, padding=p, dilation=d)[0, 0]
    return ConvState(input=x, kernel=w, padding=p, stride=s, dilation=d,
                     padded=F.pad(x, (p, p, p, p)), output=out,
                     output_shape=conv_output_size(tuple(x.shape), tuple(w.shape), s, p, d))


@dataclass(frozen=True)
class TransposedState(ConvState):
    """``F.conv_transpose2d(x, w, stride, padding)`` as a direct convolution (stride 1).

    ``input`` is the stretched input (``stride - 1`` zeros between neighbouring cells of
    ``source``), ``padding`` the ``k - 1 - p`` zeros around it, ``kernel`` the kernel flipped by
    180°, ``output`` what ``F.conv_transpose2d`` computes; ``t_stride`` and ``t_padding`` are the
    transposed convolution's own stride and padding.
    """

    source: torch.Tensor  # the (i, i) input handed to F.conv_transpose2d
    source_kernel: torch.Tensor  # the kernel as F.conv_transpose2d takes it (not flipped)
    t_stride: int
    t_padding: int

    @cached_property
    def inserted_cells(self) -> tuple[tuple[int, int], ...]:
        q, s = self.padding, self.t_stride
        rows, cols = self.input.shape
        return tuple((q + r, q + c) for r in range(rows) for c in range(cols) if r % s or c % s)

    @property
    def call_text(self) -> str:
        return messages.CALL_TRANSPOSED.format(stride=self.t_stride, padding=self.t_padding)

    @property
    def shapes_text(self) -> str:
        return messages.CALL_SHAPES.format(
            x_shape=_shape(1, 1, *self.source.shape),
            w_shape=_shape(1, 1, *self.source_kernel.shape),
            out_shape=_shape(1, 1, *self.output_shape))

    @property
    def title_text(self) -> str:
        (ih, iw), (kh, kw), (oh, ow) = self.source.shape, self.kernel.shape, self.output_shape
        sh, sw = self.input.shape
        return messages.SVG_TITLE_TRANSPOSED.format(
            i_rows=ih, i_cols=iw, k_rows=kh, k_cols=kw, stride=self.t_stride,
            padding=self.t_padding, s_rows=sh, s_cols=sw, ring=self.padding, o_rows=oh, o_cols=ow)


def transposed_state(input_size=2, kernel_size=3, padding=0, stride=1) -> TransposedState:
    """``F.conv_transpose2d`` drawn as Dumoulin & Visin's equivalent direct convolution.

    Sizes are ints (article/seeded values) or 2-D values, as in :func:`explorer_state`; the
    kernel must be square and ``padding`` at most ``kernel - 1`` (the picture pads by
    ``kernel - 1 - padding``). A setting that cannot be drawn raises
    :class:`ImpossibleConvolution` with a plain message.

    >>> st = transposed_state(2, 3, padding=0, stride=1)
    >>> st.padded.shape, st.output_shape
    (torch.Size([6, 6]), (4, 4))
    """
    x, w = _input_and_kernel(input_size, kernel_size)
    p = whole_number(padding, messages.WHAT_PADDING, 0, MOST["padding"])
    s = whole_number(stride, messages.WHAT_STRIDE, 1, MOST["stride"])
    kh, kw = w.shape
    if kh != kw:
        raise ImpossibleConvolution(messages.TRANSPOSED_SQUARE_KERNEL.format(rows=kh, cols=kw))
    k = kh
    if p > k - 1:
        raise ImpossibleConvolution(messages.TRANSPOSED_PADDING_TOO_BIG.format(
            padding=p, kernel=k, most=k - 1))
    for size in x.shape:
        out_size = (size - 1) * s - 2 * p + k
        if out_size < 1:
            raise ImpossibleConvolution(messages.TRANSPOSED_NO_OUTPUT.format(
                size=size, stride=s, padding=p, kernel=k, out=out_size))
    q = k - 1 - p
    stretched = torch.zeros((x.shape[0] - 1) * s + 1, (x.shape[1] - 1) * s + 1,
                            dtype=torch.float64)
    stretched[::s, ::s] = x
    padded = F.pad(stretched, (q, q, q, q))
    flipped = torch.flip(w, (0, 1))
    # The one source of truth: torch's transposed convolution ...
    out = F.conv_transpose2d(x[None, None], w[None, None], stride=s, padding=p)[0, 0]
    # ... which the picture's direct convolution must reproduce, or nothing is drawn.
    direct = F.conv2d(padded[None, None], flipped[None, None])[0, 0]
    shape = conv_output_size(tuple(padded.shape), tuple(flipped.shape))
    if (direct.shape != out.shape or shape != tuple(out.shape)
            or not torch.allclose(direct, out, rtol=1e-12, atol=1e-12)):
        raise ArithmeticError(messages.TRANSPOSED_MISMATCH.format(stride=s, padding=p))
    return TransposedState(input=stretched, kernel=flipped, padding=q, stride=1, dilation=1,
                           padded=padded, output=out, output_shape=tuple(out.shape), source=x,
                           source_kernel=w, t_stride=s, t_padding=p)


class ImpossiblePooling(ImpossibleConvolution):
    """A pooling setting torch refuses (or the pictures cannot draw); a plain sentence."""


POOL_MODES = ("max", "avg")


@dataclass(frozen=True)
class PoolState(ConvState):
    """``F.max_pool2d`` or ``F.avg_pool2d`` of one 2-D input (no padding), for the renderer.

    A pooling window has no weights: ``kernel`` is ones of the window's shape, which gives the
    window its size and is never drawn. ``padded`` is the input, widened at the bottom and right
    by the cells a ``ceil_mode`` window hangs over; those cells hold NaN and no step reads
    them. ``output`` is torch's; a step's terms are the values of the cells inside the window
    (each with weight 1), whose max or mean is that output cell.
    """

    mode: str  # "max" or "avg"
    ceil_mode: bool

    @cached_property
    def outside_cells(self) -> tuple[tuple[int, int], ...]:
        """Cells of ``padded`` past the input's edge (where a ceil_mode window hangs over)."""
        ih, iw = self.input.shape
        rows, cols = self.padded.shape
        return tuple((r, c) for r in range(rows) for c in range(cols) if r >= ih or c >= iw)

    def step(self, step: int) -> Step:
        """The window's cells inside the input, their values and torch's output cell."""
        ih, iw = self.input.shape
        cells = tuple((r, c) for r, c in self.window_cells(step) if r < ih and c < iw)
        row, col = divmod(step, self.output_shape[1])
        padded, _, output = self._numbers
        return Step(row, col, cells, tuple((padded[r][c], 1.0) for r, c in cells),
                    output[row][col])

    @cached_property
    def read_rows(self) -> frozenset[int]:
        return frozenset(r for st in self.steps for r, _ in st.cells)

    @cached_property
    def read_cols(self) -> frozenset[int]:
        return frozenset(c for st in self.steps for _, c in st.cells)

    @property
    def unreached_rows(self) -> tuple[int, ...]:
        """Input rows no window reads (the floor of the size formula drops them)."""
        return tuple(r for r in range(self.input.shape[0]) if r not in self.read_rows)

    @property
    def unreached_cols(self) -> tuple[int, ...]:
        return tuple(c for c in range(self.input.shape[1]) if c not in self.read_cols)

    @property
    def call_text(self) -> str:
        template = messages.POOL_CALL_MAX if self.mode == "max" else messages.POOL_CALL_AVG
        return template.format(k=self.kernel.shape[0], s=self.stride, ceil=self.ceil_mode)

    @property
    def terms_template(self) -> str:
        return messages.POOL_TERMS_MAX if self.mode == "max" else messages.POOL_TERMS_AVG

    def terms_text(self, step: int) -> str:
        """One step's values and result, e.g. ``output[0, 1] = max(0, 3, 2, 3) = 3``."""
        st = self.step(step)
        terms = messages.POOL_TERM_JOINER.join(
            messages.POOL_TERM.format(x=format_number(x)) for x, _ in st.terms)
        return self.terms_template.format(row=st.row, col=st.col, terms=terms,
                                          total=format_number(st.total))

    @property
    def title_text(self) -> str:
        (ih, iw), (oh, ow) = self.input.shape, self.output_shape
        template = messages.POOL_SVG_TITLE_MAX if self.mode == "max" else messages.POOL_SVG_TITLE_AVG
        return template.format(i_rows=ih, i_cols=iw, k=self.kernel.shape[0], s=self.stride,
                               call=self.call_text, o_rows=oh, o_cols=ow)

    def step_text(self, step: int) -> str:
        st = self.step(step)
        return messages.POOL_SVG_STEP.format(row=st.row, col=st.col, total=format_number(st.total))


def pool_state(input_size=5, kernel_size=2, stride=None, ceil_mode=False, mode="max") -> PoolState:
    """Compute a :class:`PoolState`: ``mode`` ``"max"`` (``F.max_pool2d``) or ``"avg"``
    (``F.avg_pool2d``), no padding, no dilation; ``stride=None`` is the window size, as in
    torch. The input is an int (the article's 5 × 5 or seeded values) or 2-D values. A setting
    torch refuses raises :class:`ImpossiblePooling` with a plain message.

    >>> st = pool_state(5, 3, ceil_mode=True)
    >>> st.output.tolist(), st.padded.shape
    ([[2.0, 3.0], [5.0, 1.0]], torch.Size([6, 6]))
    """
    if mode not in POOL_MODES:
        raise ImpossiblePooling(messages.POOL_UNKNOWN_MODE.format(
            mode=mode, modes=messages.LIST_JOINER.join(repr(m) for m in POOL_MODES)))
    if not isinstance(ceil_mode, bool):
        raise NotAWholeNumber(messages.SHAPE_NOT_A_BOOL.format(name="ceil_mode", value=ceil_mode))
    if _is_values(input_size):
        x = _values(input_size, messages.WHAT_INPUT)
    else:
        x = default_values(whole_number(input_size, messages.WHAT_INPUT, 1, MOST["input_size"]),
                           kernel=False)
    k = whole_number(kernel_size, messages.WHAT_WINDOW, 1, MOST["kernel_size"])
    s = k if stride is None else whole_number(stride, messages.WHAT_STRIDE, 1, MOST["stride"])
    try:
        shape = pool_output_size(tuple(x.shape), k, s, ceil_mode=ceil_mode)
    except ValueError as error:
        raise ImpossiblePooling(str(error)) from None
    pool = F.max_pool2d if mode == "max" else F.avg_pool2d
    out = pool(x[None, None], k, s, ceil_mode=ceil_mode)[0, 0]  # the one source of truth
    if tuple(out.shape) != shape:
        raise ArithmeticError(messages.POOL_MISMATCH.format(k=k, s=s, ceil=ceil_mode))
    # The last window may hang past the edge (ceil_mode): room for it, filled with NaN.
    rows, cols = ((n - 1) * s + k for n in shape)
    padded = torch.full((max(rows, x.shape[0]), max(cols, x.shape[1])), float("nan"),
                        dtype=torch.float64)
    padded[:x.shape[0], :x.shape[1]] = x
    return PoolState(input=x, kernel=torch.ones(k, k, dtype=torch.float64), padding=0, stride=s,
                     dilation=1, padded=padded, output=out, output_shape=shape, mode=mode,
                     ceil_mode=ceil_mode)


def _is_values(value) -> bool:
    """Values (a 2-D list, tensor or array) rather than a size (a number, or a mistaken one)."""
    if value is None or isinstance(value, (bool, float, str, bytes)):
        return False
    try:
        operator.index(value)
    except TypeError:
        return True
    return False


def format_number(value: float) -> str:
    """Whole numbers without a decimal point (the explorer's values are integers)."""
    return str(int(value)) if float(value).is_integer() else f"{value:.3g}"


def _grid(rows: int, cols: int):
    return ((a, b) for a in range(rows) for b in range(cols))


def _shape(*dims: int) -> str:
    return "(" + ", ".join(str(d) for d in dims) + ")"


def _list(items) -> str:
    return messages.LIST_JOINER.join(str(i) for i in items) if items else messages.NONE_LIST
