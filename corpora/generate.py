"""Generate a large synthetic corpus (N trusts x M documents) with its truth.json, deterministically.

Usage:
    python corpora/generate.py --trusts 3 --docs 1000 --out /tmp/gen [--seed 1] [--pdf-share 0.3]

Topics are made to differ the way a real library's do. Most are a subject (about 160, from "Acute Kidney
Injury" to "Was Not Brought Policy") seen from one aspect ("Referral Pathway", "Prescribing and
Administration", ...), sometimes for a setting or population; the body is written from sentence templates
filled with the topic's own drugs, measures, roles, equipment, values and population or setting, plus one
section borrowed from a demo topic, so two different topics share little but house style. A fifth are demo
topics used whole. Each trust's copy of a topic takes its own wording of every rule, its own section names,
order and numbering, drops a rule now and then, rewords words, and has a value changed; each trust adds its
own boilerplate. Near misses are planted and recorded: a subject for another population (adults vs
children), phase (prevention vs post-event management) or route (intravenous vs subcutaneous), and a
subject-aspect pair used again for another setting.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import json
import os
import random
import re
import shutil
import sys
import tempfile
import time
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import officeconv  # noqa: E402
from build_demo import SCHEMA_VERSION, _safe_name, _unique  # noqa: E402
from housestyles import STANDARD_NAMES, TYPE_CODES, DocMeta, HouseRenderer, order_sections  # noqa: E402
from topicsrc import (  # noqa: E402
    STANDARD_KEYS,
    TOPICS_DIR,
    TRUSTS,
    Item,
    RSection,
    body_text,
    load_topics,
    resolve_sections,
    walk,
)

EXTRA_TRUSTS = [
    ("NWCH", "North Wold Community Health NHS Trust"),
    ("BMHT", "Broadland Mental Health NHS Trust"),
    ("EFHT", "East Fen Hospitals NHS Foundation Trust"),
    ("SCPT", "Saltmarsh Community Partnership NHS Trust"),
    ("WVHC", "Waveney Valley Healthcare NHS Trust"),
    ("BRHT", "Breckland Hospitals NHS Trust"),
]
GEN_DOC_TYPES = ["Policy", "Guideline", "Procedure", "Standard Operating Procedure", "Protocol", "Pathway"]
# How trusts title one aspect ("" = the title names the subject only).
ASPECT_WORDINGS = {
    "Assessment and Management": ["Assessment and Management", "Recognition and Treatment", "Management", ""],
    "Referral Pathway": ["Referral Pathway", "Referral", "Referrals", "Referral Criteria"],
    "Monitoring and Review": ["Monitoring and Review", "Monitoring", "Observation and Review"],
    "Prescribing and Administration": [
        "Prescribing and Administration",
        "Administration",
        "Prescribing",
        "Safe Use",
    ],
    "Discharge and Follow-Up": ["Discharge and Follow-Up", "Discharge", "Follow-Up after Discharge"],
    "Escalation": ["Escalation", "Escalation and Transfer", "Deterioration and Escalation"],
}
SYNONYMS = {
    "must": None,
    "should": None,
    "may": None,
    "not": None,  # duty words are never swapped
    "patient": "person",
    "patients": "people",
    "staff": "colleagues",
    "ensure": "make sure",
    "immediately": "at once",
    "record": "document",
    "recorded": "documented",
    "review": "assessment",
    "assess": "evaluate",
    "contact": "call",
    "inform": "tell",
    "escalate": "refer",
    "appropriate": "suitable",
    "commence": "start",
    "start": "begin",
    "provide": "give",
    "obtain": "take",
    "check": "confirm",
    "following": "after",
    "prior to": "before",
    "additional": "further",
    "approximately": "about",
    "responsible": "accountable",
    "required": "needed",
    "use": "apply",
    "ward": "unit",
    "documented": "written",
}
VALUE_RE = re.compile(r"\b(\d+(?:\.\d+)?) ?(mg/kg|mg|micrograms|mL/kg|mL|mmol/L|hours|minutes|days|years|%)")
UNIT_CATEGORY = {
    "mg/kg": "dose",
    "mg": "dose",
    "micrograms": "dose",
    "mL/kg": "dose",
    "mL": "dose",
    "mmol/L": "threshold",
    "hours": "time_limit",
    "minutes": "time_limit",
    "days": "time_limit",
    "years": "age_weight",
    "%": "threshold",
}
STYLES = list(TRUSTS)


def trust_list(n: int) -> list[tuple[str, str]]:
    """The first three are the demo trusts; more are invented organisations of the same system."""
    out = list(TRUSTS.items())[:n]
    out += EXTRA_TRUSTS[: max(0, n - len(out))]
    while len(out) < n:
        out.append((f"T{len(out) + 1:02d}", f"Trust {len(out) + 1} NHS Trust"))
    return out


# --- perturbation -----------------------------------------------------------------------------------


def _protected_split(text: str, phrases: list[str]) -> list[tuple[str, bool]]:
    """Split text into (segment, protected) so planted phrases are never reworded."""
    spans = []
    for ph in phrases:
        start = text.find(ph)
        while start >= 0:
            spans.append((start, start + len(ph)))
            start = text.find(ph, start + 1)
    spans.sort()
    out, pos = [], 0
    for a, b in spans:
        if a < pos:
            a = pos
        if a >= b:
            continue
        out.append((text[pos:a], False))
        out.append((text[a:b], True))
        pos = b
    out.append((text[pos:], False))
    return [(s, p) for s, p in out if s]


def reword(text: str, rng: random.Random, phrases: list[str], rate: float) -> str:
    """Swap some words for synonyms and sometimes reorder sentences, keeping protected phrases intact."""
    parts = []
    for seg, protected in _protected_split(text, phrases):
        if protected:
            parts.append(seg)
            continue
        words = re.split(r"(\W+)", seg)
        for i, w in enumerate(words):
            rep = SYNONYMS.get(w.lower())
            if rep and rng.random() < rate:
                words[i] = rep.capitalize() if w[:1].isupper() else rep
        parts.append("".join(words))
    new = "".join(parts)
    sentences = re.split(r"(?<=[.!?]) (?=[A-Z])", new)
    if len(sentences) > 1 and rng.random() < rate:
        rng.shuffle(sentences)
        new = " ".join(sentences)
    return new if all(ph in new for ph in phrases if ph in text) else text


def perturb_sections(secs: list[RSection], rng: random.Random, phrases: list[str], rate: float) -> None:
    for sec in walk(secs):
        for it in sec.items:
            if it.kind == "table":
                it.rows = [[reword(c, rng, phrases, rate / 2) for c in row] for row in it.rows]
            else:
                it.text = reword(it.text, rng, phrases, rate)
        if sec.key not in STANDARD_NAMES["JPUH"] and rng.random() < rate / 2:
            sec.heading = reword(sec.heading, rng, [], 1.0)


def all_text(secs: list[RSection]) -> str:
    return "\n".join(
        (it.text if it.kind != "table" else "\n".join(" ".join(r) for r in it.rows))
        for s in walk(secs)
        for it in s.items
    )


# --- vocabulary of generated topics ------------------------------------------------------------------
# Subjects a trust library holds documents about, with the specialty that owns them. A generated topic is
# a subject seen from one aspect (and sometimes for one setting or population); its body is written from
# sentence templates filled with the topic's own drugs, measures, roles, equipment and values, so two
# different topics differ in most of their content, as two real policies do.
SUBJECTS = {
    "Acute Medicine": "Acute Kidney Injury|Hyperkalaemia|Hyponatraemia|Diabetic Ketoacidosis|Delirium|"
    "Community-Acquired Pneumonia|Upper Gastrointestinal Bleeding|Alcohol Withdrawal|Syncope|"
    "Acute Asthma|COPD Exacerbation|Pulmonary Embolism|Cellulitis|Acute Pancreatitis|Hypercalcaemia|"
    "Paracetamol Overdose|Acute Headache|First Seizure|Hepatic Encephalopathy|Anaemia",
    "Critical Care": "Central Venous Catheters|Arterial Lines|Non-Invasive Ventilation|Chest Drains|"
    "Vasopressor Infusions|Enteral Feeding in Critical Care|Sedation Holds|Prone Positioning|"
    "Blood Gas Analysis|Intra-Hospital Transfer of Ventilated Patients|Tracheal Suctioning|Haemofiltration",
    "Surgery": "Enhanced Recovery After Surgery|Preoperative Fasting|Surgical Drains|Stoma Care|"
    "Wound Dressings|Post-Operative Nausea and Vomiting|Day Case Discharge|Bowel Preparation|"
    "Laparoscopic Cholecystectomy Pathway|Hip Fracture Care|Plaster Casts|Compartment Syndrome|"
    "Urinary Catheters|Suprapubic Catheters|Surgical Smoke",
    "Pharmacy and Medicines": "Controlled Drugs|Medicines Storage|Patient Own Drugs|Warfarin|"
    "Direct Oral Anticoagulants|Vancomycin Dosing|Opioid Prescribing|Patient-Controlled Analgesia|"
    "Antimicrobial Stewardship|Covert Administration of Medicines|Self-Administration of Medicines|"
    "Unlicensed Medicines|Methotrexate|Lithium Monitoring|Clozapine|Parenteral Nutrition",
    "Infection Prevention and Control": "Norovirus Outbreaks|Isolation Rooms|Sharps Injuries|"
    "Decontamination of Equipment|Carbapenemase-Producing Enterobacterales|Tuberculosis|"
    "Influenza|Personal Protective Equipment|Aseptic Non-Touch Technique|Peripheral Cannulas|"
    "Legionella Water Safety|Scabies",
    "Nursing and Patient Safety": "Nutrition Screening|Fluid Balance Charts|Mouth Care|Bed Rails|"
    "Enhanced Observation|Patient Identification|Missing Patients|Wristbands|Pain Assessment|"
    "Continence Care|Moving and Handling|Last Offices|Violence and Aggression|Oxygen Prescribing|"
    "Bladder Scanning|Clinical Photography",
    "Maternity": "Induction of Labour|Reduced Fetal Movements|Gestational Diabetes|Pre-Eclampsia|"
    "Breech Presentation|Water Birth|Perineal Care|Preterm Labour|Shoulder Dystocia|"
    "Cardiotocograph Interpretation|Vaginal Birth After Caesarean|Home Birth",
    "Paediatrics": "Bronchiolitis|Croup|Febrile Convulsions|Gastroenteritis and Dehydration|"
    "Childhood Asthma|Head Injury in Children|Kawasaki Disease|Nephrotic Syndrome|"
    "Infant Feeding|Paediatric Early Warning Scores",
    "Mental Health and Capacity": "Rapid Tranquillisation|Self-Harm|Eating Disorders|"
    "Section 136 Assessment|Deprivation of Liberty Safeguards|Ligature Risk|Psychiatric Liaison Referral|"
    "Substance Misuse",
    "Safeguarding": "Domestic Abuse|Female Genital Mutilation|Modern Slavery|Prevent Radicalisation|"
    "Was Not Brought Policy|Child Sexual Exploitation|Allegations Against Staff|Looked After Children",
    "Haematology and Transfusion": "Major Haemorrhage|Iron Infusion|Sickle Cell Crisis|"
    "Neutropenic Sepsis|Anticoagulation Reversal|Platelet Transfusion|Heparin-Induced Thrombocytopenia|"
    "Bone Marrow Biopsy",
    "Diabetes and Endocrinology": "Diabetic Foot Ulcers|Hyperosmolar Hyperglycaemic State|"
    "Steroid Sick Day Rules|Adrenal Crisis|Thyroid Storm|Insulin Pumps|Perioperative Diabetes|"
    "Continuous Glucose Monitoring",
}
ASPECTS = [  # (title words, template bank)
    ("Assessment and Management", "manage"),
    ("Referral Pathway", "refer"),
    ("Monitoring and Review", "monitor"),
    ("Prescribing and Administration", "medicine"),
    ("Discharge and Follow-Up", "discharge"),
    ("Escalation", "escalate"),
]
DRUGS = (
    "amoxicillin co-amoxiclav clarithromycin doxycycline gentamicin meropenem piperacillin ceftriaxone "
    "metronidazole flucloxacillin teicoplanin morphine oxycodone paracetamol ibuprofen codeine tramadol "
    "ondansetron cyclizine metoclopramide prednisolone hydrocortisone dexamethasone salbutamol "
    "ipratropium magnesium furosemide bisoprolol amiodarone digoxin enoxaparin dalteparin heparin "
    "apixaban rivaroxaban alteplase omeprazole lansoprazole levetiracetam lorazepam midazolam haloperidol "
    "olanzapine chlordiazepoxide thiamine pabrinex levothyroxine carbimazole metformin gliclazide "
    "phosphate calcium tranexamic vitamin-k octreotide terlipressin lactulose senna macrogol naloxone "
    "adrenaline noradrenaline vasopressin propofol ketamine labetalol nifedipine oxytocin misoprostol "
    "dinoprostone"
).split()
MEASURES = (
    "NEWS2 score|early warning score|fluid balance|serum potassium|serum sodium|capillary glucose|"
    "blood ketones|lactate|creatinine|urine output|pain score|sedation score|oxygen saturation|"
    "respiratory rate|heart rate|blood pressure|temperature|haemoglobin|platelet count|INR|"
    "Glasgow Coma Scale|MUST score|Waterlow score|Bristol stool chart|peak flow|CRP|"
    "fetal heart rate|Abbey pain scale|4AT score|falls risk score"
).split("|")
ROLES = (
    "ward sister|nurse in charge|FY2 doctor|registrar|consultant|specialist nurse|ward pharmacist|"
    "outreach team|dietitian|physiotherapist|occupational therapist|discharge coordinator|"
    "site manager|matron|midwife in charge|on-call anaesthetist|tissue viability nurse|"
    "infection control nurse|safeguarding lead|healthcare assistant"
).split("|")
EQUIPMENT = (
    "infusion pump|bladder scanner|glucose meter|pressure-relieving mattress|pulse oximeter|"
    "observation chart|assessment form|care plan|electronic record|checklist|bedside monitor|"
    "syringe driver|sharps bin|hoist|suction unit|blood gas analyser|weighing scales|"
    "referral form|handover sheet|risk assessment tool"
).split("|")
SETTING_LABELS = [  # (title form, body phrase)
    ("in the Emergency Department", "in the Emergency Department"),
    ("in Critical Care", "in critical care"),
    ("in Day Surgery", "in the day surgery unit"),
    ("in Outpatient Clinics", "in outpatient clinics"),
    ("in Community Hospitals", "in community hospitals"),
    ("in Theatres and Recovery", "in theatres and recovery"),
    ("on the Acute Medical Unit", "on the acute medical unit"),
    ("in the Renal Unit", "in the renal unit"),
]
POPULATION_LABELS = [
    ("for Older People", "older person"),
    ("for Adults with a Learning Disability", "adult with a learning disability"),
    ("for Patients Living with Dementia", "person living with dementia"),
    ("for Patients at the End of Life", "patient at the end of life"),
    ("for Bariatric Patients", "bariatric patient"),
    ("for Patients Receiving Chemotherapy", "patient receiving chemotherapy"),
]
# Near-miss axes: the same subject for a different population, phase or route is a different topic.
NEAR_AXES = {
    "population": [
        ("in Adults", "adult patient", "mg", 1.0),
        ("in Children and Young People", "child", "mg/kg", 0.1),
        ("in Neonates", "neonate", "mg/kg", 0.05),
        ("in Pregnancy", "pregnant woman", "mg", 1.0),
    ],
    "phase": [
        ("Prevention", "patient at risk", "mg", 1.0),
        ("Post-Event Management", "patient after the event", "mg", 1.0),
    ],
    "route": [
        ("by Intravenous Infusion", "patient on an intravenous infusion", "mg", 1.0),
        ("by Subcutaneous Injection", "patient on subcutaneous injections", "mg", 1.0),
        ("by the Oral Route", "patient taking oral tablets", "mg", 1.0),
    ],
}
AXIS_SENTENCES = {
    "population": [
        "Every {P} needs an assessment suited to their age and physiology || Assessment is adapted to the "
        "age and physiology of each {P}",
        "Doses for the {P} are given in {UNIT} and checked by a second practitioner || Each dose for a {P} "
        "is prescribed in {UNIT} and double-checked",
        "Normal ranges for the {P} differ, so use the {AXIS} chart || The {AXIS} chart gives the normal "
        "ranges that apply to the {P}",
    ],
    "phase": [
        "The {AXIS} bundle starts when the {P} is identified || Start the {AXIS} bundle once a {P} is "
        "identified",
        "Every {P} has the {AXIS} plan reviewed at each shift handover || The {AXIS} plan for each {P} is "
        "reviewed at handover",
        "Record what was done under the {AXIS} plan in the notes || The notes record each {AXIS} action",
    ],
    "route": [
        "The {P} is given {D1} {AXIS} as prescribed on the chart || Give {D1} {AXIS} as written on the chart",
        "Check the site every {H} hours while the {P} is treated {AXIS} || While treatment is given {AXIS}, "
        "inspect the site every {H} hours",
        "Staff giving medicines {AXIS} must be assessed as competent || Only staff assessed as competent "
        "give medicines {AXIS}",
    ],
}
# Sentence templates: "A || B" are two wordings of one rule; each trust takes one of them.
TEMPLATES = {
    "assess": [
        "Assess every {P} with suspected {s} using the {M1} on admission || On admission, each {P} with "
        "possible {s} has a {M1} recorded",
        "Record the {M1} and the {M2} every {H} hours until {s} is excluded || The {M1} and {M2} are "
        "repeated every {H} hours until {s} is ruled out",
        "The {R1} reviews the {M1} within {MIN} minutes of a positive screen || A positive screen is "
        "reviewed by the {R1} within {MIN} minutes",
        "Use the {E} to confirm the findings before treatment starts || Findings are confirmed with the "
        "{E} before any treatment",
        "Consider {s} in any {P} who deteriorates {L} || Think of {s} in every {P} whose condition "
        "worsens {L}",
        "Take a history of previous episodes of {s} and current medicines, including {D2} || Ask about "
        "earlier {s} and about medicines such as {D2}",
    ],
    "manage": [
        "Give {D1} {DOSE} {UNIT} as first-line treatment for {s} || First-line treatment of {s} is {D1} "
        "{DOSE} {UNIT}",
        "If there is no response after {H} hours, add {D2} after discussion with the {R2} || Add {D2} "
        "when there is no response within {H} hours, once the {R2} agrees",
        "Do not give {D2} when the {M2} is below {T} || {D2} must not be given if the {M2} is below {T}",
        "The {R1} owns the {s} care plan {L} || {L_cap} the {s} care plan is the responsibility of the {R1}",
        "Keep the {E} at the bedside of every {P} treated for {s} || Every {P} treated for {s} has the "
        "{E} at the bedside",
        "Treat the underlying cause of {s} as well as its effects || Look for and treat the cause of {s}",
    ],
    "refer": [
        "Refer any {P} with {s} and a {M1} above {T} to the {R2} || A {M1} above {T} in a {P} with {s} "
        "needs referral to the {R2}",
        "Urgent referrals for {s} are made by telephone and confirmed on the {E} || Telephone the {R2} "
        "for urgent {s} referrals and complete the {E}",
        "The {R2} sees routine referrals within {DAYS} days || Routine {s} referrals are seen by the {R2} "
        "within {DAYS} days",
        "Send the most recent {M2} result with every {s} referral || Every {s} referral includes the last "
        "{M2}",
        "The referring {R1} stays responsible until the {R2} accepts the {P} || Responsibility stays "
        "with the {R1} until the {R2} accepts the referral",
    ],
    "monitor": [
        "Check the {M1} every {MIN} minutes for the first hour, then every {H} hours || The {M1} is "
        "checked every {MIN} minutes in the first hour and every {H} hours after that",
        "A {M2} below {T} triggers an urgent review by the {R1} || The {R1} reviews urgently any {M2} "
        "below {T}",
        "Plot every {M1} on the {E} so that trends are visible || Trends in the {M1} are charted on the {E}",
        "Reduce monitoring to daily once the {M1} has been stable for {DAYS} days || After {DAYS} stable "
        "days the {M1} is checked once a day",
        "The {R2} reviews the monitoring plan for {s} weekly || Each week the {R2} reviews how {s} is "
        "being monitored",
    ],
    "medicine": [
        "{D1} for {s} is prescribed as {DOSE} {UNIT} every {H} hours || Prescribe {D1} {DOSE} {UNIT} "
        "{H}-hourly for {s}",
        "Two registered staff check {D1} before it is given || {D1} is checked by two registered staff "
        "before administration",
        "Stop {D2} while {D1} is being given for {s} || {D2} is withheld during {D1} treatment",
        "The {R1} reconciles the medicines of every {P} with {s} within {H} hours || Medicines of each "
        "{P} with {s} are reconciled by the {R1} within {H} hours",
        "Measure the {M2} before each dose of {D1} || A {M2} is taken before every {D1} dose",
        "Report any reaction to {D1} on the {E} and to the {R2} || Reactions to {D1} are recorded on the "
        "{E} and reported to the {R2}",
    ],
    "discharge": [
        "A {P} recovering from {s} can go home when the {M1} has been normal for {H} hours || Discharge "
        "after {s} needs a normal {M1} for {H} hours",
        "Give the {P} the {s} leaflet and a supply of {D1} for {DAYS} days || The {P} goes home with the "
        "{s} leaflet and {DAYS} days of {D1}",
        "The {R2} arranges follow-up for {s} within {DAYS} days || Follow-up for {s} is booked by the "
        "{R2} within {DAYS} days",
        "The discharge letter states the last {M2} and the plan for {D2} || Include the last {M2} and "
        "the {D2} plan in the discharge letter",
        "Tell the {P} to return if symptoms of {s} come back || Advise the {P} to come back if {s} recurs",
    ],
    "escalate": [
        "Escalate to the {R2} when the {M1} reaches {T} or more || A {M1} of {T} or more is escalated to "
        "the {R2}",
        "If the {R2} has not attended within {MIN} minutes, call the consultant || The consultant is "
        "called when the {R2} has not come within {MIN} minutes",
        "Out of hours, the {R1} contacts the site team about any {P} with worsening {s} || Worsening {s} "
        "out of hours is reported by the {R1} to the site team",
        "Record every escalation for {s} on the {E} with the time and the response || Each {s} "
        "escalation is written on the {E} with times",
        "Consider transfer to a higher level of care for a {P} with {s} who fails to respond to {D1} || "
        "A {P} whose {s} does not respond to {D1} is considered for transfer",
    ],
}
SECTION_HEADINGS = {  # two or three headings per bank; trusts name sections differently
    "assess": ["Assessment", "Recognition and Assessment", "Initial Assessment"],
    "manage": ["Management", "Treatment", "Clinical Management"],
    "refer": ["Referral", "Referral Process", "Making a Referral"],
    "monitor": ["Monitoring", "Observations and Monitoring", "Ongoing Monitoring"],
    "medicine": ["Prescribing", "Administration of Medicines", "Prescribing and Administration"],
    "discharge": ["Discharge", "Discharge Planning", "Going Home"],
    "escalate": ["Escalation", "When to Escalate", "Escalation and Transfer"],
}
# Each trust's own sentences, the same in every one of its documents (house boilerplate).
LOCAL_SENTENCES = [
    "Out of hours, contact the site team on extension {n}.",
    "The {R1} can be reached on bleep {n} for advice.",
    "Local supplies of the {E} are kept in the treatment room; stock queries go to extension {n}.",
    "Use the local {E} template saved on the intranet (document {n}).",
]
HOUSE_BOILERPLATE = [
    "This document must be read together with the {org} policy on the development of procedural documents.",
    "Staff who are unable to follow this document must discuss it with their line manager and record why.",
    "All staff employed by {org} are expected to comply with this document.",
]


# --- planning ---------------------------------------------------------------------------------------


@dataclass
class GenTopic:
    """One generated topic: what every trust's document of it is about, and who holds it."""

    id: str
    title_parts: tuple[str, str, str]  # subject, aspect, qualifier ("in Day Surgery", "in Adults", "")
    specialty: str
    doc_type: str
    holders: list[str]
    base: dict | None = None  # a demo topic used whole (a "classic" topic)
    view: dict[str, str] = field(default_factory=dict)  # trust -> demo view of `base`
    banks: list[str] = field(default_factory=list)
    picks: dict[str, list[int]] = field(default_factory=dict)  # bank -> template indexes
    fill: dict[str, str] = field(default_factory=dict)  # template slot -> text
    axis: tuple[str, int] | None = None
    donor: tuple[dict, int] | None = None  # (demo topic, index of its topic section)
    guidance: str = ""
    siblings: list[tuple[str, str]] = field(default_factory=list)  # (other topic id, why)
    paths: dict[str, str] = field(default_factory=dict)


