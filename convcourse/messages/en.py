"""English: every word the helper package shows a reader, in one place (the source catalogue).

The explorer, the animation gallery and the exercise checks take their words from here: labels,
messages, captions, button names, text-alternative templates and the checks' verdicts and hints.
The Chinese edition translates this module (and nothing else) to localise the package: the
catalogue convcourse/locale/zh_CN/LC_MESSAGES/convcourse.po holds a translation of every string
here, its context the message's name (``python tools/translate.py package`` updates it from this
file and compiles it). Code reads them through
``convcourse.messages`` (``messages.NAME``), which gives the active language's text.
Templates use ``str.format`` fields; the ones the static page's script fills in use the same
``{name}`` fields (``convcourse/explorer/assets/convcourse.js`` replaces them), so a translator
edits one syntax.
"""

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
# A button's accessible name holds its visible word (WCAG 2.5.3, "label in name": a user of
# speech input says what they see), in every language.
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
# Two sentences side by side (a picture's title and its step; a caption and its question).
SENTENCE_JOINER = " "
# What a screen reader hears after Step: the step counter, then the multiply-and-sum.
ANNOUNCE_STEP = "{counter}. {terms}"

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
WHAT_STEP = "step"
NOT_A_NUMBER = "The {what} must be a whole number; it is {value!r}."
BAD_VALUES = "The {what} values must be a non-empty rectangle of numbers."
TOO_BIG = "The {what} can be at most {most} here (a larger picture is unreadable); it is {value}."
UNKNOWN_SETTING = "The explorer has no setting {name!r}; its settings are {names}."
# Seeding (convcourse.set_seed): numpy takes seeds from 0 to 2**32 - 1 only.
SEED_NOT_A_NUMBER = "The seed must be a whole number from 0 to {most}; it is {value!r}."
SEED_OUT_OF_RANGE = "The seed must be from 0 to {most}; it is {value}."

# --- Gallery -----------------------------------------------------------------------------
GALLERY_TITLE = "Animation gallery"
# The caption gives the setting, not the output size: lesson 3's exercises ask the reader to
# predict it. The size (and the output panel) appears after a step, Play, or the answer's toggle.
GALLERY_CAPTION = (
    "{title}: a {i} × {i} input, a {k} × {k} kernel, padding {p}, stride {s}, dilation {d}."
)
GALLERY_CAPTION_TRANSPOSED = (
    "{title}: F.conv_transpose2d(x, w, stride={s}, padding={p}) of a {i} × {i} input with a "
    "{k} × {k} kernel, drawn as a direct convolution: inserting stride − 1 = {zeros} zeros "
    "between neighbouring input cells gives a {st} × {st} stretched input, padding it by "
    "kernel − 1 − padding = {q} on every side makes it {n} × {n}, and the kernel, flipped by "
    "180°, slides over it with stride 1."
)
GALLERY_PREDICT = "Predict the output size first; Step, Play or the answer below shows it."
GALLERY_ANSWER_SUMMARY = "Show the output size"
GALLERY_ANSWER = "A {o_rows} × {o_cols} output."
GALLERY_UNKNOWN_KIND = "The gallery has no kind {kind!r}; its kinds are {kinds}."
# The frame counter before the output size is shown (the total would give it away).
FRAME_COUNTER_HIDDEN = "Frame {frame}"
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

# --- Pooling animations (lesson 5: convcourse.explorer.gallery.show_pooling) -------------
POOL_TITLES = {
    "max-2-stride-2": "Max pooling, windows side by side",
    "max-3-stride-1": "Max pooling, overlapping windows",
    "avg-2-stride-2": "Average pooling",
    "max-3-ceil": "Max pooling with ceil_mode=True",
}
# The caption gives the setting only: the reader predicts the output size first.
POOL_CAPTION = "{title}: {call} of a {i} × {i} input, a {k} × {k} window moving by {s}."
POOL_CALL_MAX = "F.max_pool2d(x, kernel_size={k}, stride={s}, ceil_mode={ceil})"
POOL_CALL_AVG = "F.avg_pool2d(x, kernel_size={k}, stride={s}, ceil_mode={ceil})"
POOL_TERMS_MAX = "output[{row}, {col}] = max({terms}) = {total}"
POOL_TERMS_AVG = "output[{row}, {col}] = mean({terms}) = {total}"
POOL_TERM = "{x}"
POOL_TERM_JOINER = ", "
POOL_SVG_TITLE_MAX = (
    "Max pooling of a {i_rows} × {i_cols} input with a {k} × {k} window, stride {s}, {call}: "
    "the output is {o_rows} × {o_cols}."
)
POOL_SVG_TITLE_AVG = (
    "Average pooling of a {i_rows} × {i_cols} input with a {k} × {k} window, stride {s}, "
    "{call}: the output is {o_rows} × {o_cols}."
)
POOL_SVG_STEP = "The window for output row {row}, column {col} gives {total}."
POOL_LEGEND_PANELS = (
    "Left: the input; right: the output. A pooling window has no weights, so there is no "
    "kernel panel."
)
POOL_LEGEND_WINDOW = (
    "Thick blue outline: the window; its output cell is the largest (max pooling) or the mean "
    "(average pooling) of the input numbers inside it."
)
POOL_LEGEND_OUTSIDE = (
    "Dashed empty cells: past the input's edge, where a window with ceil_mode=True hangs over; "
    "nothing there is read."
)
POOL_LEGEND_UNREACHED = "Cross-hatched cells with ✕: input rows or columns no window reads."
POOL_LEGEND = (POOL_LEGEND_PANELS, POOL_LEGEND_WINDOW, LEGEND_OUTPUT, POOL_LEGEND_OUTSIDE,
               POOL_LEGEND_UNREACHED)
