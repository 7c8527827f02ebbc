"""简体中文 (zh_CN): the helper package's words in Simplified Chinese, a translation of ``en.py``.

Every name of ``en.py`` is here, with the same ``{field}`` names and format specs in each
template (tests/package/messages/test_catalogues.py checks both). The terms follow the course's glossary
(book/glossary.md, d2l-zh usage): 卷积, 卷积核, 步幅, 填充, 扩张, 通道, 特征映射, 输出尺寸 ...
Chinese text uses full-width punctuation and one space between Chinese and Latin words, digits
or code. Code (CALL, TERM, the checks' ``size_fn(...)`` descriptions) is identical to ``en.py``;
so are the messages that mirror PyTorch's own errors (CONV_*), which stay English.
A template puts a space on both sides of a field a check fills with code or a number; where
such a field holds Chinese, the checks' report removes the space (``messages.tidy_spacing``).
"""

# --- Controls (sliders, buttons) ---------------------------------------------------------
LABEL_INPUT = "输入尺寸"
LABEL_KERNEL = "卷积核尺寸"
LABEL_PADDING = "填充"
LABEL_STRIDE = "步幅"
LABEL_DILATION = "扩张"
LABEL_STEP = "步"
LABEL_PLAY = "播放"
BUTTON_PLAY = "播放"
BUTTON_PAUSE = "暂停"
BUTTON_STEP = "单步"
PLAY_ACCESSIBLE_NAME = "播放“{case}”的动画"
PAUSE_ACCESSIBLE_NAME = "暂停“{case}”的动画"
STEP_ACCESSIBLE_NAME = "单步：显示“{case}”的下一步"
REDUCED_MOTION_NOTE = "你的系统要求减少动态效果，所以“播放”已关闭：请用“单步”每次前进一个位置。"

# --- Text lines beside the picture -------------------------------------------------------
OUTPUT_SHAPE = "输出形状：{rows} × {cols}"
STEP_COUNTER = "第 {step} 步，共 {total} 步"
FRAME_COUNTER = "第 {frame} 帧，共 {total} 帧"
# The calls are code: identical to en.py.
CALL = "F.conv2d(x, w, stride={stride}, padding={padding}, dilation={dilation})"
CALL_TRANSPOSED = "F.conv_transpose2d(x, w, stride={stride}, padding={padding})"
CALL_SHAPES = "x：{x_shape}，w：{w_shape} → 输出：{out_shape}"
# One multiply-and-sum, written as code (torch's indexing): identical to en.py.
TERMS = "output[{row}, {col}] = {terms} = {total}"
TERM = "{x}×{w}"
TERM_JOINER = " + "
UNREACHED = "卷积核从未读到的行：{rows}；列：{cols}（标有 ✕）。"
UNREACHED_NONE = "填充后输入的每一行和每一列都至少被读到一次。"
NONE_LIST = "无"
LIST_JOINER = "、"
# A Chinese sentence ends with "。": the next one follows without a space.
SENTENCE_JOINER = ""
ANNOUNCE_STEP = "{counter}。{terms}"

# --- Legend (words live here, not in the picture) ----------------------------------------
LEGEND_TITLE = "如何看这张图"
LEGEND_PANELS = "从左到右：填充后的输入、卷积核、输出。"
LEGEND_PADDING = "虚线边框、带斜线的格子：填充（在输入四周添加的零）。"
LEGEND_WINDOW = "蓝色粗框：卷积核所在的位置；圆点标出它要相乘的格子。"
LEGEND_OUTPUT = "橙色粗框：这一步计算的输出格子。"
LEGEND_UNREACHED = "带交叉斜线和 ✕ 的格子：卷积核在任何一步都读不到的行或列。"
LEGEND = (LEGEND_PANELS, LEGEND_PADDING, LEGEND_WINDOW, LEGEND_OUTPUT, LEGEND_UNREACHED)
# The gallery's transposed convolutions add two lines to its key.
LEGEND_INSERTED = "点状格子（转置卷积）：在输入的格子之间插入的零。"
LEGEND_FLIPPED = "在转置卷积中，卷积核面板显示的是旋转 180° 后的卷积核，也就是它滑动时的样子。"
GALLERY_LEGEND = LEGEND + (LEGEND_INSERTED, LEGEND_FLIPPED)

# --- Text alternatives -------------------------------------------------------------------
SVG_TITLE = (
    "对 {i_rows} × {i_cols} 的输入做卷积：填充 {padding}，卷积核 {k_rows} × {k_cols}，"
    "步幅 {stride}，扩张 {dilation}；输出为 {o_rows} × {o_cols}。"
)
SVG_TITLE_TRANSPOSED = (
    "{i_rows} × {i_cols} 的输入与 {k_rows} × {k_cols} 卷积核的转置卷积（步幅 {stride}，"
    "填充 {padding}），画成直接卷积：在输入中插入零，把它拉伸为 {s_rows} × {s_cols}，"
    "四周各填充 {ring}，再用旋转 180° 的卷积核以步幅 1 滑动；输出为 {o_rows} × {o_cols}。"
)
SVG_STEP = "卷积核覆盖输出第 {row} 行、第 {col} 列的窗口，这个输出等于 {total}。"
ANNOUNCE = (
    "输入 {input}，填充 {padding}，步幅 {stride}，卷积核 {kernel}，扩张 {dilation}："
    "输出 {rows} × {cols}。"
)

# --- Impossible combinations -------------------------------------------------------------
# {what} is one of the WHAT_* words below (Chinese): no space beside it.
TOO_SMALL = "{what}至少为 {least}，当前为 {value}。"
KERNEL_TOO_BIG = (
    "这个卷积核放不下：扩张为 {dilation} 时，宽 {kernel} 的卷积核跨越 {span} 个格子，"
    "但填充后的输入宽度只有 {padded}（{size} + 2 × 填充 {padding}）。"
    "请减小卷积核或扩张，或者增大填充。"
)
STEP_OUT_OF_RANGE = "只有 {total} 步（0 到 {last}），不存在第 {step} 步。"
TRANSPOSED_SQUARE_KERNEL = "转置卷积的图示需要正方形的卷积核；这个卷积核是 {rows} × {cols}。"
TRANSPOSED_PADDING_TOO_BIG = (
    "转置卷积的图示在输入四周填充（卷积核尺寸 − 1 − 填充）格，所以对宽 {kernel} 的卷积核，"
    "填充最多为 {most}；当前为 {padding}。"
)
TRANSPOSED_NO_OUTPUT = (
    "这个转置卷积没有输出：({size} − 1) × 步幅 {stride} − 2 × 填充 {padding} + 卷积核 {kernel} "
    "= {out}，小于 1。请减小填充。"
)
TRANSPOSED_MISMATCH = (
    "图示中的直接卷积与 F.conv_transpose2d（步幅 {stride}，填充 {padding}）的结果不一致；"
    "宁可什么也不画，也不显示错误的数字。"
)
WHAT_INPUT = "输入尺寸"
WHAT_KERNEL = "卷积核尺寸"
WHAT_STRIDE = "步幅"
WHAT_DILATION = "扩张"
WHAT_PADDING = "填充"
WHAT_STEP = "步的编号"
NOT_A_NUMBER = "{what}必须是整数，当前为 {value!r}。"
BAD_VALUES = "{what}的数值必须构成一个非空的矩形数字表。"
TOO_BIG = "这里{what}最多为 {most}（再大的图就看不清了），当前为 {value}。"
UNKNOWN_SETTING = "探索器没有设置 {name!r}；它的设置有 {names}。"
# Seeding (convcourse.set_seed): numpy takes seeds from 0 to 2**32 - 1 only.
SEED_NOT_A_NUMBER = "种子必须是 0 到 {most} 之间的整数，当前为 {value!r}。"
SEED_OUT_OF_RANGE = "种子必须在 0 到 {most} 之间，当前为 {value}。"

