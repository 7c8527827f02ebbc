"""Lesson 1's exercise checks with right, wrong and malformed answers (see checks_testing.py).

The answers are written here with torch, independently of the lesson's solutions.
"""

from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F
from checks_testing import Cases, assert_fails_with_a_one_line_hint, case_tests, raises, returns_none
from torch import nn

from convcourse.checks import lesson1


def broken(module_class):
    """Two subclasses of a right answer: one whose forward raises, one whose forward returns None."""

    class ForwardRaises(module_class):
        def forward(self, x):
            raise RuntimeError("a learner's bug")

    class ForwardReturnsNone(module_class):
        def forward(self, x):
            return None

    return [ForwardRaises, ForwardReturnsNone]


# --- Doubler -------------------------------------------------------------------------------


class Doubler(nn.Module):
    def forward(self, x):
        return 2 * x


class DoublerInPlace(nn.Module):
    def forward(self, x):
        return x.mul_(2)  # changes the caller's tensor, but returns twice its input


class DoublerAdds(nn.Module):
    def forward(self, x):
        return x + x


class Tripler(nn.Module):
    def forward(self, x):
        return 3 * x


class Zeroes(nn.Module):
    def forward(self, x):
        return x.zero_()  # in place: a check computing 2 * x afterwards would see 0 == 2 * 0


class DoublerReturnsNumpy(nn.Module):
    def forward(self, x):
        return (2 * x).numpy()


class DoublerComplex(nn.Module):
    def forward(self, x):
        return (2 * x).to(torch.complex64)


class DoublerNaN(nn.Module):
    def forward(self, x):
        return 2 * x + float("nan")


class NotAModule:
    def __call__(self, x):
        return 2 * x


# --- Parameter count -----------------------------------------------------------------------


def conv_param_count(in_channels, out_channels, kernel_size, bias):
    return out_channels * in_channels * kernel_size**2 + (out_channels if bias else 0)


def conv_param_count_numpy(in_channels, out_channels, kernel_size, bias):
    import numpy as np

    return np.int64(conv_param_count(in_channels, out_channels, kernel_size, bias))


def conv_param_count_tensor(in_channels, out_channels, kernel_size, bias):
    return torch.tensor(conv_param_count(in_channels, out_channels, kernel_size, bias))


def conv_param_count_always_with_bias(in_channels, out_channels, kernel_size, bias):
    return out_channels * in_channels * kernel_size**2 + out_channels


def conv_param_count_float(in_channels, out_channels, kernel_size, bias):
    return float(conv_param_count(in_channels, out_channels, kernel_size, bias)) + 0.5


# --- Layer stack ---------------------------------------------------------------------------


class LayerStack(nn.Module):
    def __init__(self, n_layers, width):
        super().__init__()
        self.layers = nn.ModuleList(nn.Linear(width, width) for _ in range(n_layers))

    def forward(self, x):
        for layer in self.layers:
            x = layer(x)
        return x


class LayerStackSequential(nn.Module):
    def __init__(self, n_layers, width):
        super().__init__()
        self.body = nn.Sequential(*[nn.Linear(width, width) for _ in range(n_layers)])

    def forward(self, x):
        return self.body(x)


class LayerStackInPlainList(nn.Module):
    def __init__(self, n_layers, width):
        super().__init__()
        self.layers = [nn.Linear(width, width) for _ in range(n_layers)]  # invisible to .parameters()

    def forward(self, x):
        for layer in self.layers:
            x = layer(x)
        return x


class LayerStackUsesOnlyTheFirst(LayerStack):
    def forward(self, x):
        return self.layers[0](x)


# --- Parameter count prediction ------------------------------------------------------------

# Counted here with torch: the registered Conv2d(3, 8, 3), and the two layers of the plain list.
SEEN = sum(p.numel() for p in nn.Conv2d(3, 8, 3).parameters())
IN_THE_LIST = sum(p.numel() for layer in (nn.Conv2d(8, 8, 3), nn.Conv2d(8, 4, 3)) for p in layer.parameters())


# --- Two convolutions ----------------------------------------------------------------------


class TwoConvs(nn.Module):
    def __init__(self):
        super().__init__()
        self.first = nn.Conv2d(3, 8, 3)  # 32 -> 30
        self.second = nn.Conv2d(8, 16, 5)  # 30 -> 26

    def forward(self, x):
        return F.relu(self.second(F.relu(self.first(x))))


class TwoConvsRegisteredBackwards(nn.Module):
    def __init__(self):
        super().__init__()
        self.late = nn.Conv2d(5, 16, 3)  # registered first, used second
        self.early = nn.Conv2d(3, 5, 5)

    def forward(self, x):
        return torch.relu(self.late(torch.relu(self.early(x), )))


