import pytest
from synth import doc

from converge.core.matching import features as ft
from converge.core.matching.text import guidance_codes, heading_key, normalise_title, strip_codes


def profile(d):
    return ft.make_profile(d)


def test_title_noise_is_removed():
    assert normalise_title("JPUH-CP-012 Adult Sepsis Policy v4.1 (March 2024)") == "adult sepsis"
    assert (
        normalise_title("CG1147 Sepsis Guideline - Norfolk and Norwich University Hospitals NHS FT")
        == "sepsis"
    )
    assert normalise_title("MP045 Standard Operating Procedure: Hand Hygiene") == "hand hygiene"
    assert normalise_title("Management of Children with Sepsis") == "management paediatric sepsis"


def test_clinical_tokens_survive_code_stripping():
    assert "NEWS2" in strip_codes("NEWS2 of 5 or more")
    assert "type 1" in normalise_title("Type 1 Diabetes Guideline")


def test_title_similarity_ignores_labels_and_codes():
    a = profile(doc("JPUH", "CG1147 Adult Sepsis Policy v3", [("Recognition", ["Sepsis screening."])]))
    b = profile(doc("NNUH", "Sepsis in Adults Guideline (MP045)", [("Recognition", ["Sepsis screening."])]))
    c = profile(doc("QEH", "Hand Hygiene Procedure", [("Technique", ["Wash hands."])]))
    assert ft.title_similarity(a, b) > 0.9
    assert ft.title_similarity(a, c) < 0.5


def test_headings_map_synonyms_and_numbering():
    assert heading_key("4.2 Roles and Responsibilities") == "std:duties"
    assert heading_key("Duties") == "std:duties"
    assert heading_key("3. Aims and objectives") == "std:purpose"
    assert heading_key("5.1 Escalation of the Deteriorating Patient") == "escalation deteriorating patient"


def test_heading_overlap_uses_topic_headings_only():
    a = profile(doc("JPUH", "A", [("Duties", ["x"]), ("Escalation", ["y"]), ("Antibiotics", ["z"])]))
    b = profile(doc("NNUH", "B", [("Roles and Responsibilities", ["x"]), ("4.1 Antibiotics", ["z"])]))
    c = profile(doc("QEH", "C", [("Duties", ["x"])]))
    assert 0.5 < ft.heading_overlap(a, b) <= 1.0
    assert ft.heading_overlap(a, c) is None  # only standard sections: no evidence either way


def test_guidance_codes():
    codes = guidance_codes("See NICE NG51 and CG 174, QS61, TA123, PH 36 and NPSA/2011/002.")
    assert {"NG51", "CG174", "QS61", "TA123", "PH36", "NPSA/2011/2"} <= codes
    a = profile(doc("JPUH", "x", [("Refs", ["NICE NG51 and NG89."])]))
    b = profile(doc("NNUH", "y", [("Refs", ["NICE NG51."])]))
    assert ft.guidance_overlap(a, b) == 0.5


def test_metadata_agreement():
    a = profile(doc("JPUH", "x", [], meta={"specialty": "Acute Medicine", "document_type": "Policy"}))
    b = profile(doc("NNUH", "y", [], meta={"specialty": "Acute Medicine", "document_type": "Guideline"}))
    c = profile(doc("QEH", "z", [], meta={"specialty": "Maternity"}))
    assert ft.metadata_agreement(a, b) == 0.8
    assert ft.metadata_agreement(a, c) == 0.0
    assert ft.metadata_agreement(profile(doc("QEH", "q", [])), a) is None


def test_population_and_phase_conflicts():
    adult = profile(
        doc("JPUH", "Sepsis in Adults", [("Scope", ["Adults over 16. adult adult adult adult."])])
    )
    child = profile(doc("NNUH", "Paediatric Sepsis", [("Scope", ["Children under 16. child children."])]))
    plain = profile(doc("QEH", "Sepsis", [("Scope", ["Any adult patient; adult adults adult adult."])]))
    assert ft.qualifier_conflict(adult, child) == 1.0
    assert ft.qualifier_conflict(adult, plain) == 0.0
    assert ft.qualifier_conflict(child, plain) > 0.5  # title says children, the other's body says adults
    prev = profile(doc("JPUH", "Falls Prevention", [("x", ["Assess risk."])]))
    post = profile(doc("NNUH", "Post-fall Management", [("x", ["After a fall."])]))
    assert ("phase", "prevention", "management", 1.0) in ft.qualifier_conflicts(prev, post)


