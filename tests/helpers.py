"""What the tests share: the harbour article with its analysis written out by hand, ways to read the app's screen,
and the pieces news-like text is made of for property tests."""

from __future__ import annotations

import re
import time

from hypothesis import strategies as st

from reader.analysis.voices import tally
from reader.analysis.voices.naming import Credit
from reader.model import (
    Analysis,
    Article,
    Attribution,
    Cue,
    Entity,
    Figure,
    Mention,
    Paragraph,
    Quote,
    Sentence,
    Span,
    Speaker,
    sentence_number,
)
from reader.tui.app import ReaderApp
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.detail_line import DetailLine

TITLE = "Harbour Plan Divides Town"
SENTENCES = [
    ("Harbour Plan Divides Town", "reported"),
    ("The council approved a new harbour plan on Monday.", "reported"),
    ("“We will rebuild the pier by spring,” said Mayor Ana Ruiz.", "quote"),
    ("The plan costs $4 million, according to the council.", "reported"),
    ("This is a reckless gamble with public money.", "opinion"),
    ("Officials said the works start in May.", "reported"),
    ("Surely the town deserves better.", "opinion"),
    ("Ruiz called the vote “historic”.", "reported"),
    ("The council meets again on 3 June.", "reported"),
]
PARAGRAPHS = [[0], [1, 2, 3], [4, 5, 6], [7, 8]]
TEXT = "\n\n".join(" ".join(SENTENCES[index][0] for index in paragraph) for paragraph in PARAGRAPHS) + "\n"


def span(words: str, sentence: int = 0) -> tuple[int, int]:
    """The offsets of `words`, looked for from sentence `sentence` on."""
    start = TEXT.index(words, TEXT.index(SENTENCES[sentence][0]))
    return start, start + len(words)


def harbour_analysis(article: Article, progress=None) -> Analysis:
    """What the engine should find in the harbour article, written out by hand."""
    council_cue, council = span("according to", 3), span("the council", 3)
    officials, said = span("Officials", 5), span("said", 5)
    cues = {4: [Cue("evaluative", "reckless", *span("reckless", 4))]}
    attributions = {
        3: Attribution(Speaker("the council", *council, "council"), Span("according to", *council_cue)),
        5: Attribution(Speaker("Officials", *officials), Span("said", *said)),
    }
    sentences = []
    for index, (text, label) in enumerate(SENTENCES):
        start = TEXT.index(text)
        paragraph = next(number for number, members in enumerate(PARAGRAPHS) if index in members)
        sentences.append(Sentence(index, start, start + len(text), text, paragraph, label=label, confidence=0.8,
                                  scores={label: 0.8}, cues=cues.get(index, []), attribution=attributions.get(index)))
    quote_start, quote_end = span("“We will rebuild the pier by spring,”", 2)
    ruiz, said_ruiz = span("Mayor Ana Ruiz", 2), span("said", 2)
    quotes = [Quote(quote_start, quote_end, TEXT[quote_start:quote_end], [2],
                    Speaker("Mayor Ana Ruiz", *ruiz, "Ana Ruiz"), Span("said", *said_ruiz))]
    entities = [
        Entity("Ana Ruiz", "person", ["Ruiz"], [Mention(*span("Ana Ruiz", 2), 2), Mention(*span("Ruiz", 7), 7)]),
        Entity("council", "org", [], [Mention(*span("council", number), number) for number in (1, 3, 8)]),
    ]
    figures = [
        Figure("$4 million", "money", 4_000_000, "USD", *span("$4 million", 3), 3),
        Figure("3 June", "date", "06-03", None, *span("3 June", 8), 8),
    ]
    paragraphs = [Paragraph(sentences[members[0]].start, sentences[members[-1]].end) for members in PARAGRAPHS]
    credits = {ruiz: (Credit("Ana Ruiz", "person"),), council: (Credit("council", "org"),),
               officials: (Credit("Officials", "unnamed"),)}
    heard = tally.tally(quotes, [(sentence.id, sentence.start, sentence.attribution) for sentence in sentences],
                        credits)
    if progress is not None:
        progress(1.0)
    return Analysis(article, paragraphs, sentences, quotes, entities, figures, heard)


def harbour_app(text: str = TEXT, analyzer=harbour_analysis) -> ReaderApp:
    return ReaderApp(Article(text, TITLE, "harbour.txt"), analyzer=analyzer)


async def analyzed(pilot) -> ArticleView:
    """Wait for the analysis to reach the screen; return the article view."""
    reading = pilot.app.reading
    for _ in range(200):
        await pilot.pause()
        if reading.analysis is not None:
            break
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    assert reading.analysis is not None
    return reading.query_one(ArticleView)


async def until(pilot, condition, what: str = "the screen never got there", seconds: float = 10) -> None:
    """Let the app work until `condition()` holds (failing after `seconds`, however busy the machine)."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(what)
        await pilot.pause(0.01)


def screen_lines(view: ArticleView) -> list[str]:
    """The article pane as drawn, one string per screen line."""
    return [view.render_line(y).text for y in range(view.size.height)]


def notifications(app: ReaderApp) -> list[str]:
    """The text of each notification on screen: its message, under its title when it has one."""
    return [str(toast.render()) for toast in app.screen.query("Toast")]


def app_detail(app: ReaderApp) -> str:
    """The detail line under the article, as drawn."""
    return str(app.query_one(DetailLine).render())


async def select(pilot, sentence: int) -> None:
    """Put the cursor on sentence `sentence` (counted from 0) and wait until the detail line tells of it."""
    pilot.app.reading.query_one(ArticleView).select(sentence)
    await until(pilot, lambda: f"sentence {sentence_number(sentence)} of " in app_detail(pilot.app),
                f"the detail line never told of sentence {sentence_number(sentence)}")


def sentence_analysis(article: Article, progress=None) -> Analysis:
    """Every sentence of the text as a reported one, found by its full stop."""
    sentences = [
        Sentence(number, match.start(), match.end(), match.group(), 0, "reported", 0.9, {"reported": 0.9})
        for number, match in enumerate(re.finditer(r"[^\s.][^.]*\.", article.text))
    ]
    return Analysis(article, (Paragraph(0, len(article.text)),), tuple(sentences), (), (), ())


WHITESPACE = [" ", "  ", "\n", "\n\n", "\t", "\u00a0", "\u2009", "\u202f", "\u3000", "\u2028", "\u2029", "\n \n"]
PUNCTUATION = [".", ". ", ",", ";", ":", "?", "!", "…", "“", "”", '"', "''", "'", "‘", "’", "(", ")", "—", "–",
               "-", "/", "&", "$", "£", "%", "#", "*", "•"]
WORDS = ["Ft.", "Worth", "Fault", "Ted Cruz", "House Select", "Committee", "Mr.", "U.S.", "W.Va.", "Patriot Coal",
         "the mayor", "said", "told reporters", "according to", "reportedly", "calling it", "he said", "She",
         "$20 billion", "5%", "13 percent", "Monday", "last month", "2016", "two-thirds", "No. 2", "HOST:", "SMITH:",
         "Not to mention", "raises serious concerns", "may not", "blindly", "Why", "We", "é", "中文", "🙂", "x"]

# Words and marks that have tripped the analysis up, in any order: news-like text for property tests.
PIECES = st.sampled_from(WHITESPACE + PUNCTUATION + WORDS)
