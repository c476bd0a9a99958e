# ruff: noqa: E501  (prose data: long strings are clearer unwrapped)
TOPIC = {
    "slug": "deteriorating-patient",
    "group": "deteriorating-patient",
    "specialty": "Nursing and Patient Safety",
    "docs": {
        "JPUH": {
            "title": "Recognition and Escalation of the Deteriorating Adult Patient (NEWS2)",
            "type": "Policy",
            "format": "docx",
        },
        "NNUH": {"title": "NEWS2 Observation and Escalation Guideline", "type": "Guideline", "format": "pdf"},
        "QEH": {
            "title": "Deteriorating Patient and Escalation of Care Procedure",
            "type": "Procedure",
            "format": "docx-plain",
        },
    },
    "versions": {
        "NNUH": {
            "old": {"format": "pdf"},
            "changes": {
                "every 30 minutes": "every hour",
                "attend immediately": "attend within 30 minutes",
                "National Early Warning Score (NEWS) 2. Updated report of a working party. 2017": "National Early Warning Score (NEWS). Report of a working party. 2012",
            },
        },
    },
    "sections": [
        {
            "key": "introduction",
            "body": [
                "{JPUH=Physiological deterioration usually precedes cardiac arrest, unplanned admission to critical "
                "care and death by several hours.|NNUH=Most patients who suffer a cardiac arrest or unplanned "
                "critical care admission show signs of deterioration in the hours beforehand.|QEH=Deterioration is "
                "often detectable hours before a serious adverse event such as cardiac arrest.}",
                "{*=The National Early Warning Score 2 (NEWS2) standardises how observations are recorded, scored "
                "and acted upon.|NNUH=NEWS2 gives every ward a common language for observations and the response "
                "they require.}",
            ],
        },
        {
            "key": "purpose",
            "body": [
                "{JPUH=This policy sets out the minimum frequency of observations and the escalation required at "
                "each NEWS2 score at {{hospital}}.|NNUH=To ensure that deteriorating adults at {{hospital}} are "
                "recognised and escalated in a timely and consistent way.|QEH=This procedure tells staff at "
                "{{hospital}} how to record observations and escalate a deteriorating adult.}",
            ],
        },
        {
            "key": "scope",
            "body": [
                "{*=It applies to all adult inpatients aged 16 years and over, in all wards and departments.|NNUH="
                "All adult inpatients aged 16 years and over, in every ward and department, are covered.}",
                "{JPUH=Pregnant women are excluded and are monitored with the maternity early warning score. Scoring "
                "applies to all other adults, excluding patients on an end of life care plan, whose care follows "
                "their personalised plan.|NNUH=Pregnant women are excluded and are "
                "monitored with the maternity early warning score. All other adults are scored, "
                "including patients on an end of life care plan unless a personalised plan says otherwise.|QEH=Pregnant women are excluded "
                "and are monitored with the maternity early warning score. Scoring continues for patients including "
                "patients on an end of life care plan unless a personalised plan says otherwise.}",
            ],
        },
        {
            "key": "definitions",
            "body": [
                "- NEWS2: {*=a score from six physiological parameters plus a weighting for supplemental oxygen."
                "|NNUH=aggregate score of respiratory rate, oxygen saturation, blood pressure, pulse, consciousness "
                "and temperature, with 2 points added for supplemental oxygen.}",
                "- {*=SpO2 Scale 2: the oxygen saturation scale for patients with hypercapnic respiratory failure, "
                "targeting 88 to 92%.|QEH=Scale 2: target saturation of 88-92% for patients at risk of "
                "hypercapnic respiratory failure.}",
                "- {*=SBAR: Situation, Background, Assessment, Recommendation.|NNUH=SBAR: a structured handover "
                "tool (Situation, Background, Assessment, Recommendation).}",
            ],
        },
        {
            "key": "duties",
            "body": [
                "- {*=Registered nurses and healthcare assistants record observations and calculate the score at "
                "the bedside.|NNUH=Nursing staff record a full set of observations and the aggregate score.}",
                "- Every member of staff {JPUH=must escalate any concern|NNUH=should escalate any concern|QEH=must "
                "escalate any concern} about a patient, whatever the score.",
                "- Use of SpO2 Scale 2 must be {JPUH=documented by a registrar or above|NNUH=documented by the "
                "responsible consultant|QEH=documented by a registrar or above} in the medical notes.",
                "- {*=The critical care outreach team responds to calls on bleep {{bleep}} and supports ward "
                "staff.|NNUH=The critical care outreach team (bleep {{bleep}}) reviews escalated patients and "
                "teaches ward staff.}",
            ],
        },
        {
            "key": "observations",
            "heading": {"*": "Frequency of Observations", "NNUH": "Minimum Observation Frequency"},
            "body": [
                "{*=The minimum frequency of observations depends on the NEWS2 score:|QEH=Record observations at "
                "least as often as shown below:}",
                {
                    "table": [
                        ["NEWS2 score", "Minimum frequency"],
                        ["0", "{JPUH=Every 12 hours|NNUH=Every 12 hours|QEH=Every 12 hours}"],
                        ["1 to 4", "Every 4 to 6 hours"],
                        [
                            "5 or 6, or 3 in one parameter",
                            "{JPUH=At least hourly|NNUH=every 30 minutes|QEH=At least hourly}",
                        ],
                        ["7 or more", "Continuous monitoring"],
                    ]
                },
                "{JPUH=Observations must not be reduced below this frequency without a documented senior "
                "decision.|NNUH=Do not reduce the frequency without a documented senior review.|QEH=Any reduction "
                "in frequency needs a documented decision by a senior clinician.}",
            ],
        },
        {
            "key": "escalation",
            "heading": {"*": "Escalation", "QEH": "Escalation of Care"},
            "body": [
                "{*=The response required rises with the score.|NNUH=Escalate according to the aggregate score.}",
            ],
            "children": [
                {
                    "key": "escalation-urgent",
                    "heading": {"*": "Urgent response", "NNUH": "Medium clinical risk"},
                    "body": [
                        "For a {JPUH=NEWS2 of 5 or more|NNUH=NEWS2 of 5 or more|QEH=NEWS2 of 6 or more}, or a score "
                        "of 3 in any single parameter, the nurse in charge {*=informs|NNUH=contacts} the ward doctor, "
                        "who reviews the patient within 30 minutes.",
                        "{*=If the doctor cannot attend, contact the outreach team on bleep {{bleep}}.|NNUH=If there "
                        "is no response, escalate to the outreach team on bleep {{bleep}}.}",
                    ],
                },
                {
                    "key": "escalation-emergency",
                    "heading": {"*": "Emergency response", "NNUH": "High clinical risk"},
                    "body": [
                        "For a NEWS2 of 7 or more, call {JPUH=a registrar and the critical care outreach team|NNUH=the "
                        "medical emergency team|QEH=the critical care outreach team and the on-call registrar}, who "
                        "{JPUH=attend within 15 minutes|NNUH=attend immediately|QEH=attend within 15 minutes}.",
                        "{*=If the patient is peri-arrest, dial 2222 and put out a cardiac arrest call.|NNUH=In a "
                        "peri-arrest situation, dial 2222.}",
                    ],
                },
            ],
        },
        {
            "key": "communication",
            "heading": {"*": "Communication and Documentation", "NNUH": "Handover and Records"},
            "body": [
                "{*=Use SBAR for every escalation call and record the time, the person called and the plan.|NNUH="
                "Every escalation is made using SBAR, and the time, name of the clinician contacted and the agreed "
                "plan are documented.}",
                "{*=Night escalations from {{ward}} go to the hospital at night coordinator on extension {{ext}}.|"
                "NNUH=At night, contact the hospital at night coordinator on extension {{ext}}.}",
            ],
        },
        {
            "key": "training",
            "body": [
                "{*=All staff who record observations complete NEWS2 e-learning and a practical competency before "
                "doing so unsupervised.|NNUH=NEWS2 e-learning and a supervised competency are required before "
                "staff record observations alone.} {*=Enquiries to {{email}}.|NNUH=Contact {{email}}.}",
            ],
        },
        {
            "key": "monitoring",
            "body": [
                {
                    "table": [
                        ["Standard", "Method", "Frequency", "Committee"],
                        [
                            "Observations done at the required frequency",
                            "Electronic observation data",
                            "Monthly",
                            "{{committee}}",
                        ],
                        [
                            "Escalation documented for NEWS2 of 5 or more",
                            "Audit of 10 records per ward",
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
                "- Royal College of Physicians. {JPUH=National Early Warning Score (NEWS) 2. Updated report of a "
                "working party. 2017|NNUH=National Early Warning Score (NEWS) 2. Updated report of a working party. "
                "2017|QEH=National Early Warning Score (NEWS). Report of a working party. 2012}.",
                "- NICE CG50: Acutely ill adults in hospital: recognising and responding to deterioration.",
                "- {*=Resuscitation Council UK. Adult advanced life support guidelines. 2021.|NNUH=Resuscitation "
                "Council UK Guidelines 2021.}",
            ],
        },
    ],
    "differences": [
        {
            "category": "threshold",
            "section": "escalation-urgent",
            "text": {"JPUH": "NEWS2 of 5 or more", "NNUH": "NEWS2 of 5 or more", "QEH": "NEWS2 of 6 or more"},
            "note": "score that triggers an urgent ward-based response",
        },
        {
            "category": "frequency",
            "section": "observations",
            "text": {"JPUH": "At least hourly", "NNUH": "every 30 minutes", "QEH": "At least hourly"},
            "note": "observation frequency for NEWS2 of 5 or 6",
        },
        {
            "category": "role",
            "section": "escalation-emergency",
            "text": {
                "JPUH": "a registrar and the critical care outreach team",
                "NNUH": "the medical emergency team",
                "QEH": "the critical care outreach team and the on-call registrar",
            },
            "note": "who is called for an emergency response",
        },
        {
            "category": "time_limit",
            "section": "escalation-emergency",
            "text": {
                "JPUH": "attend within 15 minutes",
                "NNUH": "attend immediately",
                "QEH": "attend within 15 minutes",
            },
            "note": "response time for NEWS2 of 7 or more",
        },
        {
            "category": "duty",
            "section": "duties",
            "text": {
                "JPUH": "must escalate any concern",
                "NNUH": "should escalate any concern",
                "QEH": "must escalate any concern",
            },
            "note": "strength of the duty to escalate concern",
        },
        {
            "category": "role",
            "section": "duties",
            "text": {
                "JPUH": "documented by a registrar or above",
                "NNUH": "documented by the responsible consultant",
                "QEH": "documented by a registrar or above",
            },
            "note": "who may prescribe SpO2 Scale 2",
        },
        {
            "category": "criteria",
            "section": "scope",
            "text": {
                "JPUH": "excluding patients on an end of life care plan",
                "NNUH": "including patients on an end of life care plan",
                "QEH": "including patients on an end of life care plan",
            },
            "note": "whether patients at the end of life are scored",
        },
        {
            "category": "guidance",
            "section": "references",
            "text": {
                "JPUH": "National Early Warning Score (NEWS) 2. Updated report of a working party. 2017",
                "NNUH": "National Early Warning Score (NEWS) 2. Updated report of a working party. 2017",
                "QEH": "National Early Warning Score (NEWS). Report of a working party. 2012",
            },
            "note": "RCP NEWS2 (2017) vs the superseded NEWS (2012)",
        },
    ],
}
