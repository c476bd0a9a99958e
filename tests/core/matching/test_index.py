"""The library index: what a document's usual similarity is read against."""

import random

import numpy as np
from synth import doc

from converge.core.matching.index import MatchIndex, _usual_rows

TOPICS = {
    "Ankle sprain": "ankle sprain ligament swelling bruising ice elevation crutches walking rest strapping",
    "Asthma": "asthma wheeze inhaler salbutamol peak flow steroid oxygen nebuliser breathless spacer",
    "Head injury": "head injury scan vomiting drowsy concussion observation skull headache neurology",
    "Sepsis": "sepsis infection antibiotics lactate fluids culture fever screening shock source",
    "Falls": "falls frailty mobility hip bone fracture balance walking frame hazards medication",
    "Diabetes": "diabetes insulin glucose ketones hypoglycaemia meter carbohydrate injection sugar",
}
FILLER = "advice patient hospital team clinic contact phone leaflet information service care ward"


def _text(topic_words: str, rng: random.Random, own: list[str]) -> str:
    """An independently written document on a topic: some of its words, and the writer's own."""
    words = rng.sample(topic_words.split(), 5) + rng.sample(FILLER.split(), 4) + own
    rng.shuffle(words)
    return " ".join(words) + "."


def test_a_topic_many_organisations_publish_stands_out_against_the_rest_of_the_library():
    # Twelve organisations each publish every topic, worded independently. A leaflet's usual similarity
    # is read from the other topics: its eleven equivalents, titled alike, are not its background, or
    # their similarity would be what it usually shares and no equivalent could stand out.
    rng = random.Random(4)
    docs = []
    for n in range(12):
        trust = f"T{n:02d}"
        own = [f"{trust.lower()}word{k}" for k in range(3)]
        for title, words in TOPICS.items():
            paragraphs = [_text(words, rng, own) for _ in range(3)]
            docs.append(doc(trust, title, [("Advice", paragraphs)]))
    index = MatchIndex(docs)
    sprains = [d.id for d in docs if d.title == "Ankle sprain"]
    standouts = [
        index.score_pair(a, b).features["cosine_standout"] for a in sprains for b in sprains if a < b
    ]
    assert min(standouts) > 0.4  # above the feature's neutral centre for every pair of equivalents
    groups = index.match().groups
    assert any(set(sprains) <= set(g.members) for g in groups)


def _usual_of_one_row(values: np.ndarray) -> tuple[float, float]:
    """The reading `_usual_rows` makes of many rows at once, written for one row."""
    values = np.sort(values)[: max(2, len(values) - 3)]
    if len(values) < 2:
        return 0.0, 0.0
    return float(values.mean()), max(float(values.std()), 0.01)


def test_usual_rows_read_each_row_as_it_would_be_read_alone():
    # Rows keeping 0 to 40 of their values (so every length is met), ties and a spread below the floor.
    rng = np.random.default_rng(7)
    values = rng.random((300, 40), dtype=np.float32)
    values[::7] = np.round(values[::7], 1)
    values[5] = 0.25
    keep = rng.random((300, 40)) < rng.random((300, 1))
    keep[:41] = np.arange(40)[None, :] < np.arange(41)[:, None]
    got = _usual_rows(values, keep)
    for k in range(len(values)):
        want = np.asarray(_usual_of_one_row(values[k][keep[k]]), np.float32)
        assert got[k].tobytes() == want.tobytes(), k