WHAT_WINDOW = "window size"
POOL_UNKNOWN_MODE = "Pooling has no mode {mode!r}; its modes are {modes}."
POOL_MISMATCH = (
    "pool_output_size disagrees with torch's pooling (window {k}, stride {s}, ceil_mode={ceil}); "
    "nothing is drawn rather than a wrong number."
)

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
CHECK_DESCRIBE_VALUE = "{value} (of type {type})"
CHECK_DESCRIBE_FUNCTION = "the function {name}"
CHECK_DESCRIBE_LAMBDA = "a lambda function"
CHECK_DESCRIBE_CLASS = "the class {name}"
CHECK_DESCRIBE_OBJECT = "an object of type {type}"
CHECK_DESCRIBE_MODULE = "a module of class {type}"
CHECK_HINT_MODULE_NOT_FUNCTION = (
    "your answer is {got}, not a function: pass the function itself (its name, without "
    "parentheses); the check calls it."
)
CHECK_EXPECTED_NUMBER = "one number"
CHECK_EXPECTED_NUMBERS = "a list of whole numbers"
# A function (or class) passed where a value is due: often a prediction written as a function.
CHECK_HINT_FUNCTION_NOT_VALUE = (
    "{what} is {got}; expected {expected}, not a function or a class."
)
CHECK_HINT_NONE_NOT_CALLABLE = "{what} could not be called: the answer is None, not a function."
CHECK_HINT_NOT_CALLABLE = (
    "{what} could not be called: the answer is of type {type}, not a function or class."
)
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
CHECK_HINT_PREDICTION_NONE = "{what} is None: write your prediction, then run the check."
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
CHECK1_DOUBLER = "Doubler"
CHECK1_PARAM_COUNT = "Parameter count"
CHECK1_LAYER_STACK = "Registered layers"
CHECK1_TWO_CONVS = "Two convolutions"
CHECK1_SHAPE_RECORDER = "Shape recorder with hooks"
CHECK1_PREDICT_EVAL = "Prediction in evaluation mode"
CHECK1_SMALL_NET = "Debug SmallNet"
CHECK1_WHAT_BUILD = "{name}"
CHECK1_WHAT_CALL_SHAPE = "model(x) for x of shape {shape}"
CHECK1_WHAT_COUNT = "count_fn(in_channels={c_in}, out_channels={c_out}, kernel_size={k}, bias={bias})"
CHECK1_HINT_COUNT = (
    "{what} gave {got}; torch counts {want}. Each output channel has in_channels x k x k weights, "
    "plus one bias if bias=True."
)
CHECK1_HINT_STACK_COUNT = (
    "with n_layers={n_layers}, .parameters() sees {counted} numbers instead of {want}. Keep the "
    "layers in an nn.ModuleList, not a Python list."
)
CHECK1_HINT_STACK_LAYERS = "with n_layers={n_layers} the model registers {got} nn.Linear layers."
CHECK1_HINT_STACK_FORWARD = "The forward should apply every layer in turn."
CHECK1_HINT_STACK_TO = ".to(torch.float64) did not reach every layer."
CHECK1_HINT_TWO_CONVS_COUNT = "found {got} registered nn.Conv2d layers, expected 2."
CHECK1_HINT_TWO_CONVS_IN = "no nn.Conv2d layer takes the {c_in} input channels."
CHECK1_HINT_TWO_CONVS_PLAIN = (
    "use no padding and stride 1 (a layer has padding={padding}, stride={stride})."
)
CHECK1_HINT_TWO_CONVS_SHAPE = (
    "the output has shape {got}, expected {want}. Without padding, each k x k kernel shrinks "
    "height and width by k - 1."
)
CHECK1_HINT_TWO_CONVS_VALUES = (
    "The forward should be relu(conv2(relu(conv1(x)))): each layer once, a ReLU after each."
)
CHECK1_WHAT_RECORDER = "record_fn(model, x)"
CHECK1_HINT_RECORDER_LIST = "record_fn should return a list of shapes; it returned an object of type {type}."
CHECK1_HINT_RECORDER_ITEM = "each item should be a shape (a tuple or torch.Size); one is of type {type}."
CHECK1_HINT_RECORDER_SHAPES = (
    "you recorded {got} shapes; the model has {want} modules without sub-modules. Put a forward "
    "hook on each of them, and append tuple(output.shape) in the order they run."
)
CHECK1_HINT_RECORDER_REMOVE = (
    "the shapes are right, but hooks are still registered: call handle.remove() on every handle."
)
CHECK1_WHAT_PREDICT = "predict_fn(model, x)"
CHECK1_MODE_TRAIN = "training mode"
CHECK1_MODE_EVAL = "evaluation mode"
CHECK1_HINT_PREDICT_RESTORE = (
    "the model was in {mode} before the call and is not after it: remember model.training and "
    "call model.train(was_training) at the end."
)
CHECK1_HINT_PREDICT_DROPOUT = "Dropout was still active: call model.eval() first."
CHECK1_HINT_PREDICT_GRAD = (
    "the output still tracks gradients: compute it inside  with torch.no_grad():"
)
CHECK1_HINT_SMALL_NET_LAYERS = (
    "SmallNet should have 2 nn.Conv2d layers and 1 nn.Linear layer; it has {convs} and {linears}."
)
CHECK1_HINT_SMALL_NET_CHANNELS = (
    "the first convolution gives {out} channels, but the second expects {inp}."
)
CHECK1_HINT_SMALL_NET_SPEC = (
    "keep the layers of the exercise: Conv2d(1, 8, 3) and Conv2d(8, 4, 3), with no padding and "
    "stride 1, and a Linear layer to 10 classes."
)
CHECK1_HINT_SMALL_NET_FEATURES = (
    "the linear layer expects {got} features, but the flattened feature maps have {want}."
)
CHECK1_HINT_SMALL_NET_VALUES = (
    "The forward should be conv1, ReLU, conv2, ReLU, flatten, linear, each once."
)