# --- Gallery -----------------------------------------------------------------------------
GALLERY_TITLE = "动画集"
# The caption gives the setting, not the output size: lesson 3's exercises ask the reader to
# predict it.
GALLERY_CAPTION = "{title}：{i} × {i} 的输入，{k} × {k} 的卷积核，填充 {p}，步幅 {s}，扩张 {d}。"
GALLERY_CAPTION_TRANSPOSED = (
    "{title}：{i} × {i} 的输入与 {k} × {k} 的卷积核做 F.conv_transpose2d(x, w, stride={s}, "
    "padding={p})，画成直接卷积：在相邻的输入格子之间插入 {zeros} 个零（步幅 − 1），"
    "得到 {st} × {st} 的拉伸输入；四周各填充 {q} 格（卷积核尺寸 − 1 − 填充），使它变为 {n} × {n}；"
    "旋转 180° 的卷积核以步幅 1 在上面滑动。"
)
GALLERY_PREDICT = "请先预测输出尺寸；单步、播放或下面的答案会显示它。"
GALLERY_ANSWER_SUMMARY = "显示输出尺寸"
GALLERY_ANSWER = "输出为 {o_rows} × {o_cols}。"
GALLERY_UNKNOWN_KIND = "动画集里没有 {kind!r} 这一类；可选的有 {kinds}。"
# The frame counter before the output size is shown (the total would give it away).
FRAME_COUNTER_HIDDEN = "第 {frame} 帧"
CASE_TITLES = {
    "no-padding-no-strides": "无填充，单位步幅",
    "arbitrary-padding": "任意填充",
    "half-padding": "半填充（等尺寸填充）",
    "full-padding": "全填充",
    "no-padding-strides": "无填充，有步幅",
    "padding-strides": "有填充，有步幅",
    "padding-strides-odd": "有填充，有步幅（奇特的情形）",
    "dilation": "扩张",
    "transposed-no-padding-no-strides": "转置卷积，无填充，单位步幅",
    "transposed-strides": "带步幅的转置卷积",
}

# --- Pooling animations (lesson 5: convcourse.explorer.gallery.show_pooling) -------------
POOL_TITLES = {
    "max-2-stride-2": "最大汇聚，窗口并排",
    "max-3-stride-1": "最大汇聚，窗口重叠",
    "avg-2-stride-2": "平均汇聚",
    "max-3-ceil": "最大汇聚，ceil_mode=True",
}
POOL_CAPTION = "{title}：对 {i} × {i} 的输入做 {call}，{k} × {k} 的窗口每次移动 {s} 格。"
POOL_CALL_MAX = "F.max_pool2d(x, kernel_size={k}, stride={s}, ceil_mode={ceil})"
POOL_CALL_AVG = "F.avg_pool2d(x, kernel_size={k}, stride={s}, ceil_mode={ceil})"
POOL_TERMS_MAX = "output[{row}, {col}] = max({terms}) = {total}"
POOL_TERMS_AVG = "output[{row}, {col}] = mean({terms}) = {total}"
POOL_TERM = "{x}"
POOL_TERM_JOINER = ", "
POOL_SVG_TITLE_MAX = (
    "用 {k} × {k} 的窗口、步幅 {s} 对 {i_rows} × {i_cols} 的输入做最大汇聚，{call}："
    "输出为 {o_rows} × {o_cols}。"
)
POOL_SVG_TITLE_AVG = (
    "用 {k} × {k} 的窗口、步幅 {s} 对 {i_rows} × {i_cols} 的输入做平均汇聚，{call}："
    "输出为 {o_rows} × {o_cols}。"
)
POOL_SVG_STEP = "输出第 {row} 行第 {col} 列的窗口给出 {total}。"
POOL_LEGEND_PANELS = "左边是输入，右边是输出。汇聚窗口没有权重，所以没有卷积核面板。"
POOL_LEGEND_WINDOW = (
    "蓝色粗框：窗口；它的输出格是框内输入数字中的最大值（最大汇聚）或平均值（平均汇聚）。"
)
POOL_LEGEND_OUTSIDE = (
    "虚线空格：输入边缘之外，ceil_mode=True 时窗口伸出的部分；那里什么也不读取。"
)
POOL_LEGEND_UNREACHED = "带 ✕ 的交叉阴影格：没有任何窗口读取的输入行或列。"
POOL_LEGEND = (POOL_LEGEND_PANELS, POOL_LEGEND_WINDOW, LEGEND_OUTPUT, POOL_LEGEND_OUTSIDE,
               POOL_LEGEND_UNREACHED)
WHAT_WINDOW = "窗口尺寸"
POOL_UNKNOWN_MODE = "汇聚没有 {mode!r} 这种模式；可选的有 {modes}。"
POOL_MISMATCH = (
    "pool_output_size 与 torch 的汇聚结果不一致（窗口 {k}，步幅 {s}，ceil_mode={ceil}）；"
    "宁可不画，也不显示错误的数字。"
)

# --- Exercise checks: the verdict lines and the hints every lesson shares ------------------
# The marks are the same in every language.
CHECK_PASS_MARK = "✅"
CHECK_HINT_MARK = "❌"
CHECK_PASSED = "{mark} {exercise}：正确。"
CHECK_FAILED = "{mark} {exercise}：还不对。提示：{hint}"
# When a check meets something it did not foresee: still one line, never a traceback.
# "{error}: {message}" is Python's own form of an exception: kept.
CHECK_HINT_UNEXPECTED = "检查无法使用你的答案（{error}: {message}）。请检查你返回的值的类型。"
CHECK_WHAT_IT = "调用它"
CHECK_WHAT_ITEM = "{what} 中的第 {index} 项"
CHECK_DESCRIBE_TENSOR = "形状为 {shape}、dtype 为 {dtype} 的张量"
CHECK_DESCRIBE_VALUE = "{value}（类型为 {type}）"
CHECK_DESCRIBE_FUNCTION = "函数 {name}"
CHECK_DESCRIBE_LAMBDA = "一个 lambda 函数"
CHECK_DESCRIBE_CLASS = "类 {name}"
CHECK_DESCRIBE_OBJECT = "一个类型为 {type} 的对象"
CHECK_DESCRIBE_MODULE = "一个类为 {type} 的模块"
CHECK_HINT_MODULE_NOT_FUNCTION = (
    "你的答案是 {got}，不是函数：请传入函数本身（它的名字，不带括号）；检查会去调用它。"
)
CHECK_EXPECTED_NUMBER = "一个数"
CHECK_EXPECTED_NUMBERS = "一个整数列表"
# A function (or class) passed where a value is due: often a prediction written as a function.
CHECK_HINT_FUNCTION_NOT_VALUE = "{what} 是 {got}；应为 {expected}，而不是函数或类。"
CHECK_HINT_NONE_NOT_CALLABLE = "无法调用 {what}：答案是 None，不是函数。"
CHECK_HINT_NOT_CALLABLE = "无法调用 {what}：答案的类型是 {type}，不是函数或类。"
CHECK_HINT_RAISED = "{what} 抛出了 {error}: {message}"
CHECK_HINT_RETURNED_NONE = (
    "{what} 为 None；请补全函数体，让它返回一个值（是不是少了 return 语句？）。"
)
CHECK_HINT_NOT_A_NUMBER = "{what} 为 {got}；应为一个数。"
CHECK_HINT_NOT_ONE_NUMBER = "{what} 为 {got}；应为一个数（是不是少了 .sum()？）。"
CHECK_HINT_COMPLEX = "{what} 为复数；应为实数。"
CHECK_HINT_NOT_FINITE = "{what} 为 {value}；应为有限的数。"
CHECK_HINT_NOT_FINITE_TENSOR = "{what} 含有 NaN 或无穷大；应全为有限的数。"
CHECK_HINT_NOT_WHOLE = "{what} 为 {value}，是浮点数；应为整数（用 // 做除法）。"
CHECK_HINT_NOT_A_SEQUENCE = "{what} 为 {got}；应为一个整数列表。"
CHECK_HINT_WRONG_LENGTH = "{what} 应有 {length} 项，实际有 {got} 项。"
CHECK_HINT_PREDICTION_NONE = "{what} 是 None：先写下你的预测，再运行检查。"
CHECK_HINT_NOT_A_TENSOR = "{what} 为 {got}；应为 torch.Tensor。"
CHECK_HINT_WRONG_KIND = "{what} 的 dtype 是 {dtype}；应为 {kind} 类型的张量。"
CHECK_HINT_WRONG_SHAPE = "{what} 的形状是 {got}；应为 {want}。"
CHECK_HINT_VALUES_DIFFER = "{what} 的形状正确，但数值与 torch 的结果不同（最多相差 {worst:.3g}）。"
CHECK_HINT_INSTANCE_NOT_CLASS = (
    "{what}：请传入类本身（MyModule），而不是由它构建的对象（MyModule()）。"
)
CHECK_HINT_NOT_A_MODULE_CLASS = "{what}：应为 nn.Module 的子类；得到的是 {got}。"
CHECK_HINT_NOT_A_MODULE = "{what} 为 {got}；应为一个 nn.Module。"

