"""The static explorer export: every slider state inside, its numbers equal to F.conv2d.

The last test drives the fragment in headless Chromium (``-m browser``).
"""

from __future__ import annotations

import itertools
import json
import re
from html import unescape

import pytest
import torch
import torch.nn.functional as F

from convcourse import messages
from convcourse.explorer.page import style_html
from convcourse.explorer.state import default_values, format_number
from convcourse.explorer.static import StaticRanges, static_explorer_html

RANGES = StaticRanges()
BUDGET_BYTES = 400_000


@pytest.fixture(scope="module")
def fragment() -> str:
    return static_explorer_html(input_size=5, padding=1, stride=1, kernel=3, dilation=1)


@pytest.fixture(scope="module")
def data(fragment) -> dict:
    payload = re.search(r'<script type="application/json" data-role="data">(.*?)</script>',
                        fragment, re.S).group(1)
    return json.loads(payload.replace("<\\/", "</"))


def torch_conv(i, p, s, k, d):
    x, w = default_values(i, kernel=False), default_values(k, kernel=True)
    return F.conv2d(x[None, None], w[None, None], stride=s, padding=p, dilation=d)[0, 0]


def torch_unreached(i, p, s, k, d):
    """Padded rows no window reads, counted by torch: conv_transpose2d of ones."""
    out = torch_conv(i, p, s, k, d)
    counts = F.conv_transpose2d(torch.ones(1, 1, *out.shape), torch.ones(1, 1, k, k),
                                stride=s, dilation=d)[0, 0]
    return [r for r in range(i + 2 * p) if r >= counts.shape[0] or counts[r].sum() == 0]


def _role(fragment: str, role: str) -> str:
    m = re.search(rf'data-role="{role}"[^>]*>(.*?)</', fragment, re.S)
    return unescape(m.group(1))


def _layer_keys(fragment: str, layer: str) -> dict[str, bool]:
    """data-key -> shown, for every group of one layer."""
    return {key: not hidden for key, hidden in
            re.findall(rf'<g data-layer="{layer}" data-key="([\d,]+)"( display="none")?>', fragment)}


def test_fragment_is_one_root_with_labelled_keyboard_range_controls(fragment):
    assert fragment.startswith('<div class="convcourse-explorer"')
    for name in ("input", "padding", "stride", "step", "kernel", "dilation"):
        m = re.search(rf'<input type="range" id="([\w-]+)" data-control="{name}"', fragment)
        assert m, name
        assert f'<label for="{m.group(1)}">' in fragment
    assert 'aria-live="polite"' in fragment


def test_every_setting_is_precomputed_and_its_numbers_equal_torch(data):
    settings = list(itertools.product(RANGES.input_size, RANGES.padding, RANGES.stride,
                                      RANGES.kernel, RANGES.dilation))
    assert len(data["states"]) == len(settings)
    for i, p, s, k, d in settings:
        state = data["states"][f"{i},{p},{s},{k},{d}"]
        if d * (k - 1) + 1 > i + 2 * p:
            with pytest.raises(RuntimeError):
                torch_conv(i, p, s, k, d)
            assert "does not fit" in state["m"]
            continue
        out = torch_conv(i, p, s, k, d)
        assert torch.equal(torch.tensor(state["o"], dtype=torch.float64), out), (i, p, s, k, d)
        assert state["sh"] == (f"x: (1, 1, {i}, {i}), w: (1, 1, {k}, {k}) → "
                               f"output: (1, 1, {out.shape[0]}, {out.shape[1]})")
        assert state["ur"] == state["uc"] == torch_unreached(i, p, s, k, d)
    for key, padded in data["padded"].items():
        i, p = map(int, key.split(","))
        x = default_values(i, kernel=False)
        assert torch.equal(torch.tensor(padded, dtype=torch.float64), F.pad(x, (p, p, p, p)))
    assert set(data["padded"]) == {f"{i},{p}" for i in RANGES.input_size for p in RANGES.padding}
    for k in RANGES.kernel:
        assert torch.equal(torch.tensor(data["kernels"][str(k)], dtype=torch.float64),
                           default_values(k, kernel=True))


def test_precomputed_geometry_gives_torchs_numbers_at_every_step(data):
    # The script moves the window to (cs[c], rs[r]) and reads term t at that corner plus
    # taps[t]: these lookups alone must give torch's output, for every setting and step.
    for key, state in data["states"].items():
        if "m" in state:
            continue
        i, p, s, k, d = map(int, key.split(","))
        out = torch_conv(i, p, s, k, d)
        x, w, taps = data["padded"][f"{i},{p}"], data["kernels"][str(k)], data["taps"][f"{k},{d}"]
        assert (len(state["rs"]), len(state["cs"])) == tuple(out.shape), key
        for r, top in enumerate(state["rs"]):
            for c, left in enumerate(state["cs"]):
                total = sum(x[top + dr][left + dc] * w[a][b] for dr, dc, a, b in taps)
                assert total == out[r, c].item(), (key, r, c)


