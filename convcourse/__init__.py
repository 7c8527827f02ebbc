"""convcourse: the small package the conv2d course lessons share.

One module per idea:

- ``seed``    -- ``set_seed`` seeds random, numpy and torch.
- ``shapes``  -- ``conv_output_size``: the output-size formula with its floor;
  ``pool_output_size`` (nn.MaxPool2d's, ``ceil_mode`` included) and
  ``conv_transpose_output_size`` (nn.ConvTranspose2d's); the guide's
  relationships ``same_padding``, ``same_padding_before_after``, ``full_padding`` and
  ``unreached_input``; the one fit rule, ``kernel_fits`` (with ``kernel_span``).
- ``reference`` -- ``conv2d``: a from-scratch convolution with F.conv2d's semantics.
- ``receptive_field`` -- ``receptive_field`` and ``receptive_field_rows``: how far one output
  of a stack of layers reaches into the input, strides included (the jump recursion).
- ``drawing`` -- the lessons' matplotlib figures, a module per kind of picture (see its
  ``__init__``): numbered grids, feature maps, pipelines, multi-channel convolutions, windows.
- ``tracing`` -- ``trace_forward``: lesson 1's line-by-line view of a module's ``forward``.
- ``images``  -- local pictures, no download: ``sample_photo`` (matplotlib's sample photo) and
  ``synthetic_cifar`` (a seeded batch of 3x32x32 shapes with labels).
- ``checks``  -- ``check_*``: the lessons' exercise checks (a shared core, ``checks.core``, and a
  module per lesson); each prints a pass or a one-line hint, never raises, and returns a
  ``CheckResult`` that is true when the answer passed.
- ``explorer`` -- ``explore()``: the convolution explorer (live in Jupyter, precomputed sliders on
  the site); ``show_gallery()``: the guide's animations; ``show_pooling()``: lesson 5's pooling
  animations (a module per part, see its ``__init__``).
- Lesson 7: ``layers`` (``MyConv2d``, nn.Conv2d written out), ``costs`` (MACs, parameters,
  activation memory; ``FlopCounterMode`` counts), ``training`` (a seeded loop that stops naming
  the step on a NaN loss), ``digits`` (scikit-learn's bundled digits, the all-convolutional
  network), ``hooks`` (``shape_trace``, ``capture_outputs``).
- ``messages`` -- every word the package shows a reader, one catalogue per language (``en``, the
  source; ``zh_CN``, its Simplified Chinese translation).
- ``i18n``    -- ``set_language("zh_CN")`` / ``set_language("en")`` switch those words (and
  matplotlib's fonts, so figures draw Chinese offline); ``language()`` is the active one.
  English by default; the environment variable ``CONVCOURSE_LANGUAGE`` chooses it at import.
"""

from convcourse.i18n import language, set_language
from convcourse.reference import conv2d
from convcourse.seed import set_seed
from convcourse.shapes import (
    conv_output_size,
    conv_transpose_output_size,
    full_padding,
    kernel_fits,
    kernel_span,
    pool_output_size,
    same_padding,
    same_padding_before_after,
    unreached_input,
)

__all__ = [
    "conv2d",
    "conv_output_size",
    "conv_transpose_output_size",
    "explore",
    "full_padding",
    "kernel_fits",
    "kernel_span",
    "language",
    "pool_output_size",
    "same_padding",
    "same_padding_before_after",
    "set_language",
    "set_seed",
    "show_gallery",
    "show_pooling",
    "unreached_input",
]

# explore, show_gallery and show_pooling are imported when first used: the explorer brings ipywidgets, which
# only lesson 3 needs (an import that costs every other lesson a fifth of a second).
_ON_FIRST_USE = {"explore": "convcourse.explorer.live",
                 "show_gallery": "convcourse.explorer.gallery",
                 "show_pooling": "convcourse.explorer.gallery"}


def __getattr__(name: str):
    if name in _ON_FIRST_USE:
        from importlib import import_module

        value = getattr(import_module(_ON_FIRST_USE[name]), name)
        globals()[name] = value  # later uses find it at once
        return value
    raise AttributeError(f"module 'convcourse' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_ON_FIRST_USE})


if language() != "en":  # CONVCOURSE_LANGUAGE chose another language: its fonts too
    set_language(language())