# --- Exercise checks: lesson 1, predicting what .parameters() sees ------------------------
CHECK1_PARAMETER_PREDICTION = "Prediction: what parameters() sees"
CHECK1_WHAT_PARAMETER_PREDICTION = "your predicted count"
CHECK1_HINT_PARAMETER_PREDICTION_LIST = (
    "{got} counts the layers in the plain list too, but .parameters() does not see them."
)
CHECK1_HINT_PARAMETER_PREDICTION_BIAS = "{got} leaves out the biases: each output channel has one."
CHECK1_HINT_PARAMETER_PREDICTION = (
    "{got} is not it. Which layers does the module register, and how many numbers does each one "
    "hold (out x in x k x k + out)?"
)

# The line-by-line tracer of lesson 1 (convcourse.tracing.trace_forward).
TRACE_LINE = "{shapes:24} next: {line}"
TRACE_RETURN = "{blank:24} returns {value}"
TRACE_SHAPE = "{name}: {shape}"
TRACE_TENSOR = "a tensor of shape {shape}"
TRACE_SHAPES_JOINER = ", "
TRACE_NOT_A_MODULE = (
    "trace_forward needs a module whose class defines forward in Python; got {type}"
)
# Errors of convcourse.drawing.pipeline (lesson 1's pipeline diagram)
FIGURE_PIPELINE_NO_STEPS = "draw_pipeline needs at least one step: [(name, kind, shape), ...]"
FIGURE_PIPELINE_BAD_STEP = "each step must be a tuple (name, kind, shape); got {step}"
FIGURE_PIPELINE_BAD_KIND = "unknown kind {kind!r} for step {name!r}; use one of {kinds}"
FIGURE_PIPELINE_NOT_A_TENSOR = "measure_steps needs a tensor of shape (N, ...) to run; got {type}"
FIGURE_PIPELINE_BAD_LAYER = "each layer must be a tuple (name, kind, callable); got {layer}"
FIGURE_PIPELINE_LAYER_OUTPUT = "layer {name!r} returned {type}, not a tensor"
# Errors of convcourse.drawing.channels (lesson 2's picture of several channels)
FIGURE_CHANNELS_NOT_TENSORS = (
    "x, weight and output must be tensors; got {x}, {weight} and {output}"
)
FIGURE_CHANNELS_SHAPES = (
    "expected x (C, H, W), weight (O, C, kH, kW) and output (O, H_out, W_out); got {x}, {weight} "
    "and {output}"
)
FIGURE_CHANNELS_MISMATCH = "the channels do not match: x {x}, weight {weight}, output {output}"
FIGURE_CHANNELS_NOT_VALID = (
    "output {output} is not the stride-1, unpadded result of a {height} x {width} input and a "
    "{kh} x {kw} kernel"
)
FIGURE_CHANNELS_CELL = "cell {cell!r} is not in the {out_h} x {out_w} output"
FIGURE_CHANNELS_NOT_FINITE = "x, weight and output must hold finite numbers (no NaN or infinity)"
FIGURE_CHANNELS_TOO_LARGE = (
    "this picture writes every number: keep it to {limit} x {limit} cells per panel and {channels} "
    "channels; got x {x} and weight {weight}"
)

