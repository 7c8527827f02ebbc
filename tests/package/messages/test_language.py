"""convcourse.set_language: what messages.X, a real lesson check, the static explorer and the
gallery show follows the language; back to English restores them; an unknown language is one
line; CONVCOURSE_LANGUAGE chooses the language at import; and no module of the package copies a
message at import time (it would stay in the language of the import).

The last test drives the Chinese explorer and gallery in headless Chromium (``-m browser``).
"""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest
from checks_testing import lesson_cases
from paths import ROOT

import convcourse
from convcourse import checks, messages
from convcourse.explorer.gallery import GALLERY_CASES, gallery_html
from convcourse.explorer.static import static_explorer_html
from convcourse.messages import en

zh_CN = messages.catalogue("zh_CN")

PACKAGE = ROOT / "convcourse"
CJK = re.compile("[\u4e00-\u9fff]")


@pytest.fixture(autouse=True)
def english_after_each_test():
    assert convcourse.language() == "en", "a test started in another language than English"
    yield
    convcourse.set_language("en")


def payload(html: str) -> dict:
    """The JSON data of the first explorer or animation in ``html``."""
    text = re.search(r'<script type="application/json" data-role="data">(.*?)</script>',
                     html, re.S).group(1)
    return json.loads(text.replace("<\\/", "</"))


def test_english_is_the_default_and_both_functions_are_exported():
    assert convcourse.language() == "en"
    assert {"set_language", "language"} <= set(convcourse.__all__)
    assert "set_language" in convcourse.__doc__ and "CONVCOURSE_LANGUAGE" in convcourse.__doc__
    assert messages.CHECK_FAILED == en.CHECK_FAILED


def test_set_language_switches_what_messages_x_gives_and_back():
    convcourse.set_language("zh_CN")
    assert convcourse.language() == "zh_CN"
    assert messages.LABEL_STRIDE == zh_CN.LABEL_STRIDE == "步幅"
    assert messages.CASE_TITLES["dilation"] == "扩张"
    assert messages.CALL == en.CALL  # code stays code
    convcourse.set_language("en")
    assert convcourse.language() == "en"
    assert messages.LABEL_STRIDE == "Stride"


def test_the_language_may_be_spelled_zh_cn_or_zh_dash_cn():
    convcourse.set_language("zh-CN")
    assert convcourse.language() == "zh_CN"
    convcourse.set_language("zh_cn")
    assert convcourse.language() == "zh_CN"


def test_dir_lists_every_message_and_an_unknown_one_is_an_attribute_error():
    assert set(messages.message_names(en)) <= set(dir(messages))
    with pytest.raises(AttributeError, match="NO_SUCH_MESSAGE"):
        messages.NO_SUCH_MESSAGE  # noqa: B018


@pytest.mark.parametrize("bad", ["fr", "zh", "Chinese", ""])
def test_an_unknown_language_is_a_one_line_value_error_naming_the_known_ones(bad):
    with pytest.raises(ValueError) as error:
        convcourse.set_language(bad)
    text = str(error.value)
    assert "\n" not in text and repr(bad) in text and "'en'" in text and "'zh_CN'" in text
    assert convcourse.language() == "en"  # nothing changed


def wrong_size(i, k, s, p, d):
    return i - k + 1  # ignores stride, padding and dilation


def right_size(i, k, s, p, d):
    return (i + 2 * p - d * (k - 1) - 1) // s + 1


def test_a_lesson_check_prints_its_verdict_and_hint_in_the_active_language(capsys):
    convcourse.set_language("zh_CN")
    wrong = checks.check_output_size(wrong_size)
    line = capsys.readouterr().out.strip()
    assert not wrong and line.startswith("❌ 输出尺寸公式：还不对。提示：")
    assert CJK.search(wrong.hint) and "torch" in wrong.hint and "gave" not in wrong.hint
    assert wrong.hint in line and "\n" not in line
    right = checks.check_output_size(right_size)
    assert right and capsys.readouterr().out.strip() == "✅ 输出尺寸公式：正确。"

    convcourse.set_language("en")
    wrong = checks.check_output_size(wrong_size)
    line = capsys.readouterr().out.strip()
    assert line.startswith("❌ Output-size formula: not yet. Hint: ") and not CJK.search(line)
    assert checks.check_output_size(right_size)
    assert capsys.readouterr().out.strip() == "✅ Output-size formula: correct."


@pytest.mark.parametrize("lesson", [1, 2, 3, 4, 7])
def test_every_checks_wrong_and_malformed_answers_get_a_chinese_one_line_hint(lesson, capsys):
    # The answers of tests/package/checks/test_lessonN.py, run again in Chinese: every line a verdict
    # in Chinese, every hint Chinese (no English template left on any path of any check).
    cases = lesson_cases(lesson)
    convcourse.set_language("zh_CN")
    for name, entry in cases.items():
        title = getattr(checks, name).exercise()
        for answer in [*entry.wrong, *entry.malformed]:
            result = getattr(checks, name)(answer)
            line = capsys.readouterr().out.strip()
            assert not result and line == f"❌ {title}：还不对。提示：{result.hint}", line
            assert CJK.search(title) or title == "FixedConv2d", title
            assert CJK.search(result.hint) and "检查无法使用你的答案" not in result.hint, line


