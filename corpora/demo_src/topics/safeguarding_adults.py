"""Safeguarding adults at risk of abuse or neglect (Care Act 2014; all three trusts)."""

TOPIC = {
    "slug": "safeguarding-adults",
    "group": "safeguarding-adults",
    "specialty": "Safeguarding",
    "docs": {
        "JPUH": {"title": "Safeguarding Adults Policy", "type": "Policy", "format": "pdf"},
        "NNUH": {"title": "Safeguarding Adults at Risk Policy", "type": "Policy", "format": "docx"},
        "QEH": {"title": "Adult Safeguarding Policy and Procedure", "type": "Policy", "format": "docx"},
    },
    "sections": [
        {"key": "introduction", "body": [
            "{JPUH=Everyone has the right to live free from abuse and neglect.|NNUH=All adults have the "
            "right to live their lives free from abuse, harm and neglect.|QEH=Adults have a right to be safe "
            "from abuse and neglect.} {*=Safeguarding is everybody's business.|QEH=Protecting them is the "
            "responsibility of every member of staff.}",
            "{JPUH=The Care Act 2014 places a statutory duty on the local authority to make enquiries where "
            "an adult may be at risk, and on the trust to cooperate.|NNUH=Under the Care Act 2014 the local "
            "authority leads safeguarding enquiries, and NHS organisations must cooperate with them.|QEH=The "
            "Care Act 2014 makes the local authority responsible for safeguarding enquiries, with the trust "
            "as a partner.}",
        ]},
        {"key": "scope", "body": [
            "{*=This policy applies to all staff, volunteers and contractors|NNUH=All staff, including "
            "volunteers and contractors, must follow this policy} at {{hospital}}{*=. It covers patients and "
            "visitors|NNUH=, which covers patients and visitors} {*=aged 18 and over|QEH=aged 16 and over}.",
            "{*=Children are covered by the safeguarding children policy.|QEH=Young people aged 16 and 17 "
            "are also covered by the safeguarding children policy.}",
        ]},
        {"key": "definitions", "body": [
            "- {*=Adult at risk: an adult who has care and support needs, is experiencing or at risk of "
            "abuse or neglect, and because of those needs cannot protect themselves.|NNUH=Adult at risk: a "
            "person with care and support needs who is experiencing, or at risk of, abuse or neglect and is "
            "unable to protect themselves from it (Care Act 2014, section 42).}",
            "- {*=Section 42 enquiry: the enquiry made by, or caused to be made by, the local authority.|"
            "JPUH=Section 42 enquiry: the local authority's statutory enquiry into a safeguarding concern.}",
        ]},
        {"key": "duties", "body": [
            "{JPUH=The Chief Nurse is the executive lead for safeguarding.|NNUH=The Director of Nursing is "
            "the executive lead for safeguarding adults.|QEH=Executive responsibility rests with the Chief "
            "Nurse.}",
            "{*=The Safeguarding Adults Team gives advice and support and can be contacted on extension|"
            "QEH=Advice is available from the Safeguarding Team on extension} {{ext}} or at {{email}}.",
            "{*=All staff must report concerns without delay.|NNUH=Every member of staff has a duty to raise "
            "a concern promptly.}",
        ]},
        {"key": "abuse", "heading": {"*": "Types of Abuse", "NNUH": "Recognising Abuse and Neglect",
                                     "QEH": "Categories of Abuse"},
         "body": [
            "{*=The Care Act statutory guidance describes the following types of abuse:|QEH=Abuse can take "
            "many forms, including:}",
            "- {*=physical, sexual and psychological or emotional abuse;|JPUH=physical, sexual, "
            "psychological and emotional abuse;}",
            "- {*=financial or material abuse, and modern slavery;|NNUH=financial abuse and modern slavery;}",
            "- {*=discriminatory and organisational abuse;|QEH=discriminatory abuse and organisational "
            "abuse;}",
            "- {*=neglect, acts of omission and self-neglect;|NNUH=neglect and acts of omission, including "
            "self-neglect;}",
            "- {*=domestic abuse, including coercive control.|JPUH=domestic abuse and coercive or "
            "controlling behaviour.}",
         ]},
        {"key": "responding", "heading": {"*": "Responding to a Concern", "JPUH": "Raising a Concern",
                                          "QEH": "What to Do if You Are Concerned"},
         "body": [
            "- {*=Make sure the adult is safe and get medical help if needed.|NNUH=Take immediate action to "
            "make the person safe and treat any injury.}",
            "- {*=Listen, and do not question the adult in detail or investigate.|QEH=Listen carefully; do "
            "not investigate or ask leading questions.}",
            "- {*=Preserve evidence and call the police if a crime may have been committed.|JPUH=If a crime "
            "is suspected, preserve evidence and contact the police.}",
            "- {*=Inform the nurse in charge and record the concern factually.|NNUH=Tell the person in "
            "charge and make a factual record.}",
            "{JPUH=Ward staff do not photograph injuries|NNUH=Ward staff photograph injuries with "
            "consent|QEH=Ward staff do not photograph injuries}{*=; describe them on a body map.|NNUH=, "
            "using a trust device, and also complete a body map.}",
         ]},
        {"key": "referral", "heading": {"*": "Making a Referral", "NNUH": "Referral to the Local Authority"},
         "body": [
            "{JPUH=Referrals are made by the member of staff who identifies the concern|NNUH=Referrals are "
            "made by the member of staff who identifies the concern|QEH=Referrals are made by the "
            "Safeguarding Team}{*=, with advice from the Safeguarding Team if needed.|QEH= after discussion "
            "with the member of staff who raised the concern.}",
            "{*=The referral is sent to the local authority|NNUH=Send the referral to Norfolk adult social "
            "care} {JPUH=within 24 hours of the concern being raised|NNUH=within 24 hours of the concern "
            "being raised|QEH=within 48 hours of the concern being raised}{*=.|JPUH=, using the multi-agency "
            "form.}",
            "{*=Seek the adult's consent and views, in line with Making Safeguarding Personal.|QEH=Ask the "
            "adult what outcome they want (Making Safeguarding Personal).}",
            "{*=A referral may be made without consent where others are at risk, a crime has been committed "
            "or the adult lacks capacity.|NNUH=Consent is not needed if other people are at risk, a crime is "
            "suspected or the person lacks capacity to consent.}",
         ]},
        {"key": "allegations", "heading": {"*": "Allegations Against Staff",
                                           "QEH": "Concerns About a Member of Staff"},
         "only": ["JPUH", "QEH"],
         "body": [
            "{*=Concerns about a member of staff are reported to the line manager and the Safeguarding Team, "
            "and the human resources process is followed.|QEH=Report concerns about a colleague to your "
            "manager and the Safeguarding Team; the disciplinary procedure may apply.}",
         ]},
        {"key": "training", "body": [
            "{JPUH=Level 3 adult safeguarding training is required for all registered clinical staff|"
            "NNUH=Level 3 adult safeguarding training is required for all registered clinical staff|"
            "QEH=Level 3 adult safeguarding training is recommended for all registered clinical staff}"
            "{*=, in line with the intercollegiate document.|NNUH=, as set out in the intercollegiate "
            "document.}",
            "{*=All other staff complete level 1 or level 2 training.|QEH=Non-registered staff complete "
            "level 1 or 2.}",
        ]},
        {"key": "references", "body": [
            "- {*=Care Act 2014 and the Care and support statutory guidance.|JPUH=Care Act 2014; Care and "
            "support statutory guidance, chapter 14.}",
            "- {JPUH=Adult Safeguarding: Roles and Competencies for Health Care Staff (2018)|NNUH=Adult "
            "Safeguarding: Roles and Competencies for Health Care Staff (2024)|QEH=Adult Safeguarding: Roles "
            "and Competencies for Health Care Staff (2018)}.",
            "- {*=Mental Capacity Act 2005.|QEH=Mental Capacity Act 2005 and its Code of Practice.}",
        ]},
    ],
    "differences": [
        {"category": "age_weight", "section": "scope",
         "text": {"JPUH": "aged 18 and over", "NNUH": "aged 18 and over", "QEH": "aged 16 and over"},
         "note": "age from which the adult policy applies"},
        {"category": "negation", "section": "responding",
         "text": {"JPUH": "Ward staff do not photograph injuries",
                  "NNUH": "Ward staff photograph injuries with consent",
                  "QEH": "Ward staff do not photograph injuries"},
         "note": "photographing injuries on the ward"},
        {"category": "role", "section": "referral",
         "text": {"JPUH": "Referrals are made by the member of staff who identifies the concern",
                  "NNUH": "Referrals are made by the member of staff who identifies the concern",
                  "QEH": "Referrals are made by the Safeguarding Team"},
         "note": "who makes the referral to the local authority"},
        {"category": "time_limit", "section": "referral",
         "text": {"JPUH": "within 24 hours of the concern being raised",
                  "NNUH": "within 24 hours of the concern being raised",
                  "QEH": "within 48 hours of the concern being raised"},
         "note": "time to refer to the local authority"},
        {"category": "duty", "section": "training",
         "text": {"JPUH": "Level 3 adult safeguarding training is required",
                  "NNUH": "Level 3 adult safeguarding training is required",
                  "QEH": "Level 3 adult safeguarding training is recommended"},
         "note": "level 3 training for registered clinical staff"},
        {"category": "guidance", "section": "references",
         "text": {"JPUH": "Roles and Competencies for Health Care Staff (2018)",
                  "NNUH": "Roles and Competencies for Health Care Staff (2024)",
                  "QEH": "Roles and Competencies for Health Care Staff (2018)"},
         "note": "edition of the intercollegiate document cited"},
    ],
}