# --- Exercise checks: lesson 2 ----------------------------------------------------------
CHECK2_OUTPUT_ELEMENT = "One output element"
CHECK2_STRIDE = "Stride in the loop version"
CHECK2_PADDING = "Zero padding"
CHECK2_IM2COL = "im2col with stride and padding"
CHECK2_DEBUG_SINGLE = "Debug the loop convolution"
CHECK2_SHAPE_PREDICTION = "Prediction: output shape"
CHECK2_SHAPES = "x of shape {x} and w of shape {w}"
CHECK2_WHAT_ELEMENT = "element_fn(x, w, {i}, {j}) for {shapes}"
CHECK2_WHAT_CALL = "{name}(x, w{extra}) for {shapes}"
CHECK2_HINT_ELEMENT = (
    "{what} gave {got:.4f}; torch gives {want:.4f}. The window starts at row i, column j."
)
CHECK2_HINT_STRIDE = "Output (i, j) reads the window starting at row i*stride, column j*stride."
CHECK2_HINT_PADDING = (
    "Put the input inside a zero tensor with padding extra rows and columns on every side, then "
    "convolve."
)
CHECK2_HINT_IM2COL = (
    "F.unfold gives (N, C*kH*kW, L); multiply by w reshaped to (out_channels, C*kH*kW), then "
    "reshape L to (out_h, out_w)."
)
CHECK2_HINT_DEBUG_SINGLE = (
    "Try a kernel that is not square, such as 2 x 3: the output has H - kH + 1 rows and "
    "W - kW + 1 columns, and the window has kH rows and kW columns."
)
CHECK2_WHAT_PREDICTION = "your predicted shape"
CHECK2_HINT_PREDICT_LEADING = (
    "{got} is not it: the first two numbers are the batch size (kept from x) and the number of "
    "output channels (the first number of w's shape)."
)
CHECK2_HINT_PREDICT_SIZE = (
    "{got} is not it: the batch and channels are right. Padding 1 adds 2 rows and 2 columns, "
    "then a kH x kW kernel fits in H + 2 - kH + 1 rows and W + 2 - kW + 1 columns."
)

# --- Exercise checks: lesson 2, the flipped kernel and im2col with stride and padding -----
CHECK2_HINT_FLIPPED = (
    "{what} gives the true convolution, with the kernel flipped. F.conv2d does not flip it: "
    "multiply x[i + m, j + n] by w[m, n]."
)
CHECK2_HINT_IM2COL_SIZE = (
    "{what} has shape {got}, expected {want}. Pass stride= and padding= to F.unfold, and compute "
    "the output size with them: (H + 2*padding - kH) // stride + 1 rows, and likewise columns."
)

# --- Exercise checks: lesson 3 ----------------------------------------------------------
CHECK3_OUTPUT_SIZE = "Output-size formula"
CHECK3_SAME_PADDING = "Same padding"
CHECK3_UNREACHED_ROWS = "Unreached rows"
CHECK3_TARGET_SIZE = "Reach a target size"
CHECK3_HALVING = "A layer that halves the size"
CHECK3_SIZE_PREDICTION = "The size with a stride that does not divide"
CHECK3_WHAT_PREDICTION = "your prediction"
CHECK3_HINT_PREDICTION_NONE = "replace None with your prediction: one whole number."
CHECK3_HINT_PREDICTION_CEIL = (
    "{got} rounds (i + 2p - k) / s up; the formula takes the floor: a window that does not fit "
    "entirely is not counted."
)
CHECK3_HINT_PREDICTION_NO_PADDING = "{got} leaves the padding out: the padded input has i + 2p positions."
CHECK3_HINT_PREDICTION_WRONG = (
    "{got} is not torch's size. Count the window starts 0, s, 2s, ... while the window still fits "
    "in the i + 2p padded positions."
)
CHECK3_CASE_IKSPD = "i={i}, k={k}, s={s}, p={p}, d={d}"
CHECK3_WHAT_CALL = "{name}({case})"
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
# Figures of lessons 3 and 4 (convcourse.drawing.windows): symbols, not words.
FIGURE_WINDOWS_INPUT_ROW = "x"
FIGURE_WINDOWS_AXIS = "$j$"
FIGURE_TAPS_SIZE = (
    "size must be at least the kernel's span {span} and differ from it by an even number, "
    "so that the kernel sits in the centre; got {size}"
)
FIGURE_TOO_LARGE = "{what} is {size} positions; a picture can show at most {limit}"
# Errors of convcourse.receptive_field
RF_INDEX_OUTSIDE = (
    "output {index} does not exist: the last layer gives {outputs} outputs for an input of "
    "{input_size} (indices 0 .. {last})"
)
RF_DOES_NOT_FIT = (
    "layer {layer} does not fit: the kernel spans {span} positions but its padded input has only "
    "{room}"
)
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
CHECK5_POOL_SIZE = "The pooling output size"
CHECK5_SHAPE_PREDICTION = "Floor or ceiling"
CHECK5_HALVING = "A pooling layer that halves the size"
CHECK5_CASE = "i={i}, k={k}, s={s}, p={p}, d={d}, ceil_mode={ceil_mode}"
CHECK5_WHAT_CALL = "{name}({case})"
CHECK5_WHAT_PREDICTION = "your shape for ceil_mode={mode}"
CHECK5_WHAT_BUILD = "halving_pool()"
CHECK5_WHAT_LAYER = "your layer on an input of shape {shape}"
CHECK5_HINT_SIZE_DIFFERS = "{what} gave {got}; torch gives {want}."
CHECK5_HINT_LAST_WINDOW = (
    "With ceil_mode the last window must still start inside the input or its left padding: "
    "take one away when (o - 1) * s >= i + p."
)
CHECK5_HINT_CEIL = "With ceil_mode the floor becomes a ceiling: a window that hangs over the edge counts."
CHECK5_HINT_DILATION = "With dilation the window spans d*(k-1)+1 positions, not k."
CHECK5_HINT_FORMULA = (
    "Count the window starts as lesson 3 did: floor((i + 2p - d(k-1) - 1) / s) + 1, a ceiling "
    "with ceil_mode."
)
CHECK5_HINT_PREDICTION_NONE = "replace each None with a shape: a tuple of four whole numbers."
CHECK5_HINT_PREDICTION_PAIR = "give two shapes, (the shape without ceil_mode, the shape with it)."
CHECK5_HINT_PREDICTION_CHANNELS = (
    "{what} is {got}: pooling keeps the batch size and the number of channels."
)
CHECK5_HINT_PREDICTION_SIZE = (
    "{what} is {got}: the stride is the window's size, 2; count the window starts in 7 rows, and "
    "with ceil_mode count the one that hangs over the edge too."
)
CHECK5_HINT_NOT_A_MODULE = "{what} gave a {got}; return a pooling layer (an nn.Module)."
CHECK5_HINT_HALVING_PADDING = (
    "PyTorch refuses a padding of more than half the window. Keep kernel_size=2: which option "
    "counts the last, half-filled window of an odd size?"
)
CHECK5_HINT_HALVING_SHAPE = (
    "on an input of shape {shape} your layer gives {got}; expected {want} (height and width "
    "ceil(i / 2))."
)
CHECK5_HINT_HALVING_VALUES = (
    "the shapes are right but not the numbers: keep the largest value of each 2 x 2 window."
)