def _subjects() -> list[tuple[str, str]]:
    return [(s, spec) for spec, names in SUBJECTS.items() for s in names.split("|")]


def _values(rng: random.Random, unit: str, scale: float) -> dict[str, str]:
    dose = rng.choice([5, 10, 20, 25, 40, 50, 100, 250, 500, 1000]) * scale
    return {
        "H": str(rng.choice([2, 4, 6, 8, 12, 24])),
        "MIN": str(rng.choice([10, 15, 20, 30, 45, 60])),
        "DAYS": str(rng.choice([2, 3, 5, 7, 10, 14])),
        "DOSE": f"{dose:g}",
        "UNIT": unit,
        "T": rng.choice(
            [
                f"{rng.choice([2, 3, 4, 5, 6, 7])}",
                f"{rng.choice([3.5, 5.5, 6, 8])} mmol/L",
                f"{rng.choice([88, 90, 92, 94])}%",
            ]
        ),
    }


def _signature(rng: random.Random, subject: str, person: str, place: str, unit: str, scale: float) -> dict:
    drugs = rng.sample(DRUGS, 2)
    measures = rng.sample(MEASURES, 2)
    roles = rng.sample(ROLES, 2)
    return {
        "s": subject if subject.isupper() else _lower_subject(subject),
        "S": subject,
        "P": person,
        "L": place,
        "L_cap": (place[:1].upper() + place[1:] + ",") if place else "On every ward,",
        "D1": drugs[0],
        "D2": drugs[1],
        "M1": measures[0],
        "M2": measures[1],
        "R1": roles[0],
        "R2": roles[1],
        "E": rng.choice(EQUIPMENT),
        **_values(rng, unit, scale),
    }