# --- Exercise checks: lesson 1 ----------------------------------------------------------
CHECK1_DOUBLER = "Doubler 模块"
CHECK1_PARAM_COUNT = "参数个数"
CHECK1_LAYER_STACK = "注册的层"
CHECK1_TWO_CONVS = "两个卷积层"
CHECK1_SHAPE_RECORDER = "用钩子记录形状"
CHECK1_PREDICT_EVAL = "在评估模式下预测"
CHECK1_SMALL_NET = "调试 SmallNet"
# Code: identical to en.py.
CHECK1_WHAT_BUILD = "{name}"
CHECK1_WHAT_CALL_SHAPE = "model(x)（x 的形状为 {shape}）"
CHECK1_WHAT_COUNT = "count_fn(in_channels={c_in}, out_channels={c_out}, kernel_size={k}, bias={bias})"
CHECK1_HINT_COUNT = (
    "{what} 的结果是 {got}；torch 数出的是 {want}。每个输出通道有 in_channels x k x k 个权重，"
    "如果 bias=True，还有一个偏置。"
)
CHECK1_HINT_STACK_COUNT = (
    "n_layers={n_layers} 时，.parameters() 看到的是 {counted} 个数，而不是 {want} 个。"
    "请把这些层放在 nn.ModuleList 中，而不是 Python 列表中。"
)
CHECK1_HINT_STACK_LAYERS = "n_layers={n_layers} 时，模型注册了 {got} 个 nn.Linear 层。"
CHECK1_HINT_STACK_FORWARD = "forward 应依次应用每一层。"
CHECK1_HINT_STACK_TO = ".to(torch.float64) 没有作用到每一层。"
CHECK1_HINT_TWO_CONVS_COUNT = "找到 {got} 个注册的 nn.Conv2d 层，应为 2 个。"
CHECK1_HINT_TWO_CONVS_IN = "没有哪个 nn.Conv2d 层接收 {c_in} 个输入通道。"
CHECK1_HINT_TWO_CONVS_PLAIN = "不要填充，步幅为 1（有一层的 padding={padding}，stride={stride}）。"
CHECK1_HINT_TWO_CONVS_SHAPE = (
    "输出的形状是 {got}，应为 {want}。没有填充时，每个 k x k 卷积核会让高度和宽度各减少 k - 1。"
)
CHECK1_HINT_TWO_CONVS_VALUES = (
    "forward 应为 relu(conv2(relu(conv1(x))))：每一层用一次，每层之后接一个 ReLU。"
)
CHECK1_WHAT_RECORDER = "record_fn(model, x)"
CHECK1_HINT_RECORDER_LIST = "record_fn 应返回一个形状列表；它返回的是一个类型为 {type} 的对象。"
CHECK1_HINT_RECORDER_ITEM = "每一项都应是一个形状（元组或 torch.Size）；有一项的类型是 {type}。"
CHECK1_HINT_RECORDER_SHAPES = (
    "你记录了 {got} 个形状；模型中没有子模块的模块有 {want} 个。给其中每一个注册前向钩子，"
    "并按它们运行的顺序追加 tuple(output.shape)。"
)
CHECK1_HINT_RECORDER_REMOVE = (
    "形状是对的，但钩子仍然注册着：请对每个句柄调用 handle.remove()。"
)
CHECK1_WHAT_PREDICT = "predict_fn(model, x)"
CHECK1_MODE_TRAIN = "训练模式"
CHECK1_MODE_EVAL = "评估模式"
CHECK1_HINT_PREDICT_RESTORE = (
    "调用之前模型处于{mode}，调用之后却不是了：请记下 model.training，"
    "并在最后调用 model.train(was_training)。"
)
CHECK1_HINT_PREDICT_DROPOUT = "Dropout 仍在起作用：请先调用 model.eval()。"
CHECK1_HINT_PREDICT_GRAD = "输出仍在跟踪梯度：请在  with torch.no_grad():  之下计算它。"
CHECK1_HINT_SMALL_NET_LAYERS = (
    "SmallNet 应有 2 个 nn.Conv2d 层和 1 个 nn.Linear 层；它有 {convs} 个和 {linears} 个。"
)
CHECK1_HINT_SMALL_NET_CHANNELS = "第一个卷积层输出 {out} 个通道，但第二个卷积层需要 {inp} 个。"
CHECK1_HINT_SMALL_NET_SPEC = (
    "保持练习中的层：不加填充、步幅为 1 的 Conv2d(1, 8, 3) 和 Conv2d(8, 4, 3)，"
    "以及一个输出 10 个类别的 Linear 层。"
)
CHECK1_HINT_SMALL_NET_FEATURES = "线性层需要 {got} 个特征，但展平后的特征映射有 {want} 个。"
CHECK1_HINT_SMALL_NET_VALUES = "forward 应为 conv1、ReLU、conv2、ReLU、展平、线性层，每个各一次。"

# --- Exercise checks: lesson 1, predicting what .parameters() sees ------------------------
CHECK1_PARAMETER_PREDICTION = "预测：parameters() 能看到什么"
CHECK1_WHAT_PARAMETER_PREDICTION = "你预测的个数"
CHECK1_HINT_PARAMETER_PREDICTION_LIST = "{got} 把普通列表里的层也算进去了，但 .parameters() 看不到它们。"
CHECK1_HINT_PARAMETER_PREDICTION_BIAS = "{got} 漏掉了偏置：每个输出通道有一个偏置。"
CHECK1_HINT_PARAMETER_PREDICTION = (
    "{got} 不对。这个模块注册了哪些层？每一层有多少个数（out x in x k x k + out）？"
)

