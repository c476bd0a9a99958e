"""Do not attempt cardiopulmonary resuscitation (DNACPR) decisions in adults (all three trusts)."""

TOPIC = {
    "slug": "dnacpr",
    "group": "dnacpr",
    "specialty": "Critical Care",
    "docs": {
        "JPUH": {"title": "Do Not Attempt Cardiopulmonary Resuscitation (DNACPR) Policy",
                 "type": "Policy", "format": "pdf"},
        "NNUH": {"title": "Resuscitation Decisions and DNACPR Guideline (Adults)", "type": "Guideline",
                 "format": "pdf"},
        "QEH": {"title": "DNACPR and ReSPECT Decisions Policy", "type": "Policy", "format": "docx"},
    },
    "sections": [
        {"key": "introduction", "body": [
            "{JPUH=Cardiopulmonary resuscitation (CPR) can restart the heart and breathing after cardiac "
            "arrest, but for many patients it will not succeed or will cause harm without benefit.|NNUH=CPR "
            "is an invasive treatment with a low chance of success in patients with advanced illness, and it "
            "may cause significant harm.|QEH=For some patients, attempting CPR would be futile or would not "
            "be wanted, and can cause distress and injury.}",
            "{JPUH=A DNACPR decision made in advance ensures that CPR is not attempted when it is not in the "
            "patient's interests.|NNUH=Making and recording a decision in advance prevents inappropriate CPR "
            "attempts.|QEH=Advance decisions about CPR, recorded on the ReSPECT form, prevent inappropriate "
            "resuscitation.}",
        ]},
        {"key": "scope", "body": [
            "{JPUH=This policy applies to all adult inpatients and to adults attending the emergency "
            "department.|NNUH=This guideline applies to all adult patients in every clinical area.|QEH=The "
            "policy covers every adult patient in the trust's care.} {*=It applies across all sites of|"
            "NNUH=This includes outlying and day-case areas of} {{hospital}}.",
            "{*=Children are covered by the paediatric resuscitation policy.|NNUH=Decisions for children and "
            "young people follow the paediatric guideline.}",
        ]},
        {"key": "definitions", "only": ["NNUH"], "body": [
            "- {*=DNACPR: a decision that CPR will not be attempted if the patient's heart or breathing "
            "stops.|QEH=DNACPR: do not attempt cardiopulmonary resuscitation.}",
            "- {*=ReSPECT: the Recommended Summary Plan for Emergency Care and Treatment.|NNUH=ReSPECT form: "
            "a summary of personalised recommendations for emergency care, including CPR.}",
        ]},
        {"key": "duties", "body": [
            "{JPUH=The Resuscitation Committee oversees this policy.|NNUH=The resuscitation service is "
            "responsible for training and audit.|QEH=The Resuscitation Team leads audit and training.} "
            "{*=The resuscitation team can be contacted on extension|QEH=Contact them on extension} {{ext}}.",
        ]},
        {"key": "decision", "heading": {"*": "Making the Decision", "NNUH": "Who Makes the Decision",
                                        "QEH": "Responsibility for Decisions"},
         "body": [
            "{JPUH=The decision is made by the consultant responsible for the patient's care.|NNUH=The "
            "consultant responsible for the patient is accountable for the DNACPR decision.|QEH=Overall "
            "responsibility for the decision rests with the consultant in charge of the patient's care.}",
            "{*=Out of hours, an interim decision may be made by|QEH=When the consultant is not available, "
            "an interim decision may be made by} {JPUH=a registrar (ST3 or above)|NNUH=a registrar (ST3 or "
            "above)|QEH=an advanced clinical practitioner or registrar} {*=who knows the patient's "
            "condition.|QEH=competent in these discussions.}",
            "{*=An interim decision must be|NNUH=Interim decisions must be} {JPUH=endorsed by the consultant "
            "within 24 hours|NNUH=endorsed by the consultant within 72 hours|QEH=endorsed by the consultant "
            "within 24 hours}{*=.|NNUH=, or at the next consultant ward round if sooner.}",
            "{*=A DNACPR decision applies only to CPR; all other appropriate treatment "
            "continues.|NNUH=DNACPR does not mean 'do not treat': other treatment, including escalation to "
            "critical care, is considered separately.}",
            "{JPUH=Where CPR would not restart the heart and breathing, the clinician is not obliged to "
            "offer it, but the patient should be told of the decision.|NNUH=If CPR would be futile it is not "
            "offered; the patient is still informed of the decision.|QEH=Clinicians are not required to "
            "offer CPR that would not work, but they should explain this to the patient.}",
         ],
         "children": [
            {"key": "decision-equality", "heading": {"*": "Equality and reasonable adjustments",
                                                     "NNUH": "Avoiding discrimination"},
             "body": [
                "{*=A learning disability, autism, frailty or age must never be the sole reason for a DNACPR "
                "decision.|JPUH=A DNACPR decision must never be made because a patient has a learning "
                "disability, is autistic, is frail or is old.}",
                "{*=Where the patient has a learning disability, involve the learning disability liaison "
                "team.|QEH=The learning disability liaison nurse should be involved for patients with a "
                "learning disability.}",
             ]},
         ]},
        {"key": "discussion", "heading": {"*": "Discussion with the Patient and Family",
                                          "NNUH": "Involving Patients and Those Close to Them"},
         "body": [
            "{JPUH=The decision must be discussed with the patient|NNUH=The decision must be discussed with "
            "the patient|QEH=The decision should be discussed with the patient}{*= unless this is likely to "
            "cause them physical or psychological harm.|QEH=, unless doing so would cause them physical or "
            "psychological harm.}",
            "{*=If the patient lacks capacity, discuss the decision with their family, an attorney or an "
            "IMCA.|JPUH=For a patient who lacks capacity, those close to them, or an IMCA, must be "
            "consulted.}",
            "{*=Record the discussion, or the reason it did not happen, in the notes.|NNUH=Document every "
            "discussion, and the reason for not discussing, in the medical record.}",
            "{JPUH=If the patient or family disagree with the decision, offer a second opinion from another "
            "consultant.|NNUH=Where there is disagreement, a second clinical opinion should be offered.|"
            "QEH=Offer a second opinion if the patient or those close to them do not agree.}",
         ]},
        {"key": "documentation", "heading": {"*": "Recording and Communicating the Decision",
                                             "JPUH": "Documentation"},
         "body": [
            "{JPUH=Record the decision on the trust DNACPR form and in the medical notes.|NNUH=The decision "
            "is recorded on the ReSPECT form and in the electronic record.|QEH=Complete a ReSPECT form and "
            "record the decision in the notes.}",
            "{*=Inform the nurse in charge of the decision at once.|JPUH=Tell the nurse in charge of the "
            "ward immediately.}",
            "{JPUH=The original form travels with the patient|NNUH=The original form does not travel with "
            "the patient|QEH=The original form travels with the patient}{*= on transfer or discharge.|NNUH=; "
            "a copy is sent to the receiving team and the GP.}",
         ]},
        {"key": "review", "heading": {"*": "Review of Decisions", "QEH": "Reviewing and Revoking a Decision"},
         "body": [
            "{*=Decisions are|NNUH=The decision is} {JPUH=reviewed at every consultant ward round|"
            "NNUH=reviewed at least every 7 days|QEH=reviewed at least every 7 days}{*=, and whenever the "
            "patient's condition changes.|QEH=, or sooner if the clinical situation changes.}",
            "{*=A decision that is cancelled is crossed through, signed and dated.|JPUH=To cancel a "
            "decision, draw a line through the form, write CANCELLED, and sign and date it.}",
            "{*=Forms completed in the community or by another trust remain valid on admission until "
            "reviewed by the admitting team.|NNUH=A DNACPR or ReSPECT form brought in from the community is "
            "valid until the admitting team has reviewed it.}",
         ]},
        {"key": "training", "body": [
            "{JPUH=Doctors of registrar grade and above complete DNACPR decision-making "
            "training.|NNUH=Senior clinicians who make resuscitation decisions attend ReSPECT "
            "training.|QEH=ReSPECT training is required for all clinicians who complete the form.}",
        ]},
        {"key": "monitoring", "only": ["QEH"], "body": [
            {"table": [["Standard", "Method", "Frequency", "Reported to"],
                       ["ReSPECT form completion", "Audit of 20 forms", "Six-monthly",
                        "{{committee}}"]]},
         ]},
        {"key": "references", "body": [
            "- {*=BMA, Resuscitation Council UK and RCN:|NNUH=British Medical Association, Resuscitation "
            "Council UK and Royal College of Nursing:} {JPUH=Decisions relating to cardiopulmonary "
            "resuscitation (3rd edition, 2016)|NNUH=Decisions relating to cardiopulmonary resuscitation (3rd "
            "edition, 2016)|QEH=Decisions relating to cardiopulmonary resuscitation (3rd edition, 2014)}.",
            "- {*=Resuscitation Council UK ReSPECT guidance.|JPUH=Mental Capacity Act 2005.}",
        ]},
    ],
    "differences": [
        {"category": "role", "section": "decision",
         "text": {"JPUH": "a registrar (ST3 or above)", "NNUH": "a registrar (ST3 or above)",
                  "QEH": "an advanced clinical practitioner or registrar"},
         "note": "who may make an interim DNACPR decision"},
        {"category": "time_limit", "section": "decision",
         "text": {"JPUH": "endorsed by the consultant within 24 hours",
                  "NNUH": "endorsed by the consultant within 72 hours",
                  "QEH": "endorsed by the consultant within 24 hours"},
         "note": "consultant endorsement of an interim decision"},
        {"category": "duty", "section": "discussion",
         "text": {"JPUH": "The decision must be discussed with the patient",
                  "NNUH": "The decision must be discussed with the patient",
                  "QEH": "The decision should be discussed with the patient"},
         "note": "duty to discuss the decision with the patient"},
        {"category": "negation", "section": "documentation",
         "text": {"JPUH": "The original form travels with the patient",
                  "NNUH": "The original form does not travel with the patient",
                  "QEH": "The original form travels with the patient"},
         "note": "whether the original form goes with the patient on transfer"},
        {"category": "frequency", "section": "review",
         "text": {"JPUH": "reviewed at every consultant ward round", "NNUH": "reviewed at least every 7 days",
                  "QEH": "reviewed at least every 7 days"},
         "note": "how often a DNACPR decision is reviewed"},
        {"category": "guidance", "section": "references",
         "text": {"JPUH": "Decisions relating to cardiopulmonary resuscitation (3rd edition, 2016)",
                  "NNUH": "Decisions relating to cardiopulmonary resuscitation (3rd edition, 2016)",
                  "QEH": "Decisions relating to cardiopulmonary resuscitation (3rd edition, 2014)"},
         "note": "edition of the joint CPR decisions guidance cited"},
    ],
}
