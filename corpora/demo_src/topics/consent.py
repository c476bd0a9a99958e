"""Consent to examination or treatment (three trusts)."""

TOPIC = {
    "slug": "consent",
    "group": "consent",
    "specialty": "Surgery",
    "docs": {
        "JPUH": {"title": "Consent to Examination or Treatment Policy", "type": "Policy", "format": "docx"},
        "NNUH": {"title": "Policy for Consent to Examination or Treatment", "type": "Policy", "format": "docx"},
        "QEH": {"title": "Obtaining Valid Consent for Examination and Treatment", "type": "Procedure",
                "format": "pdf"},
    },
    "sections": [
        {"key": "introduction", "body": [
            "{JPUH=Patients have a fundamental legal and ethical right to decide what happens to their own "
            "bodies.|NNUH=Every adult with capacity has the right to decide whether to accept examination, "
            "care or treatment.|QEH=Respect for a patient's right to decide about their own care underpins "
            "all clinical practice.} {*=Valid consent is central to that right.|QEH=Obtaining valid consent "
            "is a legal requirement as well as good practice.}",
            "{*=This document explains how consent is sought, recorded and reviewed at|NNUH=It describes how "
            "staff seek and document consent at} {{hospital}}.",
        ]},
        {"key": "scope", "body": [
            "{JPUH=The policy applies to all staff who examine, treat or care for patients, including "
            "students and locum staff.|NNUH=It applies to every clinician who proposes examination or "
            "treatment, including bank, agency and student staff.|QEH=All staff providing examination or "
            "treatment, whether employed, locum or in training, must follow this procedure.} "
            "{*=Consent for research and for post-mortem examination is covered elsewhere.|NNUH=Research "
            "consent and consent for post-mortem examination are excluded.}",
        ]},
        {"key": "definitions", "body": [
            "- {*=Valid consent: consent given voluntarily by an appropriately informed person with the "
            "capacity to decide.|QEH=Valid consent: a voluntary decision by a person with capacity who has "
            "been given the information they need.}",
            "- {*=Capacity: the ability to understand, retain and weigh information and communicate a "
            "decision, as defined by the Mental Capacity Act 2005.|NNUH=Capacity: as set out in the Mental "
            "Capacity Act 2005.}",
            "- {*=Material risk: a risk to which a reasonable person in the patient's position would attach "
            "significance.|JPUH=Material risk: any risk this patient would be likely to consider significant.}",
        ]},
        {"key": "duties", "body": [
            "- {*=The Medical Director is accountable for this policy.|QEH=The Medical Director owns this "
            "procedure.}",
            "- {JPUH=Consent is sought by the clinician performing the procedure or by a person trained and "
            "able to perform it.|NNUH=Consent is sought by a registrar or consultant from the treating team.|"
            "QEH=Consent is sought by the operating surgeon.}",
            "- {*=Clinical directors ensure staff who take consent are trained.|NNUH=Divisional leads keep "
            "records of who has been assessed as competent to take consent.}",
        ]},
        {"key": "information",
         "heading": {"*": "Information for Patients", "NNUH": "Sharing Information and Risks",
                     "QEH": "Discussing Options and Risks"},
         "body": [
             "{*=Discuss the diagnosis, the proposed treatment, reasonable alternatives including no "
             "treatment, and the likely benefits.|QEH=The clinician explains the condition, what is proposed, "
             "the reasonable alternatives (including doing nothing) and the expected benefits.}",
             "{JPUH=Patients must be told of any material risk|NNUH=Patients must be told of any material risk|"
             "QEH=Patients must be told of any risk greater than 1%}, and of any serious risk however rare.",
             "{JPUH=Family members must not act as interpreters|NNUH=Family members may act as interpreters if "
             "the patient agrees|QEH=Family members must not act as interpreters}; "
             "{*=book a professional interpreter through ext|QEH=professional interpreters are booked on ext} "
             "{{ext}}.",
         ]},
        {"key": "recording",
         "heading": {"*": "Recording Consent", "JPUH": "Written and Verbal Consent",
                     "QEH": "Documenting Consent"},
         "body": [
             "{JPUH=Written consent is required|NNUH=Written consent is required|QEH=Written consent is "
             "recommended} for procedures under general or regional anaesthesia, for sedation and for any "
             "procedure with significant risk.",
             "{*=Use the Trust consent forms or the electronic consent system.|NNUH=The electronic consent "
             "record or the paper forms 1 to 4 are used.}",
         ],
         "children": [
             {"key": "recording-confirm",
              "heading": {"*": "Confirming Consent", "NNUH": "Consent Obtained in Advance"},
              "body": [
                  "{*=Where consent was obtained in advance, it is confirmed on the day of the procedure.|"
                  "QEH=Consent taken at clinic is confirmed with the patient on the day.} A new form is "
                  "signed if {JPUH=more than 3 months have passed|NNUH=more than 6 months have passed|"
                  "QEH=more than 3 months have passed} or the patient's condition has changed.",
              ]},
         ]},
        {"key": "capacity",
         "heading": {"*": "Patients Who Lack Capacity", "NNUH": "Adults Lacking Capacity"},
         "body": [
             "{*=If an adult lacks capacity for the decision, treatment may be given in their best interests "
             "under the Mental Capacity Act 2005, using Form 4.|QEH=Treatment of an adult who lacks capacity "
             "is given in their best interests under the Mental Capacity Act 2005 and recorded on Form 4.}",
             "{*=A relative cannot consent for another adult unless they hold a Lasting Power of Attorney "
             "for health and welfare.|NNUH=Relatives have no authority to consent for an adult, except under a "
             "health and welfare Lasting Power of Attorney.}",
             "{*=Young people aged 16 and 17 are presumed to have capacity to consent; a child under 16 may "
             "consent if judged to have sufficient understanding (Gillick competence).|QEH=A young person of 16 "
             "or 17 is presumed to have capacity, and a child under 16 who is Gillick competent may give "
             "consent.} Seek advice from the safeguarding team on bleep "
             "{{bleep}}.",
         ]},
        {"key": "training", "body": [
            "{JPUH=Staff who take consent complete the consent e-learning module and are signed off by a "
            "consultant.|NNUH=Clinicians taking consent complete consent training and a supervised assessment.|"
            "QEH=Consent training is part of induction for all medical staff.}",
        ]},
        {"key": "monitoring", "body": [
            "{*=An annual audit of consent forms is reported to|NNUH=Consent documentation is audited each "
            "year and the results presented to} the {{committee}}. Queries to {{email}}.",
        ]},
        {"key": "references", "body": [
            "- {JPUH=GMC, Decision making and consent (2020)|NNUH=GMC, Decision making and consent (2020)|"
            "QEH=GMC, Consent: patients and doctors making decisions together (2008)}",
            "- {*=Montgomery v Lanarkshire Health Board [2015] UKSC 11|QEH=Montgomery v Lanarkshire Health "
            "Board (2015)}",
            "- {*=Mental Capacity Act 2005 and Code of Practice|NNUH=Mental Capacity Act 2005}",
        ]},
    ],
    "differences": [
        {"category": "role", "section": "duties",
         "text": {"JPUH": "clinician performing the procedure or by a person trained and able to perform it",
                  "NNUH": "sought by a registrar or consultant", "QEH": "sought by the operating surgeon"},
         "note": "Who may take consent"},
        {"category": "criteria", "section": "information",
         "text": {"JPUH": "told of any material risk", "NNUH": "told of any material risk",
                  "QEH": "told of any risk greater than 1%"},
         "note": "Which risks must be disclosed (QEH uses a pre-Montgomery percentage)"},
        {"category": "negation", "section": "information",
         "text": {"JPUH": "Family members must not act as interpreters",
                  "NNUH": "Family members may act as interpreters",
                  "QEH": "Family members must not act as interpreters"},
         "note": "Use of family members as interpreters"},
        {"category": "duty", "section": "recording",
         "text": {"JPUH": "Written consent is required", "NNUH": "Written consent is required",
                  "QEH": "Written consent is recommended"},
         "note": "Written consent for procedures under anaesthesia: required vs recommended"},
        {"category": "time_limit", "section": "recording-confirm",
         "text": {"JPUH": "more than 3 months have passed", "NNUH": "more than 6 months have passed",
                  "QEH": "more than 3 months have passed"},
         "note": "Interval after which advance consent must be re-signed"},
        {"category": "guidance", "section": "references",
         "text": {"JPUH": "Decision making and consent (2020)", "NNUH": "Decision making and consent (2020)",
                  "QEH": "Consent: patients and doctors making decisions together (2008)"},
         "note": "QEH cites the superseded 2008 GMC guidance"},
    ],
}
