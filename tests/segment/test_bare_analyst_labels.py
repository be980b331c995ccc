"""Transcripts that label every questioner just "Analyst:" (fictional call): the operator's
introductions name them, and each introduction starts a new exchange."""
import callnlp

CALL = """Nimbrook Foods Q2 2025 Earnings Call

Operator: Good morning and welcome to the Nimbrook Foods second quarter 2025 earnings call.

Dana Kess: Thank you, operator. Revenue grew 6% to $410 million in the quarter.

Operator: We will now begin the question-and-answer session. The first question comes from the line of Priya Lal with Harbor Peak Securities. Please go ahead.

Analyst: Thanks for taking my question. How should we think about pricing in the second half?

Dana Kess: Thanks, Priya. We expect pricing to add about 2 points.

Analyst: Thank you, Dana. That's helpful.

Operator: The next question comes from the line of Tom Reyes with Eastbay Capital. Please go ahead.

Analyst: Hi. Can you talk about freight costs? And what is the capex plan for next year?

Dana Kess: Freight costs eased. Capex will be about $40 million.

Operator: This concludes our question-and-answer session.
"""


def _structure(tmp_path):
    path = tmp_path / "nimbrook.txt"
    path.write_text(CALL, encoding="utf-8")
    return callnlp.read_structure(callnlp.read_transcript(str(path)))


def test_each_introduction_names_the_analyst_and_opens_an_exchange(tmp_path):
    s = _structure(tmp_path)
    assert [(x.analyst, x.firm) for x in s.qa] == [("Priya Lal", "Harbor Peak Securities"), ("Tom Reyes", "Eastbay Capital")]
    analysts = {p.name: p.affiliation for p in s.participants if p.kind.value == "analyst"}
    assert analysts == {"Priya Lal": "Harbor Peak Securities", "Tom Reyes": "Eastbay Capital"}


def test_a_bare_label_without_a_new_introduction_is_the_same_analyst(tmp_path):
    s = _structure(tmp_path)
    first = s.qa[0]
    assert len(first.question_turns) == 2 and {s.turns[i].speaker for i in first.question_turns} == {"Priya Lal"}
    assert len(s.qa[1].questions) == 2