def test_after_in_a_title_names_no_phase():
    # "Follow-up after discharge" is when the follow-up happens, not care after the event: beside
    # "Prevention" it made a title name both phases, so a post-event document could join a prevention group.
    follow_up = profile(doc("JPUH", "Pressure Ulcers: Follow-Up after Discharge Prevention", [("x", ["y"])]))
    post = profile(doc("NNUH", "Pressure Ulcers: Post-Event Management", [("x", ["y"])]))
    assert follow_up.qualifiers["phase"][0] == "prevention"
    assert ("phase", "prevention", "management", 1.0) in ft.qualifier_conflicts(follow_up, post)


def test_distinct_terms_are_learnt_from_the_data():
    a = profile(
        doc("JPUH", "Tracheostomy Care", [("Care", ["tracheostomy tube tracheostomy suction tracheostomy"])])
    )
    b = profile(
        doc("NNUH", "Laryngectomy Care", [("Care", ["laryngectomy stoma laryngectomy care laryngectomy"])])
    )
    terms = dict(ft.distinct_terms(a, b, {"tracheostomy": 5.0}, 2.0))
    assert "tracheostomy" in terms


def test_body_text_only_reads_body_layer():
    a = doc(
        "JPUH", "Sepsis", [("Recognition", ["screen for sepsis"])], furniture=["Uncontrolled when printed"]
    )
    p = profile(a)
    assert "uncontrolled" not in p.counts and "sepsis" in p.counts


def test_a_title_with_no_topic_words_is_unknown_not_a_mismatch():
    a = profile(doc("JPUH", "CG1147 v3", [("Recognition", ["Sepsis screening."])]))
    b = profile(doc("NNUH", "Sepsis in Adults", [("Recognition", ["Sepsis screening."])]))
    assert ft.title_similarity(a, b) is None


def test_glyph_codes_are_read_as_text():
    from converge.core.matching.text import clean_text

    assert clean_text("(cid:84)(cid:73)(cid:65)(cid:32)pathway") == "TIA pathway"


def test_a_local_document_citing_the_national_guidance_the_other_one_is():
    from converge.core.matching.text import own_guidance

    national_text = "Head injury (NG232)\n" + "Page 1 of 60 Head injury (NG232) see also CG176\n" * 3
    assert own_guidance("Head injury: assessment", "NICE_NG232_Head_injury.pdf", national_text) == {"NG232"}
    assert own_guidance("Head injury", "head.pdf", "as NG232 says, and NG232") == frozenset()
    local = profile(doc("MWL", "Adult head injury", [("CT", ["Scan within 1 hour as in NICE NG232."])]))
    national = ft.make_profile(
        doc("NAT", "Head injury: assessment and early management", [("CT", ["Imaging (NG232)."] * 3)])
    )
    other = profile(doc("NAT", "Sepsis", [("Recognition", ["Sepsis (NG51)."] * 3)]))
    assert ft.cited_guidance(local, national) == 1.0
    assert ft.cited_guidance(local, other) == 0.0
    assert ft.cited_guidance(local, local) is None


def test_relative_cosine_is_one_for_each_others_closest():
    assert ft.relative_cosine(0.12, 0.12, 0.10) == 1.0
    assert ft.relative_cosine(0.06, 0.12, 0.06) == 0.5
    assert ft.relative_cosine(0.0, 0.0, 0.0) == 0.0


