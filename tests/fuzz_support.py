"""Random Markdown documents and random translations (markup-breaking ones too), for
the fuzz test of the whole pipeline and the differential test of the fast paths."""

from __future__ import annotations

import yaml
from hypothesis import strategies as st

# ------------------------------------------------------------ random Markdown

WORDS = ["acupuncture", "needle", "Qi", "flow", "point", "the", "of", "Yin", "Yang"]
CJK = ["针灸", "气", "经络", "穴位", "阴阳", "。", "，", "“气”"]
INLINE = [
    "*em*", "**strong**", "_under_", "`code`", "``a ` b``", "[link](http://example.com)",
    "![image](a.png \"title\")", "<http://example.com>", "\\*", "<b>bold</b>", "&amp;",
    "[^1]", "[ref]", "~~gone~~", "a|b", "\\|", "'quote'", "\"dq\"", "100%", "2 < 3",
]
MARKUP = "*_`[]()!<>#|\\&-+.:=~ \t"

words = st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(CJK),
                           st.sampled_from(INLINE)), min_size=1, max_size=8)
inline = words.map(lambda ws: " ".join(ws).strip() or "x")
noise = st.text(alphabet=MARKUP + "ab中", min_size=1, max_size=30)


def _lines(parts: list[str]) -> str:
    return "\n".join(parts)


def _cell(text: str) -> str:
    return text.replace("a|b", "a\\|b")


hard = st.sampled_from(["", "  ", "\\"])
paragraph = st.lists(st.tuples(inline, hard), min_size=1, max_size=3).map(
    lambda ls: _lines([t + (h if i < len(ls) - 1 else "") for i, (t, h) in enumerate(ls)]))
block = st.one_of(
    paragraph,
    st.tuples(st.integers(1, 6), inline).map(lambda p: "#" * p[0] + " " + p[1]),
    st.tuples(inline, st.sampled_from(["===", "---"])).map(lambda p: f"{p[0]}\n{p[1]}"),
    st.tuples(st.sampled_from("-*+"), st.lists(inline, min_size=1, max_size=3)).map(
        lambda p: _lines(f"{p[0]} {t}" for t in p[1])),
    st.lists(inline, min_size=1, max_size=3).map(
        lambda ts: _lines(f"{i + 1}. {t}" for i, t in enumerate(ts))),
    st.tuples(inline, inline).map(lambda p: f"- {p[0]}\n  - {p[1]}"),
    paragraph.map(lambda p: _lines("> " + line for line in p.split("\n"))),
    st.tuples(inline, inline).map(lambda p: f"> {p[0]}\n{p[1]}"),  # lazy continuation
    st.tuples(inline, inline).map(lambda p: f"> > {p[0]}\n> > {p[1]}"),
    st.tuples(inline, inline).map(lambda p: f"> - {p[0]}\n>   {p[1]}"),
    st.sampled_from(["```\ncode *not* text\n```", "~~~python\nx = 1\n~~~",
                     "    indented code", "<div>\nraw *html*\n</div>", "***",
                     "[ref]: http://example.com", "<!-- a comment -->"]),
    st.tuples(inline, inline, inline, inline).map(
        lambda c: f"| {c[0]} | {c[1]} |\n| --- | :-: |\n| {c[2]} | {c[3]} |".replace(
            "a|b", "a\\|b")),
    inline.map(lambda t: f"[^1]: {t}"),
    noise,
    # Blocks whose neighbours read a line's text: a one-column table whose header's
    # only pipe is escaped, a reference definition that takes a title from the line
    # after it, a heading with a pipe over a possible delimiter row, and cells that
    # touch their pipes.
    st.tuples(inline, inline, st.sampled_from(["---", ":--", "-:"]), st.booleans()).map(
        lambda p: f"{_cell(p[0])} \\| {_cell(p[1])}\n{p[2]}"
        + (f"\n{_cell(p[1])}" if p[3] else "")),
    inline.map(lambda t: f"[ref]: http://example.com\n{t}"),
    st.tuples(inline, inline).map(lambda p: f"# {_cell(p[0])} \\| x\n{p[1]}"),
    st.tuples(inline, inline, inline, inline).map(
        lambda c: f"{_cell(c[0])}|{_cell(c[1])}\n-|-\n{_cell(c[2])}|{_cell(c[3])}"),
)

# ------------------------------------------------------------ the dialects' blocks

title = st.lists(st.sampled_from(WORDS + CJK[:5]), min_size=1, max_size=3).map(" ".join)


def _indented(text: str) -> str:
    return "\n".join("    " + line if line else line for line in text.split("\n"))


def _blocks(parts: list[str]) -> str:
    return "\n\n".join(parts)


