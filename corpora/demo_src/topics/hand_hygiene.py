"""Hand hygiene for healthcare workers (three trusts; NNUH's is a two-column PDF)."""

TOPIC = {
    "slug": "hand-hygiene",
    "group": "hand-hygiene",
    "specialty": "Infection Prevention and Control",
    "docs": {
        "JPUH": {"title": "Hand Hygiene Policy", "type": "Policy", "format": "docx"},
        "NNUH": {"title": "Hand Hygiene and Bare Below the Elbows", "type": "Policy", "format": "pdf-2col"},
        "QEH": {"title": "Hand Decontamination Procedure", "type": "Procedure", "format": "docx"},
    },
    "sections": [
        {"key": "introduction", "body": [
            "{JPUH=Hand hygiene is the single most important measure for preventing healthcare-associated "
            "infection.|NNUH=Clean hands remain the most effective way to stop the spread of infection between "
            "patients.|QEH=Effective hand decontamination is the foundation of infection prevention and control.}",
            "{*=Contaminated hands of staff carry organisms such as MRSA, C. difficile and norovirus between "
            "patients and the environment.|QEH=Micro-organisms including MRSA, C. difficile and norovirus are "
            "readily transferred on the hands of staff.}",
        ]},
        {"key": "scope", "body": [
            "{JPUH=This policy applies to everyone who works at the hospital, including volunteers and "
            "contractors who enter clinical areas.|NNUH=All staff, students, volunteers and contractors "
            "working in clinical areas must follow it.|QEH=This procedure applies to all staff and visitors "
            "who have contact with patients or their surroundings.} It covers all inpatient, outpatient and "
            "community settings of {{hospital}}.",
        ]},
        {"key": "duties", "body": [
            "- {*=Ward and department managers ensure that handrub, soap and paper towels are available at "
            "the point of care.|NNUH=Managers make sure hand hygiene products are available at every point of "
            "care.}",
            "- {*=Every member of staff is responsible for their own hand hygiene and may challenge others "
            "who do not comply.|QEH=All staff must decontaminate their hands correctly and are empowered to "
            "challenge colleagues.}",
            "- The infection prevention and control team (bleep {{bleep}}) provides advice and training.",
        ]},
        {"key": "moments",
         "heading": {"*": "When to Clean Hands", "NNUH": "The Five Moments", "QEH": "Indications for Hand "
                     "Decontamination"},
         "body": [
             "{*=Follow the WHO five moments for hand hygiene:|QEH=Hands are decontaminated at each of the five "
             "moments:}",
             "- {*=before touching a patient|NNUH=before patient contact}",
             "- {*=before a clean or aseptic procedure|QEH=before any aseptic task}",
             "- {*=after exposure to body fluids|NNUH=after a body fluid exposure risk}",
             "- {*=after touching a patient|QEH=after patient contact}",
             "- {*=after touching the patient's surroundings|NNUH=after contact with patient surroundings}",
             "Patients {JPUH=must be offered|NNUH=should be offered|QEH=should be offered} the chance to "
             "clean their hands before meals and after using the toilet.",
         ]},
        {"key": "technique",
         "heading": {"*": "Hand Hygiene Technique", "QEH": "Method"},
         "body": [
             "{*=Alcohol handrub is the method of choice for hands that are not visibly soiled.|NNUH=Use "
             "alcohol-based handrub unless hands are visibly dirty.}",
             "{JPUH=Use liquid soap and water when hands are visibly soiled and when caring for patients with "
             "suspected or confirmed C. difficile or norovirus|NNUH=Use liquid soap and water when hands are "
             "visibly soiled and when caring for patients with suspected or confirmed C. difficile or "
             "norovirus|QEH=Wash with liquid soap and water when hands are visibly soiled and when caring for "
             "patients with C. difficile (suspected or confirmed)}, because alcohol does not kill spores.",
             "{*=Rub handrub over all surfaces of the hands for 20 to 30 seconds until dry.|QEH=Apply enough "
             "handrub to cover all surfaces and rub for 20 to 30 seconds until the hands are dry.}",
             "{*=Gloves are not a substitute for hand hygiene: clean your hands before putting gloves on and "
             "after taking them off.|NNUH=Wearing gloves does not replace hand hygiene, which is needed before "
             "donning and after removing gloves.}",
         ],
         "children": [
             {"key": "technique-wash",
              "heading": {"*": "Handwashing", "NNUH": "Soap and Water"},
              "body": [
                  "{*=Wet hands, apply soap, rub all surfaces using the six-step technique for|QEH=Wet the "
                  "hands, apply liquid soap and wash all surfaces of the hands for} {JPUH=40 to 60 seconds|"
                  "NNUH=40 to 60 seconds|QEH=at least 20 seconds}, {*=then rinse and dry thoroughly with "
                  "paper towels.|NNUH=rinse, and pat dry with disposable paper towels.}",
              ]},
             {"key": "technique-surgical",
              "heading": {"*": "Surgical Hand Antisepsis", "QEH": "Surgical Scrub"},
              "body": [
                  "{*=Before surgical and invasive procedures in theatre, perform surgical hand antisepsis "
                  "with|NNUH=Theatre staff perform surgical hand antisepsis using} {JPUH=chlorhexidine "
                  "gluconate 4%|NNUH=an alcohol-based surgical handrub|QEH=chlorhexidine gluconate 4%} "
                  "{*=according to the manufacturer's instructions.|QEH=following the theatre scrub procedure.}",
              ]},
         ]},
        {"key": "bare-below-elbows",
         "heading": {"*": "Bare Below the Elbows", "QEH": "Dress Code in Clinical Areas"},
         "body": [
             "{*=In clinical areas staff keep forearms bare, remove wrist watches and wear no jewellery other "
             "than a plain band.|NNUH=Staff in clinical areas must be bare below the elbows: short sleeves, no "
             "wrist watch, and only a plain ring.}",
             "{JPUH=Artificial nails and nail varnish must not be worn|NNUH=Nail varnish may be worn if it is "
             "intact|QEH=Artificial nails and nail varnish must not be worn}; {*=nails are kept short and "
             "clean.|QEH=fingernails are short and clean.}",
         ]},
        {"key": "skin-care",
         "heading": {"*": "Skin Care", "QEH": "Protecting the Skin"},
         "only": ["JPUH", "QEH"],
         "body": [
             "{*=Apply the hand cream provided at the end of each shift and report skin problems to "
             "Occupational Health.|QEH=Use the emollient supplied regularly and seek Occupational Health "
             "advice for dermatitis.}",
         ]},
        {"key": "training", "body": [
            "{JPUH=All staff complete hand hygiene training at induction and then annually.|NNUH=Hand hygiene "
            "forms part of annual mandatory infection prevention training.|QEH=Staff receive hand hygiene "
            "training at induction and every year after.} Link practitioners on {{ward}} and other areas "
            "provide practical assessment.",
        ]},
        {"key": "monitoring", "body": [
            "{*=Monthly observational audits of the five moments are reported to|NNUH=Results of monthly "
            "hand hygiene observation audits are presented to} the {{committee}}. {*=Contact|QEH=Enquiries to} "
            "{{email}} or ext {{ext}}.",
        ]},
        {"key": "references", "body": [
            "- {JPUH=National Infection Prevention and Control Manual for England (2023)|NNUH=National "
            "Infection Prevention and Control Manual for England (2023)|QEH=NICE CG139 (2012)}",
            "- {*=WHO Guidelines on Hand Hygiene in Health Care (2009)|NNUH=World Health Organization, "
            "Guidelines on Hand Hygiene in Health Care, 2009}",
            "- {*=Health and Social Care Act 2008: Code of Practice on the prevention and control of "
            "infections|QEH=The Health and Social Care Act 2008 Code of Practice}",
        ]},
    ],
    "differences": [
        {"category": "duty", "section": "moments",
         "text": {"JPUH": "must be offered", "NNUH": "should be offered", "QEH": "should be offered"},
         "note": "Offering patients hand hygiene: required vs recommended"},
        {"category": "criteria", "section": "technique",
         "text": {"JPUH": "patients with suspected or confirmed C. difficile or norovirus",
                  "NNUH": "patients with suspected or confirmed C. difficile or norovirus",
                  "QEH": "patients with C. difficile (suspected or confirmed)"},
         "note": "Infections requiring soap and water rather than handrub (QEH omits norovirus)"},
        {"category": "time_limit", "section": "technique-wash",
         "text": {"JPUH": "40 to 60 seconds", "NNUH": "40 to 60 seconds", "QEH": "at least 20 seconds"},
         "note": "Duration of a handwash"},
        {"category": "drug", "section": "technique-surgical",
         "text": {"JPUH": "chlorhexidine gluconate 4%", "NNUH": "an alcohol-based surgical handrub",
                  "QEH": "chlorhexidine gluconate 4%"},
         "note": "Agent for surgical hand antisepsis"},
        {"category": "negation", "section": "bare-below-elbows",
         "text": {"JPUH": "nail varnish must not be worn", "NNUH": "Nail varnish may be worn",
                  "QEH": "nail varnish must not be worn"},
         "note": "Nail varnish in clinical areas"},
        {"category": "guidance", "section": "references",
         "text": {"JPUH": "National Infection Prevention and Control Manual for England (2023)",
                  "NNUH": "National Infection Prevention and Control Manual for England (2023)",
                  "QEH": "NICE CG139 (2012)"},
         "note": "Which national guidance is cited"},
    ],
}