# The line-by-line tracer of lesson 1 (convcourse.tracing.trace_forward).
TRACE_LINE = "{shapes:24} 下一行：{line}"
TRACE_RETURN = "{blank:24} 返回 {value}"
# "name: shape" pairs inside [...], a list of Python values: identical to en.py.
TRACE_SHAPE = "{name}: {shape}"
TRACE_TENSOR = "形状为 {shape} 的张量"
TRACE_SHAPES_JOINER = ", "
TRACE_NOT_A_MODULE = "trace_forward 需要一个模块，它的类用 Python 定义了 forward；得到的是 {type}"
# Errors of convcourse.drawing.pipeline (lesson 1's pipeline diagram)
FIGURE_PIPELINE_NO_STEPS = "draw_pipeline 至少需要一步：[(name, kind, shape), ...]"
FIGURE_PIPELINE_BAD_STEP = "每一步都必须是元组 (name, kind, shape)；得到的是 {step}"
FIGURE_PIPELINE_BAD_KIND = "步 {name!r} 的类型 {kind!r} 未知；请使用 {kinds} 之一"
FIGURE_PIPELINE_NOT_A_TENSOR = "measure_steps 需要一个形状为 (N, ...) 的张量来运行；得到的是 {type}"
FIGURE_PIPELINE_BAD_LAYER = "每一层都必须是元组 (name, kind, callable)；得到的是 {layer}"
FIGURE_PIPELINE_LAYER_OUTPUT = "层 {name!r} 返回了 {type}，而不是张量"
# Errors of convcourse.drawing.channels (lesson 2's picture of several channels)
FIGURE_CHANNELS_NOT_TENSORS = (
    "输入 x、权重 weight 和输出 output 必须是张量；得到的是 {x}、{weight} 和 {output}"
)
FIGURE_CHANNELS_SHAPES = (
    "输入 x 应为 (C, H, W)，权重 weight 应为 (O, C, kH, kW)，输出 output 应为 (O, H_out, W_out)；"
    "得到的是 {x}、{weight} 和 {output}"
)
FIGURE_CHANNELS_MISMATCH = "通道数不一致：输入 x {x}，权重 weight {weight}，输出 output {output}"
FIGURE_CHANNELS_NOT_VALID = (
    "输出 output {output} 不是 {height} x {width} 的输入与 {kh} x {kw} 的卷积核"
    "在步幅 1、无填充时的结果"
)
FIGURE_CHANNELS_CELL = "格子 {cell!r} 不在 {out_h} x {out_w} 的输出中"
FIGURE_CHANNELS_NOT_FINITE = (
    "输入 x、权重 weight 和输出 output 必须都是有限的数（不能有 NaN 或无穷大）"
)
FIGURE_CHANNELS_TOO_LARGE = (
    "这张图会写出每一个数：每个面板最多 {limit} x {limit} 个格子、{channels} 个通道；"
    "得到的是输入 x {x} 和权重 weight {weight}"
)

# --- Exercise checks: lesson 2 ----------------------------------------------------------
CHECK2_OUTPUT_ELEMENT = "一个输出元素"
CHECK2_STRIDE = "循环版本中的步幅"
CHECK2_PADDING = "零填充"
CHECK2_IM2COL = "带步幅和填充的 im2col（图像块展开）"
CHECK2_DEBUG_SINGLE = "调试用循环实现的卷积"
CHECK2_SHAPE_PREDICTION = "预测：输出形状"
CHECK2_SHAPES = "形状为 {x} 的 x 和形状为 {w} 的 w"
CHECK2_WHAT_ELEMENT = "element_fn(x, w, {i}, {j})（{shapes}）"
CHECK2_WHAT_CALL = "{name}(x, w{extra})（{shapes}）"
CHECK2_HINT_ELEMENT = (
    "{what} 的结果是 {got:.4f}；torch 给出的是 {want:.4f}。窗口从第 i 行、第 j 列开始。"
)
CHECK2_HINT_STRIDE = "输出 (i, j) 读取的窗口从第 i*stride 行、第 j*stride 列开始。"
CHECK2_HINT_PADDING = "把输入放进一个全零张量的中间，四周各留出 padding 行和列作为填充，然后再做卷积。"
CHECK2_HINT_IM2COL = (
    "F.unfold 给出 (N, C*kH*kW, L)；把它与重塑为 (out_channels, C*kH*kW) 的 w 相乘，"
    "再把 L 重塑为 (out_h, out_w)。"
)
CHECK2_HINT_DEBUG_SINGLE = (
    "试一个不是正方形的卷积核，例如 2 x 3：输出有 H - kH + 1 行和 W - kW + 1 列，"
    "窗口有 kH 行和 kW 列。"
)
CHECK2_WHAT_PREDICTION = "你预测的形状"
CHECK2_HINT_PREDICT_LEADING = (
    "{got} 不对：前两个数是批量大小（与 x 的相同）和输出通道数（w 的形状的第一个数）。"
)
CHECK2_HINT_PREDICT_SIZE = (
    "{got} 不对：批量和通道是对的。填充 1 会增加 2 行和 2 列，然后 kH x kW 的卷积核"
    "可以放在 H + 2 - kH + 1 行和 W + 2 - kW + 1 列中。"
)

# --- Exercise checks: lesson 2, the flipped kernel and im2col with stride and padding -----
CHECK2_HINT_FLIPPED = (
    "{what} 算的是把卷积核翻转后的真正卷积。F.conv2d 不翻转卷积核：应把 x[i + m, j + n] 乘以 w[m, n]。"
)
CHECK2_HINT_IM2COL_SIZE = (
    "{what} 的形状是 {got}，应为 {want}。把 stride= 和 padding= 传给 F.unfold，并用步幅和填充计算输出尺寸："
    "(H + 2*padding - kH) // stride + 1 行，列数同理。"
)