# --- Exercise checks: lesson 6 ----------------------------------------------------------
CHECK6_RF_PREDICTION = "Receptive field with strides"
CHECK6_TRANSPOSED_SIZE = "The transposed convolution's output size"
CHECK6_DOUBLING = "A layer that doubles the size"
CHECK6_CASE = "i={i}, k={k}, s={s}, p={p}, output_padding={q}, d={d}"
CHECK6_WHAT_CALL = "{name}({case})"
CHECK6_WHAT_PREDICTION = "your prediction"
CHECK6_WHAT_LAYER = "your layer on an input of shape {shape}"
CHECK6_HINT_PREDICTION_NONE = "replace None with your prediction: one whole number."
CHECK6_HINT_RF_NO_STRIDES = (
    "{got} is the answer for three stride-1 layers. After a stride-2 layer, neighbouring outputs "
    "are 2 input rows apart, so one more row of the next kernel reaches 2 rows further: "
    "r_out = r_in + (k - 1) * j_in, and j_out = j_in * s."
)
CHECK6_HINT_RF_WRONG = (
    "{got} is not the number of input rows that reach one output. Go layer by layer from r = 1, "
    "j = 1: r_out = r_in + (k - 1) * j_in, then j_out = j_in * s."
)
CHECK6_HINT_SIZE_DIFFERS = "{what} gave {got}; torch gives {want}."
CHECK6_HINT_OUTPUT_PADDING = "output_padding adds that many positions at the end: add it."
CHECK6_HINT_DILATION = "With dilation the kernel spans d*(k-1)+1 positions, not k."
CHECK6_HINT_FORMULA = (
    "The stretched input has s*(i-1)+1 positions; the kernel then adds d*(k-1), the padding takes "
    "2p away and output_padding adds its own."
)
CHECK6_HINT_NOT_A_MODULE = "{what} gave a {got}; return a layer (an nn.Module)."
CHECK6_HINT_DOUBLING_ONE_SHORT = (
    "on an input of shape {shape} your layer gives {got}, one row and column short of {want}: "
    "with stride 2 the formula gives 2(i - 1) - 2p + d(k - 1) + 1; which output_padding, or which "
    "kernel size, makes it 2i?"
)
CHECK6_HINT_DOUBLING_SHAPE = (
    "on an input of shape {shape} your layer gives {got}; expected {want} (same channels, "
    "height and width 2i)."
)