def test_the_one_script_applies_no_stride_dilation_or_fit_rule():
    from convcourse.explorer.page import SCRIPT, asset

    script = asset(SCRIPT)
    # Stride and dilation (s, d) only name the chosen setting and fill sentences: no arithmetic.
    arithmetic = r"[-+*/]\s*(?:s|d|data\.s|data\.d)\b|\b(?:s|d)\s*[-+*/]"
    assert not re.findall(arithmetic, script.replace('"," + d', ""))  # a key "k,d" is not arithmetic
    assert "fit" not in script.lower().replace("fill", "")


def test_every_setting_has_the_layers_it_needs_and_only_the_first_is_shown(fragment, data):
    inputs, kernels = _layer_keys(fragment, "in"), _layer_keys(fragment, "k")
    frames, windows = _layer_keys(fragment, "out"), _layer_keys(fragment, "win")
    rows, cols = _layer_keys(fragment, "ur"), _layer_keys(fragment, "uc")
    for key, state in data["states"].items():
        if "m" in state:
            continue
        i, p, s, k, d = map(int, key.split(","))
        size = i + 2 * p
        out = torch_conv(i, p, s, k, d)
        assert f"{i},{p}" in inputs and str(k) in kernels and f"{k},{d}" in windows
        assert f"{out.shape[0]},{out.shape[1]}" in frames
        assert all(f"{size},{r}" in rows and f"{size},{r}" in cols
                   for r in torch_unreached(i, p, s, k, d))
    assert [k for k, on in inputs.items() if on] == ["5,1"]
    assert [k for k, on in kernels.items() if on] == ["3"]
    assert [k for k, on in frames.items() if on] == ["5,5"]
    assert not any(rows.values()) and not any(cols.values())
    # A hidden layer's group is written empty; its markup comes with the states, the shown ones'
    # does not (it is in the picture).
    groups = {"in": inputs, "k": kernels, "out": frames, "win": windows, "ur": rows, "uc": cols}
    hidden = {f"{layer}:{key}" for layer, keys in groups.items() for key, on in keys.items() if not on}
    assert set(data["layers"]) == hidden
    for name in hidden:
        layer, key = name.split(":")
        assert f'<g data-layer="{layer}" data-key="{key}" display="none"></g>' in fragment
        assert data["layers"][name].startswith("<"), name


def test_initial_picture_and_text_match_torch_without_javascript(fragment):
    out = torch_conv(5, 1, 1, 3, 1)
    slots = re.search(r'<g data-role="output-numbers">(.*?)</g>', fragment).group(1)
    numbers = [t for t in re.findall(r"<text [^>]*>([^<]*)</text>", slots) if t]
    assert numbers == [format_number(v) for v in out.flatten().tolist()]
    assert _role(fragment, "output-shape") == messages.OUTPUT_SHAPE.format(
        rows=out.shape[0], cols=out.shape[1])
    assert _role(fragment, "call") == "F.conv2d(x, w, stride=1, padding=1, dilation=1)"
    assert _role(fragment, "terms").endswith(f"= {format_number(out[0, 0].item())}")


def test_fragment_fits_the_budget_and_requests_nothing(fragment):
    assert len(fragment.encode()) < BUDGET_BYTES
    # The only URL is the SVG namespace name, which browsers never fetch.
    assert set(re.findall(r"https?://[^\s\"'<>)]+", fragment)) <= {"http://www.w3.org/2000/svg"}
    # One link: the stylesheet, carried in its data: URL.
    assert re.findall(r"<link\b[^>]*>", fragment) == [style_html()] and " src=" not in fragment


def _open(browser, fragment, tmp_path, before_script: str = ""):
    """The fragment alone on a page in Chromium: (page, errors it logged or raised). before_script
    runs on DOMContentLoaded ahead of the explorer's own script (as a browser restoring form
    values does)."""
    page_file = tmp_path / "explorer.html"
    page_file.write_text('<!doctype html><html lang="en"><head><meta charset="utf-8">'
                         f"<title>explorer</title></head><body>{fragment}</body></html>",
                         encoding="utf-8")
    page = browser.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    if before_script:
        page.add_init_script(f"document.addEventListener('DOMContentLoaded', () => {{ {before_script} }});")
    page.goto(page_file.as_uri())
    return page, errors