# --- Exercise checks: lesson 3 ----------------------------------------------------------
CHECK3_OUTPUT_SIZE = "输出尺寸公式"
CHECK3_SAME_PADDING = "等尺寸填充"
CHECK3_UNREACHED_ROWS = "到达不了的行"
CHECK3_TARGET_SIZE = "达到目标尺寸"
CHECK3_HALVING = "让尺寸减半的层"
CHECK3_SIZE_PREDICTION = "步幅除不尽时的尺寸"
# Code: identical to en.py.
CHECK3_CASE_IKSPD = "i={i}, k={k}, s={s}, p={p}, d={d}"
CHECK3_WHAT_CALL = "{name}({case})"
CHECK3_WHAT_PREDICTION = "你的预测"
CHECK3_WHAT_LAYER = "你的层（输入形状为 {shape}）"
CHECK3_HINT_SIZE_DIFFERS = "{what} 的结果是 {got}；torch 给出的是 {want}。"
CHECK3_HINT_DILATION_SPAN = "有扩张时，卷积核跨越 d*(k-1)+1 个输入位置，而不是 k 个。"
CHECK3_HINT_COUNT_POSITIONS = "数一数窗口能放进填充后输入的位置，再以 s 为步幅前进。"
CHECK3_HINT_NEGATIVE_PADDING = "{what} 为 {got}；填充是一个 >= 0 的整数。"
CHECK3_HINT_SAME_PADDING = (
    "当 k={k}、d={d}、填充为 {p} 时，大小为 {i} 的输入在 torch 中得到 {out}。卷积核跨越 "
    "d*(k-1)+1 个位置，会损失其中的 d*(k-1) 个；把它们分给两侧。"
)
CHECK3_HINT_UNREACHED = (
    "{what} 的结果是 {got}；torch 的 autograd 找到的是 {want}。窗口 j 覆盖填充后的第 "
    "j*s .. j*s+k-1 行；减去 p 得到输入的行。当 s > k 时，窗口之间也会有空隙。"
)
CHECK3_HINT_TARGET_RANGE = (
    "{what} 给出的步幅是 {s}、填充是 {p}；步幅至少为 1，填充应在 0 到 k - 1 之间。"
)
CHECK3_HINT_TARGET_MISSED = (
    "{what}：步幅 {s} 和填充 {p} 在 torch 中得到 {out}。从 1 开始逐一尝试每个步幅，"
    "对每个步幅尝试 0 到 k - 1 的每个填充，保留第一对使输出尺寸等于目标的组合。"
)
CHECK3_HINT_PREDICTION_NONE = "把 None 换成你的预测：一个整数。"
CHECK3_HINT_PREDICTION_CEIL = (
    "{got} 把 (i + 2p - k) / s 向上取整了；公式取的是向下取整：放不下的窗口不算。"
)
CHECK3_HINT_PREDICTION_NO_PADDING = "{got} 漏掉了填充：填充后的输入有 i + 2p 个位置。"
CHECK3_HINT_PREDICTION_WRONG = (
    "{got} 不是 torch 给出的尺寸。从 0 开始，按 0、s、2s…… 数窗口的起点，"
    "直到窗口放不进 i + 2p 个填充后的位置为止。"
)
CHECK3_HINT_HALVING_SAME = (
    "padding='same' 不接受大于 1 的步幅。请把填充写成一个数：哪个填充能使 "
    "floor((i + 2p - 3) / 2) + 1 等于 ceil(i / 2)？"
)
CHECK3_HINT_NOT_A_CONV = "{what} 给出的是一个 {got}；请返回一个 nn.Conv2d。"
CHECK3_HINT_HALVING_KERNEL = "卷积核尺寸是 {got}；保持 kernel_size=3，改变另一个参数。"
CHECK3_HINT_HALVING_SHAPE = (
    "在形状为 {shape} 的输入上，你的层得到 {got}；应为 {want}"
    "（通道数不变，高度和宽度为 ceil(i / 2)）。"
)
# Figures of lessons 3 and 4 (convcourse.drawing.windows): symbols, not words (identical).
FIGURE_WINDOWS_INPUT_ROW = "x"
FIGURE_WINDOWS_AXIS = "$j$"
FIGURE_TAPS_SIZE = (
    "size 至少要等于卷积核的跨度 {span}，并且与它相差偶数，这样卷积核才能居中；得到的是 {size}"
)
FIGURE_TOO_LARGE = "{what} 有 {size} 个位置；一张图最多能显示 {limit} 个"
# Errors of convcourse.receptive_field
RF_INDEX_OUTSIDE = (
    "输出 {index} 不存在：对于大小为 {input_size} 的输入，最后一层给出 {outputs} 个输出"
    "（下标 0 .. {last}）"
)
RF_DOES_NOT_FIT = "第 {layer} 层放不下：卷积核跨越 {span} 个位置，但它填充后的输入只有 {room} 个"
RF_NOT_AN_INT = "{name} 必须是整数，得到的是 {value}"
RF_TOO_SMALL = "{name} 至少为 {minimum}，得到的是 {value}"
RF_BAD_LAYER = (
    "每一层都是一个元组 (kernel_size, stride)、(kernel_size, stride, padding) 或 "
    "(kernel_size, stride, padding, dilation)；得到的是 {layer}"
)
RF_BAD_LAYERS = "layers 必须是元组 (kernel_size, stride, ...) 的列表；得到的是 {layers}"


# --- Exercise checks: lesson 4 ----------------------------------------------------------
CHECK4_PARAM_SHAPES = "权重形状和参数个数"
CHECK4_TARGET_SHAPE = "得到目标形状的 Conv2d"
CHECK4_SEPARABLE = "深度可分离卷积块"
CHECK4_SOBEL = "Sobel 边缘检测器"
CHECK4_SHAPE_PREDICTION = "预测输出形状"
CHECK4_BOX_BLUR = "均值模糊层"
# Code: identical to en.py.
CHECK4_CASE_CONV = "Conv2d({c_in}, {c_out}, kernel_size={kernel}, groups={groups}, bias={bias})"
CHECK4_WHAT_SHAPES_FN = "你的函数（用于 {case}）"
CHECK4_WHAT_WEIGHT_SHAPE = "{what} 给出的权重形状"
CHECK4_WHAT_BIAS_SHAPE = "{what} 给出的偏置形状"
CHECK4_WHAT_COUNT = "{what} 给出的参数个数"
CHECK4_WHAT_BUILD = "你的函数({case})"
CHECK4_WHAT_RUN = "你的模块（输入形状为 {shape}）"
CHECK4_WHAT_BLOCK_OUTPUT = "卷积块（{case}）的输出"
CHECK4_WHAT_LAYER_OUTPUT = "你的层的输出"
CHECK4_WHAT_PREDICTION = "你的预测"
CHECK4_HINT_NOT_A_TRIPLE = "{what} 应返回一个三元组 (weight_shape, bias_shape 或 None, count)。"
CHECK4_HINT_WEIGHT_SHAPE = (
    "对于 {case}，你的权重形状是 {got}；torch 的是 {want}。"
    "权重的形状是 (out_channels, in_channels // groups, kH, kW)。"
)
CHECK4_HINT_BIAS_SHAPE = "对于 {case}，你的偏置形状是 {got}；torch 的是 {want}。"
CHECK4_HINT_COUNT = (
    "对于 {case}，你的参数个数是 {got}；torch 数出的是 {want}。"
    "把权重形状的各维相乘，有偏置时再加上偏置。"
)
CHECK4_HINT_NOT_A_CONV = "{what} 给出的是一个 {got}；请返回一个 nn.Conv2d。"
CHECK4_HINT_NOT_A_MODULE = (
    "{what} 给出的是一个 {got}；请返回一个 nn.Module，例如 nn.Sequential(depthwise, pointwise)。"
)
CHECK4_HINT_TARGET_SHAPE = (
    "对于 {in_shape} -> {out_shape}，你的层得到 {got}。out_channels 决定第 1 维；卷积核尺寸 "
    "kernel_size、步幅 stride 和填充 padding 决定高度和宽度（o = floor((i + 2p - k) / s) + 1）。"
)
CHECK4_HINT_TWO_CONVS = "{what} 含有 {count} 个 nn.Conv2d 层；可分离卷积块需要 2 个。"
CHECK4_HINT_ROLES = (
    "{what} 中各层的权重形状为 {shapes}。深度卷积层的 groups=in_channels，权重为 "
    "({c_in}, 1, {k}, {k})；逐点卷积层是 1 x 1 卷积，权重为 ({c_out}, {c_in}, 1, 1)。"
)
CHECK4_HINT_SEPARABLE_VALUES = (
    "先应用深度卷积层（零填充 k // 2），再应用逐点卷积层，两者之间不加任何东西。"
)
CHECK4_HINT_SOBEL_SHAPE = (
    "你的层给出的形状是 {got}，应为 {want}：请使用 kernel_size=3、无填充、步幅 1。"
)
CHECK4_HINT_SOBEL_FLIPPED = (
    "符号反了：conv2d 不翻转卷积核，所以 +1, +2, +1 这一列放在右边（第 2 列）。"
)
CHECK4_HINT_BIAS_NOT_ZERO = "把偏置设为零（或者用 bias=False 构建这一层）。"
CHECK4_HINT_SOBEL_VALUES = (
    "权重不是 Sobel x 卷积核：从左到右三列分别是 (-1, -2, -1)、(0, 0, 0)、(+1, +2, +1)。"
    "请在 torch.no_grad() 下设置 layer.weight。"
)
CHECK4_HINT_SHAPE_SWAPPED = (
    "{got} 是把元组读作（宽度，高度）时得到的形状。PyTorch 把 kernel_size=(3, 5) 和 "
    "stride=(2, 1) 读作（高度，宽度）。"
)
CHECK4_HINT_SHAPE_WRONG = (
    "{got} 不是 torch 给出的形状。批量大小不变，通道数取 out_channels，"
    "高度和宽度分别用 o = floor((i - k) / s) + 1 计算。"
)
CHECK4_HINT_PREDICTION_NONE = "把 None 换成你的预测：一个由四个整数组成的元组。"
CHECK4_HINT_BLUR_ASSIGN = (
    "layer.weight = <一个张量> 会报错：层的权重是 nn.Parameter。请改为在 torch.no_grad() 下"
    "原地修改它的值（layer.weight.fill_(...) 或 layer.weight.copy_(...)）。"
)
CHECK4_HINT_BLUR_SHAPE = "你的层给出的形状是 {got}，应为 {want}：填充 1 以保持尺寸不变。"
CHECK4_HINT_BLUR_SUM = "你的层对 3 x 3 窗口求和；均值还要把这个和除以 9。"
CHECK4_HINT_BLUR_VALUES = (
    "九个权重都是 1/9。层的权重是一个参数（Parameter）：请在 torch.no_grad() 下原地修改它的值"
    "（weight.fill_ 或 weight.copy_），不要赋一个新的张量。"
)