# --- Exercise checks: lesson 7 ----------------------------------------------------------
CHECK7_SHIFTS = "Shifts that survive a stride of 2"
CHECK7_WHAT_PREDICTION = "your prediction"
CHECK7_HINT_SHIFT_RANGE = "the question is about the shifts 1 to 6; your list contains {value}."
CHECK7_HINT_SHIFT_EXTRA = (
    "torch finds no shift of the output that matches for r = {shifts}: with stride 2 the kernel "
    "positions move by 2 input pixels, so an odd shift lands between them."
)
CHECK7_HINT_SHIFT_MISSING = (
    "for r = {shifts} the output is an exact shifted copy too: a shift by a multiple of the "
    "stride moves the output by r / 2 positions."
)
CHECK7_FIXED_CONV = "FixedConv2d"
CHECK7_CASE_CONV = "FixedConv2d({c_in}, {c_out}, {k}, padding={padding})"
CHECK7_WHAT_BUILD = "building {case}"
CHECK7_WHAT_FORWARD = "the output of {case}"
CHECK7_HINT_WEIGHT_NOT_PARAMETER = (
    "parameters() has no 'weight': a plain tensor is not registered; wrap it in nn.Parameter."
)
CHECK7_HINT_BIAS_NOT_PARAMETER = "parameters() has no 'bias': create it as an nn.Parameter."
CHECK7_HINT_PARAM_SHAPE = "for {case} {name} has shape {got}; nn.Conv2d's has {want}."
CHECK7_HINT_INIT = (
    "for {case}, under the same seed, your initial {name} differs from nn.Conv2d's: draw the "
    "weight, then the bias, uniformly on [-b, b] with b = 1 / sqrt(fan_in), and "
    "fan_in = in_channels * kH * kW."
)
CHECK7_HINT_FORWARD = "Does forward pass the bias and the padding to F.conv2d?"
CHECK7_LEARN_LAYER = "Learning a layer with a bias"
CHECK7_WHAT_LEARN = "learn_layer(inputs, targets, 400)"
CHECK7_WHAT_WEIGHT = "the learned weight"
CHECK7_WHAT_BIAS = "the learned bias"
CHECK7_HINT_NOT_CONV = "learn_layer returned a {got}; return the trained nn.Conv2d(2, 3, 3, padding=1)."
CHECK7_HINT_LEARN_SHAPE = (
    "the returned layer has weight shape {got} or no bias; build nn.Conv2d(2, 3, 3, padding=1)."
)
CHECK7_HINT_NOT_LEARNED = (
    "the learned weight or bias is still up to {worst:.3g} away from the hidden layer's: does the "
    "loop call zero_grad(), backward() and step() at every step? Try Adam with lr=0.05."
)
CHECK7_MACS = "Multiply-accumulates of a Conv2d"
CHECK7_CASE_MACS = "{layer} on {shape}"
CHECK7_WHAT_MACS = "conv_macs for {case}"
CHECK7_HINT_MACS_FLOPS = (
    "for {case} you counted twice the MACs: a multiply-accumulate is one multiplication and one "
    "addition together."
)
CHECK7_HINT_MACS_GROUPS = (
    "for {case} your count is groups times too large: each output sums over in_channels / groups "
    "channels only."
)
CHECK7_HINT_MACS_BATCH = "for {case} multiply by the batch size N too."
CHECK7_HINT_MACS = (
    "for {case} you give {got}, torch counts {want}. MACs = N * C_out * H_out * W_out * "
    "(C_in / groups) * kH * kW, with H_out and W_out from lesson 3's formula."
)
CHECK7_INPUT_GRADIENT = "The input gradient of a dilated convolution"
CHECK7_CASE_GRADIENT = "stride {stride}, padding {padding}, dilation {dilation}, input {height} x {width}"
CHECK7_WHAT_GRADIENT = "input_gradient for {case}"
CHECK7_HINT_GRADIENT_SHAPE = (
    "for {case} your gradient has shape {got}, the input has {want}: set output_padding to the "
    "rows and columns the stride dropped: input size - ((H_out - 1) * stride - 2 * padding "
    "+ dilation * (k - 1) + 1)."
)
CHECK7_HINT_GRADIENT_VALUES = (
    "Use F.conv_transpose2d(grad_out, weight, stride=stride, padding=padding, "
    "output_padding=..., dilation=dilation) with the same weight, not flipped."
)
CHECK7_BIAS_GRADIENT = "The bias gradient"
CHECK7_WHAT_BIAS_GRADIENT = "bias_gradient for grad_out of shape {shape}"
CHECK7_HINT_BIAS_GRADIENT_SHAPE = (
    "{what} gave shape {got}; the bias has {want}: one number per output channel."
)
CHECK7_HINT_BIAS_GRADIENT_VALUES = (
    "bias[o] is added to every output of channel o, in every image: its gradient sums grad_out "
    "over the batch, the rows and the columns (dimensions 0, 2 and 3)."
)