def test_cosine_standout_reads_the_cosine_against_each_documents_usual_cosines():
    # Mean 0.01, spread 0.01 for both: a cosine of 0.11 is ten spreads above, the most the feature gives.
    assert ft.cosine_standout(0.11, (0.01, 0.01), (0.01, 0.01)) == 1.0
    # The weaker of the two documents decides: usual for b (its cosines run higher) is not exceptional.
    assert ft.cosine_standout(0.11, (0.01, 0.01), (0.10, 0.05)) == pytest.approx(0.02)
    assert ft.cosine_standout(0.0, (0.02, 0.01), (0.02, 0.01)) == 0.0
    assert ft.cosine_standout(0.1, (0.0, 0.0), (0.0, 0.0)) == 0.0  # no spread known: no evidence


def _filler(topic: str, i: int) -> list[str]:
    return [f"Staff document the {topic} care plan and review observations on ward round {i}."] * 2


def test_short_local_pathway_and_long_national_guideline_stand_out_though_their_cosine_is_low():
    """A short local pathway shares few words with the long national guideline it adapts, so the absolute
    body cosine is low; against each document's cosines with the other documents it still stands out."""
    from converge.core.matching import MatchIndex

    topics = ["asthma", "cellulitis", "syncope", "epistaxis", "gout", "migraine", "anaphylaxis", "burns"]
    local = [
        doc("LOCAL", f"Pathway {i}", [("Steps", _filler(t, i) + [f"{t} {t} first line."])])
        for i, t in enumerate(topics)
    ]
    local.append(doc("LOCAL", "ED-PW-0042", [("Steps", ["Ureteric calculus: analgesia, then ultrasound."])]))
    national = [
        doc(
            "NATIONAL",
            f"Guideline {i}",
            [(f"Section {k}", _filler(t, k) + [f"{t} evidence {k}."]) for k in range(12)],
        )
        for i, t in enumerate(topics)
    ]
    national.append(
        doc(
            "NATIONAL",
            "Renal and ureteric stones",
            [
                (f"Section {k}", _filler("urology", k) + ["Ureteric calculus imaging and analgesia."])
                for k in range(12)
            ],
        )
    )
    index = MatchIndex(local + national)
    pathway, guideline = local[-1].id, national[-1].id
    score = index.score_pair(pathway, guideline)
    assert score.features["body_cosine"] < 0.3  # below the absolute centre: on its own it counts against
    assert score.features["cosine_standout"] > 0.5
    others = [index.score_pair(pathway, n.id).features["cosine_standout"] for n in national[:-1]]
    assert max(others) < 0.2
    assert index.match().group_of(pathway).members == tuple(
        sorted((pathway, guideline), key=lambda m: m != pathway)
    )


def _leaflet(trust: str, title: str, text: str):
    return profile(doc(trust, title, [("Advice", [text])]))


def test_a_population_one_title_names_and_the_other_document_never_mentions_is_a_clash():
    child = _leaflet(
        "A", "Ankle sprain in children", "Children heal fast. Your child may limp. A child rests."
    )
    adult = _leaflet("B", "Ankle sprain", "Rest the ankle. Use ice on the ankle. Walk as pain allows.")
    general = _leaflet("C", "Ankle sprain", "Rest the ankle. A child or an adult heals in weeks.")
    assert ft.clash(child, adult) and ft.clash(adult, child)
    assert ("population", "paediatric", "none", 1.0) in ft.qualifier_conflicts(child, adult)
    assert not ft.clash(child, general)  # it speaks of children too: not a different population
    # Adults are the default population: a document that never says "adult" may still be for adults.
    adults = _leaflet("D", "Ankle sprain in adults", "Adults heal. Most adults rest. An adult uses ice.")
    assert not ft.clash(adults, adult)


def test_titles_naming_different_populations_clash():
    a = _leaflet("A", "Sepsis in adults", "Adult sepsis screening.")
    b = _leaflet("B", "Sepsis in children", "Paediatric sepsis screening.")
    assert ft.clash(a, b)


def test_a_much_shorter_document_silent_on_a_title_word_is_no_distinct_term_conflict():
    words = "rest and elevate the limb " * 100
    long = _leaflet("A", "Thorax oxygen", "Thorax. " * 6 + "oxygen therapy target saturation " + words)
    short = _leaflet("B", "Oxygen flow chart", "Oxygen target saturation. Oxygen mask. Oxygen flow.")
    idf = {"thorax": 5.0}
    assert ft.distinct_terms(long, short, idf, 1.0) == []
    same_length = _leaflet("C", "Oxygen", "Oxygen target saturation. " + words)
    assert [w for w, _ in ft.distinct_terms(long, same_length, idf, 1.0)] == ["thorax"]