class TwoConvsSameInputChannels(nn.Module):
    def __init__(self):
        super().__init__()
        self.wide = nn.Conv2d(3, 16, 3)  # registered first, used second; both take 3 channels
        self.narrow = nn.Conv2d(3, 3, 5)

    def forward(self, x):
        return F.relu(self.wide(F.relu(self.narrow(x))))


class TwoConvsSameInputChannelsMirrored(TwoConvsSameInputChannels):
    def forward(self, x):
        return super().forward(x).flip(-1)  # the right layers, but a mirrored output


class TwoConvsSequentialInPlaceRelu(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(3, 4, 4), nn.ReLU(inplace=True), nn.Conv2d(4, 16, 4),
                                  nn.ReLU(inplace=True))

    def forward(self, x):
        return self.body(x)


class TwoConvsSaidValid(TwoConvs):
    """Right: padding='valid' is no padding, and a padding_mode without padding changes nothing."""

    def __init__(self):
        super().__init__()
        self.first = nn.Conv2d(3, 8, 3, padding="valid")
        self.second = nn.Conv2d(8, 16, 5, padding_mode="reflect")


class TwoConvsPaddedSame(TwoConvs):
    def __init__(self):
        super().__init__()
        self.first = nn.Conv2d(3, 8, 1)
        self.second = nn.Conv2d(8, 16, 7, padding="same")


class TwoConvsPadded(nn.Module):
    def __init__(self):
        super().__init__()
        self.first = nn.Conv2d(3, 8, 5, padding=1)  # 32 -> 30
        self.second = nn.Conv2d(8, 16, 7, padding=1)  # 30 -> 26: the shape is right, padding is not

    def forward(self, x):
        return F.relu(self.second(F.relu(self.first(x))))


class TwoConvsLazy(nn.Module):
    def __init__(self):
        super().__init__()
        self.first = nn.LazyConv2d(8, 3)  # in_channels read from the first input
        self.second = nn.LazyConv2d(16, 5)

    def forward(self, x):
        return F.relu(self.second(F.relu(self.first(x))))


class TwoConvsNoRelu(TwoConvs):
    def forward(self, x):
        return F.relu(self.second(self.first(x)))


class TwoConvsZeros(TwoConvs):
    def forward(self, x):
        return torch.zeros(x.shape[0], 16, 26, 26)


class TwoConvsWrongShape(TwoConvs):
    def __init__(self):
        super().__init__()
        self.second = nn.Conv2d(8, 16, 3)


class ThreeConvs(TwoConvs):
    def __init__(self):
        super().__init__()
        self.third = nn.Conv2d(16, 16, 1)


# --- Shape recorder ------------------------------------------------------------------------


def record_shapes(model, x):
    shapes, handles = [], []
    for module in model.modules():
        if not list(module.children()):
            handles.append(module.register_forward_hook(
                lambda m, i, o: shapes.append(tuple(o.shape))))
    try:
        model(x)
    finally:
        for handle in handles:
            handle.remove()
    return shapes


def record_shapes_as_sizes_in_a_tuple(model, x):
    sizes = []
    handles = [m.register_forward_hook(lambda m, i, o: sizes.append(o.shape))
               for m in model.modules() if len(list(m.children())) == 0]
    model(x)
    for handle in handles:
        handle.remove()
    return tuple(sizes)


def record_shapes_keeps_hooks(model, x):
    shapes = []
    for module in model.modules():
        if not list(module.children()):
            module.register_forward_hook(lambda m, i, o: shapes.append(tuple(o.shape)))
    model(x)
    return shapes


def record_shapes_of_every_module(model, x):
    shapes, handles = [], []
    for module in model.modules():  # containers too: too many shapes
        handles.append(module.register_forward_hook(lambda m, i, o: shapes.append(tuple(o.shape))))
    model(x)
    for handle in handles:
        handle.remove()
    return shapes


def record_shapes_as_a_string(model, x):
    return str(record_shapes(model, x))


# --- Predict in evaluation mode ------------------------------------------------------------


def predict(model, x):
    was_training = model.training
    model.eval()
    with torch.no_grad():
        out = model(x)
    model.train(was_training)
    return out


def predict_inference_mode(model, x):
    was_training = model.training
    model.eval()
    try:
        with torch.inference_mode():
            return model(x)
    finally:
        model.train(was_training)


def predict_without_eval(model, x):
    with torch.no_grad():
        return model(x)


def predict_forgets_to_restore(model, x):
    model.eval()
    with torch.no_grad():
        return model(x)


