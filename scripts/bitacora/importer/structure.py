"""Structure stage: body lines → Markdown blocks (headings, lists, quotes, notes, paragraphs).

Input: the article's lines, one paragraph per line as web pages copy them. Output: Markdown
in which only the structure found here is markup: every character of the source text is
escaped, so `*`, `_`, `<script>`, `[x](y)`, `{{ }}` or a leading `#` render literally.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bitacora.importer.clean import SourceLine, word_count
from bitacora.spanish import fold

__all__ = ["Block", "build_blocks", "escape_markdown", "render_blocks", "structure_body"]

EXCERPT_MARKER = "<!-- more -->"
_HEADING_MAX_WORDS = 12
# Bullets as pages print them, social posts' emoji included (✅, 👉, 🔹), two in a row. A
# dash needs a space after it: "—Buenos días —dijo" opens a line of dialogue, not an item.
_LIST_ITEM = re.compile(
    r"^(?:(?P<number>\d{1,3})[.)]\s+|(?P<bullet>[-•*·–—▪►✓✔→]\s+|"
    r"(?:✅|☑️?|✔️|👉|➡️?|🔹|🔸|📌|⭐|★)\s*))(?P<text>\S.*)$"
)
_FAQ_HEADING = re.compile(
    r"(preguntas (m[aá]s )?frecuentes|dudas frecuentes|preguntas y respuestas|faqs?)"
    r"( \(faqs?\)| sobre .{1,60})?",
    re.I,
)
_FAQ_QUESTION_MAX_WORDS = 25
_CHAPTER = re.compile(r"^[\[(]?\d{1,2}:\d{2}(?::\d{2})?[\])]?\s*[-–—:]?\s+\S")
_ITEM_LEAD = re.compile(r"^(?P<lead>[^:.!?]{2,80}?)\s*:\s+(?P<rest>\S.*)$")
_ITEM_LEAD_MAX_WORDS = 8
_UNMARKED_LIST_MIN = 3  # fewer "Lead: text" lines in a row are just sentences with a colon
_NOTE = re.compile(
    r"^(?P<label>nota|note|importante|atención|atencion|aviso|advertencia|consejo|tip|"
    r"recuerda|ojo|dato)\s*:\s*(?P<text>.+)$",
    re.I,
)
# Admonition type and Spanish title for each note label.
_NOTE_KINDS = {
    "nota": ("note", "Nota"),
    "note": ("note", "Nota"),
    "dato": ("info", "Dato"),
    "importante": ("warning", "Importante"),
    "atencion": ("warning", "Atención"),
    "aviso": ("warning", "Aviso"),
    "advertencia": ("warning", "Advertencia"),
    "ojo": ("warning", "Atención"),
    "consejo": ("tip", "Consejo"),
    "tip": ("tip", "Consejo"),
    "recuerda": ("tip", "Recuerda"),
}
# A heading that announces how many items follow ("5 tácticas para reducirlo", "Tres pasos
# para empezar"): when exactly that many short lines follow it, they are the list whose
# bullets the copy lost. The count is what makes it safe to tell a list from paragraphs.
_COUNT_WORDS = {
    "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7,
    "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12,
}  # fmt: skip
_ANNOUNCED_COUNT = re.compile(
    r"\b(?P<count>\d{1,2}|" + "|".join(_COUNT_WORDS) + r")\b", re.IGNORECASE
)
_COUNTED_ITEM_MAX_WORDS = 45  # an item may be a sentence or two; the count keeps it safe
# Lines with no blank line between them, under a lead-in ending in «:», are one list's items
# when the source spaces its paragraphs. A copied page leaves a blank line after each
# paragraph and none between the items of a list, nor after a heading: in a help centre's
# article, full of lists, a quarter of the sentences that end a line end a paragraph.
_SENTENCE_ENDS = (".", "!", "?", "…", ":")
_SPACED_MIN_PARAGRAPHS = 3
_SPACED_SHARE = 0.25
_LEAD_IN_MAX_ITEMS = 15
# An interview's question ("P: ¿Qué encontró…?"): set in bold, never a section heading, so
# every question of the interview looks the same whatever its length.
_INTERVIEW_QUESTION = re.compile(r"^(?:P|Pregunta)\s*[:.]\s+\S")
_QUOTE_PAIRS = {"“": "”", '"': '"', "«": "»", "„": "“", "'": "'", "‘": "’"}
# Characters Python-Markdown (and the enabled extensions) treat as syntax anywhere in a line.
_INLINE_SPECIAL = re.compile(r"([\\`*_{}\[\]])")
# Only characters Python-Markdown can backslash-escape; others would show the backslash.
_LINE_START_SPECIAL = re.compile(r"^(\s*)([#>+\-!])")
_ENTITY_LIKE = re.compile(r"&(?=#?\w+;)")
_ORDERED_START = re.compile(r"^(\d+)([.)])(\s)")


@dataclass(frozen=True)
class Block:
    kind: str  # paragraph, heading, list, quote, note
    lines: tuple[str, ...]
    source_line: int
    level: int = 2  # of a heading: 3 for the questions under a FAQ's heading
    ordered: bool = False
    start: int = 1
    note_kind: str = "note"
    note_title: str = "Nota"


def escape_markdown(text: str) -> str:
    """Escape text so it renders literally, whatever characters a web page put in it."""
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    text = _ENTITY_LIKE.sub("&amp;", text).replace("<", "&lt;")
    text = _LINE_START_SPECIAL.sub(r"\1\\\2", text)
    if text.startswith("~"):  # a fence opener for superfences; "~" has no backslash escape
        text = "&#126;" + text[1:]
    return _ORDERED_START.sub(r"\1\\\2\3", text)


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def _is_quoted(text: str) -> bool:
    closing = _QUOTE_PAIRS.get(text[:1])
    return (
        closing is not None
        and len(text) > 2
        and text.rstrip(".").endswith(closing)
        and text[1:].rstrip(".").rstrip(closing).count(closing) == 0
    )


# A quotation and who said it: «…» — Name, role (em or en dash: a hyphen joins words).
_ATTRIBUTED = re.compile(r"^(?P<quote>.+?)\s*[—–]\s*(?P<who>[^—–\"“”«»]{2,80})$")


def _attributed_quote(text: str) -> tuple[str, str] | None:
    """(quotation, author) for a quoted sentence followed by its attribution, else None."""
    match = _ATTRIBUTED.match(text)
    if match is None:
        return None
    quote = match.group("quote").rstrip(".,")
    if not _is_quoted(quote) or word_count(quote) < 4:
        return None
    return quote[1:-1].strip(), match.group("who").strip().rstrip(".")


def _comparable(text: str) -> str:
    return re.sub(r"[^\w ]+", "", fold(text)).strip()


def _repeats_body(quote: str, others: list[str]) -> bool:
    inner = _comparable(quote)
    return len(inner) > 20 and any(inner in _comparable(other) for other in others)


def _heading_text(line: str, next_line: str | None) -> str | None:
    """The heading a line is, or None: a short line without closing punctuation, followed by
    longer text. "1. Escucha activa" and "Conclusiones:" are headings too."""
    if next_line is None or _NOTE.match(line) or _is_quoted(line):
        return None
    numbered = _LIST_ITEM.match(line)
    if numbered is not None and (
        numbered.group("number") is None or _LIST_ITEM.match(next_line) is not None
    ):
        return None
    text = line[:-1].rstrip() if line.endswith(":") and word_count(line) <= 4 else line
    if not text or word_count(text) > _HEADING_MAX_WORDS or text[-1] in ".,;:…":
        return None
    if not (text[0].isalnum() or text[0] == "¿"):  # "# texto", "* texto": not a heading
        return None
    # A question is a heading only when it is short and the text answers it.
    if text.endswith("?") and word_count(text) > 8:
        return None
    if word_count(next_line) > word_count(text) or _LIST_ITEM.match(next_line) is not None:
        return text
    return None


def _known_heading(text: str, headings: frozenset[str]) -> str | None:
    return text.rstrip(":").strip() if headings and fold(text) in headings else None


def _item_lead(text: str) -> re.Match[str] | None:
    lead = _ITEM_LEAD.match(text)
    return lead if lead and word_count(lead.group("lead")) <= _ITEM_LEAD_MAX_WORDS else None


def _list_items(texts: list[str]) -> tuple[str, ...]:
    """A list's items as Markdown: "Lead: text" items get a bold lead when every item of
    the list has one; one item with a colon among plain ones is a sentence with a colon."""
    leads = [_item_lead(text) for text in texts]
    if not all(leads):
        return tuple(escape_markdown(text) for text in texts)
    return tuple(
        f"**{escape_markdown(lead.group('lead'))}:** {escape_markdown(lead.group('rest'))}"
        for lead in leads
        if lead is not None
    )


def _lead_item_run(texts: list[str], start: int) -> int:
    """How many lines from `start` read "Lead: text" with a short lead: a list whose bullets
    were lost when the page was copied."""
    count = 0
    for index in range(start, len(texts)):  # by index: slicing copied the rest for each line
        text = texts[index]
        lead = _ITEM_LEAD.match(text)
        if (
            lead is None
            or word_count(lead.group("lead")) > _ITEM_LEAD_MAX_WORDS
            or _NOTE.match(text)
        ):
            break
        count += 1
    return count


def _faq_questions(texts: list[str], headings: frozenset[str]) -> set[int]:
    """The questions of a FAQ ("Preguntas frecuentes" and, under it, each question over its
    answer): all of them are its sub-headings, however long, so none stays a paragraph
    while its neighbours become headings."""
    questions: set[int] = set()
    inside = False
    for index, text in enumerate(texts):
        following = texts[index + 1] if index + 1 < len(texts) else None
        if _FAQ_HEADING.fullmatch(text.rstrip(":")):
            inside = True
            continue
        if not inside or following is None:
            continue
        if _is_question(text) and not _is_question(following):
            questions.add(index)
        elif _is_question(following) or index - 1 in questions:
            continue  # an answer, between its question and the next one
        elif _known_heading(text, headings) or _heading_text(text, following):
            inside = False  # the next section: the FAQ is over
    return questions


def _is_question(text: str) -> bool:
    return (
        text.endswith("?")
        and word_count(text) <= _FAQ_QUESTION_MAX_WORDS
        and not _is_quoted(text)
        and _LIST_ITEM.match(text) is None
    )


def _chapter_run(texts: list[str], start: int) -> int:
    count = 0
    while start + count < len(texts) and _CHAPTER.match(texts[start + count]):
        count += 1
    return count


def _announced_count(heading: str) -> int | None:
    match = _ANNOUNCED_COUNT.search(heading)
    if match is None:
        return None
    word = match.group("count").lower()
    count = int(word) if word.isdigit() else _COUNT_WORDS[word]
    return count if 2 <= count <= 12 else None


def _is_counted_item(text: str) -> bool:
    """A line that can be a bulleted item: short, and not a note, quote or list of its own."""
    return (
        word_count(text) <= _COUNTED_ITEM_MAX_WORDS
        and _LIST_ITEM.match(text) is None
        and _NOTE.match(text) is None
        and not _is_quoted(text)
    )


def _counted_items(heading: str, texts: list[str], start: int) -> tuple[int, int]:
    """Where the items of an announcing heading start and how many there are: the count it
    announces when that many short lines follow it (after a lead-in ending in «:»), else 0."""
    count = _announced_count(heading)
    if count is None:
        return start, 0
    if start < len(texts) and texts[start].endswith(":"):
        start += 1  # "En los talleres uso cuatro ejercicios:" introduces them
    items = texts[start : start + count]
    if len(items) < count or not all(_is_counted_item(text) for text in items):
        return start, 0
    return start, count


def _paragraphs_spaced(lines: list[SourceLine]) -> bool:
    """Whether the source leaves blank lines after its paragraphs, as text copied from a
    web page does: then lines with none between them were items of one list (`<li>`). A
    text with no blank lines at all tells nothing that way."""
    ends = [
        (line, following)
        for line, following in zip(lines, lines[1:], strict=False)
        if line.text.endswith(_SENTENCE_ENDS)
    ]
    spaced = sum(1 for line, following in ends if following.no > line.no + 1)
    return len(ends) >= _SPACED_MIN_PARAGRAPHS and spaced >= _SPACED_SHARE * len(ends)


def _items_under_lead_in(lines: list[SourceLine], index: int) -> int:
    """How many lines right under the lead-in `lines[index]` («…las causas son tres:»), with
    no blank line between them and a blank line after them, are the items of a list whose
    bullets the copy lost; 0 when they are not (one line, a long paragraph, no lead-in)."""
    if not lines[index].text.endswith(":"):
        return 0
    run, previous = 0, lines[index].no
    for line in lines[index + 1 : index + 1 + _LEAD_IN_MAX_ITEMS + 1]:
        if line.no != previous + 1:
            break
        if not _is_counted_item(line.text) or _LIST_ITEM.match(line.text):
            return 0
        run, previous = run + 1, line.no
    return run if 2 <= run <= _LEAD_IN_MAX_ITEMS else 0


def build_blocks(lines: list[SourceLine], headings: frozenset[str] = frozenset()) -> list[Block]:
    """Classify each line: list runs merge into one block, the rest are one block each.

    A line in `headings` (folded) is a heading whatever its shape: a long question the page's
    table of contents lists is a section title, not a question in the text."""
    texts = [line.text for line in lines]
    spaced = _paragraphs_spaced(lines)
    faq = _faq_questions(texts, headings)
    blocks: list[Block] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        text = line.text
        item = _LIST_ITEM.match(text)
        following = _LIST_ITEM.match(texts[index + 1]) if index + 1 < len(texts) else None
        # One numbered or dashed line alone is text that happens to start that way.
        if item is not None and following is not None:
            ordered = item.group("number") is not None
            items: list[str] = []
            start = int(item.group("number") or 1)
            while index < len(lines):
                match = _LIST_ITEM.match(lines[index].text)
                if match is None or (match.group("number") is not None) != ordered:
                    break
                items.append(match.group("text"))
                index += 1
            blocks.append(Block("list", _list_items(items), line.no, ordered=ordered, start=start))
            continue
        chapters = _chapter_run(texts, index)
        if chapters >= 2:  # an episode's or a video's chapters: "(00:03:15) Cómo medir…"
            found = tuple(escape_markdown(t) for t in texts[index : index + chapters])
            blocks.append(Block("list", found, line.no))
            index += chapters
            continue
        run = _lead_item_run(texts, index)
        if run >= _UNMARKED_LIST_MIN:
            lead_items = _list_items(texts[index : index + run])
            blocks.append(Block("list", lead_items, line.no))
            index += run
            continue
        next_text = texts[index + 1] if index + 1 < len(texts) else None
        note = _NOTE.match(text)
        if note is not None:
            kind, title = _NOTE_KINDS[fold(note.group("label"))]
            blocks.append(
                Block(
                    "note",
                    (escape_markdown(_capitalise(note.group("text"))),),
                    line.no,
                    note_kind=kind,
                    note_title=title,
                )
            )
        elif (attributed := _attributed_quote(text)) is not None:
            quote, who = attributed
            blocks.append(Block("quote", (escape_markdown(quote), escape_markdown(who)), line.no))
        elif _is_quoted(text) and (
            _repeats_body(text, texts[:index] + texts[index + 1 :]) or word_count(text) >= 6
        ):
            inner = text.strip().rstrip(".")[1:-1].strip()
            blocks.append(Block("quote", (escape_markdown(inner),), line.no))
        elif index in faq:
            blocks.append(Block("heading", (escape_markdown(text),), line.no, level=3))
        elif _INTERVIEW_QUESTION.match(text):
            blocks.append(Block("paragraph", (f"**{escape_markdown(text)}**",), line.no))
        elif heading := _known_heading(text, headings) or _heading_text(text, next_text):
            blocks.append(Block("heading", (escape_markdown(heading),), line.no))
            first, counted = _counted_items(heading, texts, index + 1)
            listed = _items_under_lead_in(lines, index) if spaced and not counted else 0
            if listed:  # "Recomendaciones:" over lines with no blank line between them
                found = _list_items(texts[index + 1 : index + 1 + listed])
                blocks.append(Block("list", found, lines[index + 1].no))
                index += listed
            elif counted:
                if first > index + 1:  # the lead-in, a paragraph of its own
                    lead_in = escape_markdown(texts[index + 1])
                    blocks.append(Block("paragraph", (lead_in,), lines[index + 1].no))
                found = _list_items(texts[first : first + counted])
                blocks.append(Block("list", found, lines[first].no))
                index = first + counted - 1
        else:
            blocks.append(Block("paragraph", (escape_markdown(text),), line.no))
            run = _items_under_lead_in(lines, index) if spaced else 0
            if run:
                found = _list_items(texts[index + 1 : index + 1 + run])
                blocks.append(Block("list", found, lines[index + 1].no))
                index += run
        index += 1
    return blocks


def _render_block(block: Block) -> str:
    if block.kind == "heading":
        return f"{'#' * block.level} {block.lines[0]}"
    if block.kind == "quote":
        quote = f"> {block.lines[0]}"
        return f"{quote}\n>\n> — {block.lines[1]}" if len(block.lines) > 1 else quote
    if block.kind == "note":
        return f'!!! {block.note_kind} "{block.note_title}"\n\n    {block.lines[0]}'
    if block.kind == "list":
        if block.ordered:
            return "\n".join(f"{block.start + i}. {item}" for i, item in enumerate(block.lines))
        return "\n".join(f"- {item}" for item in block.lines)
    return block.lines[0]


def render_blocks(blocks: list[Block]) -> str:
    """Markdown for the blocks, with the excerpt marker after the lead paragraph."""
    parts: list[str] = []
    marker_placed = False
    for block in blocks:
        parts.append(_render_block(block))
        if not marker_placed and block.kind == "paragraph":
            parts.append(EXCERPT_MARKER)
            marker_placed = True
    if not marker_placed:
        parts.insert(1 if parts else 0, EXCERPT_MARKER)
    return "\n\n".join(parts) + "\n"


def structure_body(lines: list[SourceLine], headings: frozenset[str] = frozenset()) -> str:
    """The article body as Markdown; `headings` (folded) are lines known to be section titles,
    such as the entries of the page's table of contents."""
    return render_blocks(build_blocks(lines, headings))
