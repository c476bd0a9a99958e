# ruff: noqa: E501  (prose data: long strings are clearer unwrapped)
# Second half of QEH's split pressure ulcer documents (see pressure_ulcer_prevention.py).
TOPIC = {
    "slug": "pressure-ulcer-management",
    "group": "pressure-ulcers",
    "specialty": "Nursing and Patient Safety",
    "docs": {
        "QEH": {
            "title": "Pressure Ulcer Management and Reporting Procedure",
            "type": "Procedure",
            "format": "pdf",
        },
    },
    "sections": [
        {
            "key": "introduction",
            "body": [
                "This procedure covers the assessment, treatment and reporting of pressure ulcers once they have "
                "developed. Prevention is covered by the Pressure Ulcer Prevention Procedure.",
            ],
        },
        {
            "key": "purpose",
            "body": [
                "To ensure that pressure ulcers at {{hospital}} are correctly categorised, treated, referred and "
                "reported.",
            ],
        },
        {
            "key": "scope",
            "body": [
                "All adult inpatients with a pressure ulcer, whether present on admission or acquired in hospital.",
            ],
        },
        {
            "key": "definitions",
            "body": [
                "- Category 1: intact skin with non-blanching redness.",
                "- Category 2: partial-thickness skin loss, such as a shallow open ulcer or blister.",
                "- Category 3: full-thickness skin loss; fat may be visible.",
                "- Category 4: full-thickness tissue loss with exposed bone, tendon or muscle.",
                "- Unstageable: full-thickness loss with the base covered by slough or eschar.",
            ],
        },
        {
            "key": "duties",
            "body": [
                "- The nurse in charge categorises new ulcers and starts the wound care plan.",
                "- The ward manager reviews every category 3, 4 and unstageable ulcer.",
                "- The tissue viability nurse ({{email}}) advises on complex wounds.",
            ],
        },
        {
            "key": "assessment",
            "heading": "Assessment and Categorisation",
            "body": [
                "Categorise every ulcer using the international classification and record its size, depth and "
                "wound bed.",
                "Ulcers are photographed if category 2 or above, with the patient's consent, and the image is "
                "stored in the electronic record.",
            ],
        },
        {
            "key": "treatment",
            "heading": "Treatment",
            "body": [
                "- Choose dressings from the wound care formulary and document the plan.",
                "- Reassess the wound at each dressing change and at least weekly.",
                "- Refer for dietetic review when nutritional intake is poor.",
            ],
        },
        {
            "key": "referral",
            "heading": "Referral",
            "body": [
                "Category 3, 4 and unstageable ulcers are reviewed by the ward manager, who refers to tissue "
                "viability within 24 hours of identification.",
            ],
        },
        {
            "key": "reporting",
            "heading": "Incident Reporting and Safeguarding",
            "body": [
                "Pressure ulcers of category 2 or above should be reported on the incident reporting system.",
                "Consider a safeguarding concern where neglect may have contributed.",
            ],
        },
        {
            "key": "training",
            "body": [
                "Wound assessment training is part of the nursing essential skills programme.",
            ],
        },
        {
            "key": "monitoring",
            "body": [
                "Hospital-acquired pressure ulcers are reviewed monthly and reported to the {{committee}}.",
            ],
        },
        {
            "key": "references",
            "body": [
                "- EPUAP/NPIAP/PPPIA. Prevention and Treatment of Pressure Ulcers/Injuries: Clinical Practice "
                "International Guideline (2019).",
                "- NHS Improvement. Pressure ulcers: revised definition and measurement. 2018.",
            ],
        },
    ],
    "differences": [],
}
