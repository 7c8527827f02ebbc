"""Every word the helper package shows a reader, in one place.

The explorer, the animation gallery and the exercise checks take their words from here: labels,
messages, captions, button names, text-alternative templates and the checks' verdicts and hints.
The Chinese edition translates this module (and nothing else) to localise the package.
Templates use ``str.format`` fields; the ones the static page's script fills in use the same
``{name}`` fields (``explorer_static.js`` replaces them), so a translator edits one syntax.
"""

from __future__ import annotations

# --- Controls (sliders, buttons) ---------------------------------------------------------
LABEL_INPUT = "Input size"
LABEL_KERNEL = "Kernel size"
LABEL_PADDING = "Padding"
LABEL_STRIDE = "Stride"
LABEL_DILATION = "Dilation"
LABEL_STEP = "Step"
LABEL_PLAY = "Play"
BUTTON_PLAY = "Play"
BUTTON_PAUSE = "Pause"
BUTTON_STEP = "Step"
PLAY_ACCESSIBLE_NAME = "Play the animation of {case}"
PAUSE_ACCESSIBLE_NAME = "Pause the animation of {case}"
STEP_ACCESSIBLE_NAME = "Show the next step of {case}"
REDUCED_MOTION_NOTE = (
    "Your system asks for reduced motion, so Play is off: use Step to move one position at a time."
)

# --- Text lines beside the picture -------------------------------------------------------
OUTPUT_SHAPE = "Output shape: {rows} × {cols}"
STEP_COUNTER = "Step {step} of {total}"
FRAME_COUNTER = "Frame {frame} of {total}"
# The call is code and stays English; the comment after it is prose.
CALL = "F.conv2d(x, w, stride={stride}, padding={padding}, dilation={dilation})"
CALL_TRANSPOSED = "F.conv_transpose2d(x, w, stride={stride}, padding={padding})"
CALL_SHAPES = "x: {x_shape}, w: {w_shape} → output: {out_shape}"
# One multiply-and-sum, e.g. "output[0, 1] = 2×1 + 0×2 + … = 7".
TERMS = "output[{row}, {col}] = {terms} = {total}"
TERM = "{x}×{w}"
TERM_JOINER = " + "
UNREACHED = "Never read by the kernel: rows {rows}; columns {cols} (marked ✕)."
UNREACHED_NONE = "Every row and column of the padded input is read at least once."
NONE_LIST = "none"
LIST_JOINER = ", "

# --- Legend (words live here, not in the picture) ----------------------------------------
LEGEND_TITLE = "How to read the picture"
LEGEND_PANELS = "Left to right: the padded input, the kernel, the output."
LEGEND_PADDING = "Dashed, hatched cells: the padding (zeros added around the input)."
LEGEND_WINDOW = "Thick blue outline: where the kernel sits; dots mark the cells it multiplies."
LEGEND_OUTPUT = "Thick orange outline: the output cell this step computes."
LEGEND_UNREACHED = "Cross-hatched cells with ✕: rows or columns no step of the kernel reads."
LEGEND = (LEGEND_PANELS, LEGEND_PADDING, LEGEND_WINDOW, LEGEND_OUTPUT, LEGEND_UNREACHED)
# The gallery's transposed convolutions add two lines to its key.
LEGEND_INSERTED = (
    "Dotted cells (transposed convolution): the zeros inserted between the input's cells."
)
LEGEND_FLIPPED = (
    "In a transposed convolution the kernel panel shows the kernel flipped by 180°, as it slides."
)
GALLERY_LEGEND = LEGEND + (LEGEND_INSERTED, LEGEND_FLIPPED)

