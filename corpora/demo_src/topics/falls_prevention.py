"""Prevention of inpatient falls in adults (three trusts); near miss of post-fall-management."""

TOPIC = {
    "slug": "falls-prevention",
    "group": "falls-prevention",
    "specialty": "Nursing and Patient Safety",
    "near_miss": ["post-fall-management"],
    "docs": {
        "JPUH": {"title": "Prevention of Falls in Adult Inpatients", "type": "Policy", "format": "docx"},
        "NNUH": {"title": "Inpatient Falls Prevention Guideline (Adults)", "type": "Guideline", "format": "pdf"},
        "QEH": {"title": "Falls Risk Assessment and Prevention Procedure", "type": "Procedure", "format": "docx"},
    },
    "sections": [
        {"key": "introduction", "body": [
            "{JPUH=Falls are the most commonly reported patient safety incident in adult inpatient settings.|"
            "NNUH=Inpatient falls are the patient safety incident reported most often in acute hospitals.|"
            "QEH=Falls remain the most frequently reported safety incident on adult wards.} "
            "{*=A fall can cause fracture, head injury, loss of confidence and a longer stay.|NNUH=Harm from "
            "a fall includes hip fracture, intracranial bleeding, fear of falling and delayed discharge.}",
            "{JPUH=This policy describes how the Trust identifies patients at risk and reduces that risk.|"
            "NNUH=This guideline sets out multifactorial risk assessment and intervention.|QEH=This procedure "
            "explains how ward teams assess falls risk and put preventive measures in place.}",
        ]},
        {"key": "scope", "body": [
            "{JPUH=The policy applies to adult inpatients on all wards, including the emergency assessment "
            "areas.|NNUH=It covers all adult patients admitted to a ward or assessment unit.|QEH=It applies to "
            "adults admitted to any inpatient area, including assessment units.} "
            "{*=The management of a patient who has already fallen is set out in the post-fall protocol.|"
            "JPUH=What to do after a fall is covered by the separate post-fall procedure.}",
        ]},
        {"key": "definitions", "body": [
            "- {*=Fall: an unplanned descent to the floor, with or without injury.|NNUH=Fall: any unintentional "
            "event in which a patient comes to rest on the floor or a lower level.}",
            "- {*=Multifactorial risk assessment (MFRA): a structured review of the factors that contribute "
            "to falls.|QEH=MFRA: multifactorial falls risk assessment.}",
            "- {*=Enhanced supervision: continuous or cohort observation of patients at high risk.|JPUH=Enhanced "
            "care: one-to-one or bay-based supervision for those at highest risk.}",
        ]},
        {"key": "duties", "body": [
            "- {*=The nurse in charge ensures every eligible patient has an MFRA and a care plan.|NNUH=Ward "
            "sisters and charge nurses make sure that assessments and care plans are completed.}",
            "- {JPUH=The ward pharmacist reviews medicines that increase falls risk.|NNUH=The ward pharmacist "
            "reviews medicines that increase falls risk.|QEH=The responsible doctor reviews medicines that "
            "increase falls risk.}",
            "- {*=Physiotherapists and occupational therapists assess mobility, footwear and walking aids.|"
            "QEH=Therapy staff assess gait, transfers and walking aids.}",
            "- The falls prevention lead (ext {{ext}}) supports wards and reports themes to the {{committee}}.",
        ]},
        {"key": "risk-assessment",
         "heading": {"*": "Multifactorial Risk Assessment", "NNUH": "Identifying Patients at Risk",
                     "QEH": "Falls Risk Assessment"},
         "body": [
             "{JPUH=Complete a multifactorial risk assessment for every inpatient|NNUH=A multifactorial risk "
             "assessment is required for all patients|QEH=An MFRA must be completed for each patient} "
             "{JPUH=aged 65 and over|NNUH=aged 50 and over|QEH=aged 65 and over}, and for younger adults "
             "whom the clinical team judge to be at higher risk.",
             "{JPUH=The assessment is completed within 6 hours of admission|NNUH=The assessment is completed "
             "within 6 hours of admission|QEH=The assessment is completed within 24 hours of admission} and "
             "repeated after any fall or change in condition.",
             "{*=Do not use a falls risk prediction score to decide who receives an assessment.|NNUH=Falls "
             "risk prediction tools are not used to select patients for assessment.}",
             "- {*=Cognitive impairment, delirium and continence needs|QEH=Confusion, delirium and toileting "
             "needs}",
             "- {*=Medicines, vision and footwear|NNUH=Medication review, eyesight and footwear}",
             "- {*=Mobility and the need for walking aids|JPUH=Gait, balance and walking aids}",
         ],
         "children": [
             {"key": "risk-assessment-bp",
              "heading": {"*": "Lying and Standing Blood Pressure", "NNUH": "Orthostatic Hypotension"},
              "body": [
                  "{*=Measure lying and standing blood pressure for every patient assessed.|NNUH=Lying and "
                  "standing blood pressure is recorded for all patients assessed.} Orthostatic hypotension is "
                  "{JPUH=a fall in systolic pressure of 20 mmHg or more|NNUH=a fall in systolic pressure of "
                  "20 mmHg or more|QEH=a fall in systolic pressure of 30 mmHg or more} within three minutes of "
                  "standing, and should be reported to the medical team.",
              ]},
         ]},
        {"key": "interventions",
         "heading": {"*": "Reducing the Risk", "JPUH": "Individualised Interventions",
                     "QEH": "Preventive Measures"},
         "body": [
             "- {*=Keep the call bell, drink and walking aid within reach.|QEH=Place the call bell, fluids and "
             "walking aid within easy reach.}",
             "- {*=Offer regular toileting and treat constipation.|JPUH=Provide a toileting plan and manage "
             "constipation.}",
             "- {*=Use a low-rise bed and crash mats for patients at high risk.|NNUH=Low beds and crash mats "
             "are used where risk is high.}",
             "- {JPUH=Hip protectors are recommended for patients at high risk.|NNUH=Hip protectors are not "
             "routinely recommended.|QEH=Hip protectors are not routinely recommended.}",
             "{*=Bed rails are used only after a bed rails risk assessment.|NNUH=Bed rails require a "
             "documented bed rails assessment.} Consider enhanced supervision for patients with delirium who "
             "are trying to mobilise; request it through the site team on bleep {{bleep}}.",
         ]},
        {"key": "training", "body": [
            "{JPUH=All registered nurses and healthcare assistants complete falls prevention e-learning at "
            "induction.|NNUH=Falls prevention training is mandatory for nursing staff at induction.|QEH=Nursing and therapy staff complete falls e-learning at induction.} Lying and "
            "standing blood pressure technique is taught on {{ward}} and other wards.",
        ]},
        {"key": "monitoring", "body": [
            "{*=Falls per 1,000 bed days and falls with harm are reported monthly to|NNUH=The rate of falls "
            "per 1,000 bed days is presented each month to} the {{committee}}. {*=Falls causing moderate or "
            "severe harm are reviewed using the patient safety incident response framework.|QEH=Each fall "
            "with moderate harm or worse receives a learning response.} Contact {{email}}.",
        ]},
        {"key": "references", "body": [
            "- {JPUH=NICE CG161 (2013)|NNUH=NICE NG249 (2025)|QEH=NICE CG161 (2013)}: falls in older people, "
            "assessment and prevention",
            "- {*=Royal College of Physicians, National Audit of Inpatient Falls|QEH=RCP National Audit of "
            "Inpatient Falls report}",
            "- {*=MHRA guidance on the safe use of bed rails|NNUH=MHRA, Safe use of bed rails}",
        ]},
    ],
    "differences": [
        {"category": "age_weight", "section": "risk-assessment",
         "text": {"JPUH": "aged 65 and over", "NNUH": "aged 50 and over", "QEH": "aged 65 and over"},
         "note": "Age from which every inpatient receives a multifactorial risk assessment"},
        {"category": "time_limit", "section": "risk-assessment",
         "text": {"JPUH": "within 6 hours of admission", "NNUH": "within 6 hours of admission",
                  "QEH": "within 24 hours of admission"},
         "note": "Deadline for completing the falls risk assessment"},
        {"category": "threshold", "section": "risk-assessment-bp",
         "text": {"JPUH": "fall in systolic pressure of 20 mmHg or more",
                  "NNUH": "fall in systolic pressure of 20 mmHg or more",
                  "QEH": "fall in systolic pressure of 30 mmHg or more"},
         "note": "Definition of orthostatic hypotension"},
        {"category": "role", "section": "duties",
         "text": {"JPUH": "The ward pharmacist reviews medicines", "NNUH": "The ward pharmacist reviews medicines",
                  "QEH": "The responsible doctor reviews medicines"},
         "note": "Who reviews falls-risk medicines"},
        {"category": "negation", "section": "interventions",
         "text": {"JPUH": "Hip protectors are recommended", "NNUH": "Hip protectors are not routinely recommended",
                  "QEH": "Hip protectors are not routinely recommended"},
         "note": "Hip protectors recommended vs not"},
        {"category": "guidance", "section": "references",
         "text": {"JPUH": "NICE CG161 (2013)", "NNUH": "NICE NG249 (2025)", "QEH": "NICE CG161 (2013)"},
         "note": "NNUH cites the 2025 NICE falls guideline that replaced CG161"},
    ],
}