def test_words_only_one_library_uses_are_local():
    a = _leaflet("A", "SDEC chest pain", "SDEC chest pain pathway. Troponin.")
    b = _leaflet("A", "SDEC headache", "SDEC headache pathway.")
    c = _leaflet("B", "Chest pain", "Chest pain. Troponin. Headache.")
    local = ft.local_words([a, b, c])
    assert "sdec" in local
    assert "chest" not in local and "headache" not in local


def test_containment_is_the_share_of_one_documents_weight_the_other_uses():
    from scipy import sparse

    energy = sparse.csr_matrix([[0.5, 0.3, 0.2, 0.0]])
    present = sparse.csr_matrix([[1.0, 0.0, 1.0, 1.0]])
    assert ft.containment(energy, present) == pytest.approx(0.7)


def test_containment_standout_reads_either_direction_against_both_documents_usual():
    usual_short = ((0.10, 0.05), (0.05, 0.05))  # (its containment elsewhere, others' containment in it)
    usual_long = ((0.05, 0.05), (0.30, 0.05))  # a long guideline contains much of everything
    # 70% of the pathway's weight is in the guideline: 12 spreads above the pathway's usual, 8 above
    # what the guideline usually holds of other documents.
    assert ft.containment_standout(0.7, 0.02, usual_short, usual_long) == pytest.approx(0.8)
    # The same 0.35 that every document reaches in a long guideline is no evidence.
    assert ft.containment_standout(0.35, 0.02, usual_short, usual_long) == pytest.approx(0.1)
    assert ft.containment_standout(0.7, 0.02, ((0.1, 0.0), (0.0, 0.0)), usual_long) == 0.0


def test_a_life_support_card_names_children_and_a_weak_link_never_crosses_a_named_population():
    card = profile(doc("NATIONAL", "APLS: Status epilepticus", [("Steps", ["Give buccal midazolam."])]))
    local = profile(doc("LOCAL", "Status epilepticus", [("Steps", ["Give lorazepam intravenously."])]))
    assert card.qualifiers["population"][0] == "paediatric"
    nothing_against = {"qualifier_conflict": 0.0, "distinct_term_conflict": 0.0}
    assert not ft.clean(card, local, nothing_against)
    assert ft.clean(local, local, nothing_against)
    assert not ft.clean(local, local, {"qualifier_conflict": 0.4, "distinct_term_conflict": 0.0})


def test_a_short_pathway_is_a_candidate_of_the_long_guideline_holding_its_terms():
    """Asymmetric candidates: the pathway's few heavy terms are all in the guideline, though the two
    bodies' cosine is low; and a cited national code makes the coded document a candidate."""
    from converge.core.matching import MatchIndex

    topics = ["asthma", "cellulitis", "syncope", "epistaxis", "gout", "migraine", "anaphylaxis", "burns"]
    national = [
        doc(
            "NATIONAL",
            f"Guideline {t}",
            [(f"Part {k}", _filler(t, k) + [f"{t} evidence {k}."]) for k in range(12)],
        )
        for t in topics
    ]
    national.append(
        doc("NATIONAL", "NICE NG185 Acute coronary syndromes", [("Care", ["Troponin at presentation."])])
    )
    pathway = doc(
        "LOCAL", "ED chest pain", [("Steps", ["Follow NICE NG185. Gout colchicine allopurinol flare."])]
    )
    index = MatchIndex([pathway, *national])
    pairs = {frozenset((index.profiles[i].doc_id, index.profiles[j].doc_id)) for i, j in index.candidates()}
    assert frozenset((pathway.id, national[-1].id)) in pairs  # cited code
    assert frozenset((pathway.id, national[topics.index("gout")].id)) in pairs