def predict_tracks_gradients(model, x):
    was_training = model.training
    model.eval()
    out = model(x)
    model.train(was_training)
    return out


def predict_always_back_to_train(model, x):
    model.eval()
    with torch.no_grad():
        out = model(x)
    model.train()
    return out


# --- Debug SmallNet ------------------------------------------------------------------------


class SmallNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 8, 3)
        self.conv2 = nn.Conv2d(8, 4, 3)
        self.fc = nn.Linear(4 * 8 * 8, 10)

    def forward(self, x):
        x = F.relu(self.conv1(x))
        x = F.relu(self.conv2(x))
        return self.fc(x.flatten(1))


class SmallNetRegisteredBackwards(nn.Module):
    def __init__(self):
        super().__init__()
        self.head = nn.Linear(4 * 8 * 8, 10)
        self.features = nn.Sequential(nn.Conv2d(1, 8, 3), nn.ReLU(), nn.Conv2d(8, 4, 3), nn.ReLU())

    def forward(self, x):
        return self.head(self.features(x).reshape(x.shape[0], -1))


class SmallNetLazyLinear(SmallNet):
    """The flatten-size bug fixed by letting the linear layer read its size from its first input."""

    def __init__(self):
        super().__init__()
        self.fc = nn.LazyLinear(10)


class SmallNetLazyEverywhere(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.LazyConv2d(8, 3), nn.ReLU(), nn.LazyConv2d(4, 3), nn.ReLU(),
                                  nn.Flatten(), nn.LazyLinear(10))

    def forward(self, x):
        return self.body(x)


class SmallNetInADictUnderOtherNames(nn.Module):
    def __init__(self):
        super().__init__()
        self.parts = nn.ModuleDict({"classifier": nn.Linear(256, 10), "b": nn.Conv2d(8, 4, (3, 3)),
                                    "a": nn.Conv2d(1, 8, 3, padding="valid")})
        self.add_module("flatten", nn.Flatten())

    def forward(self, x):
        x = torch.relu(self.parts["a"](x))
        x = self.parts["b"](x).relu_()
        return self.parts["classifier"](self.flatten(x))


class SmallNetStrided(nn.Module):  # the layers' own output, but not the exercise's computation
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 8, 3, stride=2)  # 12 -> 5
        self.conv2 = nn.Conv2d(8, 4, 3)  # 5 -> 3
        self.fc = nn.Linear(4 * 3 * 3, 10)

    def forward(self, x):
        x = F.relu(self.conv1(x))
        return self.fc(F.relu(self.conv2(x)).flatten(1))


class SmallNetNoSecondRelu(SmallNet):
    def forward(self, x):
        x = F.relu(self.conv1(x))
        return self.fc(self.conv2(x).flatten(1))


class SmallNetEightChannels(nn.Module):  # runs, but not the architecture asked for
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 8, 3)
        self.conv2 = nn.Conv2d(8, 8, 3)
        self.fc = nn.Linear(8 * 8 * 8, 10)

    def forward(self, x):
        x = F.relu(self.conv1(x))
        return self.fc(F.relu(self.conv2(x)).flatten(1))


class SmallNetReluAtTheEnd(SmallNet):
    def forward(self, x):
        return F.relu(super().forward(x))


class SmallNetBuggy(nn.Module):  # the lesson's broken version: raises
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 8, 3)
        self.conv2 = nn.Conv2d(1, 4, 3)
        self.fc = nn.Linear(4 * 10 * 10, 10)

    def forward(self, x):
        x = F.relu(self.conv1(x))
        x = self.conv2(x)
        return self.fc(x.flatten(1))


class SmallNetLazyButConv2StillWrong(SmallNetBuggy):  # its first call raises, before any size is known
    def __init__(self):
        super().__init__()
        self.fc = nn.LazyLinear(10)