def test_a_chinese_hint_has_no_space_between_two_chinese_words(capsys):
    # CHECK_HINT_PREDICTION_NONE puts a space after {what} (often code); here {what} is
    # "你预测的形状", Chinese: the space goes. The one before "None" (Latin) stays.
    convcourse.set_language("zh_CN")
    result = checks.check_conv2d_shape_prediction(None)
    assert zh_CN.CHECK_HINT_PREDICTION_NONE.startswith("{what} 是 None")
    assert result.hint.startswith("你预测的形状是 None：")
    assert capsys.readouterr().out.strip().endswith(result.hint)


def test_the_static_explorer_is_drawn_and_scripted_in_the_active_language():
    convcourse.set_language("zh_CN")
    html = static_explorer_html()
    data = payload(html)
    for label in (zh_CN.LABEL_INPUT, zh_CN.LABEL_KERNEL, zh_CN.LABEL_STEP, zh_CN.LEGEND_TITLE,
                  *zh_CN.LEGEND):
        assert label in unescape(html)
    # The script fills in the templates it is handed: they must be the Chinese ones.
    strings = data["strings"]
    assert strings["counter"] == zh_CN.STEP_COUNTER and strings["title"] == zh_CN.SVG_TITLE
    assert strings["announce"] == zh_CN.ANNOUNCE and strings["unreached"] == zh_CN.UNREACHED
    assert strings["sentences"] == "" and strings["announce_step"] == zh_CN.ANNOUNCE_STEP
    # An impossible setting's message is precomputed: Chinese too (not an English cached one).
    impossible = [state["m"] for state in data["states"].values() if "m" in state]
    assert impossible and all(CJK.search(m) for m in impossible)
    for english in ("Input size", "Kernel size", "How to read", "Output shape", "Step 1 of"):
        assert english not in html

    convcourse.set_language("en")
    html = static_explorer_html()
    data = payload(html)
    assert "Input size" in html and data["strings"]["counter"] == en.STEP_COUNTER
    assert data["strings"]["sentences"] == " "
    assert not any(CJK.search(state.get("m", "")) for state in data["states"].values())
    assert not CJK.search(html)


def test_a_gallery_caption_and_its_buttons_follow_the_language():
    case = GALLERY_CASES[0]
    convcourse.set_language("zh_CN")
    assert case.caption() == "无填充，单位步幅：4 × 4 的输入，3 × 3 的卷积核，填充 0，步幅 1，扩张 1。"
    html = unescape(gallery_html((case,)))
    assert f"<figcaption>{case.caption()}{zh_CN.GALLERY_PREDICT}</figcaption>" in html
    assert ">播放</button>" in html and zh_CN.GALLERY_ANSWER_SUMMARY in html
    assert payload(html)["strings"]["counter"] == zh_CN.FRAME_COUNTER

    convcourse.set_language("en")
    assert case.caption() == ("No padding, no strides: a 4 × 4 input, a 3 × 3 kernel, padding 0, "
                              "stride 1, dilation 1.")
    html = unescape(gallery_html((case,)))
    assert ">Play</button>" in html and not CJK.search(html)


def test_the_live_explorer_labels_its_sliders_in_the_language_it_is_built_in():
    from convcourse.explorer.live import ConvExplorer

    convcourse.set_language("zh_CN")
    explorer = ConvExplorer()
    assert explorer.sliders["stride"].description == "步幅"
    with pytest.raises(ValueError, match="步幅至少为 1"):
        explorer.set(stride=0)
    convcourse.set_language("en")
    assert ConvExplorer().sliders["stride"].description == "Stride"


def run_python(code: str, language: str | None) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key != "CONVCOURSE_LANGUAGE"}
    if language is not None:
        env["CONVCOURSE_LANGUAGE"] = language
    env["MPLBACKEND"] = "Agg"
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=120)


def test_convcourse_language_chooses_the_language_at_import():
    code = ("import convcourse, matplotlib\n"
            "from convcourse import messages\n"
            "print(convcourse.language(), messages.LABEL_STRIDE,"
            " matplotlib.rcParams['font.sans-serif'][0], sep='|')")
    chinese = run_python(code, "zh_CN")
    assert chinese.returncode == 0, chinese.stderr
    language, label, font = chinese.stdout.strip().split("|")
    assert (language, label) == ("zh_CN", "步幅")
    from convcourse.i18n import CJK_FONTS

    assert font in CJK_FONTS  # the fonts are set as by set_language("zh_CN")

    english = run_python(code, None)
    assert english.returncode == 0, english.stderr
    assert english.stdout.strip().split("|") == ["en", "Stride", "DejaVu Sans"]
    assert run_python(code, "").stdout.strip().split("|")[:2] == ["en", "Stride"]


