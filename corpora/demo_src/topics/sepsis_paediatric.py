# ruff: noqa: E501  (prose data: long strings are clearer unwrapped)
# JPUH and NNUH hold this topic as text documents. QEH holds only a scanned paper copy of its pathway
# (no text layer): it is expected to be rejected at ingest and belongs to no match group.
TOPIC = {
    "slug": "sepsis-paediatric",
    "group": "sepsis-paediatric",
    "specialty": "Paediatrics",
    "docs": {
        "JPUH": {
            "title": "Recognition and Management of Sepsis in Children",
            "type": "Guideline",
            "format": "docx",
        },
        "NNUH": {"title": "Paediatric Sepsis Guideline", "type": "Guideline", "format": "pdf"},
        "QEH": {
            "title": "Sepsis in Children and Young People Pathway",
            "type": "Pathway",
            "format": "pdf-scanned",
        },
    },
    "near_miss": [
        {
            "slug": "sepsis-adult",
            "why": "same condition, different population: adults use NEWS2, children PEWS",
        }
    ],
    "sections": [
        {
            "key": "introduction",
            "body": [
                "{*=Sepsis in children can progress quickly, and early signs are easily missed because children "
                "compensate well until late.|NNUH=Children with sepsis often look deceptively well before they "
                "deteriorate suddenly.}",
                "{*=Parents' and carers' concerns must be taken seriously.|NNUH=Listen to parents: a parent's "
                "worry is an important warning sign.}",
            ],
        },
        {
            "key": "purpose",
            "body": [
                "{*=This guideline supports staff at {{hospital}} to recognise sepsis in children and to start "
                "treatment within the first hour.|NNUH=To support early recognition, treatment and escalation of "
                "suspected sepsis in children at {{hospital}}.}",
            ],
        },
        {
            "key": "scope",
            "body": [
                "{*=It applies to|NNUH=This guideline covers} {JPUH=children and young people under 16 years|NNUH="
                "children and young people under 18 years|QEH=children and young people under 16 years} in the "
                "Emergency Department, {{ward}} and the paediatric assessment unit.",
                "{*=Neonates on the neonatal unit are covered by the neonatal infection guideline.|NNUH=Babies on "
                "the neonatal unit follow the neonatal infection guideline instead.}",
            ],
        },
        {
            "key": "definitions",
            "body": [
                "- PEWS: Paediatric Early Warning Score, with age-specific charts.",
                "- {*=Capillary refill time: the time for colour to return after pressure on the skin; more than 3 "
                "seconds is prolonged.|NNUH=CRT: capillary refill time, prolonged if over 3 seconds.}",
            ],
        },
        {
            "key": "duties",
            "body": [
                "- {*=Nurses record PEWS and start the paediatric sepsis screen for any child with suspected "
                "infection.|NNUH=Nursing staff complete the paediatric sepsis screening tool whenever infection is "
                "suspected.}",
                "- A child who screens positive is {JPUH=reviewed by a paediatric registrar|NNUH=reviewed by the "
                "paediatric consultant|QEH=reviewed by a paediatric registrar} within 30 minutes.",
                "- {*=The paediatric registrar is contacted on bleep {{bleep}}.|NNUH=The on-call paediatric team is "
                "on bleep {{bleep}}.}",
            ],
        },
        {
            "key": "recognition",
            "heading": {"*": "Recognition", "NNUH": "Identifying Children at Risk"},
            "body": [
                "{*=Think sepsis in any child with suspected infection who has any of these high-risk "
                "features:|NNUH=High-risk features in a child with suspected infection:}",
                "- Behaves abnormally or does not wake, or appears ill to a healthcare professional",
                "- Raised respiratory rate for age, grunting, or oxygen saturation below 90% in air",
                "- {*=Heart rate above the age-specific limit, or below 60 per minute|NNUH=Tachycardia for age or "
                "a heart rate below 60 per minute}",
                "- Mottled or ashen skin, or a non-blanching rash",
                "- Infants {JPUH=aged under 3 months with a temperature of 38°C or more|NNUH=aged under 6 months "
                "with a temperature of 38°C or more|QEH=aged under 3 months with a temperature of 38°C or more}",
                "- {JPUH=Venous lactate above 2 mmol/L|NNUH=Venous lactate above 4 mmol/L|QEH=Venous lactate above "
                "2 mmol/L}",
            ],
        },
        {
            "key": "treatment",
            "heading": {"*": "Initial Treatment", "NNUH": "Management in the First Hour"},
            "body": [
                "{*=Give intravenous or intraosseous antibiotics within 1 hour of recognition.|NNUH=Antibiotics "
                "are given by the intravenous or intraosseous route within 1 hour.}",
                "For infants under 3 months give {JPUH=cefotaxime plus amoxicillin|NNUH=ceftriaxone plus "
                "amoxicillin|QEH=cefotaxime plus amoxicillin}; for older children follow the paediatric "
                "antimicrobial guideline.",
                "If there are signs of shock, give a fluid bolus of {JPUH=10 mL/kg|NNUH=20 mL/kg|QEH=10 mL/kg} of "
                "balanced crystalloid over 5 to 10 minutes and reassess after each bolus.",
                "{*=Check blood glucose and treat hypoglycaemia with 2 mL/kg of 10% glucose.|NNUH=Measure glucose; "
                "treat a low level with 10% glucose 2 mL/kg.}",
            ],
        },
        {
            "key": "escalation",
            "heading": {"*": "Escalation", "NNUH": "Escalation and Retrieval"},
            "body": [
                "{*=If shock persists after 40 mL/kg of fluid, call the paediatric consultant and the anaesthetist "
                "on call.|NNUH=Fluid-refractory shock needs the paediatric consultant and the on-call "
                "anaesthetist.}",
                "{*=Start a peripheral|NNUH=Consider a peripheral} {JPUH=adrenaline infusion at 0.1 "
                "micrograms/kg/minute|NNUH=adrenaline infusion at 0.1 mg/kg/minute|QEH=adrenaline infusion at 0.1 "
                "micrograms/kg/minute} while discussing the child with the regional retrieval service.",
            ],
        },
        {
            "key": "training",
            "body": [
                "{*=Paediatric nursing and medical staff complete paediatric sepsis training every two years; "
                "contact {{email}}.|NNUH=Paediatric sepsis training is refreshed every two years ({{email}}).}",
            ],
        },
        {
            "key": "monitoring",
            "body": [
                "{*=Time to antibiotics for children with sepsis is audited quarterly and reported to the "
                "{{committee}}.|NNUH=A quarterly audit of time to antibiotics is presented to the {{committee}}.}",
            ],
        },
        {
            "key": "references",
            "body": [
                "- {JPUH=NICE NG51 (updated 2024)|NNUH=NICE NG51 (2016)|QEH=NICE NG51 (2016)}: Suspected sepsis: "
                "recognition, diagnosis and early management.",
                "- NICE NG143: Fever in under 5s: assessment and initial management.",
            ],
        },
    ],
    "differences": [
        {
            "category": "age_weight",
            "section": "scope",
            "text": {
                "JPUH": "children and young people under 16 years",
                "NNUH": "children and young people under 18 years",
                "QEH": "children and young people under 16 years",
            },
            "note": "upper age limit of the paediatric pathway",
        },
        {
            "category": "age_weight",
            "section": "recognition",
            "text": {
                "JPUH": "aged under 3 months with a temperature of 38°C or more",
                "NNUH": "aged under 6 months with a temperature of 38°C or more",
                "QEH": "aged under 3 months with a temperature of 38°C or more",
            },
            "note": "age below which fever alone is high risk",
        },
        {
            "category": "threshold",
            "section": "recognition",
            "text": {
                "JPUH": "lactate above 2 mmol/L",
                "NNUH": "lactate above 4 mmol/L",
                "QEH": "lactate above 2 mmol/L",
            },
            "note": "lactate high-risk threshold",
        },
        {
            "category": "role",
            "section": "duties",
            "text": {
                "JPUH": "reviewed by a paediatric registrar",
                "NNUH": "reviewed by the paediatric consultant",
                "QEH": "reviewed by a paediatric registrar",
            },
            "note": "who reviews a positive screen",
        },
        {
            "category": "drug",
            "section": "treatment",
            "text": {
                "JPUH": "cefotaxime plus amoxicillin",
                "NNUH": "ceftriaxone plus amoxicillin",
                "QEH": "cefotaxime plus amoxicillin",
            },
            "note": "empirical antibiotics under 3 months",
        },
        {
            "category": "dose",
            "section": "treatment",
            "text": {
                "JPUH": "fluid bolus of 10 mL/kg",
                "NNUH": "fluid bolus of 20 mL/kg",
                "QEH": "fluid bolus of 10 mL/kg",
            },
            "note": "fluid bolus volume",
        },
        {
            "category": "unit",
            "section": "escalation",
            "text": {
                "JPUH": "0.1 micrograms/kg/minute",
                "NNUH": "0.1 mg/kg/minute",
                "QEH": "0.1 micrograms/kg/minute",
            },
            "note": "adrenaline infusion unit (micrograms vs mg)",
        },
        {
            "category": "guidance",
            "section": "references",
            "text": {
                "JPUH": "NICE NG51 (updated 2024)",
                "NNUH": "NICE NG51 (2016)",
                "QEH": "NICE NG51 (2016)",
            },
            "note": "version of NICE NG51 cited",
        },
    ],
}
