"""Lesson 5's pooling animations: every number is torch's, a window reads only the input's cells,
the HTML is self-contained, and Step shows torch's output cell by cell in Chromium."""

from __future__ import annotations

import json
import re
from html import unescape
from statistics import mean

import pytest
import torch
import torch.nn.functional as F
from playwright.sync_api import expect

from convcourse import messages, set_language
from convcourse.explorer.gallery import POOL_CASES, pooling_html, show_pooling
from convcourse.explorer.state import ImpossibleConvolution, default_values, format_number, pool_state

SETTINGS = [(5, 2, 2, False), (5, 3, 1, False), (5, 3, 3, True), (5, 2, 2, True), (6, 4, 3, True),
            (7, 3, 2, True), (4, 1, 2, False), (2, 3, 2, True)]


def torch_pool(mode, x, k, s, ceil_mode):
    pool = F.max_pool2d if mode == "max" else F.avg_pool2d
    return pool(x[None, None], k, s, ceil_mode=ceil_mode)[0, 0]


@pytest.mark.parametrize("mode", ["max", "avg"])
@pytest.mark.parametrize("i, k, s, ceil_mode", SETTINGS)
def test_each_steps_max_or_mean_is_torchs_output_cell(mode, i, k, s, ceil_mode):
    st = pool_state(i, k, s, ceil_mode, mode)
    x = default_values(i, kernel=False)
    want = torch_pool(mode, x, k, s, ceil_mode)
    assert torch.equal(st.output, want) and st.output_shape == tuple(want.shape)
    combine = max if mode == "max" else mean
    for n, step in enumerate(st.steps):
        values = [v for v, _ in step.terms]
        # Only cells inside the input are read, and they are exactly the window's slice.
        top, left = step.row * s, step.col * s
        assert values == x[top:top + k, left:left + k].flatten().tolist()
        assert all(r < i and c < i for r, c in step.cells)
        assert combine(values) == pytest.approx(want[step.row, step.col].item(), rel=1e-12)
        assert st.terms_text(n).endswith(f"= {format_number(want[step.row, step.col].item())}")


def test_a_hanging_window_reads_only_the_cells_inside():
    st = pool_state(5, 3, ceil_mode=True)  # lesson 5's example: windows at 0 and 3 along each axis
    assert st.padded.shape == (6, 6) and len(st.outside_cells) == 11
    assert all(torch.isnan(st.padded[r, c]) for r, c in st.outside_cells)
    last = st.steps[-1]
    assert len(last.cells) == 4 and st.unreached_rows == () and st.unreached_cols == ()


def test_floor_mode_marks_the_rows_and_columns_no_window_reads():
    st = pool_state(5, 2, 2)
    # Windows start at 0 and 2: rows 4 and 5 would need a third window, which torch drops.
    assert tuple(F.max_pool2d(torch.zeros(1, 1, 5, 5), 2, 2).shape[-2:]) == (2, 2)
    assert st.unreached_rows == (4,) and st.unreached_cols == (4,)


@pytest.mark.parametrize("arguments, error", [
    (dict(input_size=2, kernel_size=3), ValueError),  # torch: output size too small
    (dict(input_size=5, kernel_size=0), ValueError),
    (dict(input_size=5, kernel_size=2, stride=0), ValueError),
    (dict(input_size=5, kernel_size=2, mode="min"), ValueError),
    (dict(input_size=5, kernel_size=2, ceil_mode="yes"), TypeError),
    (dict(input_size=5, kernel_size=2.0), TypeError),
])
def test_settings_torch_refuses_or_that_are_not_pooling_get_one_line(arguments, error):
    with pytest.raises(error) as raised:
        pool_state(**arguments)
    assert isinstance(raised.value, ImpossibleConvolution)  # shown as its one line in Jupyter
    assert "\n" not in str(raised.value)


def test_torch_refuses_the_too_small_setting_too():
    with pytest.raises(RuntimeError):
        F.max_pool2d(torch.zeros(1, 1, 2, 2), 3)


@pytest.fixture(scope="module")
def html() -> str:
    return pooling_html()