def test_age_bounds_in_titles_name_a_population():
    assert "paediatric" in ft.mt.title_tokens("Suspected sepsis in under 16s: recognition and diagnosis")
    assert "adult" in ft.mt.title_tokens("Suspected sepsis in people aged 16 or over")
    assert "adult" in ft.mt.title_tokens("Stroke and transient ischaemic attack in over 16s")
    assert "adult" not in ft.mt.title_tokens("NG128 2019 v16")  # codes and dates are not ages
    under = _leaflet("A", "Suspected sepsis in under 16s", "Sepsis screening.")
    over = _leaflet("B", "Adult sepsis pathway", "Sepsis screening.")
    assert ft.clash(under, over)


def test_a_flow_chart_is_a_document_type_not_a_topic():
    assert normalise_title("Acute Asthma Flow Chart") == "acute asthma"
    assert normalise_title("Peak flow meter") == "peak flow meter"


def test_adult_and_young_person_reads_as_adult_but_children_do_not():
    adult = _leaflet("A", "Adult & Young Person Sepsis Pathway", "Sepsis.")
    assert adult.qualifiers["population"][0] == "adult"
    both = _leaflet("B", "Sepsis in adults and children", "Sepsis.")
    assert both.qualifiers["population"][0] is None


def test_a_general_guideline_mentioning_a_population_often_covers_it():
    adult_words = "Adults with a head injury need a scan. " * 5
    child_words = "Children with a head injury are observed. " * 20
    general = _leaflet("N", "Head injury: assessment", adult_words + child_words)
    assert general.qualifiers["population"] == (None, "paediatric")
    local = _leaflet("L", "Adult head injury", "Adult head injury. Scan adults. Adult observations.")
    assert not ft.qualifier_conflicts(local, general)  # the general one covers adults too
    rarely = _leaflet("R", "Head injury: assessment", "An adult may be scanned. " + child_words)
    assert ft.qualifier_conflicts(local, rarely)[0][3] == 0.7
    # A title naming its own population is not general, whatever its body says in passing.
    own = _leaflet("P", "Paediatric and neonatal head injury", adult_words + child_words)
    assert ft.qualifier_conflicts(local, own)


def test_a_population_the_other_document_names_only_in_passing_is_a_clash():
    pregnancy = "Blood pressure in pregnancy. Pregnant women need checks. After pregnancy, review. " * 3
    own = _leaflet("N", "Hypertension in pregnancy", pregnancy)
    general = "Measure blood pressure twice. Start treatment. Review the blood pressure in clinic. " * 20
    passing = _leaflet("L", "Hypertension pathway", general + "Avoid ACE inhibitors when planning pregnancy.")
    assert ft.clash(own, passing)
    # Named as often, for its length, as in the document written for it: covered, not in passing.
    covering = _leaflet("C", "Hypertension pathway", general + pregnancy * 6)
    assert not ft.clash(own, covering)


def test_titles_each_naming_a_population_the_other_lacks_clash():
    adults = _leaflet("A", "Child Sexual Exploitation in Adults", "Escalate concerns.")
    neonates = _leaflet("B", "Child Sexual Exploitation in Neonates", "Escalate concerns.")
    assert adults.qualifiers["population"][0] is None  # two values named: neither is the title's alone
    assert ft.clash(adults, neonates)
    wider = _leaflet("C", "Sepsis in adults and children", "Sepsis.")
    other = _leaflet("D", "Sepsis in children and neonates", "Sepsis.")
    assert ft.clash(wider, other)
    assert not ft.clash(wider, _leaflet("E", "Sepsis in children and adults", "Sepsis."))
    # A title naming more populations than the other is a wider scope, not a different one.
    assert not ft.clash(wider, _leaflet("F", "Sepsis in children", "Children. A child. Children."))


def test_opposite_sites_and_courses_in_titles_clash():
    lower = _leaflet("A", "Acute Lower GI Bleeding", "Bleeding per rectum.")
    upper = _leaflet("B", "Acute upper gastrointestinal bleeding in over 16s", "Haematemesis.")
    assert ft.clash(lower, upper)
    chronic = _leaflet("C", "Decompensated Chronic Liver Disease", "Ascites.")
    assert ("course", "chronic", "acute", 1.0) in ft.qualifier_conflicts(chronic, upper)
    assert not ft.clash(upper, _leaflet("D", "Upper GI bleed pathway", "Haematemesis."))


