"""The per-call segment learner on invented calls (fictional companies)."""
from callnlp.extract.segments import learn_segments, segment_pattern
from callnlp.extract.sentences import Sentence
from callnlp.records import CallInfo, Structure


def _structure():
    import dataclasses

    fields = {f.name for f in dataclasses.fields(Structure)}
    kwargs = {name: () for name in fields}
    kwargs["call"] = CallInfo(company="Velmora")
    return Structure(**{k: v for k, v in kwargs.items() if k in fields})


def _sentences(*texts):
    return [Sentence(t, 0, len(t), 3, "Jane Roe", "executive", "prepared_remarks", "en", i, False, i)
            for i, t in enumerate(texts)]


def test_walk_through_cues_learn_segment_names():
    sents = _sentences(
        "Turning to VFT on slide 6.", "At VFT, we expect revenue growth of 3% to 5%.",
        "Now looking at Marine Coatings on slide 7.", "In Marine Coatings, sales grew 4%.",
        "QuillWorks grew 12% in the quarter.", "QuillWorks revenue guidance is $1.2 billion.",
        "In March, demand was soft.", "Turning to Slide 9.", "In March, we opened a plant.")
    names = learn_segments(_structure(), sents)
    assert {"VFT", "Marine Coatings", "QuillWorks"} <= set(names)
    assert not {"March", "Slide"} & set(names)
    assert segment_pattern(names).search("the VFT margin").group(0) == "VFT"


def test_one_mention_is_not_enough():
    names = learn_segments(_structure(), _sentences("At Northgate, we expect revenue growth of 3%."))
    assert "Northgate" not in names


def test_lower_case_names_need_three_hits_and_match_only_before_a_segment_word():
    sents = _sentences(
        "Revenues for the towable segment were $2 billion.", "Our towable segment grew 20%.",
        "The towable business had a record year.", "The core business is healthy.", "Our core business grew.",
        "The core business did well.", "The data business grew.", "Our data business is small.")
    names = learn_segments(_structure(), sents)
    assert "towable" in names and "core" not in names and "data" not in names
    rx = segment_pattern(names)
    assert rx.search("Towable segment revenue rose").group(0) == "Towable"
    assert rx.search("towable products sold out") is None


def test_sibling_names_and_plain_contributors():
    sents = _sentences(
        "Service Cloud revenues grew 20%.", "Our Service Cloud business is strong.",
        "Marketing Cloud revenues grew 17%.", "Halvard contributed about $12 million of revenue.",
        "In addition, Halvard will contribute a full quarter.", "Pricing contributed 2% to growth.",
        "Pricing contributed again, and pricing will matter.")
    names = learn_segments(_structure(), sents)
    assert {"Service Cloud", "Marketing Cloud", "Halvard"} <= set(names)
    assert "Pricing" not in names  # the call writes it lower-case too


def test_a_revenue_walk_through_of_plain_words_learns_each_line():
    sents = _sentences(
        "Harbor revenue was $48.6 million, down slightly.", "Fieldline revenue increased 12% to $30 million.",
        "Net revenue was $120 million.", "Total revenues were a record.", "Organic sales declined 2%.")
    names = learn_segments(_structure(), sents)
    assert {"Harbor", "Fieldline"} <= set(names)
    assert not {"Net", "Total", "Organic"} & set(names)


def test_one_plain_word_before_revenue_is_no_walk_through():
    names = learn_segments(_structure(), _sentences("Harbor revenue was $48.6 million.", "Net revenue was $90 million."))
    assert "Harbor" not in names


def test_a_sentence_opening_on_a_segment_and_its_net_sales():
    sents = _sentences("In Coil Finishing net sales of $823 million nearly doubled.",
                       "Coil Finishing operating income was $40 million.",
                       "In First-quarter net sales, we saw growth.", "In Europe, sales grew 3%.")
    names = learn_segments(_structure(), sents)
    assert "Coil Finishing" in names
    assert not {"First-quarter", "Europe"} & set(names)


def test_new_and_first_open_a_name_after_our():
    sents = _sentences("Our First Aid segment's revenues were $17 million.", "In our New Harbor Timber segment, sales rose.",
                       "The new Harbor Timber mill opened.", "Our first Quarry business grew.")
    names = learn_segments(_structure(), sents)
    assert {"First Aid", "New Harbor Timber"} <= set(names)
    assert "Aid" not in names and not any(n.startswith("first") for n in names)
