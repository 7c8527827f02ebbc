"""Exercise checks of lesson 8 (training a small CNN).

Every expected value comes from torch: the shapes from a forward pass with hooks, the weights
and losses from a correct training loop run on the same seeded batches, the keys from
``load_state_dict`` itself. The networks are the lesson's: its CNN as ``nn.Sequential`` and an
earlier version of it written as a class with named layers (``conv1``, ``conv2``, ``fc1``,
``fc2``), whose checkpoint the last two exercises load.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping

from convcourse import messages
from convcourse.checks.core import Hint, as_int, as_number, as_tensor, call, check, compare, generator

#: More keys (or shapes) than any prediction needs: an answer is read no further.
MAX_PREDICTED_ITEMS = 100

#: The input of the shape-prediction exercise: a batch of one 8 x 8 greyscale digit.
SHAPES_EXERCISE_INPUT = (1, 1, 8, 8)


def _torch():
    import torch
    from torch import nn

    return torch, nn


# --- Predict, then run: the shapes without padding ------------------------------------------


def unpadded_features():
    """The lesson's feature layers with the first convolution unpadded: Conv2d(1, 8, 3)."""
    _, nn = _torch()
    return nn.Sequential(
        nn.Conv2d(1, 8, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(),
    )


def _traced_shapes(model, shape) -> list[tuple[str, tuple[int, ...]]]:
    """(layer type, output shape) of every layer of ``model`` on zeros of ``shape``, from hooks."""
    torch, _ = _torch()
    from convcourse.hooks import shape_trace

    return [(kind, output) for _, kind, output in shape_trace(model, torch.zeros(shape))]


def _first_items(value, what: str) -> list:
    """The items of a list, tuple or other finite collection (not a string, mapping or tensor)."""
    torch, _ = _torch()
    if value is None:
        raise Hint(messages.CHECK_HINT_PREDICTION_NONE.format(what=what))
    if isinstance(value, (str, bytes, Mapping, torch.Tensor)) or not isinstance(value, Iterable):
        raise Hint(messages.CHECK8_HINT_NOT_A_LIST.format(what=what, type=type(value).__name__))
    return list(itertools.islice(value, MAX_PREDICTED_ITEMS + 1))  # an endless iterator stops here


def _shape(item, what: str) -> tuple[int, ...]:
    """A shape from a tuple, list or torch.Size of whole numbers, or a Hint."""
    torch, _ = _torch()
    if not isinstance(item, (tuple, list, torch.Size)):
        raise Hint(messages.CHECK8_HINT_SHAPE_ITEM.format(what=what, item=repr(item)[:40]))
    return tuple(as_int(size, what) for size in item)


@check(lambda: messages.CHECK8_SHAPES)
def check_cnn_shapes_prediction(predicted):
    """``predicted``: the output shape of every layer of ``unpadded_features()`` on a batch of
    ``SHAPES_EXERCISE_INPUT`` (a list of tuples, lists or torch.Size), in order; compared with
    the shapes torch's forward pass gives."""
    want = _traced_shapes(unpadded_features(), SHAPES_EXERCISE_INPUT)
    items = _first_items(predicted, messages.CHECK8_WHAT_SHAPES)
    if len(items) != len(want):
        raise Hint(messages.CHECK8_HINT_SHAPES_COUNT.format(got=len(items), want=len(want)))
    for index, (item, (kind, shape)) in enumerate(zip(items, want, strict=True)):
        what = messages.CHECK8_WHAT_SHAPE_ITEM.format(index=index, kind=kind)
        got = _shape(item, what)
        if got == shape[1:]:
            raise Hint(messages.CHECK8_HINT_SHAPE_NO_BATCH.format(what=what, got=got))
        if got != shape:
            rule = messages.CHECK8_SHAPE_RULES.get(kind, "")
            raise Hint(messages.CHECK8_HINT_SHAPE_WRONG.format(what=what, got=got, rule=rule))


# --- Debug this: the training loop ----------------------------------------------------------

#: How the training-loop check runs one epoch: examples, batch size, learning rate.
EPOCH_EXAMPLES, EPOCH_BATCH, EPOCH_LR = 48, 8, 0.1


def _epoch_case(seed: int = 11):
    """A small classifier in evaluation mode (as ``evaluate`` leaves it), a seeded shuffling
    loader over 48 random 1 x 6 x 6 images of 3 classes, and an SGD optimiser."""
    torch, nn = _torch()
    from torch.utils.data import DataLoader, TensorDataset

    gen = generator(seed)
    images = torch.randn(EPOCH_EXAMPLES, 1, 6, 6, generator=gen)
    labels = torch.randint(0, 3, (EPOCH_EXAMPLES,), generator=gen)
    torch.manual_seed(seed)
    model = nn.Sequential(nn.Conv2d(1, 4, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(16, 3))
    model.eval()
    loader = DataLoader(TensorDataset(images, labels), batch_size=EPOCH_BATCH, shuffle=True,
                        generator=torch.Generator().manual_seed(seed))
    return model, loader, torch.optim.SGD(model.parameters(), lr=EPOCH_LR)


def _reference_epoch(model, loader, optimiser) -> float:
    """One correct epoch: training mode, gradients cleared before every backward; the mean loss."""
    torch, _ = _torch()
    model.train()
    total = 0.0
    for images, labels in loader:
        loss = torch.nn.functional.cross_entropy(model(images), labels)
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
        total += loss.item() * len(labels)
    return total / EPOCH_EXAMPLES


@check(lambda: messages.CHECK8_TRAIN_EPOCH, answer="function")
def check_train_one_epoch(train_fn):
    """``train_fn(model, loader, optimiser)`` trains for one pass over ``loader`` and returns the
    mean training loss. Run on a model left in evaluation mode, it must train in training mode
    and end with the weights (and the mean loss) of a correct loop on the same batches."""
    torch, _ = _torch()
    model, loader, optimiser = _epoch_case()
    start = {name: p.detach().clone() for name, p in model.named_parameters()}
    want_loss = _reference_epoch(model, loader, optimiser)
    want = {name: p.detach().clone() for name, p in model.named_parameters()}

    model, loader, optimiser = _epoch_case()
    modes = []
    model.register_forward_pre_hook(lambda module, inputs: modes.append(module.training))
    what = messages.CHECK8_WHAT_TRAIN
    got_loss = call(train_fn, model, loader, optimiser, what=what)
    if got_loss is None:
        raise Hint(messages.CHECK_HINT_RETURNED_NONE.format(what=what))
    if not modes:
        raise Hint(messages.CHECK8_HINT_NO_FORWARD)
    if not all(modes):
        raise Hint(messages.CHECK8_HINT_EVAL_MODE)
    got = {name: as_tensor(p.detach(), messages.CHECK8_WHAT_PARAMETER.format(name=name))
           for name, p in model.named_parameters()}
    if all(torch.equal(got[name], start[name]) for name in start):
        raise Hint(messages.CHECK8_HINT_NOT_UPDATED)
    for name in want:
        compare(got[name], want[name], messages.CHECK8_WHAT_PARAMETER.format(name=name),
                hint=messages.CHECK8_HINT_WEIGHTS)
    if isinstance(got_loss, torch.Tensor) and got_loss.requires_grad:
        raise Hint(messages.CHECK8_HINT_LOSS_TENSOR)
    loss = as_number(got_loss, messages.CHECK8_WHAT_LOSS)
    if not math.isclose(loss, want_loss, rel_tol=1e-4, abs_tol=1e-6):
        raise Hint(messages.CHECK8_HINT_LOSS.format(got=loss))


# --- Checkpoints: the old network with named layers and the lesson's Sequential -------------


def old_checkpoint_model():
    """An earlier version of the lesson's CNN, written as a class: conv1, conv2, fc1, fc2."""
    torch, nn = _torch()
    functional = torch.nn.functional

    class OldCNN(nn.Module):
        def __init__(self):
            super().__init__()
            self.conv1 = nn.Conv2d(1, 8, 3, padding=1)
            self.conv2 = nn.Conv2d(8, 16, 3, padding=1)
            self.fc1 = nn.Linear(16 * 2 * 2, 32)
            self.fc2 = nn.Linear(32, 10)

        def forward(self, x):
            x = functional.max_pool2d(functional.relu(self.conv1(x)), 2)
            x = functional.max_pool2d(functional.relu(self.conv2(x)), 2)
            return self.fc2(functional.relu(self.fc1(x.flatten(1))))

    return OldCNN()


def new_checkpoint_model():
    """The lesson's CNN: keys 0.*, 3.* (convolutions) and 7.*, 9.* (linear layers)."""
    _, nn = _torch()
    return nn.Sequential(
        nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(16 * 2 * 2, 32), nn.ReLU(), nn.Linear(32, 10),
    )


@check(lambda: messages.CHECK8_RENAMED_STATE, answer="function")
def check_rename_keys(rename_fn):
    """``rename_fn(state)`` turns the old network's state_dict (conv1.*, conv2.*, fc1.*, fc2.*)
    into one that the lesson's nn.Sequential loads strictly, with the same outputs."""
    torch, _ = _torch()
    old = old_checkpoint_model()
    state = {key: value.clone() for key, value in old.state_dict().items()}
    x = torch.randn(3, 1, 8, 8, generator=generator(6))
    with torch.no_grad():
        want = old(x)
    what = messages.CHECK8_WHAT_RENAME
    got = call(rename_fn, state, what=what)
    if got is None:
        raise Hint(messages.CHECK_HINT_RETURNED_NONE.format(what=what))
    if not isinstance(got, Mapping):
        raise Hint(messages.CHECK8_HINT_RENAME_MAPPING.format(type=type(got).__name__))
    new = new_checkpoint_model()
    expected_keys = set(new.state_dict())
    keys = set(got)
    if keys != expected_keys:
        missing = sorted(expected_keys - keys)
        unexpected = sorted(str(k) for k in keys - expected_keys)
        raise Hint(messages.CHECK8_HINT_RENAME_KEYS.format(missing=missing, unexpected=unexpected))
    for key in sorted(expected_keys):
        as_tensor(got[key], messages.CHECK8_WHAT_ENTRY.format(key=key), kind="float")
    try:
        new.load_state_dict(got)
    except RuntimeError as error:
        raise Hint(messages.CHECK8_HINT_RENAME_LOAD.format(
            error=" ".join(str(error).split()))) from None
    with torch.no_grad():
        compare(new(x), want, messages.CHECK8_WHAT_LOADED, hint=messages.CHECK8_HINT_RENAME_VALUES)


def missing_keys_when_loading_old_into_new() -> tuple[list[str], list[str]]:
    """(missing, unexpected): what ``new.load_state_dict(old.state_dict(), strict=False)`` reports."""
    result = new_checkpoint_model().load_state_dict(old_checkpoint_model().state_dict(), strict=False)
    return list(result.missing_keys), list(result.unexpected_keys)


def _strings(value, what: str) -> set[str]:
    """The set of strings in a list, tuple, set, dict's keys or other finite collection."""
    items = _first_items(value, what)
    for item in items:
        if not isinstance(item, str):
            raise Hint(messages.CHECK8_HINT_PREDICT_ITEM.format(what=what, item=repr(item)[:40]))
    return {item.strip() for item in items}


@check(lambda: messages.CHECK8_MISSING_KEYS)
def check_missing_keys_prediction(predicted):
    """``predicted``: the missing_keys (any order; a list, tuple or set of strings) that the
    lesson's nn.Sequential reports when it loads the old network's checkpoint with strict=False."""
    missing, unexpected = missing_keys_when_loading_old_into_new()
    got = _strings(predicted, messages.CHECK8_WHAT_PREDICTION)
    if got == set(unexpected):
        raise Hint(messages.CHECK8_HINT_PREDICT_SWAPPED)
    if got != set(missing):
        raise Hint(messages.CHECK8_HINT_PREDICT_MISSING.format(got=len(got), want=len(missing)))