# --- Lesson 7: figure and training messages ----------------------------------------------
# MyConv2d refuses what nn.Conv2d refuses, in PyTorch's own words. These CONV_* messages stay
# English, word for word, in every catalogue: they mirror torch's errors, which are English in
# every locale, so a learner can compare them with nn.Conv2d's (and search for them).
CONV_GROUPS_NOT_POSITIVE = "groups must be a positive integer"
CONV_IN_CHANNELS_NOT_DIVISIBLE = "in_channels must be divisible by groups"
CONV_OUT_CHANNELS_NOT_DIVISIBLE = "out_channels must be divisible by groups"
CONV_BAD_PADDING_STRING = "Invalid padding string {padding!r}, should be one of {{'same', 'valid'}}"
CONV_SAME_WITH_STRIDE = "padding='same' is not supported for strided convolutions"
CONV_BAD_PADDING_MODE = (
    "padding_mode must be one of {{'zeros', 'reflect', 'replicate', 'circular'}}, "
    "but got padding_mode='{padding_mode}'"
)
# convcourse.training
TRAINING_DIVERGED = (
    "Training stopped at step {step}: the loss is {loss}, not a finite number. "
    "The learning rate is probably too large; make it smaller and train again."
)
TRAINING_BAD_OPTIMIZER = "optimizer must be 'adam' or 'sgd', got {optimizer!r}"
TRAINING_BAD_STEPS = "steps must be a positive whole number, got {steps!r}"
# convcourse.drawing.learned
AXIS_STEP = "training step"
AXIS_LOSS = "loss"
FIGURE_NO_LOSSES = "There are no losses to plot: train for at least one step first."
FIGURE_LOSSES_NOT_FINITE = "Some losses are NaN or infinite: training diverged; nothing is drawn."
FIGURE_LOSSES_NOT_POSITIVE = "A log scale needs positive losses; pass log=False to draw these."
FIGURE_NO_KERNELS = "Give at least one kernel to draw, as a dictionary from title to 2-D kernel."
FIGURE_KERNEL_NOT_2D = "The kernel {title!r} must be 2-D (kH, kW); it has shape {shape}."
FIGURE_WEIGHT_NOT_4D = "A weight must have shape (C_out, C_in, kH, kW) with C_out > 0; it has shape {shape}."
FIGURE_MOSAIC_NOT_3D = "A mosaic needs images of shape (K, H, W), none of them empty; got shape {shape}."
FIGURE_MOSAIC_NOT_FINITE = "Some values are NaN or infinite; nothing is drawn."
FIGURE_BAD_NCOLS = "ncols must be a positive whole number, got {ncols!r}."
# convcourse.hooks
HOOKS_NO_SUBMODULE = "The model has no sub-module called {name!r}; its sub-modules are {names}."
# convcourse.digits
DIGITS_NEED_SKLEARN = (
    "The digits come with scikit-learn, which is not installed: run  %pip install scikit-learn"
)

# --- Exercise checks: lesson 8 ----------------------------------------------------------
CHECK8_SHAPES = "Prediction: the shapes without padding"
CHECK8_TRAIN_EPOCH = "Debug the training loop"
CHECK8_RENAMED_STATE = "Renamed state_dict keys"
CHECK8_MISSING_KEYS = "Prediction: missing keys"
CHECK8_HINT_NOT_A_LIST = "{what} should be a list; it is of type {type}."
CHECK8_WHAT_SHAPES = "your list of shapes"
CHECK8_WHAT_SHAPE_ITEM = "the shape after layer {index} ({kind})"
CHECK8_HINT_SHAPE_ITEM = "{what} should be a tuple of whole numbers, such as (1, 3, 5, 5); not {item}."
CHECK8_HINT_SHAPES_COUNT = (
    "you gave {got} shapes; the network has {want} layers: give the output shape of each one, in order."
)
CHECK8_HINT_SHAPE_NO_BATCH = "{what} has the batch dimension too: write {got} as (1, ...)."
CHECK8_HINT_SHAPE_WRONG = "{what} is not {got}. {rule}"
# What each kind of layer does to a shape: the rule the hint recalls (the keys are torch's class names).
CHECK8_SHAPE_RULES = {
    "Conv2d": "Use the output-size formula with this layer's kernel size and padding; the channels "
              "are its out_channels.",
    "ReLU": "A ReLU keeps the shape.",
    "MaxPool2d": "A 2 x 2 max pooling with stride 2 halves height and width, rounding down.",
    "Flatten": "Flatten keeps the batch dimension and multiplies the others together.",
}
CHECK8_WHAT_TRAIN = "your train_one_epoch(model, loader, optimiser)"
CHECK8_WHAT_PARAMETER = "the parameter {name} after one epoch"
CHECK8_WHAT_LOSS = "the loss it returned"
CHECK8_HINT_NO_FORWARD = "the model was never called: compute its output as model(images)."
CHECK8_HINT_EVAL_MODE = (
    "the model trained in evaluation mode: evaluate() leaves it there, so call model.train() at "
    "the start of every epoch."
)
CHECK8_HINT_NOT_UPDATED = (
    "the weights did not change during the epoch: optimiser.step() needs the gradients that "
    "loss.backward() just computed; clear them before backward(), not between backward() and step()."
)
CHECK8_HINT_WEIGHTS = (
    "backward() adds to the gradients already there: clear them with optimiser.zero_grad() before "
    "every backward(), so that each step uses this batch's gradient only."
)
CHECK8_HINT_LOSS_TENSOR = (
    "return a plain number: add loss.item() to the total, not the loss tensor (it keeps every "
    "batch's graph in memory)."
)
CHECK8_HINT_LOSS = (
    "the weights are right, but the function returned {got:.4g}: return the mean of the batch "
    "losses over the whole epoch."
)
CHECK8_WHAT_RENAME = "your rename_keys(state)"
CHECK8_WHAT_ENTRY = "the entry {key}"
CHECK8_WHAT_LOADED = "the loaded network's output"
CHECK8_HINT_RENAME_MAPPING = "rename_keys should return a dict; it returned an object of type {type}."
CHECK8_HINT_RENAME_KEYS = (
    "the keys do not match the network's: missing {missing}, unexpected {unexpected}."
)
CHECK8_HINT_RENAME_LOAD = "load_state_dict refused it: {error}"
CHECK8_HINT_RENAME_VALUES = (
    "The keys load, but the outputs differ: each old layer's tensors must go to the layer of "
    "nn.Sequential that does the same job, in the same order."
)
CHECK8_WHAT_PREDICTION = "your prediction"
CHECK8_HINT_PREDICT_ITEM = "{what} should contain key names (strings), such as 'name.weight'; not {item}."
CHECK8_HINT_PREDICT_SWAPPED = (
    "those are the unexpected keys (in the checkpoint, unknown to the network). Missing keys are "
    "the network's own keys that the checkpoint does not have."
)
CHECK8_HINT_PREDICT_MISSING = (
    "your {got} keys are not the {want} missing keys. Which keys does the network's state_dict "
    "have (layers without parameters have none), and which of them are in the old checkpoint?"
)