# --- Exercise checks: lesson 5 ----------------------------------------------------------
CHECK5_POOL_SIZE = "汇聚的输出尺寸"
CHECK5_SHAPE_PREDICTION = "向下取整还是向上取整"
CHECK5_HALVING = "让尺寸减半的汇聚层"
# Code: identical to en.py.
CHECK5_CASE = "i={i}, k={k}, s={s}, p={p}, d={d}, ceil_mode={ceil_mode}"
CHECK5_WHAT_CALL = "{name}({case})"
CHECK5_WHAT_PREDICTION = "你预测的 ceil_mode={mode} 时的形状"
CHECK5_WHAT_BUILD = "halving_pool()"
CHECK5_WHAT_LAYER = "你的层（输入形状为 {shape}）"
CHECK5_HINT_SIZE_DIFFERS = "{what} 的结果是 {got}；torch 给出的是 {want}。"
CHECK5_HINT_LAST_WINDOW = (
    "用 ceil_mode 时，最后一个窗口仍须从输入内部或左侧填充开始：当 (o - 1) * s >= i + p 时要减去 1。"
)
CHECK5_HINT_CEIL = "用 ceil_mode 时，向下取整变成向上取整：越出边缘的窗口也算数。"
CHECK5_HINT_DILATION = "有扩张时，窗口跨越 d*(k-1)+1 个位置，而不是 k 个。"
CHECK5_HINT_FORMULA = (
    "像第 3 课那样数窗口的起点：floor((i + 2p - d(k-1) - 1) / s) + 1，用 ceil_mode 时改为向上取整。"
)
CHECK5_HINT_PREDICTION_NONE = "把每个 None 换成一个形状：由四个整数组成的元组。"
CHECK5_HINT_PREDICTION_PAIR = "请给出两个形状：（不用 ceil_mode 时的形状，用 ceil_mode 时的形状）。"
CHECK5_HINT_PREDICTION_CHANNELS = "{what} 是 {got}：汇聚不改变批量大小和通道数。"
CHECK5_HINT_PREDICTION_SIZE = (
    "{what} 是 {got}：步幅等于窗口大小 2；数一数 7 行里窗口的起点，用 ceil_mode 时越出边缘的那个也要算上。"
)
CHECK5_HINT_NOT_A_MODULE = "{what} 返回的是 {got}；请返回一个汇聚层（nn.Module）。"
CHECK5_HINT_HALVING_PADDING = (
    "PyTorch 不接受超过窗口一半的填充。保持 kernel_size=2：哪个选项会把奇数尺寸最后那个"
    "只填了一半的窗口也算上？"
)
CHECK5_HINT_HALVING_SHAPE = "输入形状为 {shape} 时，你的层给出 {got}；应为 {want}（高和宽都是 ceil(i / 2)）。"
CHECK5_HINT_HALVING_VALUES = "形状对了，数值不对：每个 2 x 2 窗口保留其中的最大值。"

# --- Exercise checks: lesson 6 ----------------------------------------------------------
CHECK6_RF_PREDICTION = "带步幅的感受野"
CHECK6_TRANSPOSED_SIZE = "转置卷积的输出尺寸"
CHECK6_DOUBLING = "让尺寸加倍的层"
# Code: identical to en.py.
CHECK6_CASE = "i={i}, k={k}, s={s}, p={p}, output_padding={q}, d={d}"
CHECK6_WHAT_CALL = "{name}({case})"
CHECK6_WHAT_PREDICTION = "你的预测"
CHECK6_WHAT_LAYER = "你的层（输入形状为 {shape}）"
CHECK6_HINT_PREDICTION_NONE = "把 None 换成你的预测：一个整数。"
CHECK6_HINT_RF_NO_STRIDES = (
    "{got} 是三个步幅为 1 的层的答案。经过一个步幅为 2 的层之后，相邻的输出在输入中相隔 2 行，"
    "所以下一个卷积核每多一行，就多延伸 2 行：r_out = r_in + (k - 1) * j_in，"
    "并且 j_out = j_in * s。"
)
CHECK6_HINT_RF_WRONG = (
    "{got} 不是能影响一个输出的输入行数。从 r = 1、j = 1 开始逐层计算："
    "r_out = r_in + (k - 1) * j_in，然后 j_out = j_in * s。"
)
CHECK6_HINT_SIZE_DIFFERS = "{what} 的结果是 {got}；torch 给出的是 {want}。"
CHECK6_HINT_OUTPUT_PADDING = "output_padding 会在末尾再加上这么多个位置：把它加上。"
CHECK6_HINT_DILATION = "有扩张时，卷积核跨越 d*(k-1)+1 个位置，而不是 k 个。"
CHECK6_HINT_FORMULA = (
    "拉伸后的输入有 s*(i-1)+1 个位置；卷积核再加上 d*(k-1)，填充减去 2p，output_padding 再加上它自己的值。"
)
CHECK6_HINT_NOT_A_MODULE = "{what} 返回的是 {got}；请返回一个层（nn.Module）。"
CHECK6_HINT_DOUBLING_ONE_SHORT = (
    "输入形状为 {shape} 时，你的层给出 {got}，比 {want} 少了一行一列：步幅为 2 时，公式给出 "
    "2(i - 1) - 2p + d(k - 1) + 1；用哪个 output_padding，或者哪个卷积核大小，才能得到 2i？"
)
CHECK6_HINT_DOUBLING_SHAPE = (
    "输入形状为 {shape} 时，你的层给出 {got}；应为 {want}（通道数不变，高和宽都是 2i）。"
)

