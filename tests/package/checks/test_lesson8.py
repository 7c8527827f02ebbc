"""Lesson 8's exercise checks with right, wrong and malformed answers (see checks_testing.py).

The answers are written here with torch, independently of the lesson's solutions: the shapes
from the layers' own arithmetic, training loops in other orders and styles, renamings by other
means.
"""

from __future__ import annotations

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from checks_testing import Cases, assert_fails_with_a_one_line_hint, case_tests, raises, returns_none
from torch import nn

from convcourse.checks import lesson8

# --- The shapes without padding --------------------------------------------------------------


def unpadded_shapes():
    """Every layer's output shape, computed with torch on the layers themselves, one at a time."""
    shapes, x = [], torch.zeros(1, 1, 8, 8)
    layers = [nn.Conv2d(1, 8, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(),
              nn.MaxPool2d(2), nn.Flatten()]
    with torch.no_grad():
        for layer in layers:
            x = layer(x)
            shapes.append(tuple(x.shape))
    return shapes


SHAPES = unpadded_shapes()
PADDED_SHAPES = [(1, 8, 8, 8), (1, 8, 8, 8), (1, 8, 4, 4), (1, 16, 4, 4), (1, 16, 4, 4), (1, 16, 2, 2),
                 (1, 64)]


def shapes_with(index, shape):
    shapes = list(SHAPES)
    shapes[index] = shape
    return shapes


# --- The training loop -----------------------------------------------------------------------


def train_one_epoch(model, loader, optimiser):
    model.train()
    total, count = 0.0, 0
    for images, labels in loader:
        loss = F.cross_entropy(model(images), labels)
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
        total += loss.item() * len(labels)
        count += len(labels)
    return total / count


def train_one_epoch_zero_grad_after_step(model, loader, optimiser):
    model.train(True)
    losses = []
    for images, labels in loader:
        loss = nn.CrossEntropyLoss()(model(images), labels)
        loss.backward()
        optimiser.step()
        optimiser.zero_grad(set_to_none=False)  # cleared after the step: the same updates
        losses.append(loss.detach())
    return torch.stack(losses).mean()  # a 0-d tensor without a graph, the mean of equal batches


def train_one_epoch_model_zero_grad(model, loader, optimiser):
    model.train()
    batch_losses = []
    for batch in loader:
        images, labels = batch
        model.zero_grad()
        loss = F.cross_entropy(model(images), labels)
        loss.backward()
        optimiser.step()
        batch_losses.append(loss.item())
    return np.float32(np.mean(batch_losses))


def train_one_epoch_lessons_bugs(model, loader, optimiser):  # both bugs of the lesson's exercise
    total, count = 0.0, 0
    for images, labels in loader:
        loss = F.cross_entropy(model(images), labels)
        loss.backward()
        optimiser.zero_grad()
        optimiser.step()
        total += loss.item() * len(labels)
        count += len(labels)
    return total / count


def train_one_epoch_in_eval_mode(model, loader, optimiser):
    loss = None
    for images, labels in loader:
        loss = F.cross_entropy(model(images), labels)
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
    return loss.item()


def train_one_epoch_zero_grad_between(model, loader, optimiser):
    model.train()
    total = 0.0
    for images, labels in loader:
        loss = F.cross_entropy(model(images), labels)
        loss.backward()
        optimiser.zero_grad()  # the gradients are gone before the step: nothing changes
        optimiser.step()
        total += loss.item()
    return total / len(loader)


def train_one_epoch_without_zero_grad(model, loader, optimiser):
    model.train()
    total = 0.0
    for images, labels in loader:
        loss = F.cross_entropy(model(images), labels)
        loss.backward()  # adds to the last batch's gradients
        optimiser.step()
        total += loss.item()
    return total / len(loader)


def train_one_epoch_without_step(model, loader, optimiser):
    model.train()
    total = 0.0
    for images, labels in loader:
        loss = F.cross_entropy(model(images), labels)
        optimiser.zero_grad()
        loss.backward()
        total += loss.item()
    return total / len(loader)


def batch_losses(model, loader, optimiser):
    """A right epoch that keeps every batch's loss tensor (each still holding its graph)."""
    model.train()
    losses = []
    for images, labels in loader:
        loss = F.cross_entropy(model(images), labels)
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
        losses.append(loss)
    return losses


def train_one_epoch_returns_last_loss(model, loader, optimiser):
    return batch_losses(model, loader, optimiser)[-1].item()


def train_one_epoch_returns_the_sum(model, loader, optimiser):
    return sum(loss.item() for loss in batch_losses(model, loader, optimiser))


def train_one_epoch_keeps_graphs(model, loader, optimiser):
    return sum(batch_losses(model, loader, optimiser)) / len(loader)  # a tensor holding every graph


def train_one_epoch_two_passes(model, loader, optimiser):
    train_one_epoch(model, loader, optimiser)
    return train_one_epoch(model, loader, optimiser)


def train_one_epoch_calls_forward(model, loader, optimiser):
    model.train()
    total = 0.0
    for images, labels in loader:
        loss = F.cross_entropy(model.forward(images), labels)  # skips the hooks
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
        total += loss.item()
    return total / len(loader)


def train_one_epoch_returns_nan(model, loader, optimiser):
    train_one_epoch(model, loader, optimiser)
    return float("nan")


def train_one_epoch_returns_text(model, loader, optimiser):
    return f"{train_one_epoch(model, loader, optimiser):.3f}"


# --- The renamed checkpoint ------------------------------------------------------------------

NEW_NAMES = {"conv1": "0", "conv2": "3", "fc1": "7", "fc2": "9"}


def rename(state):
    renamed = {}
    for key, value in state.items():
        layer, kind = key.split(".")
        renamed[f"{NEW_NAMES[layer]}.{kind}"] = value
    return renamed


def rename_in_place(state):
    for key in list(state):
        layer, _, kind = key.partition(".")
        state[NEW_NAMES[layer] + "." + kind] = state.pop(key)
    return state


def rename_by_order(state):
    # The same layers in the same order: pair the old keys with the new network's own keys.
    from collections import OrderedDict

    target = lesson8.new_checkpoint_model().state_dict()
    return OrderedDict(zip(target, state.values(), strict=True))


def rename_convs_only(state):
    return {key.replace("conv1.", "0.").replace("conv2.", "3."): value for key, value in state.items()}


def rename_to_the_relus(state):  # 1, 4, 8, 10: the layers after the ones with parameters
    names = {"conv1": "1", "conv2": "4", "fc1": "8", "fc2": "10"}
    return {names[key.split(".")[0]] + "." + key.split(".")[1]: value for key, value in state.items()}


def rename_swapped_convs(state):  # the shapes differ: load_state_dict refuses
    names = {"conv1": "3", "conv2": "0", "fc1": "7", "fc2": "9"}
    return {names[key.split(".")[0]] + "." + key.split(".")[1]: value for key, value in state.items()}


def rename_and_reset_a_bias(state):
    renamed = rename(state)
    renamed["7.bias"] = torch.zeros_like(renamed["7.bias"])
    return renamed


def rename_to_lists(state):
    return {key: value.tolist() for key, value in rename(state).items()}


def rename_to_integers(state):
    return {key: value.long() for key, value in rename(state).items()}


# --- The missing keys ------------------------------------------------------------------------

MISSING = [f"{index}.{kind}" for index in (0, 3, 7, 9) for kind in ("weight", "bias")]
OLD_KEYS = [f"{name}.{kind}" for name in ("conv1", "conv2", "fc1", "fc2") for kind in ("weight", "bias")]


def missing_keys():
    yield from MISSING


CASES = {
    "check_cnn_shapes_prediction": Cases(
        right=[SHAPES, tuple(SHAPES), [list(shape) for shape in SHAPES], [torch.Size(s) for s in SHAPES],
               [tuple(np.int64(n) for n in shape) for shape in SHAPES], iter(SHAPES)],
        wrong=[PADDED_SHAPES, SHAPES[:-1], SHAPES + [(1, 10)], shapes_with(0, (1, 8, 8, 8)),
               shapes_with(2, (1, 8, 4, 4)), shapes_with(5, (1, 16, 2, 2)), shapes_with(6, (1, 16, 1, 1)),
               shapes_with(1, (1, 8, 3, 3)), [shape[1:] for shape in SHAPES], []],
        malformed=[None, "(1, 8, 6, 6)", float("nan"), 7, {0: (1, 8, 6, 6)}, torch.zeros(7, 4),
                   shapes_with(0, None), shapes_with(0, (1, 8.5, 6, 6)),
                   shapes_with(3, (1, float("nan"), 3, 3)), shapes_with(0, "1, 8, 6, 6"), unpadded_shapes,
                   range(7)],
    ),
    "check_train_one_epoch": Cases(
        right=[train_one_epoch, train_one_epoch_zero_grad_after_step, train_one_epoch_model_zero_grad],
        wrong=[train_one_epoch_lessons_bugs, train_one_epoch_in_eval_mode, train_one_epoch_zero_grad_between,
               train_one_epoch_without_zero_grad, train_one_epoch_without_step,
               train_one_epoch_returns_last_loss, train_one_epoch_returns_the_sum,
               train_one_epoch_keeps_graphs, train_one_epoch_two_passes, train_one_epoch_calls_forward],
        malformed=[None, "train_one_epoch", raises, returns_none, train_one_epoch_returns_nan,
                   train_one_epoch_returns_text, nn.Linear(2, 2), lambda model, loader: 0.0],
    ),
    "check_rename_keys": Cases(
        right=[rename, rename_in_place, rename_by_order],
        wrong=[lambda state: state, rename_convs_only, rename_to_the_relus, rename_swapped_convs,
               rename_and_reset_a_bias],
        malformed=[None, "rename", raises, returns_none, rename_to_lists, rename_to_integers,
                   lambda state: list(state), lambda state: {key: None for key in rename(state)}],
    ),
    "check_missing_keys_prediction": Cases(
        right=[MISSING, tuple(reversed(MISSING)), set(MISSING), dict.fromkeys(MISSING).keys(),
               [f" {key} " for key in MISSING], missing_keys()],
        wrong=[[], OLD_KEYS, MISSING[:4], MISSING + ["1.weight"],
               [f"{index}.weight" for index in range(4)] + [f"{index}.bias" for index in range(4)]],
        malformed=[None, "0.weight", float("nan"), [0, 3, 7, 9], 8, {"0.weight": None}, missing_keys],
    ),
}


test_a_right_answer_passes, test_a_wrong_or_malformed_answer_fails_with_a_one_line_hint = case_tests(CASES)


def test_the_shapes_of_the_exercise_are_the_networks_as_torch_runs_it():
    # Measured layer by layer here, not copied from the check: the check traces the whole network.
    traced = [shape for _, shape in lesson8._traced_shapes(lesson8.unpadded_features(), (1, 1, 8, 8))]
    assert traced == SHAPES
    assert SHAPES[-1] == (1, 16)  # so the first linear layer would need in_features=16


@pytest.mark.parametrize(("answer", "word"), [
    (shapes_with(0, (1, 8, 8, 8)), "output-size formula"),
    (shapes_with(1, (1, 8, 3, 3)), "ReLU keeps"),
    (shapes_with(2, (1, 8, 4, 4)), "rounding down"),
    (shapes_with(6, (1, 16, 1, 1)), "multiplies"),
])
def test_a_wrong_shape_gets_the_rule_of_its_layer(answer, word, capsys):
    assert word in assert_fails_with_a_one_line_hint("check_cnn_shapes_prediction", answer, capsys)


def test_shapes_without_the_batch_dimension_get_a_hint_saying_so(capsys):
    hint = assert_fails_with_a_one_line_hint("check_cnn_shapes_prediction", [s[1:] for s in SHAPES], capsys)
    assert "batch dimension" in hint


@pytest.mark.parametrize(("answer", "word"), [
    (train_one_epoch_lessons_bugs, "model.train()"),
    (train_one_epoch_in_eval_mode, "model.train()"),
    (train_one_epoch_zero_grad_between, "did not change"),
    (train_one_epoch_without_zero_grad, "zero_grad()"),
    (train_one_epoch_keeps_graphs, "loss.item()"),
    (train_one_epoch_returns_last_loss, "mean"),
    (train_one_epoch_calls_forward, "model(images)"),
])
def test_each_bug_of_the_training_loop_gets_its_own_hint(answer, word, capsys):
    assert word in assert_fails_with_a_one_line_hint("check_train_one_epoch", answer, capsys)


def test_the_training_loop_check_starts_from_evaluation_mode_and_really_trains():
    model, loader, optimiser = lesson8._epoch_case()
    assert not model.training
    before = [p.detach().clone() for p in model.parameters()]
    train_one_epoch(model, loader, optimiser)
    assert all(not torch.equal(b, p) for b, p in zip(before, model.parameters(), strict=True))
    assert len(loader) * loader.batch_size == lesson8.EPOCH_EXAMPLES  # equal batches: any mean agrees


def test_the_missing_keys_of_the_exercise_are_the_networks_keys():
    # Measured with torch, not copied from the check: the nn.Sequential network's own keys.
    network = nn.Sequential(
        nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 10))
    assert sorted(network.state_dict()) == sorted(MISSING)
    missing, unexpected = lesson8.missing_keys_when_loading_old_into_new()
    assert sorted(missing) == sorted(MISSING)
    assert sorted(unexpected) == sorted(OLD_KEYS)


def test_the_old_network_computes_what_the_renamed_sequential_computes():
    old = lesson8.old_checkpoint_model()
    new = lesson8.new_checkpoint_model()
    new.load_state_dict(rename(old.state_dict()))
    x = torch.randn(5, 1, 8, 8)
    with torch.no_grad():
        assert torch.equal(old(x), new(x))
