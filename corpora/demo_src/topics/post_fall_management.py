"""Care of an adult inpatient after a fall (NNUH and QEH); near miss of falls-prevention."""

TOPIC = {
    "slug": "post-fall-management",
    "group": "post-fall-management",
    "specialty": "Nursing and Patient Safety",
    "near_miss": ["falls-prevention"],
    "docs": {
        "NNUH": {"title": "Post-Fall Assessment and Management of Adult Inpatients", "type": "Protocol",
                 "format": "pdf"},
        "QEH": {"title": "Management of a Patient Following an Inpatient Fall", "type": "Procedure",
                "format": "pdf"},
    },
    "sections": [
        {"key": "introduction", "body": [
            "{NNUH=Some inpatient falls cause serious injury, and harm is made worse when a fracture or head "
            "injury is missed or the patient is moved unsafely.|QEH=A minority of falls in hospital result in "
            "fracture or intracranial injury; delayed recognition and unsafe lifting add to that harm.}",
            "{NNUH=This protocol describes the immediate assessment, safe retrieval from the floor and "
            "medical review of an adult who has fallen.|QEH=This procedure sets out what staff do in the "
            "minutes and hours after an adult patient falls.} {*=Prevention of falls is covered by the falls "
            "prevention guideline.|QEH=Assessment of falls risk and preventive measures are in a separate "
            "document.}",
        ]},
        {"key": "scope", "body": [
            "{NNUH=It applies to all adult inpatients, whether the fall was witnessed or unwitnessed.|QEH=The "
            "procedure covers every adult inpatient found on the floor or seen to fall, witnessed or not.} "
            "{*=Falls in the emergency department follow the same steps.|QEH=Patients in the emergency "
            "department are included.}",
        ]},
        {"key": "duties", "body": [
            "- {NNUH=The nurse who finds the patient starts the post-fall checks and calls for help.|QEH=The "
            "first registered nurse on the scene leads the immediate assessment.}",
            "- {NNUH=The ward doctor reviews the patient and documents the findings.|QEH=The on-call "
            "registrar reviews any patient with a suspected head injury or fracture.}",
            "- {*=The nurse in charge informs the next of kin and completes the incident report.|QEH=The "
            "nurse in charge completes the incident report and tells the family.}",
        ]},
        {"key": "immediate",
         "heading": {"NNUH": "Immediate Actions at the Scene", "QEH": "Initial Assessment"},
         "body": [
             "- {*=Do not move the patient until they have been checked for injury.|QEH=Leave the patient "
             "where they are until an injury check is complete.}",
             "- {*=Check airway, breathing, circulation and level of consciousness, and record a full set of "
             "observations with NEWS2.|QEH=Assess airway, breathing, circulation and consciousness and "
             "record observations including NEWS2.}",
             "- {*=Look for pain, deformity, shortening or rotation of a limb, and any head injury.|NNUH=Look "
             "for limb shortening or rotation, pain on movement, bruising and signs of head injury.}",
             "- Request a medical review {NNUH=within 30 minutes|QEH=within 1 hour} if injury is suspected, "
             "and immediately if the patient is unwell.",
         ],
         "children": [
             {"key": "immediate-lifting",
              "heading": {"NNUH": "Safe Retrieval from the Floor", "QEH": "Moving the Patient"},
              "body": [
                  "If hip, spinal or other serious injury is suspected, flat lifting equipment "
                  "{NNUH=must be used|QEH=should be used} and the patient moved on a scoop stretcher. "
                  "{*=Equipment is available from the site team via bleep|QEH=Call for the lifting equipment "
                  "on bleep} {{bleep}}.",
                  "{*=Never lift a patient from the floor manually.|NNUH=Manual lifting from the floor is not "
                  "permitted.}",
              ]},
         ]},
        {"key": "head-injury",
         "heading": {"NNUH": "Suspected Head Injury", "QEH": "Head Injury and Anticoagulation"},
         "body": [
             "{NNUH=For an unwitnessed fall or any sign of head injury, start neurological observations|"
             "QEH=Neurological observations are started after any unwitnessed fall or head injury} "
             "{NNUH=half-hourly for 2 hours|QEH=every 30 minutes for 4 hours}, then hourly, and "
             "{*=escalate any fall in GCS at once.|QEH=report any reduction in GCS immediately.}",
             "{*=Request a CT head scan for any patient|QEH=A CT head scan is requested for all patients} "
             "{NNUH=taking anticoagulant medication|QEH=taking anticoagulant or antiplatelet medication} who "
             "has a head injury, even without other symptoms.",
         ]},
        {"key": "after-fall",
         "heading": {"NNUH": "After the Initial Assessment", "QEH": "Follow-up Care"},
         "body": [
             "- {*=Repeat the multifactorial falls risk assessment and update the care plan.|QEH=Review the "
             "falls risk assessment and revise preventive measures.}",
             "- {*=Review medicines, including sedatives and antihypertensives, and check lying and standing "
             "blood pressure.|NNUH=Medication and lying and standing blood pressure are reviewed.}",
             "- {*=Hold a brief post-fall huddle with the ward team to agree what can be learned.|QEH=The ward "
             "team holds a short post-fall huddle on the same shift to identify learning and actions.}",
             "- {*=Explain to the patient what happened and agree the plan with them.|QEH=Discuss the fall and "
             "the revised plan with the patient and, where appropriate, their family.}",
             "- {*=Record the fall in the notes and on the incident system.|NNUH=Document the fall in the "
             "record and report it on the incident system.}",
         ]},
        {"key": "training", "body": [
            "{NNUH=Ward staff are trained in post-fall assessment and in the use of flat lifting equipment "
            "at induction.|QEH=Training in post-fall checks and lifting equipment is part of nursing "
            "induction.} Practical sessions run on {{ward}}.",
        ]},
        {"key": "monitoring", "body": [
            "{*=Falls with moderate or severe harm and the timeliness of medical review are reported to|"
            "QEH=Compliance with post-fall checks is audited quarterly and reported to} the {{committee}}. "
            "Questions to {{email}} or ext {{ext}}.",
        ]},
        {"key": "references", "body": [
            "- {NNUH=NICE NG232 (2023)|QEH=NICE CG176 (2014)}: head injury, assessment and early management",
            "- {*=Royal College of Physicians, FallSafe resources|QEH=RCP FallSafe care bundles}",
            "- {*=NHS England, Patient Safety Alert: assessment and management of inpatient falls|QEH=NHS "
            "Improvement alert on the management of patients after an inpatient fall}",
        ]},
    ],
    "differences": [
        {"category": "time_limit", "section": "immediate",
         "text": {"NNUH": "within 30 minutes", "QEH": "within 1 hour"},
         "note": "Medical review after a fall with suspected injury"},
        {"category": "duty", "section": "immediate-lifting",
         "text": {"NNUH": "flat lifting equipment must be used", "QEH": "flat lifting equipment should be used"},
         "note": "Flat lifting for suspected hip or spinal injury: required vs recommended"},
        {"category": "role", "section": "duties",
         "text": {"NNUH": "The ward doctor reviews", "QEH": "The on-call registrar reviews"},
         "note": "Who carries out the medical review"},
        {"category": "frequency", "section": "head-injury",
         "text": {"NNUH": "half-hourly for 2 hours", "QEH": "every 30 minutes for 4 hours"},
         "note": "Neurological observation schedule after head injury"},
        {"category": "criteria", "section": "head-injury",
         "text": {"NNUH": "taking anticoagulant medication", "QEH": "taking anticoagulant or antiplatelet medication"},
         "note": "Which patients get a CT head scan regardless of symptoms"},
        {"category": "guidance", "section": "references",
         "text": {"NNUH": "NICE NG232 (2023)", "QEH": "NICE CG176 (2014)"},
         "note": "QEH cites the superseded head injury guideline"},
    ],
}
