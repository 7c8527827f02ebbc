"""Automatic checks for the lessons' exercises: a shared core and one module per lesson.

Each check compares a learner's answer with torch on random cases drawn from a fixed seed,
prints a pass or a one-line hint, and returns a ``CheckResult`` that is true when the answer
passed. A check never raises: a wrong or malformed answer gets a hint, not a traceback.
"""

from convcourse.checks import core as _core
from convcourse.checks.core import CheckResult, Hint, check, report
from convcourse.checks.lesson1 import (
    check_conv_param_count,
    check_doubler,
    check_layer_stack,
    check_parameter_count_prediction,
    check_predict,
    check_record_shapes,
    check_small_net,
    check_two_convs,
)
from convcourse.checks.lesson2 import (
    check_conv2d_im2col_stride_padding,
    check_conv2d_padding,
    check_conv2d_shape_prediction,
    check_conv2d_single,
    check_conv2d_stride,
    check_output_element,
)
from convcourse.checks.lesson3 import (
    check_halving_conv,
    check_output_size,
    check_same_padding,
    check_stride_padding_for_target,
    check_strided_size_prediction,
    check_unreached_rows,
)
from convcourse.checks.lesson4 import (
    check_box_blur_layer,
    check_conv_for_target_shape,
    check_output_shape_prediction,
    check_param_shapes,
    check_separable_block,
    check_sobel_x_layer,
)
from convcourse.checks.lesson5 import (
    check_halving_pool,
    check_pool_output_size,
    check_pool_shape_prediction,
)
from convcourse.checks.lesson6 import (
    check_doubling_layer,
    check_receptive_field_prediction,
    check_transposed_output_size,
)
from convcourse.checks.lesson7 import (
    check_bias_gradient,
    check_conv_macs,
    check_fixed_conv2d,
    check_input_gradient,
    check_learn_layer,
    check_shift_prediction,
)
from convcourse.checks.lesson8 import (
    check_cnn_shapes_prediction,
    check_missing_keys_prediction,
    check_rename_keys,
    check_train_one_epoch,
)


def __getattr__(name: str):
    # PASS_MARK and HINT_MARK: the active language's marks, read when asked (see checks.core).
    if name in ("PASS_MARK", "HINT_MARK"):
        return getattr(_core, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "CheckResult",
    "HINT_MARK",
    "Hint",
    "PASS_MARK",
    "check",
    "check_bias_gradient",
    "check_box_blur_layer",
    "check_cnn_shapes_prediction",
    "check_conv2d_im2col_stride_padding",
    "check_conv2d_padding",
    "check_conv2d_shape_prediction",
    "check_conv2d_single",
    "check_conv2d_stride",
    "check_conv_for_target_shape",
    "check_conv_macs",
    "check_conv_param_count",
    "check_doubler",
    "check_doubling_layer",
    "check_fixed_conv2d",
    "check_halving_conv",
    "check_halving_pool",
    "check_input_gradient",
    "check_layer_stack",
    "check_learn_layer",
    "check_missing_keys_prediction",
    "check_output_element",
    "check_output_shape_prediction",
    "check_output_size",
    "check_param_shapes",
    "check_parameter_count_prediction",
    "check_pool_output_size",
    "check_pool_shape_prediction",
    "check_predict",
    "check_receptive_field_prediction",
    "check_record_shapes",
    "check_rename_keys",
    "check_same_padding",
    "check_separable_block",
    "check_shift_prediction",
    "check_small_net",
    "check_sobel_x_layer",
    "check_stride_padding_for_target",
    "check_strided_size_prediction",
    "check_train_one_epoch",
    "check_transposed_output_size",
    "check_two_convs",
    "check_unreached_rows",
    "report",
]
