"""Exercise checks of lesson 1 (nn.Module).

Every expected value is computed by the check before it runs the learner's code, from torch
itself (never from the formula the exercise asks for); random inputs come from fixed seeds.
"""

from __future__ import annotations

import random

from convcourse import messages
from convcourse.checks.core import (
    Hint,
    as_int,
    as_tensor,
    build,
    call,
    check,
    compare,
    forward,
    generator,
)


def _torch():
    import torch
    from torch import nn

    return torch, nn


@check(lambda: messages.CHECK1_DOUBLER)
def check_doubler(module_class):
    """``module_class()`` is an nn.Module whose forward returns twice its input (any shape)."""
    torch, _ = _torch()
    model = build(module_class, what=messages.CHECK1_WHAT_BUILD.format(name="Doubler"))
    rng = generator(1)
    for shape in [(), (3,), (2, 4, 5)]:
        x = torch.randn(shape, generator=rng)
        want = 2 * x  # computed before the learner's code runs: an in-place answer may change x
        what = messages.CHECK1_WHAT_CALL_SHAPE.format(shape=tuple(shape))
        compare(forward(model, x.clone(), what), want, what)


@check(lambda: messages.CHECK1_PARAM_COUNT, answer="function")
def check_conv_param_count(count_fn):
    """``count_fn(in_channels, out_channels, kernel_size, bias)`` counts a Conv2d's parameters;
    compared with ``nn.Conv2d(...).parameters()`` for random sizes."""
    _, nn = _torch()
    rng = random.Random(2)
    for _ in range(20):
        c_in, c_out, k = rng.randint(1, 8), rng.randint(1, 8), rng.randint(1, 7)
        bias = rng.random() < 0.5
        want = sum(p.numel() for p in nn.Conv2d(c_in, c_out, k, bias=bias).parameters())
        what = messages.CHECK1_WHAT_COUNT.format(c_in=c_in, c_out=c_out, k=k, bias=bias)
        got = as_int(call(count_fn, c_in, c_out, k, bias, what=what), what)
        if got != want:
            raise Hint(messages.CHECK1_HINT_COUNT.format(what=what, got=got, want=want))


@check(lambda: messages.CHECK1_LAYER_STACK)
def check_layer_stack(stack_class):
    """``stack_class(n_layers, width)`` applies n_layers nn.Linear(width, width) in turn, with
    every layer registered (visible to .parameters(), .to() and state_dict)."""
    torch, nn = _torch()
    per_layer = 3 * 3 + 3
    for n_layers in (1, 3):
        what = messages.CHECK1_WHAT_BUILD.format(name=f"LayerStack({n_layers}, 3)")
        model = build(stack_class, n_layers, 3, what=what)
        counted = sum(p.numel() for p in model.parameters())
        if counted != n_layers * per_layer:
            raise Hint(messages.CHECK1_HINT_STACK_COUNT.format(
                n_layers=n_layers, counted=counted, want=n_layers * per_layer))
        linears = [m for m in model.modules() if isinstance(m, nn.Linear)]
        if len(linears) != n_layers:
            raise Hint(messages.CHECK1_HINT_STACK_LAYERS.format(n_layers=n_layers, got=len(linears)))
        x = torch.randn(2, 3, generator=generator(n_layers))
        # The expected output comes from the learner's own layers, applied in the order they
        # are registered (the order of the list).
        want = x
        for layer in linears:
            want = layer(want)
        want = want.detach()
        what = messages.CHECK1_WHAT_CALL_SHAPE.format(shape=(2, 3))
        compare(forward(model, x.clone(), what), want, what, hint=messages.CHECK1_HINT_STACK_FORWARD)
        model.to(torch.float64)
        if any(p.dtype != torch.float64 for p in model.parameters()) or any(
                layer.weight.dtype != torch.float64 for layer in linears):
            raise Hint(messages.CHECK1_HINT_STACK_TO)