# --- Text alternatives -------------------------------------------------------------------
SVG_TITLE = (
    "Convolution of a {i_rows} × {i_cols} input padded by {padding} with a {k_rows} × {k_cols} "
    "kernel, stride {stride}, dilation {dilation}: the output is {o_rows} × {o_cols}."
)
SVG_TITLE_TRANSPOSED = (
    "Transposed convolution of a {i_rows} × {i_cols} input with a {k_rows} × {k_cols} kernel, "
    "stride {stride}, padding {padding}, drawn as a direct convolution: the input stretched to "
    "{s_rows} × {s_cols} by inserted zeros, padded by {ring} on every side, under the kernel "
    "flipped by 180° with stride 1: the output is {o_rows} × {o_cols}."
)
SVG_STEP = "The kernel covers the window for output row {row}, column {col}, which equals {total}."
ANNOUNCE = (
    "Input {input}, padding {padding}, stride {stride}, kernel {kernel}, dilation {dilation}: "
    "output {rows} × {cols}."
)

# --- Impossible combinations -------------------------------------------------------------
TOO_SMALL = "The {what} must be at least {least}; it is {value}."
KERNEL_TOO_BIG = (
    "This kernel does not fit: with dilation {dilation} a {kernel}-wide kernel spans "
    "{span} cells, but the padded input is only {padded} wide ({size} + 2 × padding {padding}). "
    "Make the kernel or the dilation smaller, or the padding larger."
)
STEP_OUT_OF_RANGE = "There are only {total} steps (0 to {last}); step {step} does not exist."
TRANSPOSED_SQUARE_KERNEL = (
    "The transposed-convolution picture needs a square kernel; this one is {rows} × {cols}."
)
TRANSPOSED_PADDING_TOO_BIG = (
    "The transposed-convolution picture pads the input by kernel size − 1 − padding, so the "
    "padding can be at most {most} for a {kernel}-wide kernel; it is {padding}."
)
TRANSPOSED_NO_OUTPUT = (
    "This transposed convolution has no output: ({size} − 1) × stride {stride} − 2 × padding "
    "{padding} + kernel {kernel} = {out}, less than 1. Make the padding smaller."
)
TRANSPOSED_MISMATCH = (
    "The picture's direct convolution disagrees with F.conv_transpose2d (stride {stride}, "
    "padding {padding}); nothing is drawn rather than a wrong number."
)
WHAT_INPUT = "input size"
WHAT_KERNEL = "kernel size"
WHAT_STRIDE = "stride"
WHAT_DILATION = "dilation"
WHAT_PADDING = "padding"
NOT_A_NUMBER = "The {what} must be a whole number; it is {value!r}."
BAD_VALUES = "The {what} values must be a non-empty rectangle of numbers."

# --- Gallery -----------------------------------------------------------------------------
GALLERY_TITLE = "Animation gallery"
GALLERY_CAPTION = (
    "{title}: a {i} × {i} input, a {k} × {k} kernel, padding {p}, stride {s}, dilation {d}: "
    "a {o_rows} × {o_cols} output."
)
GALLERY_CAPTION_TRANSPOSED = (
    "{title}: F.conv_transpose2d(x, w, stride={s}, padding={p}) of a {i} × {i} input with a "
    "{k} × {k} kernel, drawn as a direct convolution: inserting stride − 1 = {zeros} zeros "
    "between neighbouring input cells gives a {st} × {st} stretched input, padding it by "
    "kernel − 1 − padding = {q} on every side makes it {n} × {n}, and the kernel, flipped by "
    "180°, slides over it with stride 1: a {o_rows} × {o_cols} output."
)
CASE_TITLES = {
    "no-padding-no-strides": "No padding, no strides",
    "arbitrary-padding": "Arbitrary padding",
    "half-padding": "Half (same) padding",
    "full-padding": "Full padding",
    "no-padding-strides": "No padding, with strides",
    "padding-strides": "Padding, with strides",
    "padding-strides-odd": "Padding, with strides (the odd case)",
    "dilation": "Dilation",
    "transposed-no-padding-no-strides": "Transposed convolution, no padding, unit strides",
    "transposed-strides": "Transposed convolution with strides",
}

