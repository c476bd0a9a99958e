# ruff: noqa: E501  (prose data: long strings are clearer unwrapped)
TOPIC = {
    "slug": "sepsis-adult",
    "group": "sepsis-adult",
    "specialty": "Acute Medicine",
    "docs": {
        "JPUH": {"title": "Sepsis Recognition and Management in Adults", "type": "Policy", "format": "docx"},
        "NNUH": {"title": "Adult Sepsis Guideline", "type": "Guideline", "format": "pdf"},
        "QEH": {"title": "Management of Suspected Sepsis (Adults)", "type": "Procedure", "format": "docx"},
    },
    "near_miss": [
        {
            "slug": "sepsis-paediatric",
            "why": "same condition, different population: children use age-specific criteria",
        }
    ],
    "sections": [
        {
            "key": "introduction",
            "body": [
                "Sepsis is a life-threatening organ dysfunction caused by a dysregulated host response to "
                "infection. {JPUH=It remains a leading cause of avoidable death in hospital.|NNUH=It is one of "
                "the commonest causes of preventable deterioration and death in hospital.|QEH=It is a major "
                "cause of avoidable harm and death among inpatients.}",
                "{JPUH=Early recognition, prompt antibiotics and timely escalation save lives.|NNUH=Outcomes "
                "depend on recognising sepsis early and treating it without delay.|QEH=Recognising sepsis early "
                "and starting treatment promptly improves survival.}",
            ],
        },
        {
            "key": "purpose",
            "body": [
                "{JPUH=This policy sets out how adult patients with suspected sepsis are identified, treated and "
                "escalated at {{hospital}}.|NNUH=This guideline aims to standardise the recognition and initial "
                "management of adults with suspected sepsis at {{hospital}}.|QEH=This procedure describes the "
                "steps staff at {{hospital}} follow when an adult may have sepsis.}",
            ],
        },
        {
            "key": "scope",
            "body": [
                "{*=This document applies to|NNUH=The guideline covers} all adult inpatients {JPUH=aged 16 years "
                "and over|NNUH=aged 18 years and over|QEH=aged 16 years and over} in {JPUH=emergency and "
                "inpatient areas|NNUH=all inpatient wards and the Emergency Department|QEH=all wards and the "
                "Emergency Department}.",
                "{*=It does not apply to|NNUH=Excluded are} pregnant or recently pregnant women, who are covered "
                "by the maternity sepsis guideline, and children, who are covered by the paediatric sepsis "
                "guideline.",
            ],
        },
        {
            "key": "definitions",
            "body": [
                "- NEWS2: National Early Warning Score 2, the Royal College of Physicians' track and trigger "
                "score.",
                "- {*=Sepsis Six|QEH=Sepsis Six bundle}: three diagnostic and three therapeutic steps delivered "
                "within the first hour.",
                "- Septic shock: sepsis with persisting hypotension needing vasopressors to keep mean arterial "
                "pressure at 65 mmHg or more, and a raised lactate (over 2 mmol/L) despite adequate fluid "
                "resuscitation.",
            ],
        },
        {
            "key": "duties",
            "body": [
                "- {*=Registered nurses|NNUH=Nurses and nursing associates} {*=record observations, calculate "
                "NEWS2 and start the sepsis screening tool.|NNUH=calculate NEWS2 and complete the sepsis screen "
                "for any patient with suspected infection.}",
                "- The patient {*=must be|NNUH=is to be} {JPUH=reviewed by an FY2 doctor or above|NNUH=reviewed "
                "by a registrar (ST3 or above)|QEH=reviewed by the critical care outreach team} within 30 "
                "minutes of a positive screen.",
                "- {*=The critical care outreach team|NNUH=Outreach (bleep {{bleep}})} {*=supports ward staff "
                "with deteriorating patients on bleep {{bleep}}.|NNUH=supports ward teams and advises on "
                "escalation.}",
                "- The {{committee}} {*=approves this document and receives audit results.|NNUH=ratifies the "
                "guideline and reviews audit findings.}",
            ],
        },
        {
            "key": "recognition",
            "heading": {"*": "Recognition and Screening", "NNUH": "Identifying the Patient at Risk"},
            "body": [
                "{*=Screen any adult with suspected infection and a|NNUH=Use the sepsis screening tool for every "
                "adult with suspected infection who has a} {JPUH=NEWS2 score of 5 or more|NNUH=NEWS2 score of 5 "
                "or more|QEH=NEWS2 score of 7 or more}, or a score of 3 in any single parameter.",
                "{*=Consider sepsis in any patient who looks unwell, even with a normal score.|NNUH=Clinical "
                "concern alone is enough to start the screen.}",
            ],
            "children": [
                {
                    "key": "red-flags",
                    "heading": {"*": "Red flag criteria", "NNUH": "High-risk criteria"},
                    "body": [
                        "{*=Any one of the following indicates high risk:|NNUH=High risk is present if any of "
                        "these is found:}",
                        "- Systolic blood pressure of 90 mmHg or less",
                        "- Heart rate above 130 beats per minute",
                        "- Respiratory rate of 25 per minute or more, or new need for oxygen to keep saturation "
                        "at target",
                        "- {*=New confusion or reduced level of consciousness|NNUH=New altered mental state}",
                        "- Not passed urine in the previous 18 hours",
                        "- {JPUH=Serum lactate above 2 mmol/L|NNUH=Serum lactate of 4 mmol/L or more|QEH=Serum "
                        "lactate above 2 mmol/L}",
                        "- Non-blanching rash or mottled, ashen skin",
                    ],
                },
            ],
        },
        {
            "key": "management",
            "heading": {"*": "Immediate Management: the Sepsis Six", "QEH": "Initial Treatment"},
            "body": [
                "{*=Complete the Sepsis Six|QEH=Deliver every element of the Sepsis Six bundle} for every "
                "high-risk patient:",
                {
                    "table": [
                        ["Step", "Action"],
                        [
                            "1",
                            "Give oxygen to keep saturation at {*=94 to 98%|NNUH=94-98%} (88 to 92% if at risk of "
                            "hypercapnic respiratory failure)",
                        ],
                        [
                            "2",
                            "Blood cultures {JPUH=must be taken before antibiotics|NNUH=should be taken before "
                            "antibiotics|QEH=must be taken before antibiotics}, without delaying them",
                        ],
                        [
                            "3",
                            "Give intravenous antibiotics {JPUH=within 1 hour of recognition|NNUH=within 1 hour "
                            "of recognition|QEH=within 3 hours of recognition} according to the trust antimicrobial "
                            "guideline",
                        ],
                        [
                            "4",
                            "If hypotensive or lactate is raised, give {JPUH=500 mL of crystalloid over 15 "
                            "minutes|NNUH=500 mL of crystalloid over 15 minutes|QEH=250 mL of crystalloid over 15 "
                            "minutes} and reassess",
                        ],
                        ["5", "Measure venous or arterial lactate and full blood count"],
                        ["6", "Monitor urine output; consider a catheter and a fluid balance chart"],
                    ]
                },
                "Repeat observations {JPUH=every 30 minutes|NNUH=every hour|QEH=every 30 minutes} until the "
                "patient is stable.",
            ],
        },
        {
            "key": "escalation",
            "heading": {"*": "Escalation", "NNUH": "Escalation and Referral"},
            "body": [
                "{*=If there is no improvement after the first hour, or lactate stays above 4 mmol/L, contact the "
                "critical care outreach team on bleep {{bleep}}.|NNUH=Refer to critical care if systolic pressure "
                "stays below 90 mmHg after fluids or lactate remains above 4 mmol/L; the outreach team is on "
                "bleep {{bleep}}.}",
                "{*=A consultant must be informed of any patient with septic shock.|NNUH=The responsible "
                "consultant must be told about every patient with septic shock.}",
                "{*=Out of hours, the site team on {{ward}} can be reached on extension {{ext}}.|NNUH=Out of "
                "hours, ring the hospital at night team on extension {{ext}}.}",
            ],
        },
        {
            "key": "training",
            "body": [
                "{*=All registered nurses and doctors complete sepsis e-learning on induction and every two "
                "years.|NNUH=Sepsis training forms part of essential training for clinical staff and is repeated "
                "every two years.}",
                "{*=Queries about training go to {{email}}.|NNUH=Contact {{email}} for training dates.}",
            ],
        },
        {
            "key": "monitoring",
            "body": [
                {
                    "table": [
                        ["What", "How", "Frequency", "Reported to"],
                        [
                            "Time from recognition to antibiotics",
                            "Monthly sepsis audit of 20 records",
                            "Monthly",
                            "{{committee}}",
                        ],
                        [
                            "Completion of the screening tool",
                            "Electronic observations report",
                            "Quarterly",
                            "{{committee}}",
                        ],
                    ]
                },
            ],
        },
        {
            "key": "references",
            "body": [
                "- {JPUH=NICE NG51 (updated 2024)|NNUH=NICE NG51 (2016)|QEH=NICE NG51 (updated 2024)}: Suspected "
                "sepsis: recognition, diagnosis and early management.",
                "- Royal College of Physicians. National Early Warning Score (NEWS) 2. 2017.",
                "- {*=Academy of Medical Royal Colleges. Statement on the initial antimicrobial treatment of "
                "sepsis. 2022.|NNUH=UK Sepsis Trust. The Sepsis Six clinical tool.}",
            ],
        },
    ],
    "differences": [
        {
            "category": "threshold",
            "section": "recognition",
            "text": {
                "JPUH": "NEWS2 score of 5 or more",
                "NNUH": "NEWS2 score of 5 or more",
                "QEH": "NEWS2 score of 7 or more",
            },
            "note": "NEWS2 trigger for sepsis screening",
        },
        {
            "category": "threshold",
            "section": "red-flags",
            "text": {
                "JPUH": "lactate above 2 mmol/L",
                "NNUH": "lactate of 4 mmol/L or more",
                "QEH": "lactate above 2 mmol/L",
            },
            "note": "lactate red-flag threshold",
        },
        {
            "category": "age_weight",
            "section": "scope",
            "text": {
                "JPUH": "aged 16 years and over",
                "NNUH": "aged 18 years and over",
                "QEH": "aged 16 years and over",
            },
            "note": "adult age cut-off",
        },
        {
            "category": "role",
            "section": "duties",
            "text": {
                "JPUH": "reviewed by an FY2 doctor or above",
                "NNUH": "reviewed by a registrar (ST3 or above)",
                "QEH": "reviewed by the critical care outreach team",
            },
            "note": "who reviews a positive screen",
        },
        {
            "category": "duty",
            "section": "management",
            "text": {
                "JPUH": "must be taken before antibiotics",
                "NNUH": "should be taken before antibiotics",
                "QEH": "must be taken before antibiotics",
            },
            "note": "blood cultures before antibiotics: must vs should",
        },
        {
            "category": "time_limit",
            "section": "management",
            "text": {
                "JPUH": "within 1 hour of recognition",
                "NNUH": "within 1 hour of recognition",
                "QEH": "within 3 hours of recognition",
            },
            "note": "time to antibiotics",
        },
        {
            "category": "dose",
            "section": "management",
            "text": {
                "JPUH": "500 mL of crystalloid",
                "NNUH": "500 mL of crystalloid",
                "QEH": "250 mL of crystalloid",
            },
            "note": "fluid bolus volume",
        },
        {
            "category": "frequency",
            "section": "management",
            "text": {"JPUH": "every 30 minutes", "NNUH": "every hour", "QEH": "every 30 minutes"},
            "note": "observation frequency until stable",
        },
        {
            "category": "guidance",
            "section": "references",
            "text": {
                "JPUH": "NICE NG51 (updated 2024)",
                "NNUH": "NICE NG51 (2016)",
                "QEH": "NICE NG51 (updated 2024)",
            },
            "note": "version of NICE NG51 cited",
        },
    ],
}