def test_a_leaflet_written_to_parents_about_their_child_clashes_with_one_that_never_names_children():
    carers = _leaflet(
        "A",
        "Ankle sprain",
        "Your child may limp for a week. Keep your child off sport. Bring your child back if it swells.",
    )
    adult = _leaflet("B", "Ankle sprain", "Rest the ankle. Use ice on the ankle. Walk as pain allows.")
    assert carers.audience == "paediatric"
    assert ft.clash(carers, adult) and ft.clash(adult, carers)
    assert ("population", "paediatric", "none", 1.0) in ft.qualifier_conflicts(carers, adult)
    # An equivalent that speaks of children too is the same population, however it words it.
    assert not ft.clash(carers, _leaflet("C", "Ankle sprain", "A child heals fast. Rest the ankle."))


def test_a_body_naming_children_in_passing_is_no_audience():
    # An adult procedure's safeguarding paragraph names children as often as a children's leaflet does.
    safeguarding = (
        "If a child may be at risk, refer to children's services. Listen to the child. "
        "If a child is in danger call the police. Record the action taken for the child. "
    )
    guideline = _leaflet("A", "Kawasaki disease monitoring", "Monitor the fever. " + safeguarding)
    other = _leaflet("B", "Kawasaki disease monitoring", "Monitor the fever and the echocardiogram.")
    assert guideline.audience is None
    assert not ft.clash(guideline, other)


def test_leaflets_written_for_two_health_systems_are_a_near_miss_not_a_match():
    # The same advice for an American and a British patient: drug names, emergency numbers and services
    # differ, so the two are not one policy; a text that names neither system clashes with neither.
    title = "Ankle sprain"
    us = _leaflet("T1", title, "Take acetaminophen (Tylenol) for pain. Call 911 or see your health care provider.")
    uk = _leaflet("T2", title, "Take paracetamol for pain. Call 999 or go to A&E; your GP can refer you (NHS).")
    plain = _leaflet("T3", title, "Rest the ankle, use ice and keep it raised for two days.")
    assert (us.health_system, uk.health_system, plain.health_system) == ("US", "UK", None)
    assert ft.clash(us, uk) and not ft.clean(us, uk, {})
    assert not ft.clash(us, plain) and not ft.clash(uk, plain)


def test_a_text_naming_both_systems_or_a_body_spelt_one_way_in_its_name_is_not_placed():
    # "American Academy of Orthopaedic Surgeons" spells its own name the British way: no sign of the UK.
    title = "Ankle sprain"
    both = _leaflet("T1", title, "Paracetamol (acetaminophen) for pain; call 999 in the UK or 911 in the US. NHS, GP.")
    named = _leaflet("T2", title, "American Academy of Orthopaedic Surgeons: orthopaedic advice, orthopaedics.")
    assert both.health_system is None and named.health_system is None


def test_distinct_terms_come_in_one_order_whatever_the_hash_seed():
    # The evidence stored with a link lists them; a set's order changes with Python's hash seed per run.
    words = "sepsis screening lactate cultures antibiotics fluids escalation"
    body = " ".join(f"{w} {w} {w} {w} {w}" for w in words.split())
    a = profile(doc("A", "Sepsis screening lactate cultures antibiotics fluids escalation", [("x", [body])]))
    b = profile(doc("B", "Stroke", [("x", ["thrombolysis " * 40 + "scan " * 40])]))
    idf = dict.fromkeys(words.split(), 5.0)
    found = [w for w, _ in ft.distinct_terms(a, b, idf, 1.0)]
    assert found == sorted(found) and len(found) >= 3


def test_safety_alerts_are_found_in_any_case_and_only_as_words():
    assert guidance_codes("see NPSA/2011/012 and mhra / 2020 / 3") == {"NPSA/2011/12", "MHRA/2020/3"}
    assert guidance_codes("the p\u017fa/2011/1 alert") == {"PSA/2011/1"}  # a long s is an s to the regex
    assert guidance_codes("xNPSA/2011/12, a date 1/2/2011 and/or") == frozenset()