# --- Exercise checks: the verdict lines and the hints every lesson shares ------------------
CHECK_PASS_MARK = "✅"
CHECK_HINT_MARK = "❌"
CHECK_PASSED = "{mark} {exercise}: correct."
CHECK_FAILED = "{mark} {exercise}: not yet. Hint: {hint}"
# When a check meets something it did not foresee: still one line, never a traceback.
CHECK_HINT_UNEXPECTED = (
    "the check could not use your answer ({error}: {message}). Check the type of what you return."
)
CHECK_WHAT_IT = "calling it"
CHECK_WHAT_ITEM = "item {index} of {what}"
CHECK_DESCRIBE_TENSOR = "a tensor of shape {shape} and dtype {dtype}"
CHECK_DESCRIBE_VALUE = "a {type} ({value})"
CHECK_HINT_NONE_NOT_CALLABLE = "{what} could not be called: the answer is None, not a function."
CHECK_HINT_NOT_CALLABLE = "{what} could not be called: the answer is a {type}, not a function or class."
CHECK_HINT_RAISED = "{what} raised {error}: {message}"
CHECK_HINT_RETURNED_NONE = (
    "{what} gave None; fill in the body so that it returns a value (is a return statement missing?)."
)
CHECK_HINT_NOT_A_NUMBER = "{what} gave {got}; expected one number."
CHECK_HINT_NOT_ONE_NUMBER = (
    "{what} gave {got}; expected one number (is a .sum() missing?)."
)
CHECK_HINT_COMPLEX = "{what} gave a complex number; expected a real one."
CHECK_HINT_NOT_FINITE = "{what} gave {value}; expected a finite number."
CHECK_HINT_NOT_FINITE_TENSOR = "{what} contains NaN or infinity; expected finite numbers."
CHECK_HINT_NOT_WHOLE = "{what} gave {value}, a float; expected a whole number (use // to divide)."
CHECK_HINT_NOT_A_SEQUENCE = "{what} gave {got}; expected a list of whole numbers."
CHECK_HINT_WRONG_LENGTH = "{what} should have {length} items; it has {got}."
CHECK_HINT_NOT_A_TENSOR = "{what} gave {got}; expected a torch.Tensor."
CHECK_HINT_WRONG_KIND = "{what} has dtype {dtype}; expected a {kind} tensor."
CHECK_HINT_WRONG_SHAPE = "{what} has shape {got}; expected {want}."
CHECK_HINT_VALUES_DIFFER = (
    "{what} has the right shape, but its values differ from torch's (by up to {worst:.3g})."
)
CHECK_HINT_INSTANCE_NOT_CLASS = (
    "{what}: pass the class itself (MyModule), not an object built from it (MyModule())."
)
CHECK_HINT_NOT_A_MODULE_CLASS = "{what}: expected a class that subclasses nn.Module; got {got}."
CHECK_HINT_NOT_A_MODULE = "{what} gave {got}; expected an nn.Module."

# --- Exercise checks: lesson 1 ----------------------------------------------------------


# --- Exercise checks: lesson 2 ----------------------------------------------------------