def half_visible_model():
    """The module of lesson 1's prediction exercise: one layer registered, two in a plain list."""
    _, nn = _torch()

    class HalfVisible(nn.Module):
        def __init__(self):
            super().__init__()
            self.first = nn.Conv2d(3, 8, 3)
            self.rest = [nn.Conv2d(8, 8, 3), nn.Conv2d(8, 4, 3)]

        def forward(self, x):
            for layer in [self.first, *self.rest]:
                x = layer(x)
            return x

    return HalfVisible()


@check(lambda: messages.CHECK1_PARAMETER_PREDICTION)
def check_parameter_count_prediction(predicted):
    """``predicted``: how many numbers ``HalfVisible().parameters()`` yields (a whole number:
    an int, a numpy integer or a one-element integer tensor)."""
    model = half_visible_model()
    seen = sum(p.numel() for p in model.parameters())
    in_the_list = sum(p.numel() for layer in model.rest for p in layer.parameters())
    without_biases = sum(p.numel() for name, p in model.named_parameters() if not name.endswith("bias"))
    what = messages.CHECK1_WHAT_PARAMETER_PREDICTION
    if predicted is None:
        raise Hint(messages.CHECK_HINT_PREDICTION_NONE.format(what=what))
    got = as_int(predicted, what)
    if got == seen:
        return
    if got == seen + in_the_list:
        raise Hint(messages.CHECK1_HINT_PARAMETER_PREDICTION_LIST.format(got=got))
    if got == without_biases:
        raise Hint(messages.CHECK1_HINT_PARAMETER_PREDICTION_BIAS.format(got=got))
    raise Hint(messages.CHECK1_HINT_PARAMETER_PREDICTION.format(got=got))


def _materialise_lazy_layers(model, x, what):
    """Call ``model(x)`` once if one of its lazy layers (nn.LazyLinear, nn.LazyConv2d...) has not
    yet set its sizes: a lazy layer reads them from its first input, and the checks read them."""
    import torch
    from torch.nn.modules.lazy import LazyModuleMixin

    if any(isinstance(m, LazyModuleMixin) and m.has_uninitialized_params() for m in model.modules()):
        with torch.no_grad():
            forward(model, x.clone(), what)


def _two_convs_orders(model, c_in):
    """The orders in which the learner's two Conv2d layers can run, judged by their channels
    (the first takes ``c_in`` channels, the second takes what the first makes), never by the
    order they were registered in; a Hint if there are not two, or no order fits."""
    _, nn = _torch()
    convs = [m for m in model.modules() if isinstance(m, nn.Conv2d)]
    if len(convs) != 2:
        raise Hint(messages.CHECK1_HINT_TWO_CONVS_COUNT.format(got=len(convs)))
    if not any(conv.in_channels == c_in for conv in convs):
        raise Hint(messages.CHECK1_HINT_TWO_CONVS_IN.format(c_in=c_in))
    orders = [(a, b) for a, b in (convs, convs[::-1])
              if a.in_channels == c_in and b.in_channels == a.out_channels]
    if not orders:
        first = next(conv for conv in convs if conv.in_channels == c_in)
        second = convs[1] if convs[0] is first else convs[0]
        raise Hint(messages.CHECK1_HINT_SMALL_NET_CHANNELS.format(
            out=first.out_channels, inp=second.in_channels))
    return orders


def _unpadded_stride_1(conv) -> bool:
    """No padding and stride 1. ('valid' is no padding; without padding, the padding_mode
    changes nothing.)"""
    unpadded = conv.padding == "valid" or tuple(conv.padding) == (0, 0)
    return unpadded and tuple(conv.stride) == (1, 1)


def _closest(got, candidates):
    """The candidate output closest to ``got`` (the learner's order of layers, if it is right)."""
    import torch

    same_shape = [want for want in candidates if want.shape == got.shape]
    if not same_shape:
        return candidates[0]
    return min(same_shape, key=lambda want: (got.detach().to(want.dtype) - want).abs().max().item()
               if bool(torch.isfinite(got.detach()).all()) else 0.0)


