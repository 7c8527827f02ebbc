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


# --- Exercise checks: lesson 4 ----------------------------------------------------------


# --- Exercise checks: lesson 5 ----------------------------------------------------------


# --- Lesson 5: figure and training messages ----------------------------------------------
