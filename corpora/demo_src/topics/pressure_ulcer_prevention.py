# ruff: noqa: E501  (prose data: long strings are clearer unwrapped)
# QEH keeps pressure ulcer prevention and management in two documents; JPUH and NNUH keep one
# (pressure_ulcers.py). Both halves are in group "pressure-ulcers"; the group's planted differences are
# listed once, in pressure_ulcers.py.
TOPIC = {
    "slug": "pressure-ulcer-prevention",
    "group": "pressure-ulcers",
    "specialty": "Nursing and Patient Safety",
    "docs": {
        "QEH": {"title": "Pressure Ulcer Prevention Procedure", "type": "Procedure", "format": "docx"},
    },
    "sections": [
        {
            "key": "introduction",
            "body": [
                "Most pressure ulcers that develop in hospital can be prevented. This procedure covers risk "
                "assessment and preventive care; treatment of established ulcers is in the Pressure Ulcer "
                "Management Procedure.",
            ],
        },
        {
            "key": "purpose",
            "body": [
                "To make sure every adult inpatient at {{hospital}} has their pressure ulcer risk assessed and a "
                "prevention plan that matches that risk.",
            ],
        },
        {
            "key": "scope",
            "body": [
                "All adult inpatients on every ward, and all nursing, medical and therapy staff caring for them.",
            ],
        },
        {
            "key": "definitions",
            "body": [
                "- Pressure ulcer: damage to skin and deeper tissue caused by pressure, or pressure combined with "
                "shear, usually over a bony prominence.",
                "- SSKIN bundle: Surface, Skin inspection, Keep moving, Incontinence, Nutrition.",
                "- Dynamic support surface: a mattress that changes the pressure under the body.",
            ],
        },
        {
            "key": "duties",
            "body": [
                "- Ward sisters and charge nurses make sure assessments are completed and audited.",
                "- Registered nurses complete the assessment and the SSKIN care plan.",
                "- Healthcare assistants reposition patients, inspect skin and report any change.",
                "- The tissue viability service on extension {{ext}} advises on equipment.",
            ],
        },
        {
            "key": "risk-assessment",
            "heading": "Risk Assessment",
            "body": [
                "Every adult is assessed using the Waterlow score within 6 hours of admission to {{ward}} or any "
                "other ward, and repeated weekly and whenever their condition changes.",
                "A Waterlow score of 15 or more places the patient at high risk; start the SSKIN care plan.",
                "Record the score and the plan in the nursing record.",
            ],
        },
        {
            "key": "skin-care",
            "heading": "Skin Inspection and Skin Care",
            "body": [
                "- Inspect heels, sacrum, buttocks, hips, ears and skin under medical devices at every position "
                "change.",
                "- Do not massage or rub pressure areas.",
                "- Cleanse promptly after incontinence and use a barrier product where the skin is at risk.",
            ],
        },
        {
            "key": "repositioning",
            "heading": "Repositioning and Equipment",
            "body": [
                "High-risk patients are repositioned at least every 4 hours, and others at least every 6 hours, "
                "using the 30-degree tilt where tolerated.",
                "A high-specification foam mattress is used for every at-risk patient. Request a dynamic mattress "
                "from the equipment library for patients who cannot be repositioned.",
                "Offload heels with a pillow or heel device for any patient confined to bed.",
            ],
        },
        {
            "key": "training",
            "body": [
                "Pressure ulcer prevention training is completed at induction and every two years by nursing staff.",
            ],
        },
        {
            "key": "monitoring",
            "body": [
                "Compliance with risk assessment and the SSKIN bundle is audited monthly on each ward and reported "
                "to the {{committee}}.",
            ],
        },
        {
            "key": "references",
            "body": [
                "- NICE CG179: Pressure ulcers: prevention and management.",
                "- NHS Improvement. Pressure ulcer core curriculum. 2018.",
            ],
        },
    ],
    "differences": [],
}