body = st.lists(block, min_size=1, max_size=2).map(_blocks)
dialect_block = st.one_of(
    st.tuples(st.sampled_from(["tip", "warning", "details"]), title, body).map(
        lambda p: f"::: {p[0]} {p[1]}\n{p[2]}\n:::"),
    st.tuples(title, body).map(lambda p: f":::note[{p[0]}]\n{p[1]}\n:::"),
    st.tuples(title, body).map(lambda p: f"::::: tip\n::: warning {p[0]}\n{p[1]}\n:::\n:::::"),
    st.tuples(st.sampled_from(["NOTE", "TIP", "NB"]), paragraph).map(
        lambda p: f"> [!{p[0]}]\n" + _lines("> " + line for line in p[1].split("\n"))),
    st.tuples(title, paragraph).map(lambda p: f"> [!INFO] {p[0]}\n> {p[1]}"),
    st.tuples(st.sampled_from(["!!!", "???", "???+"]), title, body).map(
        lambda p: f'{p[0]} note "{p[1]}"\n{_indented(p[2])}'),
    st.tuples(title, body, title, body).map(
        lambda p: f'=== "{p[0]}"\n{_indented(p[1])}\n\n=== "{p[2]}"\n{_indented(p[3])}'),
    st.tuples(title, body).map(lambda p: f"/// warning | {p[0]}\n{p[1]}\n///"),
    st.tuples(title, body).map(lambda p: f"/// html | div\n//// note | {p[0]}\n{p[1]}\n////\n///"),
    st.tuples(st.integers(1, 3), inline).map(lambda p: "#" * p[0] + f" {p[1]} {{#anchor-{p[0]}}}"),
    st.tuples(inline).map(lambda p: f"## {p[0]} {{ #id .class }}"),
    paragraph.map(lambda p: f"{p}\n{{: .lead }}"),
    title.map(lambda t: f'{{{{< figure src="a.png" caption="{t}" >}}}}'),
    body.map(lambda b: f"{{{{% notice info %}}}}\n{b}\n{{{{% /notice %}}}}"),
    body.map(lambda b: f"{{{{< alert >}}}}\n{b}\n{{{{< /alert >}}}}"),
    st.sampled_from(["import Tabs from '@theme/Tabs';", "export const x = 1;",
                     "{{#include file.rs}}", '--8<-- "snippet.md"', "{.class}"]),
    paragraph.map(lambda p: f"<Tabs>\n{p}\n</Tabs>"),
    inline.map(lambda t: f"*[HTML]: {t}"),
    inline.map(lambda t: f"- [ ] {t}\n- [x] done"),
    st.tuples(title, inline).map(lambda p: f"{p[0]}\n: {p[1]}"),
)
any_block = st.one_of(block, dialect_block)
front_value = st.one_of(inline, st.text(alphabet="ab :#'\"-[]{}中", min_size=1,
                                        max_size=12))


@st.composite
def documents(draw: st.DrawFn, dialects: bool = False) -> str:
    """A random article; with `dialects`, the dialects' blocks among CommonMark's."""
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    bom = draw(st.sampled_from(["", "\ufeff"]))
    head = ""
    if draw(st.booleans()):
        fields = {"title": draw(front_value), "description": draw(front_value)}
        if draw(st.booleans()):
            fields["date"] = "2024-03-01"
        head = "---\n" + "".join(f"{k}: {_yaml_scalar(v)}\n" for k, v in fields.items()) \
            + "---\n\n"
    body = "\n\n".join(draw(st.lists(any_block if dialects else block, min_size=1,
                                      max_size=8)))
    ending = draw(st.sampled_from(["\n", ""]))
    return bom + (head + body + ending).replace("\n", newline)


def _yaml_scalar(value: str) -> str:
    try:
        plain_ok = yaml.safe_load(f"k: {value}\n") == {"k": value}
    except yaml.YAMLError:
        plain_ok = False
    return value if plain_ok else '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


# ------------------------------------------------------------ random translations

BREAKERS = ["# ", "- ", "1. ", "> ", "```", "    ", "<div>", "[x]: /u", "---", "|", "=== ",
            "\n\n", "\\", "`", "  \n- x", "\n===", "**", "<!--", "[^9]: ", "\n", "~~~",
            "<script>", "\r\n", "\t", ":-", "'title'", "(title)", ":--", "x\\",
            # the dialects' structure
            "::: tip", ":::", "!!! note", '=== "x"', "///", "/// note", '"', "]", "[!NOTE]",
            " {#id}", "{: .c }", "{{< x >}}", "{{% /notice %}}", "import x", "*[A]: b",
            "\n: d", "[ ] ", "--8<--", "{{#include a}}", "<Tabs>",
            # What a build must not publish (markdown.safety):
            "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))", "<iframe src=a.html>",
            "[x](https://evil.example/p)", "<https://evil.example>", "[x](data:text/html,a)",
            "<b>", "javascript&#58;alert(1)",
            # where a link's destination is read otherwise than where it stands
            "[x](\nhttps://evil.example)", "> [x](\n> https://evil.example)",
            "[x](https://evil.example\x00)", "a|b\n-|-\n[x](https://a.example|evil.example)",
            "[x](//evil.example)", "[x](https://évil.example)", "[x]: https://evil.example",
            "[x](https://evil.example\r)"]


@st.composite
def translation(draw: st.DrawFn, msgid: str) -> str:
    kind = draw(st.sampled_from(["same", "empty", "text", "break", "break", "cjk", "alone"]))
    if kind == "same":
        return msgid
    if kind == "empty":
        return ""
    if kind == "text":
        return _line_breaks_as(msgid, draw(st.one_of(inline, noise)))
    if kind == "cjk":
        return "".join(draw(st.lists(st.sampled_from(CJK), min_size=1, max_size=6)))
    breaker = draw(st.sampled_from(BREAKERS))
    if kind == "alone":
        return _line_breaks_as(msgid, breaker)
    where = draw(st.sampled_from(["start", "end", "middle"]))
    if where == "start":
        return _line_breaks_as(msgid, breaker + msgid)
    if where == "end":
        return _line_breaks_as(msgid, msgid + breaker)
    middle = len(msgid) // 2
    return _line_breaks_as(msgid, msgid[:middle] + breaker + msgid[middle:])


def _line_breaks_as(msgid: str, text: str) -> str:
    """`text`, starting and ending with a line break only where `msgid` does: GNU msgfmt
    refuses a whole catalogue otherwise, and this fuzzes the splice, not the reader."""
    if text.startswith("\n") and not msgid.startswith("\n"):
        text = "x" + text
    if text.endswith("\n") and not msgid.endswith("\n"):
        text += "x"
    return text