def test_an_unknown_convcourse_language_stops_the_import_with_one_line_naming_the_variable():
    failed = run_python("import convcourse", "klingon")
    assert failed.returncode != 0
    last = failed.stderr.strip().splitlines()[-1]
    assert last.startswith("ValueError: CONVCOURSE_LANGUAGE: ") and "'klingon'" in last
    assert "'zh_CN'" in last


def module_level_messages(path: Path) -> list[str]:
    """``messages.X`` read when the module is imported: at module or class level, in default
    arguments or in decorators (lambdas and function bodies are read later, at call time)."""
    found = []

    class Visitor(ast.NodeVisitor):
        def __init__(self):
            self.depth = 0

        def visit_FunctionDef(self, node):
            for expression in [*node.args.defaults, *node.args.kw_defaults, *node.decorator_list]:
                if expression is not None:
                    self.visit(expression)
            self.depth += 1
            for statement in node.body:
                self.visit(statement)
            self.depth -= 1

        visit_AsyncFunctionDef = visit_FunctionDef

        def visit_Lambda(self, node):
            self.depth += 1
            self.generic_visit(node)
            self.depth -= 1

        def visit_Attribute(self, node):
            if (self.depth == 0 and isinstance(node.value, ast.Name) and node.value.id == "messages"
                    and node.attr.isupper()):
                found.append(f"{path}:{node.lineno} messages.{node.attr}")
            self.generic_visit(node)

    Visitor().visit(ast.parse(path.read_text(encoding="utf-8")))
    return found


def test_no_module_copies_a_message_when_it_is_imported():
    paths = [p for p in PACKAGE.rglob("*.py") if "messages" not in p.relative_to(PACKAGE).parts]
    assert len(paths) > 20
    found = [hit for path in paths for hit in module_level_messages(path)]
    assert not found, ("read at import, so it would stay in the import's language; read it when "
                       "it is shown:\n" + "\n".join(found))


def test_the_import_time_scan_finds_a_copied_message(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("from convcourse import messages\n"
                      "LABEL = messages.LABEL_STRIDE\n"
                      "def f(x=messages.WHAT_STEP):\n    return messages.CALL\n"
                      "@check(lambda: messages.CHECK1_DOUBLER)\ndef g():\n    pass\n")
    hits = module_level_messages(sample)
    assert [hit.split()[-1] for hit in hits] == ["messages.LABEL_STRIDE", "messages.WHAT_STEP"]


def test_the_check_marks_are_read_when_asked_and_are_the_same_in_every_language():
    assert checks.PASS_MARK == en.CHECK_PASS_MARK == zh_CN.CHECK_PASS_MARK == "✅"
    assert checks.HINT_MARK == en.CHECK_HINT_MARK == zh_CN.CHECK_HINT_MARK == "❌"
    with pytest.raises(AttributeError):
        checks.NO_SUCH_NAME  # noqa: B018


@pytest.mark.browser
def test_the_chinese_explorer_and_gallery_speak_chinese_in_chromium(browser, tmp_path):
    convcourse.set_language("zh_CN")
    fragment = static_explorer_html() + gallery_html(GALLERY_CASES[:1])
    page_file = tmp_path / "zh.html"
    page_file.write_text('<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
                         f"<title>探索器</title></head><body>{fragment}</body></html>",
                         encoding="utf-8")
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(page_file.as_uri())
    explorer = page.locator(".convcourse-explorer")

    def text(root, role):
        return root.locator(f'[data-role="{role}"]').inner_text()

    page.focus('input[data-control="step"]')
    page.keyboard.press("ArrowRight")  # step 1 -> 2
    counter = text(explorer, "step-counter")
    assert counter == zh_CN.STEP_COUNTER.format(step=2, total=25)
    announced = text(explorer, "announce")
    assert announced.startswith(counter + "。output[0, 1] = ")
    label = explorer.locator("svg").first.get_attribute("aria-label")
    assert label.startswith("对 5 × 5 的输入做卷积") and "。卷积核覆盖输出第 0 行、第 1 列" in label
    page.focus('input[data-control="padding"]')
    page.keyboard.press("ArrowRight")
    assert text(explorer, "announce").startswith("输入 5，填充 2，步幅 1，卷积核 3，扩张 1：输出 ")
    assert text(explorer, "output-shape") == "输出形状：7 × 7"
    animation = page.locator(".convcourse-animation")
    animation.locator('[data-action="step"]').click()
    assert text(animation, "frame") == zh_CN.FRAME_COUNTER.format(frame=2, total=4)
    assert not errors, errors
    page.close()
