"""Automatic checks for the lessons' exercises: a shared core and one module per lesson.

Each check compares a learner's answer with torch on random cases drawn from a fixed seed,
prints a pass or a one-line hint, and returns a ``CheckResult`` that is true when the answer
passed. A check never raises: a wrong or malformed answer gets a hint, not a traceback.
"""

from convcourse.checks.core import HINT_MARK, PASS_MARK, CheckResult, report
from convcourse.checks.lesson1 import (
    check_conv_param_count,
    check_doubler,
    check_layer_stack,
    check_two_convs,
)
from convcourse.checks.lesson2 import (
    check_conv2d_im2col,
    check_conv2d_padding,
    check_conv2d_stride,
    check_output_element,
)
from convcourse.checks.lesson3 import (
    check_stride_output_size,
    check_stride_same_padding,
    check_stride_target_size,
    check_stride_unreached_rows,
)
from convcourse.checks.lesson4 import (
    check_layer_param_shapes,
    check_layer_separable_block,
    check_layer_sobel_x,
    check_layer_target_shape,
)

__all__ = [
    "HINT_MARK",
    "PASS_MARK",
    "CheckResult",
    "check_conv2d_im2col",
    "check_conv2d_padding",
    "check_conv2d_stride",
    "check_conv_param_count",
    "check_doubler",
    "check_layer_param_shapes",
    "check_layer_separable_block",
    "check_layer_sobel_x",
    "check_layer_stack",
    "check_layer_target_shape",
    "check_output_element",
    "check_stride_output_size",
    "check_stride_same_padding",
    "check_stride_target_size",
    "check_stride_unreached_rows",
    "check_two_convs",
    "report",
]