# --- Lesson 8: figure messages ------------------------------------------------------------
# convcourse.drawing.learned.plot_history
AXIS_EPOCH = "epoch"
AXIS_TRAINING_LOSS = "training loss"
AXIS_HELD_OUT_ACCURACY = "held-out accuracy"
FIGURE_HISTORY_LENGTHS = (
    "Give one loss and one accuracy per epoch: got {losses} losses and {accuracies} accuracies."
)
FIGURE_ACCURACY_RANGE = "Accuracies are fractions between 0 and 1; got {value}."

# --- Output-size arithmetic (convcourse.shapes) ------------------------------------------
# The refusals of conv_output_size, pool_output_size and conv_transpose_output_size. {name} is
# the argument's name in code (kernel_size, stride, ...).
SHAPE_BOOL = "{name} must be an int, got the bool {value!r}"
SHAPE_NOT_AN_INT = "{name} must be an int or a pair of ints, got {value!r}"
SHAPE_NOT_A_BOOL = "{name} must be True or False, got {value!r}"
SHAPE_SIZES_TOO_SMALL = "input and kernel sizes must be at least 1, got input {i}, kernel {k}"
SHAPE_STRIDE_DILATION_TOO_SMALL = (
    "stride and dilation must be at least 1, got stride {s}, dilation {d}"
)
SHAPE_PADDING_NEGATIVE = "padding must be at least 0, got {p}"
SHAPE_KERNEL_TOO_BIG = (
    "the kernel spans {span} positions (dilation {d} x (kernel {k} - 1) + 1) but the padded "
    "input has only {padded} (input {i} + 2 x padding {p})"
)
POOL_SIZES_TOO_SMALL = (
    "input and pooling window sizes must be at least 1, got input {i}, window {k}"
)
POOL_PADDING_TOO_BIG = (
    "padding {p} is more than half the pooling window {k}: PyTorch allows at most {most} "
    "(2 × padding ≤ window, whatever the dilation)"
)
POOL_NO_OUTPUT = (
    "this pooling has no output: the window spans {span} positions (dilation {d} × (window {k} "
    "− 1) + 1), the padded input only {padded} (input {i} + 2 × padding {p}), and stride {s} "
    "gives an output size of {o}"
)
TRANSPOSED_OUTPUT_PADDING_NEGATIVE = "output padding must be at least 0, got {q}"
TRANSPOSED_OUTPUT_PADDING_TOO_BIG = (
    "output padding {q} must be smaller than the stride {s} or the dilation {d}: PyTorch allows "
    "at most {most}"
)
TRANSPOSED_SIZE_NO_OUTPUT = (
    "this transposed convolution has no output: stride {s} × (input {i} − 1) − 2 × padding {p} "
    "+ dilation {d} × (kernel {k} − 1) + output padding {q} + 1 = {o}, less than 1"
)

# --- Language (convcourse.set_language) -------------------------------------------------
LANGUAGE_UNKNOWN = "convcourse has no language {name!r}; it knows {known}."
# Shown once by set_language when matplotlib finds none of the fonts that draw Chinese.
FONT_MISSING = (
    "matplotlib has no font that draws Chinese, so Chinese text in figures shows as boxes: install "
    "one (Debian/Ubuntu: apt-get install fonts-wqy-microhei or fonts-noto-cjk), then run "
    "set_language again."
)