@check(lambda: messages.CHECK1_TWO_CONVS)
def check_two_convs(module_class, in_shape=(2, 3, 32, 32), out_shape=(2, 16, 26, 26)):
    """``module_class()`` has exactly two nn.Conv2d layers (no padding, stride 1), each followed
    by a ReLU, and maps a batch of ``in_shape`` to ``out_shape``; the output is compared with
    relu(conv2(relu(conv1(x)))) computed from the learner's own layers."""
    torch, _ = _torch()
    model = build(module_class, what=messages.CHECK1_WHAT_BUILD.format(name="TwoConvs"))
    x = torch.randn(in_shape, generator=generator(3))
    what = messages.CHECK1_WHAT_CALL_SHAPE.format(shape=tuple(in_shape))
    _materialise_lazy_layers(model, x, what)
    orders = _two_convs_orders(model, in_shape[1])
    for conv in orders[0]:
        if not _unpadded_stride_1(conv):
            raise Hint(messages.CHECK1_HINT_TWO_CONVS_PLAIN.format(
                padding=conv.padding, stride=conv.stride))
    with torch.no_grad():
        candidates = [torch.relu(second(torch.relu(first(x)))) for first, second in orders]
    got = forward(model, x.clone(), what)
    if tuple(got.shape) != tuple(out_shape):
        raise Hint(messages.CHECK1_HINT_TWO_CONVS_SHAPE.format(got=tuple(got.shape), want=tuple(out_shape)))
    compare(got, _closest(got, candidates), what, hint=messages.CHECK1_HINT_TWO_CONVS_VALUES)


def _hooked_model():
    """The model the record-shapes exercise is checked on: nested, so containers must be skipped."""
    _, nn = _torch()
    return nn.Sequential(
        nn.Conv2d(1, 4, 3), nn.ReLU(),
        nn.Sequential(nn.Conv2d(4, 2, 3), nn.ReLU()),
        nn.Flatten(), nn.Linear(2 * 4 * 4, 3),
    )


def _has_hooks(model) -> bool:
    return any(m._forward_hooks or m._forward_pre_hooks for m in model.modules())


@check(lambda: messages.CHECK1_SHAPE_RECORDER, answer="function")
def check_record_shapes(record_fn):
    """``record_fn(model, x)`` returns the output shape of every module without sub-modules, in
    the order they ran, using forward hooks, and removes its hooks afterwards."""
    torch, nn = _torch()
    model = _hooked_model()
    x = torch.randn(2, 1, 8, 8, generator=generator(5))
    want = []
    handles = [m.register_forward_hook(lambda m, i, o: want.append(tuple(o.shape)))
               for m in model.modules() if not list(m.children())]
    model(x)
    for handle in handles:
        handle.remove()
    what = messages.CHECK1_WHAT_RECORDER
    got = call(record_fn, model, x.clone(), what=what)
    if got is None:
        raise Hint(messages.CHECK_HINT_RETURNED_NONE.format(what=what))
    if isinstance(got, (str, bytes)) or not isinstance(got, (list, tuple)):
        raise Hint(messages.CHECK1_HINT_RECORDER_LIST.format(type=type(got).__name__))
    shapes = []
    for item in got:
        if not isinstance(item, (tuple, list, torch.Size)):
            raise Hint(messages.CHECK1_HINT_RECORDER_ITEM.format(type=type(item).__name__))
        shapes.append(tuple(as_int(d, messages.CHECK1_WHAT_RECORDER) for d in item))
    if shapes != want:
        raise Hint(messages.CHECK1_HINT_RECORDER_SHAPES.format(got=len(shapes), want=len(want)))
    if _has_hooks(model):
        raise Hint(messages.CHECK1_HINT_RECORDER_REMOVE)


