# ruff: noqa: E501  (prose data: long strings are clearer unwrapped)
TOPIC = {
    "slug": "pressure-ulcers",
    "group": "pressure-ulcers",
    "specialty": "Nursing and Patient Safety",
    "docs": {
        "JPUH": {"title": "Prevention and Management of Pressure Ulcers", "type": "Policy", "format": "doc"},
        "NNUH": {
            "title": "Pressure Ulcer Prevention and Management Guideline (Adults)",
            "type": "Guideline",
            "format": "pdf",
        },
    },
    "sections": [
        {
            "key": "introduction",
            "body": [
                "{JPUH=Pressure ulcers cause pain, infection and longer stays, and most are avoidable.|NNUH=Pressure "
                "ulcers are largely preventable harms that cause pain, delay recovery and increase the risk of "
                "infection.}",
                "{JPUH=Preventing them depends on early risk assessment and simple, consistent care.|NNUH=Early "
                "identification of risk and consistent preventive care are the most effective measures.}",
            ],
        },
        {
            "key": "purpose",
            "body": [
                "{JPUH=This policy describes how pressure ulcer risk is assessed and how pressure ulcers are prevented, "
                "categorised, treated and reported at {{hospital}}.|NNUH=To set out the expected standard of pressure "
                "ulcer prevention, assessment and management for adults at {{hospital}}.}",
            ],
        },
        {
            "key": "scope",
            "body": [
                "{JPUH=The policy applies to all adult inpatients and to the staff who care for them.|NNUH=This "
                "guideline covers all adult inpatients and the registered and unregistered staff caring for them.} "
                "Children are covered by the paediatric skin integrity guideline.",
            ],
        },
        {
            "key": "definitions",
            "body": [
                "- Pressure ulcer: localised damage to the skin and underlying tissue, usually over a bony "
                "prominence, caused by pressure or pressure with shear.",
                "- {JPUH=Categories 1 to 4|NNUH=Category 1 to Category 4}: increasing depth of tissue damage, from "
                "non-blanching redness to full-thickness loss exposing bone, tendon or muscle.",
                "- {JPUH=Unstageable and deep tissue injury|NNUH=Unstageable / suspected deep tissue injury}: damage "
                "whose depth cannot yet be seen.",
                "- SSKIN: Surface, Skin inspection, Keep moving, Incontinence and moisture, Nutrition.",
            ],
        },
        {
            "key": "duties",
            "body": [
                "- {JPUH=Ward managers ensure risk assessments are done and equipment is available.|NNUH=Ward and "
                "department managers are responsible for ensuring that assessments are completed and equipment is "
                "available.}",
                "- {JPUH=Registered nurses assess risk, plan care and document it.|NNUH=Registered nurses complete "
                "the risk assessment and a care plan.}",
                "- {JPUH=The tissue viability team, on extension {{ext}}, gives specialist advice and training.|NNUH="
                "The tissue viability team (extension {{ext}}, {{email}}) provides specialist advice, education and "
                "equipment guidance.}",
            ],
        },
        {
            "key": "risk-assessment",
            "heading": {"JPUH": "Risk Assessment", "NNUH": "Assessment of Risk"},
            "body": [
                "{JPUH=Every adult is assessed using the Waterlow score|NNUH=Every adult is assessed using PURPOSE-T} "
                "{JPUH=within 6 hours of admission|NNUH=within 4 hours of admission} and again on transfer, after "
                "surgery and whenever their condition changes.",
                "{JPUH=A Waterlow score of 10 or more means the patient is at risk and needs a prevention care "
                "plan.|NNUH=A patient allocated to the secondary prevention pathway needs a prevention care plan "
                "and skin inspection at every repositioning.}",
                "{JPUH=Clinical judgement overrides the score where the two disagree.|NNUH=The tool supports, and "
                "does not replace, clinical judgement.}",
            ],
        },
        {
            "key": "prevention",
            "heading": {"JPUH": "Prevention", "NNUH": "Preventive Care (SSKIN)"},
            "body": [
                "- {JPUH=Patients at high risk are repositioned at least every 4 hours|NNUH=Patients at high risk "
                "are repositioned at least every 2 hours}, and others at least every 6 hours.",
                "- {JPUH=Inspect the skin at each repositioning, paying attention to heels and sacrum.|NNUH=Check "
                "the skin over heels, sacrum, hips and under devices at each position change.}",
                "- {JPUH=Do not massage or rub pressure areas.|NNUH=Gently massage pressure areas to promote "
                "circulation.}",
                "- {JPUH=Provide a high-specification foam mattress; request a dynamic mattress for category 3 or "
                "worse.|NNUH=A high-specification foam mattress is the minimum; order dynamic equipment through the "
                "equipment library.}",
                "- {JPUH=Manage moisture and refer for a dietetic assessment if nutrition is poor.|NNUH=Treat "
                "moisture and incontinence promptly and refer to the dietitian where intake is poor.}",
            ],
        },
        {
            "key": "management",
            "heading": {"JPUH": "Management of Pressure Ulcers", "NNUH": "Treatment"},
            "body": [
                "{JPUH=Every pressure ulcer is categorised, measured and photographed if category 2 or above|NNUH="
                "Ulcers are categorised and measured, and photographed if category 3 or above}, with consent.",
                "{JPUH=Category 3, 4 and unstageable ulcers are referred to the tissue viability nurse within 24 "
                "hours of identification.|NNUH=Category 3, 4 and unstageable ulcers are referred to the tissue "
                "viability team within 48 hours of identification.}",
                "{JPUH=Dressings are chosen from the wound care formulary.|NNUH=Select dressings from the trust "
                "wound formulary.}",
            ],
        },
        {
            "key": "reporting",
            "heading": {"JPUH": "Incident Reporting", "NNUH": "Reporting and Safeguarding"},
            "body": [
                "{JPUH=Every category 2 or worse pressure ulcer must be reported on the incident reporting "
                "system.|NNUH=All pressure ulcers of category 2 or above must be reported on the incident reporting "
                "system.}",
                "{JPUH=Where neglect is suspected, follow the adult safeguarding policy.|NNUH=Consider a "
                "safeguarding referral where omission of care may have contributed.}",
            ],
        },
        {
            "key": "training",
            "body": [
                "{JPUH=Registered nurses and healthcare assistants complete pressure ulcer prevention training on "
                "induction and every two years.|NNUH=Pressure ulcer prevention training is part of essential "
                "training for nursing staff, refreshed every two years.}",
            ],
        },
        {
            "key": "monitoring",
            "body": [
                {
                    "table": [
                        ["What", "How", "When", "Reported to"],
                        [
                            "Risk assessment completed on time",
                            "Monthly nursing quality audit",
                            "Monthly",
                            "{{committee}}",
                        ],
                        ["Hospital-acquired pressure ulcers", "Incident data", "Quarterly", "{{committee}}"],
                    ]
                },
            ],
        },
        {
            "key": "references",
            "body": [
                "- {JPUH=NICE CG179 (2014)|NNUH=NICE CG179 (2014) and NICE QS89 (2015)}: Pressure ulcers: "
                "prevention and management.",
                "- NHS Improvement. Pressure ulcers: revised definition and measurement. 2018.",
            ],
        },
    ],
    # Differences across the whole group: QEH's phrases are in its two split documents
    # (pressure-ulcer-prevention and pressure-ulcer-management).
    "differences": [
        {
            "category": "drug",
            "section": "risk-assessment",
            "text": {
                "JPUH": "assessed using the Waterlow score",
                "NNUH": "assessed using PURPOSE-T",
                "QEH": "assessed using the Waterlow score",
            },
            "note": "which risk assessment tool",
        },
        {
            "category": "time_limit",
            "section": "risk-assessment",
            "text": {
                "JPUH": "within 6 hours of admission",
                "NNUH": "within 4 hours of admission",
                "QEH": "within 6 hours of admission",
            },
            "note": "time to first risk assessment",
        },
        {
            "category": "threshold",
            "section": "risk-assessment",
            "text": {
                "JPUH": "Waterlow score of 10 or more",
                "NNUH": "secondary prevention pathway",
                "QEH": "Waterlow score of 15 or more",
            },
            "note": "threshold for a prevention care plan",
        },
        {
            "category": "frequency",
            "section": "prevention",
            "text": {
                "JPUH": "repositioned at least every 4 hours",
                "NNUH": "repositioned at least every 2 hours",
                "QEH": "repositioned at least every 4 hours",
            },
            "note": "repositioning of high-risk patients",
        },
        {
            "category": "negation",
            "section": "prevention",
            "text": {
                "JPUH": "Do not massage or rub pressure areas",
                "NNUH": "Gently massage pressure areas",
                "QEH": "Do not massage or rub pressure areas",
            },
            "note": "massage of pressure areas (contraindicated by NICE)",
        },
        {
            "category": "criteria",
            "section": "management",
            "text": {
                "JPUH": "photographed if category 2 or above",
                "NNUH": "photographed if category 3 or above",
                "QEH": "photographed if category 2 or above",
            },
            "note": "which ulcers are photographed",
        },
        {
            "category": "role",
            "section": "management",
            "text": {
                "JPUH": "referred to the tissue viability nurse",
                "NNUH": "referred to the tissue viability team",
                "QEH": "reviewed by the ward manager",
            },
            "note": "who severe ulcers go to",
        },
        {
            "category": "time_limit",
            "section": "management",
            "text": {
                "JPUH": "within 24 hours of identification",
                "NNUH": "within 48 hours of identification",
                "QEH": "within 24 hours of identification",
            },
            "note": "time to specialist referral",
        },
        {
            "category": "duty",
            "section": "reporting",
            "text": {
                "JPUH": "must be reported on the incident reporting system",
                "NNUH": "must be reported on the incident reporting system",
                "QEH": "should be reported on the incident reporting system",
            },
            "note": "incident reporting: must vs should",
        },
        {
            "category": "guidance",
            "section": "references",
            "text": {
                "JPUH": "NICE CG179 (2014)",
                "NNUH": "NICE CG179 (2014) and NICE QS89 (2015)",
                "QEH": "International Guideline (2019)",
            },
            "note": "guidance cited",
        },
    ],
}
