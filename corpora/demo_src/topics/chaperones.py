"""Chaperones for intimate examinations and procedures (all three trusts; JPUH's is a plain DOCX)."""

TOPIC = {
    "slug": "chaperones",
    "group": "chaperones",
    "specialty": "Nursing and Patient Safety",
    "docs": {
        "JPUH": {"title": "Chaperone Policy", "type": "Policy", "format": "docx-plain"},
        "NNUH": {"title": "Use of Chaperones During Intimate Examinations and Procedures",
                 "type": "Guideline", "format": "pdf"},
        "QEH": {"title": "Chaperoning Patients Policy", "type": "Policy", "format": "docx"},
    },
    "sections": [
        {"key": "introduction", "body": [
            "{JPUH=Intimate examinations can be embarrassing or distressing for patients, and a chaperone "
            "protects both the patient and the clinician.|NNUH=Patients may find intimate examinations "
            "embarrassing or distressing; the presence of a chaperone safeguards the patient and the "
            "healthcare professional alike.|QEH=Many patients find intimate examinations uncomfortable, and "
            "a chaperone offers protection to the patient and to the member of staff.}",
            "{JPUH=Every patient is entitled to have a chaperone present for any consultation, examination "
            "or procedure.|NNUH=All patients have the right to a chaperone for any examination or procedure, "
            "whether or not it is intimate.|QEH=A chaperone may be requested by any patient for any "
            "consultation or examination.}",
        ]},
        {"key": "scope", "body": [
            "{*=This policy applies to|NNUH=This guideline covers} {JPUH=all staff who examine, treat or "
            "care for patients|NNUH=every healthcare professional undertaking examinations or "
            "procedures|QEH=all clinical staff, including bank, agency and locum staff,} at {{hospital}}, "
            "{JPUH=in inpatient, outpatient and emergency settings.|NNUH=including outpatient clinics, the "
            "emergency department and inpatient wards.|QEH=in every clinical area.}",
            "{JPUH=Examinations carried out under general anaesthetic are included.|NNUH=It includes "
            "examinations performed while the patient is sedated or anaesthetised.|QEH=Patients under "
            "general anaesthetic or sedation are also covered.}",
        ]},
        {"key": "definitions", "body": [
            "- {*=Intimate examination: examination of the breasts, genitalia or rectum, or any examination "
            "where it is necessary to touch or be close to the patient.|NNUH=Intimate examination: any "
            "examination of the breasts, genitalia or rectum, or one that involves close physical contact.}",
            "- {JPUH=Formal chaperone: a member of staff who acts as a witness to the examination and "
            "supports the patient.|NNUH=Formal chaperone: a trained member of staff present as an impartial "
            "observer.|QEH=Chaperone: a member of staff who observes the examination and supports the "
            "patient throughout.}",
            "- {*=Informal chaperone: a family member, friend or carer present at the patient's request.|"
            "QEH=Informal chaperone: a relative, friend or carer who accompanies the patient.}",
        ]},
        {"key": "duties", "body": [
            "{JPUH=The Chief Nurse is responsible for this policy.|NNUH=The Director of Nursing is the "
            "executive lead for chaperoning.|QEH=Executive responsibility for this policy rests with the "
            "Chief Nurse.}",
            "{*=Ward and department managers make sure that trained chaperones are available.|NNUH=Managers "
            "ensure that enough trained chaperones are available in their areas.}",
            "Queries can be sent to the patient safety team at {{email}}.",
        ]},
        {"key": "offering", "heading": {"*": "Offering a Chaperone", "NNUH": "Who May Act as a Chaperone",
                                        "QEH": "Arranging a Chaperone"},
         "body": [
            "{JPUH=A chaperone must be offered before every intimate examination, regardless of the gender "
            "of the patient or clinician.|NNUH=Offer a chaperone for every intimate examination, whatever "
            "the sex of the patient and of the examiner.|QEH=Staff must offer a chaperone before any "
            "intimate examination, irrespective of gender.}",
            "The formal chaperone {JPUH=is a trained clinical member of staff|NNUH=is a trained clinical "
            "member of staff|QEH=is a registered nurse or midwife} {*=who understands the examination being "
            "carried out.|QEH=familiar with the procedure to be performed.}",
            "{JPUH=A relative or friend is not an acceptable formal chaperone.|NNUH=A relative or friend is "
            "an acceptable formal chaperone where the patient requests this.|QEH=A relative or friend is not "
            "an acceptable formal chaperone.}",
            "{*=If no chaperone is available, the examination is deferred unless delay would harm the "
            "patient.|NNUH=Where no chaperone can be found, postpone the examination unless this would put "
            "the patient at risk.}",
            "{JPUH=Where a chaperone is needed urgently, contact the site nurse practitioner|NNUH=Out of "
            "hours a chaperone can be requested through the site team|QEH=Out of hours the clinical site "
            "manager can help find a chaperone} on bleep {{bleep}}.",
            "{*=A patient who declines a chaperone should be told that the examination can be rearranged if "
            "they change their mind.|QEH=If the patient declines, explain that they can ask for a chaperone "
            "at any point.}",
         ]},
        {"key": "conduct", "heading": {"*": "During the Examination", "QEH": "Conduct of the Examination"},
         "body": [
            "- {*=Explain the examination and obtain consent before starting.|QEH=Explain what will happen "
            "and gain consent first.}",
            "- {*=Provide privacy to undress and dress, and keep the patient covered as far as possible.|"
            "JPUH=Give the patient privacy to undress and use a gown or sheet to maintain dignity.}",
            "- {*=The chaperone stands where they can see the examination.|NNUH=The chaperone should be "
            "positioned so that they can observe the procedure.}",
            "- {*=Stop the examination if the patient asks you to.|QEH=Stop immediately if the patient "
            "withdraws consent.}",
            "- {JPUH=Keep conversation to what is relevant to the examination.|NNUH=Avoid personal comments "
            "and keep discussion relevant to the clinical task.|QEH=Do not make personal remarks during the "
            "examination.}",
            "{JPUH=The chaperone may leave only when the patient has dressed and the clinician has left the "
            "cubicle.|NNUH=The chaperone remains until the patient is dressed again.|QEH=The chaperone stays "
            "with the patient until they are fully dressed.}",
            "{*=Any concern about the conduct of an examination is raised with the nurse in charge and "
            "reported on Datix.|NNUH=Chaperones who are concerned about an examiner's conduct must report it "
            "to the nurse in charge and on Datix the same day.}",
         ],
         "children": [
            {"key": "remote", "heading": "Remote consultations", "only": ["NNUH"], "body": [
                "Intimate images must not be requested during a video consultation unless there is no "
                "alternative, and a chaperone is offered for any intimate examination over video.",
            ]},
         ]},
        {"key": "children", "heading": {"*": "Children and Young People", "QEH": "Patients Under 16"},
         "body": [
            "A chaperone is always required for intimate examinations of {JPUH=patients under "
            "16|NNUH=patients under 18|QEH=patients under 16}{*=, in addition to a parent or carer where "
            "appropriate.|QEH=; a parent or guardian may also be present.}",
            "{*=Young people with capacity may choose who accompanies them.|NNUH=A competent young person "
            "may choose whether a parent is present.}",
         ]},
        {"key": "documentation", "heading": {"*": "Documentation", "NNUH": "Recording the Chaperone",
                                             "QEH": "Record Keeping"},
         "body": [
            "The clinician {JPUH=must record the name and role of the chaperone|NNUH=should record the name "
            "and role of the chaperone|QEH=must record the name and role of the chaperone} in the "
            "{*=patient's health record.|QEH=clinical notes.}",
            "{*=If the patient declines a chaperone, record the offer and the refusal.|NNUH=Where a "
            "chaperone is declined, document that it was offered and declined.}",
         ]},
        {"key": "training", "body": [
            "{JPUH=Staff who act as formal chaperones complete the trust chaperone e-learning "
            "module.|NNUH=All formal chaperones complete chaperone training on induction.|QEH=Chaperone "
            "training is part of clinical induction for all staff who may act as a chaperone.}",
         ]},
        {"key": "references", "body": [
            "- {JPUH=GMC Intimate examinations and chaperones (2013)|NNUH=GMC Intimate examinations and "
            "chaperones (2024)|QEH=GMC Intimate examinations and chaperones (2013)}.",
            "- {*=NHS England Sexual safety in healthcare: organisational charter (2023).|JPUH=Nursing and "
            "Midwifery Council: The Code (2018).}",
         ]},
    ],
    "differences": [
        {"category": "role", "section": "offering",
         "text": {"JPUH": "is a trained clinical member of staff",
                  "NNUH": "is a trained clinical member of staff",
                  "QEH": "is a registered nurse or midwife"},
         "note": "who may act as a formal chaperone"},
        {"category": "negation", "section": "offering",
         "text": {"JPUH": "A relative or friend is not an acceptable formal chaperone",
                  "NNUH": "A relative or friend is an acceptable formal chaperone",
                  "QEH": "A relative or friend is not an acceptable formal chaperone"},
         "note": "relatives or friends as formal chaperones"},
        {"category": "age_weight", "section": "children",
         "text": {"JPUH": "patients under 16", "NNUH": "patients under 18", "QEH": "patients under 16"},
         "note": "age below which a chaperone is always required"},
        {"category": "duty", "section": "documentation",
         "text": {"JPUH": "must record the name and role of the chaperone",
                  "NNUH": "should record the name and role of the chaperone",
                  "QEH": "must record the name and role of the chaperone"},
         "note": "recording the chaperone's identity"},
        {"category": "guidance", "section": "references",
         "text": {"JPUH": "GMC Intimate examinations and chaperones (2013)",
                  "NNUH": "GMC Intimate examinations and chaperones (2024)",
                  "QEH": "GMC Intimate examinations and chaperones (2013)"},
         "note": "version of the GMC chaperone guidance cited"},
    ],
}