# --- Exercise checks: lesson 3 ----------------------------------------------------------
CHECK3_OUTPUT_SIZE = "Output-size formula"
CHECK3_SAME_PADDING = "Same padding"
CHECK3_UNREACHED_ROWS = "Unreached rows"
CHECK3_TARGET_SIZE = "Reach a target size"
CHECK3_RF_PREDICTION = "Receptive field with strides"
CHECK3_HALVING = "A layer that halves the size"
CHECK3_CASE_IKSPD = "i={i}, k={k}, s={s}, p={p}, d={d}"
CHECK3_WHAT_CALL = "{name}({case})"
CHECK3_WHAT_PREDICTION = "your prediction"
CHECK3_WHAT_LAYER = "your layer on an input of shape {shape}"
CHECK3_HINT_SIZE_DIFFERS = "{what} gave {got}; torch gives {want}."
CHECK3_HINT_DILATION_SPAN = "With dilation the kernel spans d*(k-1)+1 input positions, not k."
CHECK3_HINT_COUNT_POSITIONS = (
    "Count the positions where the window fits in the padded input, then step by s."
)
CHECK3_HINT_NEGATIVE_PADDING = "{what} gave {got}; padding is a whole number >= 0."
CHECK3_HINT_SAME_PADDING = (
    "with k={k}, d={d}, padding {p}, an input of size {i} gives {out} in torch. The kernel spans "
    "d*(k-1)+1 positions and loses d*(k-1) of them; share that between the two sides."
)
CHECK3_HINT_UNREACHED = (
    "{what} gave {got}; torch's autograd finds {want}. Window j covers padded rows j*s .. j*s+k-1; "
    "subtract p to get input rows. When s > k there are gaps between windows too."
)
CHECK3_HINT_TARGET_RANGE = (
    "{what} gave stride {s} and padding {p}; the stride must be at least 1 and the padding "
    "between 0 and k - 1."
)
CHECK3_HINT_TARGET_MISSED = (
    "{what}: stride {s} and padding {p} give {out} in torch. Try each stride from 1 up and each "
    "padding from 0 to k - 1, and keep the first pair whose output size is the target."
)
CHECK3_HINT_RF_NO_STRIDES = (
    "{got} is the answer for three stride-1 layers. After a stride-2 layer, neighbouring outputs "
    "are 2 input rows apart, so one more row of the next kernel reaches 2 rows further: "
    "r_out = r_in + (k - 1) * j_in, and j_out = j_in * s."
)
CHECK3_HINT_PREDICTION_NONE = "replace None with your prediction: one whole number."
CHECK3_HINT_RF_WRONG = (
    "{got} is not what autograd measures. Go layer by layer from r = 1, j = 1: "
    "r_out = r_in + (k - 1) * j_in, then j_out = j_in * s."
)
CHECK3_HINT_HALVING_SAME = (
    "padding='same' refuses a stride above 1. Give the padding as a number: which padding makes "
    "floor((i + 2p - 3) / 2) + 1 equal ceil(i / 2)?"
)
CHECK3_HINT_NOT_A_CONV = "{what} gave a {got}; return an nn.Conv2d."
CHECK3_HINT_HALVING_KERNEL = "the kernel size is {got}; keep kernel_size=3 and change another argument."
CHECK3_HINT_HALVING_SHAPE = (
    "on an input of shape {shape} your layer gives {got}; expected {want} (same channels, "
    "height and width ceil(i / 2))."
)
# Errors of convcourse.receptive_field
RF_NOT_AN_INT = "{name} must be a whole number, got {value}"
RF_TOO_SMALL = "{name} must be at least {minimum}, got {value}"
RF_BAD_LAYER = (
    "each layer is a tuple (kernel_size, stride), (kernel_size, stride, padding) or "
    "(kernel_size, stride, padding, dilation); got {layer}"
)
RF_BAD_LAYERS = "layers must be a list of tuples (kernel_size, stride, ...); got {layers}"