# --- Exercise checks: lesson 7 ----------------------------------------------------------
CHECK7_SHIFTS = "经过步幅 2 仍然成立的平移"
CHECK7_WHAT_PREDICTION = "你的预测"
CHECK7_HINT_SHIFT_RANGE = "问题问的是平移 1 到 6；你的列表中有 {value}。"
CHECK7_HINT_SHIFT_EXTRA = (
    "对于 r = {shifts}，torch 找不到与之匹配的输出平移：步幅为 2 时，卷积核的位置"
    "每次移动 2 个输入像素，所以奇数的平移会落在它们之间。"
)
CHECK7_HINT_SHIFT_MISSING = (
    "对于 r = {shifts}，输出也恰好是平移后的副本：平移量是步幅的倍数时，"
    "输出会移动 r / 2 个位置。"
)
# The exercise's class name and its call: code, identical to en.py.
CHECK7_FIXED_CONV = "FixedConv2d"
CHECK7_CASE_CONV = "FixedConv2d({c_in}, {c_out}, {k}, padding={padding})"
CHECK7_WHAT_BUILD = "构建 {case}"
CHECK7_WHAT_FORWARD = "{case} 的输出"
CHECK7_HINT_WEIGHT_NOT_PARAMETER = (
    "parameters() 中没有 'weight'：普通张量不会被注册；请用 nn.Parameter 包装它。"
)
CHECK7_HINT_BIAS_NOT_PARAMETER = "parameters() 中没有 'bias'：请把它创建为 nn.Parameter。"
CHECK7_HINT_PARAM_SHAPE = "对于 {case}，{name} 的形状是 {got}；nn.Conv2d 的是 {want}。"
CHECK7_HINT_INIT = (
    "对于 {case}，在相同的种子下，你的初始 {name} 与 nn.Conv2d 的不同：先抽取权重，再抽取偏置，"
    "都服从 [-b, b] 上的均匀分布，其中 b = 1 / sqrt(fan_in)，fan_in = in_channels * kH * kW。"
)
CHECK7_HINT_FORWARD = "forward 有没有把偏置和填充传给 F.conv2d？"
CHECK7_LEARN_LAYER = "学习一个带偏置的层"
CHECK7_WHAT_LEARN = "learn_layer(inputs, targets, 400)"
CHECK7_WHAT_WEIGHT = "学到的权重"
CHECK7_WHAT_BIAS = "学到的偏置"
CHECK7_HINT_NOT_CONV = "learn_layer 返回了一个 {got}；请返回训练好的 nn.Conv2d(2, 3, 3, padding=1)。"
CHECK7_HINT_LEARN_SHAPE = (
    "返回的层的权重形状是 {got}，或者没有偏置；请构建 nn.Conv2d(2, 3, 3, padding=1)。"
)
CHECK7_HINT_NOT_LEARNED = (
    "学到的权重或偏置与藏起来的那一层仍然相差最多 {worst:.3g}：循环是否在每一步都调用了 "
    "zero_grad()、backward() 和 step()？试试 lr=0.05 的 Adam。"
)
CHECK7_MACS = "Conv2d 的乘加运算次数"
CHECK7_CASE_MACS = "{layer} 作用于 {shape}"
CHECK7_WHAT_MACS = "conv_macs（{case}）"
CHECK7_HINT_MACS_FLOPS = (
    "对于 {case}，你数出的是乘加运算次数的两倍：一次乘加运算是一次乘法和一次加法合在一起。"
)
CHECK7_HINT_MACS_GROUPS = (
    "对于 {case}，你的计数大了 groups 倍：每个输出只在 in_channels / groups 个通道上求和。"
)
CHECK7_HINT_MACS_BATCH = "对于 {case}，还要乘以批量大小 N。"
CHECK7_HINT_MACS = (
    "对于 {case}，你给出 {got}，torch 数出的是 {want}。MACs = N * C_out * H_out * W_out * "
    "(C_in / groups) * kH * kW，其中 H_out 和 W_out 用第 3 课的公式计算。"
)
CHECK7_INPUT_GRADIENT = "空洞卷积对输入的梯度"
CHECK7_CASE_GRADIENT = "步幅 {stride}，填充 {padding}，扩张 {dilation}，输入 {height} x {width}"
CHECK7_WHAT_GRADIENT = "input_gradient（{case}）"
CHECK7_HINT_GRADIENT_SHAPE = (
    "对于 {case}，你的梯度形状是 {got}，输入的形状是 {want}：把 output_padding 设为被步幅舍弃的"
    "行数和列数，即输入尺寸 - ((H_out - 1) * stride - 2 * padding + dilation * (k - 1) + 1)"
    "（padding 为填充，dilation 为扩张）。"
)
CHECK7_HINT_GRADIENT_VALUES = (
    "使用 F.conv_transpose2d(grad_out, weight, stride=stride, padding=padding, "
    "output_padding=..., dilation=dilation)，用同一个权重，不要翻转。"
)
CHECK7_BIAS_GRADIENT = "偏置的梯度"
CHECK7_WHAT_BIAS_GRADIENT = "bias_gradient（grad_out 的形状为 {shape}）"
CHECK7_HINT_BIAS_GRADIENT_SHAPE = "{what} 给出的形状是 {got}；偏置的形状是 {want}：每个输出通道一个数。"
CHECK7_HINT_BIAS_GRADIENT_VALUES = (
    "bias[o] 会加到通道 o 的每一个输出上，而且每张图像都加：它的梯度就是把 grad_out 沿批量、行和列"
    "（第 0、2、3 维）求和。"
)

# --- Lesson 7: figure and training messages ----------------------------------------------
# MyConv2d refuses what nn.Conv2d refuses, in PyTorch's own words. These CONV_* messages stay
# English, identical to en.py: they mirror torch's errors, which are English in every locale,
# so a learner can compare them with nn.Conv2d's (and search for them).
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
    "训练在第 {step} 步停止：损失是 {loss}，不是有限的数。学习率可能太大了；把它调小后重新训练。"
)
TRAINING_BAD_OPTIMIZER = "optimizer（优化器）必须是 'adam' 或 'sgd'，得到的是 {optimizer!r}"
TRAINING_BAD_STEPS = "steps（训练的步数）必须是正整数，得到的是 {steps!r}"
# convcourse.drawing.learned
AXIS_STEP = "训练步数"
AXIS_LOSS = "损失"
FIGURE_NO_LOSSES = "没有可画的损失：请先至少训练一步。"
FIGURE_LOSSES_NOT_FINITE = "有些损失是 NaN 或无穷大：训练发散了；什么也不画。"
FIGURE_LOSSES_NOT_POSITIVE = "对数刻度需要正的损失；传入 log=False 来画这些值。"
FIGURE_NO_KERNELS = "请至少给出一个要画的卷积核，形式为从标题到二维卷积核的字典。"
FIGURE_KERNEL_NOT_2D = "卷积核 {title!r} 必须是二维的 (kH, kW)；它的形状是 {shape}。"
FIGURE_WEIGHT_NOT_4D = "权重的形状必须是 (C_out, C_in, kH, kW)，且 C_out > 0；它的形状是 {shape}。"
FIGURE_MOSAIC_NOT_3D = "拼图需要形状为 (K, H, W) 的图像，而且都不能为空；得到的形状是 {shape}。"
FIGURE_MOSAIC_NOT_FINITE = "有些值是 NaN 或无穷大；什么也不画。"
FIGURE_BAD_NCOLS = "ncols 必须是正整数，得到的是 {ncols!r}。"
# convcourse.hooks
HOOKS_NO_SUBMODULE = "模型中没有名为 {name!r} 的子模块；它的子模块有 {names}。"
# convcourse.digits
DIGITS_NEED_SKLEARN = (
    "digits 数据集随 scikit-learn 提供，但 scikit-learn 没有安装：请运行  %pip install scikit-learn"
)