@check(lambda: messages.CHECK1_PREDICT_EVAL, answer="function")
def check_predict(predict_fn):
    """``predict_fn(model, x)`` returns the model's output in evaluation mode without tracking
    gradients, and leaves the model in the mode it found it in."""
    torch, nn = _torch()
    x = torch.randn(4, 6, generator=generator(8))
    for start_in_training in (True, False):
        model = nn.Sequential(nn.Linear(6, 6), nn.Dropout(0.5), nn.Linear(6, 2))
        model.eval()
        with torch.no_grad():
            want = model(x)
        model.train(start_in_training)
        what = messages.CHECK1_WHAT_PREDICT
        got = as_tensor(call(predict_fn, model, x.clone(), what=what), what, shape=want.shape)
        mode = messages.CHECK1_MODE_TRAIN if start_in_training else messages.CHECK1_MODE_EVAL
        if any(m.training != start_in_training for m in model.modules()):
            raise Hint(messages.CHECK1_HINT_PREDICT_RESTORE.format(mode=mode))
        compare(got, want, what, hint=messages.CHECK1_HINT_PREDICT_DROPOUT)
        if got.requires_grad:
            raise Hint(messages.CHECK1_HINT_PREDICT_GRAD)


def _small_net_references(model, x, c_in):
    """relu(conv2(relu(conv1(x)))) -> flatten -> linear, from the learner's own layers, for every
    order of the two convolutions their channels allow. The layers are found by their kind,
    wherever and under whatever names they are registered (a lazy layer is an nn.Linear or
    nn.Conv2d once it has run)."""
    torch, nn = _torch()
    convs = [m for m in model.modules() if isinstance(m, nn.Conv2d)]
    linears = [m for m in model.modules() if isinstance(m, nn.Linear)]
    if len(convs) != 2 or len(linears) != 1:
        raise Hint(messages.CHECK1_HINT_SMALL_NET_LAYERS.format(convs=len(convs), linears=len(linears)))
    references = []
    for first, second in _two_convs_orders(model, c_in):
        layers = ((first.in_channels, first.out_channels, tuple(first.kernel_size)),
                  (second.in_channels, second.out_channels, tuple(second.kernel_size)),
                  linears[0].out_features)
        plain = all(_unpadded_stride_1(conv) and tuple(conv.dilation) == (1, 1) and conv.groups == 1
                    for conv in (first, second))
        if layers != ((1, 8, (3, 3)), (8, 4, (3, 3)), 10) or not plain:
            raise Hint(messages.CHECK1_HINT_SMALL_NET_SPEC)
        with torch.no_grad():
            features = torch.relu(second(torch.relu(first(x)))).flatten(1)
            if features.shape[1] != linears[0].in_features:
                raise Hint(messages.CHECK1_HINT_SMALL_NET_FEATURES.format(
                    got=linears[0].in_features, want=features.shape[1]))
            references.append(linears[0](features))
    return references


@check(lambda: messages.CHECK1_SMALL_NET)
def check_small_net(module_class):
    """The repaired ``SmallNet()``: conv(1 -> 8, 3), ReLU, conv(8 -> 4, 3), ReLU, flatten,
    linear to 10 classes, for a batch of 1 x 12 x 12 images. Every model that computes this
    passes: layers under any names, in any container or order, nn.LazyLinear(10) included."""
    torch, _ = _torch()
    model = build(module_class, what=messages.CHECK1_WHAT_BUILD.format(name="SmallNet"))
    x = torch.randn(3, 1, 12, 12, generator=generator(9))
    what = messages.CHECK1_WHAT_CALL_SHAPE.format(shape=tuple(x.shape))
    _materialise_lazy_layers(model, x, what)
    candidates = _small_net_references(model, x, 1)
    got = forward(model, x.clone(), what)
    compare(got, _closest(got, candidates), what, hint=messages.CHECK1_HINT_SMALL_NET_VALUES)