@pytest.mark.browser
def test_sliders_switch_picture_and_text_in_chromium(browser, fragment, data, tmp_path):
    page, errors = _open(browser, fragment, tmp_path)
    root = page.locator(".convcourse-explorer")

    def text(role):
        return root.locator(f'[data-role="{role}"]').inner_text()

    def shown_numbers():
        texts = root.locator('[data-role="output-numbers"] text').all_text_contents()
        return [t for t in texts if t]

    def shows(i, p, s, k, d):
        from playwright.sync_api import expect  # auto-waiting: the key press's redraw first

        expect(root.locator('[data-role="call"]')).to_have_text(
            f"F.conv2d(x, w, stride={s}, padding={p}, dilation={d})")
        out = torch_conv(i, p, s, k, d)
        assert shown_numbers() == [format_number(v) for v in out.flatten().tolist()]
        assert text("output-shape") == messages.OUTPUT_SHAPE.format(rows=out.shape[0],
                                                                    cols=out.shape[1])
        assert text("call") == f"F.conv2d(x, w, stride={s}, padding={p}, dilation={d})"
        return out

    page.focus('input[data-control="padding"]')
    page.keyboard.press("ArrowRight")  # padding 1 -> 2
    shows(5, 2, 1, 3, 1)
    # The padded input, hidden at first, is drawn from its precomputed markup.
    markup = data["layers"]["in:5,2"]
    drawn = root.locator('g[data-layer="in"][data-key="5,2"]')
    from playwright.sync_api import expect

    expect(drawn).to_be_visible()
    assert drawn.get_attribute("display") is None
    assert drawn.evaluate("g => g.querySelectorAll('*').length") == len(re.findall(r"<[a-z]", markup))
    assert drawn.evaluate("g => g.textContent") == re.sub(r"<[^>]*>", "", markup)
    page.focus('input[data-control="input"]')
    page.keyboard.press("ArrowRight")  # input 5 -> 6: the guide's odd case once stride is 2

    page.focus('input[data-control="stride"]')
    page.keyboard.press("ArrowRight")  # stride 2
    page.focus('input[data-control="step"]')
    page.keyboard.press("End")  # the last step
    out = shows(6, 2, 2, 3, 1)
    unread = torch_unreached(6, 2, 2, 3, 1)
    assert unread and root.locator('g[data-layer="ur"]:not([display="none"])').count() == len(unread)
    assert text("terms").endswith(f"= {format_number(out[-1, -1].item())}")
    assert text("terms").startswith(f"output[{out.shape[0] - 1}, {out.shape[1] - 1}]")
    assert root.locator('input[data-control="step"]').get_attribute("max") == str(out.numel())
    assert root.locator('[data-role="announce"]').inner_text()

    # Kernel 5 with dilation 3 cannot fit (5 + 2 × 2 < 13): the message replaces the picture.
    page.focus('input[data-control="kernel"]')
    page.keyboard.press("End")
    page.focus('input[data-control="dilation"]')
    page.keyboard.press("End")
    expect(root.locator('[data-role="message"]')).to_contain_text("does not fit")
    expect(root.locator('[data-role="picture"]')).to_be_hidden()
    assert errors == []
    page.close()


# The picture as shown: a hidden layer's group counts as empty (Python writes it so; the script
# fills it when it first shows it, and keeps it filled once hidden again).
SHOWN_PICTURE = """picture => {
  const copy = picture.cloneNode(true);
  copy.querySelectorAll('[data-layer][display="none"]').forEach((group) => group.replaceChildren());
  return copy.innerHTML;
}"""


def _drawn(page) -> list[str]:
    """What the explorer shows: the picture, the lines under it, the step slider's spoken value."""
    root = page.locator(".convcourse-explorer")
    return [root.locator('[data-role="picture"]').evaluate(SHOWN_PICTURE),
            root.locator('[data-role="details"]').inner_html(),
            root.locator('input[data-control="step"]').get_attribute("aria-valuetext") or ""]


@pytest.mark.browser
def test_the_script_draws_the_first_setting_as_python_wrote_it(browser, fragment, tmp_path):
    # The script draws nothing on load (the page already shows Python's drawing of the first
    # setting); moved away and back, its own drawing of that setting must be the same.
    page, _ = _open(browser, fragment, tmp_path)
    as_written = _drawn(page)
    assert as_written[2] == messages.STEP_COUNTER.format(step=1, total=25)
    page.focus('input[data-control="padding"]')
    page.keyboard.press("ArrowRight")
    assert _drawn(page) != as_written
    page.keyboard.press("ArrowLeft")
    assert _drawn(page) == as_written
    page.close()


@pytest.mark.browser
def test_sliders_a_browser_restored_are_drawn_on_load(browser, fragment, tmp_path):
    # Back to a page whose padding slider the reader had moved: the browser restores the slider's
    # value, and the picture must follow it, not stay Python's first setting.
    page, _ = _open(browser, fragment, tmp_path,
                    'document.querySelector(\'input[data-control="padding"]\').value = "2";')
    out = torch_conv(5, 2, 1, 3, 1)
    assert page.locator('[data-role="output-shape"]').inner_text() == messages.OUTPUT_SHAPE.format(
        rows=out.shape[0], cols=out.shape[1])
    page.close()