def _lower_subject(subject: str) -> str:
    """ "Acute Kidney Injury" -> "acute kidney injury"; acronyms ("COPD", "INR") keep their case."""
    return " ".join(w if w.isupper() and len(w) > 1 else w.lower() for w in subject.split())


def _pick_banks(rng: random.Random, bank: str) -> tuple[list[str], dict[str, list[int]]]:
    others = [b for b in TEMPLATES if b not in ("assess", bank)]
    banks = ["assess", bank] if bank != "assess" else ["assess"]
    banks.append(rng.choice(others))
    picks = {b: sorted(rng.sample(range(len(TEMPLATES[b])), min(5, len(TEMPLATES[b])))) for b in banks}
    return banks, picks


def plan_topics(
    bases: list[dict], trusts: list[str], docs_per_trust: int, rng: random.Random
) -> list[GenTopic]:
    """Generated topics until every trust holds `docs_per_trust` documents.

    A fifth of the topics (at most one per demo topic) are demo topics used whole; the rest are subjects
    seen from one aspect, some for a setting or population. About one in eight comes with a near-miss
    sibling (adult vs paediatric, prevention vs post-event management, intravenous vs subcutaneous), and
    once every subject-aspect pair is used, pairs come back for another setting: both are near misses.
    """
    n_topics = int(docs_per_trust * 1.15) + 1
    counts = {t: 0 for t in trusts}
    topics: list[GenTopic] = []
    used_ids: set[str] = set()

    def holders() -> list[str]:
        eligible = [t for t in trusts if counts[t] < docs_per_trust]
        if not eligible:
            return []
        k = len(trusts) if rng.random() < 0.75 else rng.choice([1, 2, max(1, len(trusts) - 1)])
        chosen = sorted(rng.sample(eligible, min(k, len(eligible))))
        for t in chosen:
            counts[t] += 1
        return chosen

    def new_id(text: str) -> str:
        slug, n = _slug(text), 2
        out = slug
        while out in used_ids:
            out, n = f"{slug}-{n}", n + 1
        used_ids.add(out)
        return out

    classic = sorted(bases, key=lambda b: b["slug"])
    rng.shuffle(classic)
    for base in classic[: max(1, n_topics // 5)]:
        hs = holders()
        if not hs:
            break
        views = sorted(base["docs"])
        topics.append(
            GenTopic(
                id=new_id(base["slug"]),
                title_parts=("", "", ""),
                specialty=base["specialty"],
                doc_type="",
                holders=hs,
                base=base,
                view={t: t if t in views else rng.choice(views) for t in hs},
            )
        )
    by_slug = {t.base["slug"]: t for t in topics if t.base}
    for t in topics:
        for nm in t.base.get("near_miss", []) or []:
            other = by_slug.get(nm["slug"] if isinstance(nm, dict) else nm)
            if other is not None:
                t.siblings.append((other.id, nm.get("why", "demo near miss") if isinstance(nm, dict) else ""))

    donors = _donor_sections(bases)
    combos = [(s, spec, a) for s, spec in _subjects() for a in range(len(ASPECTS))]
    rng.shuffle(combos)
    labels = [("setting", lab) for lab in SETTING_LABELS] + [("population", lab) for lab in POPULATION_LABELS]
    doc_types = GEN_DOC_TYPES
    round_ = 0
    first_of: dict[tuple[str, int], GenTopic] = {}
    full = False
    while not full:  # until every trust holds `docs_per_trust` documents
        for subject, specialty, a in combos:
            hs = holders()
            if not hs:
                full = True
                break
            aspect, bank = ASPECTS[a]
            label = rng.choice(labels) if (round_ > 0 or rng.random() < 0.3) else None
            near = round_ == 0 and rng.random() < 0.13
            axis = None
            if near:
                name = rng.choice(["population", "population", "population", "phase", "route"])
                axis = (name, 0)
                label = None
            qual = label[1][0] if label else (NEAR_AXES[axis[0]][0][0] if axis else "")
            if round_ > 1:
                qual += f" ({_roman(round_)})"  # an edition: only when every pair has been used twice
            topic = _generated(
                rng,
                subject,
                specialty,
                aspect,
                bank,
                label,
                axis,
                qual,
                hs,
                donors,
                doc_types,
                new_id(f"{subject} {aspect} {qual}"),
            )
            topics.append(topic)
            prev = first_of.setdefault((subject, a), topic)
            if prev is not topic and round_ == 1:
                prev.siblings.append((topic.id, "same subject and aspect, different setting or population"))
            if axis:
                values = NEAR_AXES[axis[0]]
                other = 1 + rng.randrange(len(values) - 1)
                hs2 = holders()
                if hs2:
                    qual2 = values[other][0]
                    sib = _generated(
                        rng,
                        subject,
                        specialty,
                        aspect,
                        bank,
                        None,
                        (axis[0], other),
                        qual2,
                        hs2,
                        donors,
                        doc_types,
                        new_id(f"{subject} {aspect} {qual2}"),
                        like=topic,
                    )
                    topics.append(sib)
                    topic.siblings.append((sib.id, f"same subject, different {axis[0]}"))
        round_ += 1
    return topics


def _donor_sections(bases: list[dict]) -> list[tuple[dict, int]]:
    """(demo topic, index) of every topic-specific section a generated topic may borrow."""
    return [
        (b, i)
        for b in sorted(bases, key=lambda b: b["slug"])
        for i, s in enumerate(b.get("sections", []))
        if s["key"] not in STANDARD_KEYS
    ]


def _roman(n: int) -> str:
    return ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"][n] if n <= 10 else str(n)


def _generated(
    rng, subject, specialty, aspect, bank, label, axis, qual, hs, donors, doc_types, tid, like=None
):
    person, place, unit, scale = "patient", "", "mg", 1.0
    if label and label[0] == "setting":
        place = label[1][1]
    elif label:
        person = label[1][1]
    if axis:
        _, person, unit, scale = NEAR_AXES[axis[0]][axis[1]]
    fill = _signature(rng, subject, person, place, unit, scale)
    if axis:
        fill["AXIS"] = (
            NEAR_AXES[axis[0]][axis[1]][0].split(" ", 1)[-1].lower()
            if axis[0] == "route"
            else (NEAR_AXES[axis[0]][axis[1]][0].lower().removeprefix("in "))
        )
    banks, picks = _pick_banks(rng, bank)
    if like is not None:
        # A near-miss sibling shares much of its vocabulary (drugs, measures, equipment, the assessment
        # rules), as adult and paediatric versions of one guideline do; its population or route, roles,
        # values and the rest of its rules are its own.
        for k in ("D1", "D2", "M1", "M2", "E"):
            fill[k] = like.fill[k]
        banks = like.banks[:1] + banks[1:]
        picks = {**picks, "assess": like.picks["assess"]}
    return GenTopic(
        id=tid,
        title_parts=(subject, aspect, qual),
        specialty=specialty,
        doc_type=rng.choice(doc_types),
        holders=hs,
        banks=banks,
        picks=picks,
        fill=fill,
        axis=axis,
        donor=rng.choice(donors) if donors else None,
        guidance=_guidance(specialty, rng),
    )


def _guidance(specialty: str, rng: random.Random) -> str:
    """National guidance a topic cites: drawn from a small pool per specialty, so unrelated topics of one
    specialty often cite the same guidance (as real ones do) and it cannot identify a topic alone."""
    pool = [
        f"{p}{10 + (sum(map(ord, specialty)) * 7 + 31 * k) % 230}"
        for k, p in enumerate("NG CG QS NG CG NG".split())
    ]
    return rng.choice(pool)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


# --- one trust's document of a topic ------------------------------------------------------------------


def _fmt(template: str, fill: dict[str, str]) -> str:
    text = re.sub(r"\{([A-Za-z0-9_]+)\}", lambda m: fill.get(m.group(1), m.group(0)), template)
    text = re.sub(r"\s+", " ", text).strip()
    return text[:1].upper() + text[1:] + ("" if text.endswith((".", ":")) else ".")


def _wording(template: str, rng: random.Random) -> str:
    options = [o.strip() for o in template.split("||")]
    return rng.choice(options)


def _para_block(sentences: list[str], rng: random.Random, per_para: int = 2) -> list[Item]:
    """Sentences grouped into paragraphs, or listed as bullets, as a trust's writer would."""
    if rng.random() < 0.35:
        return [Item("bullet", s, level=1) for s in sentences]
    return [Item("para", " ".join(sentences[i : i + per_para])) for i in range(0, len(sentences), per_para)]


def _standard_sections(
    gt: GenTopic, trust_idx: int, style: str, org: str, rng: random.Random
) -> list[RSection]:
    f = dict(gt.fill)
    subject, aspect, qual = gt.title_parts
    f["aspect"] = aspect.lower()
    f["qual"] = qual.lower()
    f["doc"] = gt.doc_type.lower()
    f["org"] = org
    w = lambda t: _fmt(_wording(t, rng), f)  # noqa: E731 - one wording per trust
    names = STANDARD_NAMES[style]
    house = HOUSE_BOILERPLATE[trust_idx % len(HOUSE_BOILERPLATE)].format(org=org)
    secs = [
        (
            "introduction",
            [
                w(
                    "{S} is a common reason for harm in hospital when it is missed || {S} causes "
                    "avoidable harm when it is not recognised early"
                ),
                w(
                    "This {doc} describes the {aspect} of {s} {qual} || The {doc} sets out the {aspect} "
                    "of {s} {qual}"
                ),
            ],
        ),
        (
            "purpose",
            [
                w(
                    "To make sure every {P} with {s} receives safe and consistent care {L} || Its aim is "
                    "safe, consistent care for each {P} with {s} {L}"
                )
            ],
        ),
        (
            "scope",
            [
                w(
                    "It applies to all clinical staff caring for a {P} with {s} {L} || Every clinician who "
                    "looks after a {P} with {s} {L} must follow it"
                )
            ],
        ),
        (
            "definitions",
            [
                w("{S}: the condition or procedure this {doc} covers || {S}: the subject of this {doc}"),
                w("{M1}: the measure used to assess {s} || {M1}: the main observation for {s}"),
            ],
        ),
        (
            "duties",
            [
                w(
                    "The {R1} makes sure the {doc} is followed on each shift || Each shift, the {R1} "
                    "checks that the {doc} is followed"
                ),
                w("The {R2} gives specialist advice on {s} || Specialist advice on {s} comes from the {R2}"),
                house,
            ],
        ),
        (
            "training",
            [
                w(
                    "Staff complete {s} training at induction and every three years || Training in "
                    "{s} is part of induction and is refreshed every three years"
                ),
                house,
            ],
        ),
        (
            "monitoring",
            [
                w(
                    "Compliance is audited yearly by reviewing 20 records of patients with {s} || A "
                    "yearly audit of 20 {s} records measures compliance"
                )
            ],
        ),
        (
            "references",
            [
                w(
                    f"NICE {gt.guidance}: {{S}} || National Institute for Health and Care Excellence "
                    f"({gt.guidance}). {{S}}"
                )
            ]
            + ([f"NICE {_guidance(gt.specialty, rng)}: related guidance."] if rng.random() < 0.4 else []),
        ),
    ]
    out = []
    for key, sentences in secs:
        items = (
            [Item("bullet", s, level=1) for s in sentences]
            if key in ("definitions", "references")
            else _para_block(sentences, rng)
        )
        out.append(RSection(key, names[key], items, []))
    return out


def _topic_sections(gt: GenTopic, style: str, rng: random.Random, donors: list) -> list[RSection]:
    out = []
    for bank in gt.banks:
        # Each trust writes most of the topic's rules, not all: equivalents overlap, they are not copies.
        held = [i for i in gt.picks[bank] if rng.random() < 0.65] or gt.picks[bank][:3]
        sentences = [_fmt(_wording(TEMPLATES[bank][i], rng), gt.fill) for i in held]
        if rng.random() < 0.4:
            sentences.append(rng.choice(LOCAL_SENTENCES).format(n=rng.randrange(1000, 9999), **gt.fill))
        if gt.axis and bank == "assess":
            sentences += [_fmt(_wording(t, rng), gt.fill) for t in AXIS_SENTENCES[gt.axis[0]]]
        rng.shuffle(sentences) if rng.random() < 0.5 else None
        if len(sentences) > 3 and rng.random() < 0.25:
            sentences.pop(rng.randrange(1, len(sentences)))  # one trust leaves a rule out
        heading = rng.choice(SECTION_HEADINGS[bank])
        out.append(RSection(f"gen-{bank}", heading, _para_block(sentences, rng), []))
    borrowed = [gt.donor] if gt.donor and rng.random() < 0.6 else []
    if donors and rng.random() < 0.5:  # a section only this trust's document has
        borrowed.append(rng.choice(donors))
    for base, i in borrowed:
        view = sorted(base["docs"])[i % len(base["docs"])]
        secs = [s for s in resolve_sections(base, view, STANDARD_NAMES[style]) if s.key not in STANDARD_KEYS]
        if secs:
            pick = copy.deepcopy(secs[i % len(secs)])
            pick.key = f"donor-{base['slug']}-{pick.key}"
            out.insert(rng.randrange(len(out) + 1), pick)
    return out


def _title(gt: GenTopic, trust: str, style: str, rng: random.Random) -> str:
    if gt.base is not None:
        return gt.base["docs"][gt.view[trust]]["title"]
    subject, aspect, qual = gt.title_parts
    aspect = rng.choice(ASPECT_WORDINGS.get(aspect, [aspect]))  # each trust names the aspect its own way
    if gt.axis and gt.axis[1] == 0 and rng.random() < 0.3:
        qual = ""  # the adult (or prevention) document often does not say so in its title
    q = f" {qual}" if qual else ""
    forms = [
        f"{subject} {aspect}{q}",
        f"{aspect} of {subject}{q}",
        f"{subject}: {aspect}{q}",
        f"{subject}{q} ({aspect})",
    ]
    if not aspect:
        forms = [f"{subject}{q}", f"Management of {subject}{q}" if rng.random() < 0.5 else f"{subject}{q}"]
    title = forms[rng.randrange(len(forms))]
    if rng.random() < 0.3:
        title += " " + rng.choice(
            ["Policy", "Guideline", "Procedure", "Protocol", "Standard Operating Procedure"]
        )
    if rng.random() < 0.15:  # real titles carry local codes
        title = f"{rng.choice(['CG', 'MP', 'CP'])}{rng.randrange(10, 1500):03d} {title}"
    return title


def build_member(
    gt: GenTopic,
    trust: str,
    trust_idx: int,
    style: str,
    org: str,
    rng: random.Random,
    rate: float,
    donors: list = (),
):
    """One trust's document of a topic: (sections, title, protected phrases)."""
    if gt.base is not None:
        view = gt.view[trust]
        phrases = [d["text"][view] for d in gt.base.get("differences", []) if view in d.get("text", {})]
        secs = resolve_sections(gt.base, view, STANDARD_NAMES[style])
    else:
        phrases = []
        secs = _standard_sections(gt, trust_idx, style, org, rng) + _topic_sections(
            gt, style, rng, list(donors)
        )
    secs = order_sections(style, secs)
    middle = [i for i, s in enumerate(secs) if s.key not in STANDARD_KEYS]
    if len(middle) > 1 and rng.random() < 0.5:  # reorder the topic's own sections
        chosen = [secs[i] for i in middle]
        rng.shuffle(chosen)
        for i, s in zip(middle, chosen, strict=True):
            secs[i] = s
    perturb_sections(secs, rng, phrases, rate)
    return secs, _title(gt, trust, style, rng), phrases


def change_values(members: dict[str, list[RSection]], rng: random.Random, protected: set[str]) -> list[dict]:
    """Change one numeric value at one trust where all members share it; returns recorded differences."""
    if len(members) < 2:
        return []
    texts = {t: all_text(s) for t, s in members.items()}
    first = next(iter(texts.values()))
    shared = [
        m.group(0)
        for m in VALUE_RE.finditer(first)
        if all(m.group(0) in tx for tx in texts.values()) and not any(m.group(0) in p for p in protected)
    ]
    if not shared:
        return []
    old = rng.choice(sorted(set(shared)))
    m = VALUE_RE.match(old)
    num = m.group(1)
    factor = rng.choice([0.5, 2, 1.5, 3])
    new_num = f"{float(num) * factor:g}"
    new = old.replace(num, new_num, 1)
    if any(new in tx for tx in texts.values()):
        return []
    target = rng.choice(sorted(members))
    pattern = re.compile(r"(?<![\d.])" + re.escape(old) + r"(?![\d/])")
    for sec in walk(members[target]):
        for it in sec.items:
            it.text = pattern.sub(new, it.text)
            it.rows = [[pattern.sub(new, c) for c in row] for row in it.rows]
    if new not in all_text(members[target]) or old in all_text(members[target]):
        return []
    section = next(
        (s.key for s in walk(members[target]) if new in all_text([RSection(s.key, "", s.items, [])])),
        members[target][0].key,
    )
    return [
        {
            "category": UNIT_CATEGORY[m.group(2)],
            "section": section,
            "text": {t: (new if t == target else old) for t in sorted(members)},
            "note": f"value changed by the generator: {old} -> {new}",
        }
    ]


def make_meta(
    trust: str, org: str, style: str, title: str, specialty: str, view_doc: dict, n: int, rng: random.Random
) -> DocMeta:
    doc_type = view_doc["type"]
    approved = dt.date(2019, 1, 7) + dt.timedelta(days=rng.randrange(2000))
    major, minor = 1 + rng.randrange(6), rng.randrange(4)
    ref = {
        "JPUH": f"{trust}-CP-{n:04d}",
        "NNUH": f"CA{1000 + n}",
        "QEH": f"{trust}/CLIN/{TYPE_CODES.get(doc_type, 'POL')}/{n:04d}",
    }[style]
    return DocMeta(
        trust=trust,
        title=title,
        doc_type=doc_type,
        specialty=specialty,
        reference=ref,
        version=f"{major}.{minor}",
        date_approved=approved,
        review_date=approved + dt.timedelta(days=365 * 3),
        author=f"Author {n % 97 + 1}, Clinical Lead",
        owner="Medical Director",
        approved_by="Clinical Policy Committee",
        audience="All clinical staff",
        history=[(f"{major}.0", approved.strftime("%m/%Y"), "Reviewed")],
        heading_scheme="section" if n % 2 else "point",
        style=style,
        trust_name=org,
    )


class _InlinePool:
    """Stand-in for a process pool when --jobs 1: runs each batch at once."""

    def submit(self, fn, *args):
        fut: Future = Future()
        fut.set_result(fn(*args))
        return fut

    def shutdown(self) -> None:
        pass


def _render_batch(batch: list[tuple[DocMeta, list[RSection], bool, Path]]) -> int:
    """Render and save a batch of documents (runs in a worker process)."""
    for meta, secs, plain, dest in batch:
        officeconv.save_docx(HouseRenderer(meta, plain=plain).render(secs), dest)
    return len(batch)


@dataclass
class PlannedDoc:
    """One document of the corpus before rendering: enough to render it or to build it in memory."""

    topic: str
    trust: str
    meta: DocMeta
    sections: list[RSection]
    fmt: str
    path: str


def plan_library(
    n_trusts: int,
    docs_per_trust: int,
    seed: int = 1,
    pdf_share: float = 0.3,
    topics_dir: Path = TOPICS_DIR,
    rate: float = 0.35,
) -> tuple[dict[str, str], list[PlannedDoc], dict]:
    """Every document of the corpus, planned and written as section trees, and the truth (no files).

    Returns (trust code -> organisation, documents, truth dict). The benchmark builds its library from
    this in memory; `generate` renders the same documents to DOCX/PDF.
    """
    rng = random.Random(seed)
    bases, errors = load_topics(topics_dir)
    bases = [b for b in bases if len(b.get("docs", {})) > 0]
    if not bases:
        raise SystemExit(f"no topics in {topics_dir}: {errors}")
    trusts = trust_list(n_trusts)
    codes = [c for c, _ in trusts]
    org = dict(trusts)
    style = {c: STYLES[i % 3] for i, c in enumerate(codes)}
    gts = plan_topics(bases, codes, docs_per_trust, rng)
    donors = _donor_sections(bases)
    planned: list[PlannedDoc] = []
    documents, groups, used = [], [], set()
    for gt in gts:
        members: dict[str, list[RSection]] = {}
        titles: dict[str, str] = {}
        protected: set[str] = set()
        for t in gt.holders:
            secs, title, phrases = build_member(gt, t, codes.index(t), style[t], org[t], rng, rate, donors)
            members[t], titles[t] = secs, title
            protected.update(phrases)
        diffs = []
        for i, d in enumerate((gt.base or {}).get("differences", [])):
            text = {t: d["text"][gt.view[t]] for t in gt.holders if gt.view[t] in d["text"]}
            if len(text) >= 2 and len(set(text.values())) >= 2:
                diffs.append(
                    {
                        "id": f"{gt.id}-{i + 1:02d}",
                        "category": d["category"],
                        "section": d["section"],
                        "text": text,
                        "note": d.get("note", ""),
                    }
                )
        for j, d in enumerate(change_values(members, rng, protected)):
            diffs.append({"id": f"{gt.id}-v{j + 1}", **d})
        bodies = {t: body_text(members[t]) for t in members}
        diffs = [d for d in diffs if all(ph in bodies[t] for t, ph in d["text"].items())]
        for t in gt.holders:
            if gt.base is not None:
                view_doc = gt.base["docs"][gt.view[t]]
            else:
                view_doc = {"type": gt.doc_type if rng.random() < 0.5 else rng.choice(GEN_DOC_TYPES)}
            meta = make_meta(t, org[t], style[t], titles[t], gt.specialty, view_doc, len(documents) + 1, rng)
            fmt = "pdf" if rng.random() < pdf_share else ("docx-plain" if rng.random() < 0.05 else "docx")
            ext = "pdf" if fmt == "pdf" else "docx"
            rel = _unique(
                f"{t}/{_safe_name(meta.reference.replace('/', '-') + ' ' + meta.title)}.{ext}", used
            )
            planned.append(PlannedDoc(gt.id, t, meta, members[t], fmt, rel))
            gt.paths[t] = rel
            documents.append(
                {
                    "path": rel,
                    "trust": t,
                    "slug": gt.id,
                    "group": gt.id,
                    "title": meta.title,
                    "format": fmt,
                    "specialty": meta.specialty,
                    "document_type": meta.doc_type,
                    "reference": meta.reference,
                    "version": meta.version,
                    "expect": "ingested",
                    "superseded_by": None,
                }
            )
        groups.append(
            {
                "id": gt.id,
                "specialty": gt.specialty,
                "members": {t: [gt.paths[t]] for t in codes if t in gt.paths},
                "differences": diffs,
            }
        )
    by_id = {gt.id: gt for gt in gts}
    near = []
    for gt in gts:
        for other_id, why in gt.siblings:
            other = by_id[other_id]
            for ta in sorted(gt.paths):
                for tb in sorted(other.paths):
                    near.append({"a": gt.paths[ta], "b": other.paths[tb], "why": why})
    truth = {
        "schema_version": SCHEMA_VERSION,
        "trusts": org,
        "documents": sorted(documents, key=lambda d: d["path"]),
        "groups": sorted(groups, key=lambda g: g["id"]),
        "near_misses": near,
    }
    return org, planned, truth


def generate(
    out: Path,
    n_trusts: int,
    docs_per_trust: int,
    seed: int = 1,
    pdf_share: float = 0.3,
    topics_dir: Path = TOPICS_DIR,
    rate: float = 0.35,
    jobs: int = 2,
    log=print,
) -> dict:
    """Write the corpus and its truth.json into `out`; returns the truth dict."""
    t0 = time.perf_counter()
    org, planned, truth = plan_library(n_trusts, docs_per_trust, seed, pdf_share, topics_dir, rate)
    log(f"  planned {len(planned)} documents in {time.perf_counter() - t0:.1f}s")
    out.mkdir(parents=True, exist_ok=True)
    for c in org:
        shutil.rmtree(out / c, ignore_errors=True)
    total = len(planned)
    with tempfile.TemporaryDirectory(prefix="converge-gen-") as tmp_s:
        tmp = Path(tmp_s)
        pool = ProcessPoolExecutor(max_workers=jobs) if jobs > 1 else _InlinePool()
        futures, batch, pending = [], [], []
        for p in planned:
            dest = out / p.path
            if p.fmt == "pdf":
                dest = tmp / f"g{len(pending):06d}.docx"
                pending.append((dest, out / p.path, p.meta))
            batch.append((p.meta, p.sections, p.fmt == "docx-plain", dest))
            if len(batch) >= 64:
                futures.append(pool.submit(_render_batch, batch))
                batch = []
        if batch:
            futures.append(pool.submit(_render_batch, batch))
        done = 0
        for f in futures:
            done += f.result()
            if done % 256 < 64:
                log(f"  {done}/{total} documents rendered ({done / (time.perf_counter() - t0):.1f} docs/s)")
        pool.shutdown()
        if pending:
            t1 = time.perf_counter()
            outs = officeconv.soffice_convert(
                [s for s, _, _ in pending], "pdf", tmp / "pdf", tmp / "lo-profile"
            )
            for conv, (_, dest, meta) in zip(outs, pending, strict=True):
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.move(str(conv), dest)
                officeconv.normalise_pdf(dest, meta.date_approved)
            log(f"  LibreOffice -> pdf: {len(outs)} files in {time.perf_counter() - t1:.1f}s")
    (out / "truth.json").write_text(json.dumps(truth, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    elapsed = time.perf_counter() - t0
    log(
        f"generated {total} documents in {len(truth['groups'])} groups for {len(org)} trusts "
        f"in {elapsed:.1f}s ({total / elapsed:.1f} docs/s)"
    )
    return truth


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--trusts", type=int, default=3)
    ap.add_argument("--docs", type=int, default=100, help="documents per trust")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument(
        "--pdf-share", type=float, default=0.3, help="share of documents exported to PDF (0 = none)"
    )
    ap.add_argument("--topics", type=Path, default=TOPICS_DIR)
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1), help="rendering processes")
    args = ap.parse_args(argv)
    generate(args.out, args.trusts, args.docs, args.seed, args.pdf_share, args.topics, jobs=args.jobs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