def figures(html: str) -> dict[str, str]:
    return dict(re.findall(r'<figure class="convcourse-animation" data-case="([\w-]+)"[^>]*>(.*?)</figure>',
                           html, re.S))


def test_the_lessons_cases_are_drawn_with_torchs_numbers(html):
    found = figures(html)
    assert set(found) == {c.slug for c in POOL_CASES}
    x = default_values(5, kernel=False)
    for case in POOL_CASES:
        body = found[case.slug]
        data = json.loads(re.search(r'data-role="data">(.*?)</script>', body).group(1))
        want = torch_pool(case.mode, x, case.kernel_size, case.stride or case.kernel_size,
                          case.ceil_mode)
        assert data["state"]["o"] == want.tolist()  # the lesson's means are exact in binary
        # The script's lookups, skipping nulls, give torch's numbers at every step.
        combine = max if case.mode == "max" else mean
        for r, top in enumerate(data["state"]["rs"]):
            for c, left in enumerate(data["state"]["cs"]):
                read = [data["state"]["x"][top + dr][left + dc] for dr, dc, _, _ in data["state"]["taps"]]
                assert combine(v for v in read if v is not None) == want[r, c].item()
        caption = unescape(re.search(r"<figcaption>(.*?)</figcaption>", body).group(1))
        size = f"{want.shape[0]} × {want.shape[1]} output"
        assert f"kernel_size={case.kernel_size}" in caption and size not in caption
        assert messages.GALLERY_PREDICT in caption
        assert re.search(r'<g data-role="output" display="none">', body)
        assert "ck-k" not in body  # no kernel panel: a pooling window has no weights


def test_the_html_is_self_contained_with_unique_valid_ids(html):
    assert set(re.findall(r"https?://[^\s\"'<>)]+", html)) <= {"http://www.w3.org/2000/svg"}
    assert " src=" not in html
    ids = re.findall(r'\bid="([^"]*)"', html)
    assert ids and len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[A-Za-z][\w-]*", i) for i in ids)
    for ref in re.findall(r'url\(#([^)]+)\)', html):
        assert ref in ids


def test_show_pooling_displays_the_html(monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj: shown.append(obj.data))
    show_pooling()
    assert shown == [pooling_html()]


def test_the_pooling_words_follow_the_language():
    try:
        set_language("zh_CN")
        chinese = pooling_html()
    finally:
        set_language("en")
    assert "最大汇聚" in chinese and "平均汇聚" in chinese
    assert "Max pooling" not in chinese


@pytest.mark.browser
def test_step_shows_torchs_numbers_and_skips_the_cells_past_the_edge(browser, html, tmp_path):
    page_file = tmp_path / "pooling.html"
    page_file.write_text('<!doctype html><html lang="en"><head><meta charset="utf-8">'
                         f"<title>pooling</title></head><body>{html}</body></html>",
                         encoding="utf-8")
    context = browser.new_context(reduced_motion="reduce")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(page_file.as_uri())
    x = default_values(5, kernel=False)
    for slug, mode, k, s, ceil_mode in (("max-3-ceil", "max", 3, 3, True),
                                        ("avg-2-stride-2", "avg", 2, 2, False)):
        anim = page.locator(f'[data-case="{slug}"]')
        want = torch_pool(mode, x, k, s, ceil_mode)
        expect(anim.locator('[data-role="output"]')).to_be_hidden()
        for n in range(1, want.numel()):
            anim.locator('[data-action="step"]').click()
            r, c = divmod(n, want.shape[1])
            values = ", ".join(format_number(v) for v in
                               x[r * s:r * s + k, c * s:c * s + k].flatten().tolist())
            name = "max" if mode == "max" else "mean"
            expect(anim.locator('[data-role="terms"]')).to_have_text(
                f"output[{r}, {c}] = {name}({values}) = {format_number(want[r, c].item())}")
            expect(anim.locator('[data-role="frame"]')).to_have_text(
                messages.FRAME_COUNTER.format(frame=n + 1, total=want.numel()))
        expect(anim.locator('[data-role="output"]')).to_be_visible()
    assert errors == []
    context.close()