# --- Exercise checks: lesson 4 ----------------------------------------------------------
CHECK4_PARAM_SHAPES = "Weight shape and parameter count"
CHECK4_TARGET_SHAPE = "Conv2d for a target shape"
CHECK4_SEPARABLE = "Depthwise-separable block"
CHECK4_SOBEL = "Sobel edge detector"
CHECK4_SHAPE_PREDICTION = "Predict the output shape"
CHECK4_BOX_BLUR = "Box blur layer"
CHECK4_CASE_CONV = "Conv2d({c_in}, {c_out}, kernel_size={kernel}, groups={groups}, bias={bias})"
CHECK4_WHAT_SHAPES_FN = "your function for {case}"
CHECK4_WHAT_WEIGHT_SHAPE = "the weight shape from {what}"
CHECK4_WHAT_BIAS_SHAPE = "the bias shape from {what}"
CHECK4_WHAT_COUNT = "the parameter count from {what}"
CHECK4_WHAT_BUILD = "your function({case})"
CHECK4_WHAT_RUN = "your module on an input of shape {shape}"
CHECK4_WHAT_BLOCK_OUTPUT = "the block's output for {case}"
CHECK4_WHAT_LAYER_OUTPUT = "your layer's output"
CHECK4_WHAT_PREDICTION = "your prediction"
CHECK4_HINT_NOT_A_TRIPLE = "{what} should return a triple (weight_shape, bias_shape or None, count)."
CHECK4_HINT_WEIGHT_SHAPE = (
    "for {case} your weight shape is {got}; torch has {want}. "
    "The weight is (out_channels, in_channels // groups, kH, kW)."
)
CHECK4_HINT_BIAS_SHAPE = "for {case} your bias shape is {got}; torch has {want}."
CHECK4_HINT_COUNT = (
    "for {case} your parameter count is {got}; torch counts {want}. "
    "Multiply out the weight shape, then add the bias if there is one."
)
CHECK4_HINT_NOT_A_CONV = "{what} gave a {got}; return an nn.Conv2d."
CHECK4_HINT_NOT_A_MODULE = (
    "{what} gave a {got}; return an nn.Module, e.g. nn.Sequential(depthwise, pointwise)."
)
CHECK4_HINT_TARGET_SHAPE = (
    "for {in_shape} -> {out_shape} your layer gives {got}. out_channels sets dimension 1; "
    "kernel_size, stride and padding set the height and width (o = floor((i + 2p - k) / s) + 1)."
)
CHECK4_HINT_TWO_CONVS = "{what} holds {count} nn.Conv2d layers; a separable block needs 2."
CHECK4_HINT_ROLES = (
    "{what} holds layers with weights {shapes}. A depthwise layer has groups=in_channels and weight "
    "({c_in}, 1, {k}, {k}); a pointwise layer is a 1 x 1 convolution with weight ({c_out}, {c_in}, 1, 1)."
)
CHECK4_HINT_SEPARABLE_VALUES = (
    "Apply the depthwise layer first (zero padding k // 2), then the pointwise one, with nothing "
    "between them."
)
CHECK4_HINT_SOBEL_SHAPE = (
    "your layer gives shape {got}, expected {want}: use kernel_size=3, no padding, stride 1."
)
CHECK4_HINT_SOBEL_FLIPPED = (
    "the sign is flipped: conv2d does not flip the kernel, so the +1, +2, +1 column goes on the "
    "right (column 2)."
)
CHECK4_HINT_BIAS_NOT_ZERO = "set the bias to zero (or build the layer with bias=False)."
CHECK4_HINT_SOBEL_VALUES = (
    "The weights are not the Sobel x kernel: columns (-1, -2, -1), (0, 0, 0), (+1, +2, +1) from "
    "left to right. Set layer.weight under torch.no_grad()."
)
CHECK4_HINT_SHAPE_SWAPPED = (
    "{got} is the shape you get when the tuples are read as (width, height). PyTorch reads "
    "kernel_size=(3, 5) and stride=(2, 1) as (height, width)."
)
CHECK4_HINT_SHAPE_WRONG = (
    "{got} is not torch's shape. Keep the batch size, take out_channels as the channels, and use "
    "o = floor((i - k) / s) + 1 for the height and the width separately."
)
CHECK4_HINT_PREDICTION_NONE = "replace None with your prediction: a tuple of four whole numbers."
CHECK4_HINT_BLUR_ASSIGN = (
    "layer.weight = <a tensor> raises: a layer's weight is an nn.Parameter. Change its values in "
    "place under torch.no_grad() instead (layer.weight.fill_(...) or layer.weight.copy_(...))."
)
CHECK4_HINT_BLUR_SHAPE = "your layer gives shape {got}, expected {want}: pad by 1 to keep the size."
CHECK4_HINT_BLUR_SUM = "your layer sums the 3 x 3 window; a mean divides that sum by 9."
CHECK4_HINT_BLUR_VALUES = (
    "Every one of the nine weights is 1/9. A layer's weight is a Parameter: change its values in "
    "place under torch.no_grad() (weight.fill_ or weight.copy_), do not assign a new tensor."
)


# --- Exercise checks: lesson 5 ----------------------------------------------------------


# --- Lesson 5: figure and training messages ----------------------------------------------
