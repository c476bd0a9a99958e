"""Drug names via drug-named-entity-recognition, loaded once and asked once per distinct sentence."""

from __future__ import annotations

from functools import lru_cache

# Words the drug list treats as drugs but that policies use as ordinary words.
NOT_DRUGS = {"water", "salt", "sugar", "air", "fluids", "iron", "alcohol", "tea", "ice", "lead", "support"}


@lru_cache(maxsize=16384)
def lookup_drugs(words: tuple[str, ...]) -> tuple[tuple[int, int, str], ...]:
    """(first word, end word, canonical lower-case name) for each drug in lower-case words."""
    if not words:
        return ()
    from drug_named_entity_recognition import find_drugs

    out = []
    for info, start, end in find_drugs(list(words), is_ignore_case=True):
        text = " ".join(words[start:end])
        if text in NOT_DRUGS or len(text) < 4:
            continue
        out.append((start, end, str(info.get("name", text)).lower()))
    return tuple(out)


def load_drug_list() -> None:
    """Load the drug list now (about 5 s of CPU and 450 MB), not in the first comparison that needs it: a
    consumer warms up with it, and a web server's master loads it once for its forked workers to share."""
    lookup_drugs(("paracetamol",))