CASES = {
    "check_doubler": Cases(
        right=[Doubler, DoublerInPlace, DoublerAdds],
        wrong=[Tripler, Zeroes],
        malformed=[None, "Doubler", Doubler(), NotAModule, DoublerReturnsNumpy, DoublerComplex,
                   DoublerNaN, *broken(Doubler)],
    ),
    "check_conv_param_count": Cases(
        right=[conv_param_count, conv_param_count_numpy, conv_param_count_tensor],
        wrong=[conv_param_count_always_with_bias],
        malformed=[None, "count", raises, returns_none, conv_param_count_float,
                   lambda *a: float("nan"), lambda *a: [1, 2]],
    ),
    "check_layer_stack": Cases(
        right=[LayerStack, LayerStackSequential],
        wrong=[LayerStackInPlainList, LayerStackUsesOnlyTheFirst],
        malformed=[None, "LayerStack", LayerStack(2, 3), *broken(LayerStack)],
    ),
    "check_parameter_count_prediction": Cases(
        right=[SEEN, np.int64(SEEN), torch.tensor(SEEN)],
        wrong=[SEEN + IN_THE_LIST, SEEN - 8, 0, IN_THE_LIST],
        malformed=[None, str(SEEN), float(SEEN) + 0.5, float("nan"), [SEEN], lambda: SEEN, True],
    ),
    "check_two_convs": Cases(
        right=[TwoConvs, TwoConvsRegisteredBackwards, TwoConvsSameInputChannels,
               TwoConvsSequentialInPlaceRelu, TwoConvsSaidValid, TwoConvsLazy],
        wrong=[TwoConvsPadded, TwoConvsPaddedSame, TwoConvsNoRelu, TwoConvsZeros, TwoConvsWrongShape,
               ThreeConvs,
               TwoConvsSameInputChannelsMirrored],
        malformed=[None, "TwoConvs", [TwoConvs], *broken(TwoConvs)],
    ),
    "check_record_shapes": Cases(
        right=[record_shapes, record_shapes_as_sizes_in_a_tuple],
        wrong=[record_shapes_keeps_hooks, record_shapes_of_every_module],
        malformed=[None, "shapes", raises, returns_none, record_shapes_as_a_string,
                   lambda model, x: [float("nan")], lambda model, x: 3],
    ),
    "check_predict": Cases(
        right=[predict, predict_inference_mode],
        wrong=[predict_without_eval, predict_forgets_to_restore, predict_tracks_gradients,
               predict_always_back_to_train],
        malformed=[None, "predict", raises, returns_none, lambda model, x: model(x).tolist(),
                   nn.Linear(6, 2)],
    ),
    "check_small_net": Cases(
        right=[SmallNet, SmallNetRegisteredBackwards, SmallNetLazyLinear, SmallNetLazyEverywhere,
               SmallNetInADictUnderOtherNames],
        wrong=[SmallNetNoSecondRelu, SmallNetEightChannels, SmallNetReluAtTheEnd, SmallNetStrided],
        malformed=[None, "SmallNet", SmallNetBuggy, SmallNetLazyButConv2StillWrong, SmallNet(),
                   *broken(SmallNet), *broken(SmallNetLazyLinear)],
    ),
}


test_a_right_answer_passes, test_a_wrong_or_malformed_answer_fails_with_a_one_line_hint = case_tests(CASES)


def test_the_doubler_check_does_not_let_an_in_place_zero_pass(capsys):
    assert "differ" in assert_fails_with_a_one_line_hint("check_doubler", Zeroes, capsys)


def test_the_two_convs_check_names_the_padding(capsys):
    assert "padding" in assert_fails_with_a_one_line_hint("check_two_convs", TwoConvsPadded, capsys)


def test_a_raising_answer_is_named_in_the_hint(capsys):
    hint = assert_fails_with_a_one_line_hint("check_conv_param_count", raises, capsys)
    assert "raised RuntimeError: a learner's bug" in hint


def test_the_small_net_check_accepts_a_lazy_linear_layer_without_a_hint(capsys):
    # nn.LazyLinear(10) is a right fix of the flatten-size bug: it reads 4 * 8 * 8 from its input.
    result = lesson1.check_small_net(SmallNetLazyLinear)
    assert result, result.hint


def test_the_small_net_check_names_the_features_the_linear_layer_expects(capsys):
    class WrongFeatures(SmallNet):
        def __init__(self):
            super().__init__()
            self.fc = nn.Linear(4 * 10 * 10, 10)

    hint = assert_fails_with_a_one_line_hint("check_small_net", WrongFeatures, capsys)
    assert "400" in hint and str(4 * 8 * 8) in hint


def test_the_parameter_prediction_names_the_plain_list_and_the_biases(capsys):
    hint = assert_fails_with_a_one_line_hint("check_parameter_count_prediction", SEEN + IN_THE_LIST, capsys)
    assert "plain list" in hint
    hint = assert_fails_with_a_one_line_hint("check_parameter_count_prediction", SEEN - 8, capsys)
    assert "biases" in hint


def test_the_prediction_exercise_module_registers_only_its_first_layer():
    model = lesson1.half_visible_model()
    assert [name for name, _ in model.named_parameters()] == ["first.weight", "first.bias"]
    assert tuple(model(torch.zeros(1, 3, 9, 9)).shape) == (1, 4, 3, 3)  # all three layers run
