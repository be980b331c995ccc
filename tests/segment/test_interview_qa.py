"""A Q&A with no analyst (a fireside chat run by investor relations, fictional): the one speaker who
asks is the questioner, and each of their questions after an answer opens an exchange."""
import callnlp

CALL = """# Velmora Semiconductor investor chat

## Transcript

**Rina Ho - Velmora Semiconductor, Investor Relation**
(00:00:05) Welcome, everyone. Our CFO will give a short update on the year.

**Marc Lind - Velmora Semiconductor, Chief Financial Officer**
(00:00:20) Thank you. Revenue grew 12% to a record this year, led by handsets.

### Q&A

**Rina Ho - Velmora Semiconductor, Investor Relation**
(00:02:10) Starting with handsets, can you gain share in the flagship tier this year?

**Marc Lind - Velmora Semiconductor, Chief Financial Officer**
(00:02:30) We think so. Our new chip has won designs at three phone makers.

**Rina Ho - Velmora Semiconductor, Investor Relation**
(00:03:40) Understood. Moving to data centers, how do you secure enough wafer capacity?

**Marc Lind - Velmora Semiconductor, Chief Financial Officer**
(00:04:00) We booked capacity with two foundries through next year.

**Rina Ho - Velmora Semiconductor, Investor Relation**
(00:05:00) Thank you, Marc. That concludes our chat today.
"""


def test_the_interviewer_asks_and_each_question_is_an_exchange(tmp_path):
    path = tmp_path / "velmora.txt"
    path.write_text(CALL, encoding="utf-8")
    s = callnlp.read_structure(callnlp.read_transcript(str(path)))
    asked = [x for x in s.qa if x.questions and "?" in x.questions[0].text]
    assert [x.analyst for x in asked] == ["Rina Ho", "Rina Ho"]
    assert all(x.answered_by == ("Marc Lind",) for x in asked)