# --- Exercise checks: lesson 8 ----------------------------------------------------------
CHECK8_SHAPES = "预测：不加填充时的形状"
CHECK8_TRAIN_EPOCH = "调试训练循环"
CHECK8_RENAMED_STATE = "重命名 state_dict 的键"
CHECK8_MISSING_KEYS = "预测：缺失的键"
CHECK8_HINT_NOT_A_LIST = "{what} 应是一个列表；它的类型是 {type}。"
CHECK8_WHAT_SHAPES = "你的形状列表"
CHECK8_WHAT_SHAPE_ITEM = "第 {index} 层（{kind}）之后的形状"
CHECK8_HINT_SHAPE_ITEM = "{what} 应是由整数组成的元组，例如 (1, 3, 5, 5)；而不是 {item}。"
CHECK8_HINT_SHAPES_COUNT = (
    "你给出了 {got} 个形状；网络有 {want} 层：请按顺序给出每一层的输出形状。"
)
CHECK8_HINT_SHAPE_NO_BATCH = "{what} 还包括批量维度：请把 {got} 写成 (1, ...)。"
CHECK8_HINT_SHAPE_WRONG = "{what} 不是 {got}。{rule}"
# What each kind of layer does to a shape: the rule the hint recalls (the keys are torch's class names).
CHECK8_SHAPE_RULES = {
    "Conv2d": "用输出尺寸公式，代入这一层的卷积核大小和填充；通道数就是它的 out_channels。",
    "ReLU": "ReLU 不改变形状。",
    "MaxPool2d": "步幅为 2 的 2 x 2 最大汇聚把高度和宽度减半，向下取整。",
    "Flatten": "Flatten 保留批量维度，把其余各维相乘。",
}
CHECK8_WHAT_TRAIN = "你的 train_one_epoch(model, loader, optimiser)"
CHECK8_WHAT_PARAMETER = "一轮训练之后的参数 {name}"
CHECK8_WHAT_LOSS = "它返回的损失"
CHECK8_HINT_NO_FORWARD = "模型从未被调用：请用 model(images) 计算它的输出。"
CHECK8_HINT_EVAL_MODE = (
    "模型是在评估模式下训练的：evaluate() 会让模型停留在评估模式，所以请在每一轮开始时调用 model.train()。"
)
CHECK8_HINT_NOT_UPDATED = (
    "这一轮中权重没有变化：optimiser.step() 需要 loss.backward() 刚刚算出的梯度；"
    "请在 backward() 之前清零梯度，而不是在 backward() 和 step() 之间。"
)
CHECK8_HINT_WEIGHTS = (
    "backward() 会把梯度累加到已有的梯度上：请在每次 backward() 之前用 optimiser.zero_grad() 清零，"
    "这样每一步只使用这个批量的梯度。"
)
CHECK8_HINT_LOSS_TENSOR = (
    "请返回一个普通的数：累加的是 loss.item()，而不是损失张量（它会把每个批量的计算图都留在内存里）。"
)
CHECK8_HINT_LOSS = (
    "权重是对的，但函数返回了 {got:.4g}：请返回整轮中各批量损失的平均值。"
)
CHECK8_WHAT_RENAME = "你的 rename_keys(state)"
CHECK8_WHAT_ENTRY = "条目 {key}"
CHECK8_WHAT_LOADED = "加载后网络的输出"
CHECK8_HINT_RENAME_MAPPING = "rename_keys 应返回一个 dict；它返回的是一个类型为 {type} 的对象。"
CHECK8_HINT_RENAME_KEYS = "这些键与网络的键不一致：缺失 {missing}，多出 {unexpected}。"
CHECK8_HINT_RENAME_LOAD = "load_state_dict 拒绝了它：{error}"
CHECK8_HINT_RENAME_VALUES = (
    "键可以加载，但输出不同：旧网络每一层的张量必须放到 nn.Sequential 中起同样作用的那一层，顺序也要相同。"
)
CHECK8_WHAT_PREDICTION = "你的预测"
CHECK8_HINT_PREDICT_ITEM = "{what} 应包含键名（字符串），例如 'name.weight'；而不是 {item}。"
CHECK8_HINT_PREDICT_SWAPPED = (
    "这些是多出的键（在检查点中，但网络不认识）。缺失的键是网络自己有、而检查点中没有的键。"
)
CHECK8_HINT_PREDICT_MISSING = (
    "你列出的 {got} 个键不是缺失的那 {want} 个键。网络的 state_dict 有哪些键（没有参数的层没有键）？"
    "其中哪些在旧的检查点中？"
)

# --- Lesson 8: figure messages ------------------------------------------------------------
# convcourse.drawing.learned.plot_history
AXIS_EPOCH = "轮"
AXIS_TRAINING_LOSS = "训练损失"
AXIS_HELD_OUT_ACCURACY = "留出数据上的准确率"
FIGURE_HISTORY_LENGTHS = (
    "每一轮需要一个损失和一个准确率：得到了 {losses} 个损失和 {accuracies} 个准确率。"
)
FIGURE_ACCURACY_RANGE = "准确率是 0 到 1 之间的分数；得到的是 {value}。"

# --- Output-size arithmetic (convcourse.shapes) ------------------------------------------
SHAPE_BOOL = "{name} 必须是整数，得到的是布尔值 {value!r}"
SHAPE_NOT_AN_INT = "{name} 必须是整数或两个整数组成的对，得到的是 {value!r}"
SHAPE_NOT_A_BOOL = "{name} 必须是 True 或 False，得到的是 {value!r}"
SHAPE_SIZES_TOO_SMALL = "输入尺寸和卷积核尺寸至少为 1，得到的是输入 {i}、卷积核 {k}"
SHAPE_STRIDE_DILATION_TOO_SMALL = "步幅和扩张至少为 1，得到的是步幅 {s}、扩张 {d}"
SHAPE_PADDING_NEGATIVE = "填充至少为 0，得到的是 {p}"
SHAPE_KERNEL_TOO_BIG = (
    "卷积核跨越 {span} 个位置（扩张 {d} x (卷积核 {k} - 1) + 1），"
    "但填充后的输入只有 {padded} 个（输入 {i} + 2 x 填充 {p}）"
)
POOL_SIZES_TOO_SMALL = "输入尺寸和汇聚窗口尺寸至少为 1，得到的是输入 {i}、窗口 {k}"
POOL_PADDING_TOO_BIG = (
    "填充 {p} 超过了汇聚窗口 {k} 的一半：PyTorch 最多允许 {most}"
    "（2 × 填充 ≤ 窗口，与扩张无关）"
)
POOL_NO_OUTPUT = (
    "这个汇聚没有输出：窗口跨越 {span} 个位置（扩张 {d} × (窗口 {k} − 1) + 1），"
    "填充后的输入只有 {padded} 个（输入 {i} + 2 × 填充 {p}），步幅 {s} 下输出尺寸为 {o}"
)
TRANSPOSED_OUTPUT_PADDING_NEGATIVE = "输出填充至少为 0，得到的是 {q}"
TRANSPOSED_OUTPUT_PADDING_TOO_BIG = (
    "输出填充 {q} 必须小于步幅 {s} 或扩张 {d}：PyTorch 最多允许 {most}"
)
TRANSPOSED_SIZE_NO_OUTPUT = (
    "这个转置卷积没有输出：步幅 {s} × (输入 {i} − 1) − 2 × 填充 {p} "
    "+ 扩张 {d} × (卷积核 {k} − 1) + 输出填充 {q} + 1 = {o}，小于 1"
)

# --- Language (convcourse.set_language) -------------------------------------------------
LANGUAGE_UNKNOWN = "convcourse 没有语言 {name!r}；它支持 {known}。"
# Shown once by set_language when matplotlib finds none of the fonts that draw Chinese.
FONT_MISSING = (
    "matplotlib 没有能显示中文的字体，图中的中文会显示为方框：请安装一种中文字体"
    "（Debian/Ubuntu：apt-get install fonts-wqy-microhei 或 fonts-noto-cjk），"
    "然后再运行一次 set_language。"
)
