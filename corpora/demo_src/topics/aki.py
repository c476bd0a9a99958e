"""Recognition and early management of acute kidney injury in adults (all three trusts)."""

TOPIC = {
    "slug": "aki",
    "group": "aki",
    "specialty": "Acute Medicine",
    "docs": {
        "JPUH": {"title": "Acute Kidney Injury (AKI) in Adults: "
            "Recognition and Management", "type": "Guideline",
                 "format": "pdf"},
        "NNUH": {"title": "Management of Acute Kidney Injury", "type": "Guideline", "format": "pdf"},
        "QEH": {"title": "Acute Kidney Injury Care Bundle and Guideline", "type": "Care Bundle",
                "format": "pdf"},
    },
    "sections": [
        {"key": "introduction", "body": [
            "{JPUH=Acute kidney injury (AKI) is a sudden fall in kidney function, measured by a rise in "
            "serum creatinine or a fall in urine output.|NNUH=AKI describes an abrupt decline in renal "
            "function, detected by rising creatinine and/or reduced urine output.|QEH=Acute kidney injury is "
            "a rapid loss of kidney function over hours or days.} {JPUH=It is common in acutely unwell "
            "patients and much of it is avoidable.|NNUH=Up to one in five emergency admissions is associated "
            "with AKI.|QEH=It affects many emergency admissions and is often preventable.}",
        ]},
        {"key": "scope", "body": [
            "{JPUH=This guideline applies to adults aged 18 and over|NNUH=The guideline covers patients aged "
            "16 and over|QEH=This bundle is for patients aged 18 and over} {JPUH=in all inpatient areas and "
            "the emergency department.|NNUH=in any adult ward, assessment unit or the emergency "
            "department.|QEH=admitted to any ward or seen in the emergency department.} {*=Patients already "
            "on dialysis are excluded.|NNUH=It excludes patients receiving maintenance dialysis.}",
        ]},
        {"key": "definitions", "heading": {"*": "Definitions", "QEH": "AKI Staging"}, "body": [
            "{JPUH=AKI is staged using the KDIGO criteria, as reported by the laboratory "
            "e-alert:|NNUH=Staging follows the KDIGO definition used by the national AKI e-alert "
            "algorithm:|QEH=The laboratory flags AKI stages using KDIGO criteria:}",
            {"table": [["Stage", "{*=Serum creatinine|QEH=Creatinine}", "{*=Urine output|NNUH=Urine volume}"],
                       ["1", "1.5 to 1.9 times baseline, or a rise of 26 micromol/L or more within 48 hours",
                        "Less than 0.5 mL/kg/hour for 6 hours or more"],
                       ["2", "2.0 to 2.9 times baseline", "Less than 0.5 mL/kg/hour for 12 hours or more"],
                       ["3", "3 times baseline or more, or 354 micromol/L or more, or renal replacement "
                        "therapy started", "Less than 0.3 mL/kg/hour for 24 hours, or anuria for 12 hours"]]},
        ]},
        {"key": "duties", "body": [
            "{JPUH=The admitting team is responsible for acting on every AKI alert.|NNUH=Responsibility for "
            "responding to an AKI alert lies with the team caring for the patient.|QEH=The patient's medical "
            "team must respond to each AKI alert.} {*=Pharmacists review medicines once AKI is "
            "identified.|QEH=Ward pharmacists review the drug chart of every patient with AKI.} {JPUH=The "
            "outreach team can be reached on bleep|NNUH=Critical care outreach: bleep|QEH=Contact the "
            "outreach team on bleep} {{bleep}}.",
        ]},
        {"key": "initial-management", "heading": {"*": "Initial Management", "NNUH": "Immediate Actions",
                                                  "QEH": "The AKI Care Bundle"},
         "body": [
            "- {JPUH=Assess fluid status and look for sepsis, hypovolaemia and obstruction.|NNUH=Assess "
            "volume status and screen for sepsis, hypovolaemia and urinary obstruction.|QEH=Check fluid "
            "status; consider sepsis, hypovolaemia and obstruction.}",
            "- {*=If hypovolaemic, give a|QEH=Where the patient is hypovolaemic, prescribe a} {JPUH=500 mL "
            "bolus of Hartmann's solution|NNUH=500 mL bolus of Hartmann's solution|QEH=500 mL bolus of "
            "sodium chloride 0.9%} {*=over 15 minutes and reassess.|QEH=over 15 minutes, then reassess.}",
            "- {JPUH=Start a fluid balance chart and measure urine output hourly if "
            "catheterised.|NNUH=Record strict fluid balance, with hourly urine output where a catheter is "
            "present.|QEH=Commence a fluid balance chart with hourly urine output if catheterised.}",
            "- {*=Dipstick the urine and send urine for albumin to creatinine ratio.|NNUH=Perform urinalysis "
            "and send an albumin to creatinine ratio.}",
            "- {JPUH=Review all medicines (see below).|NNUH=Review the drug chart as set out "
            "below.|QEH=Withhold nephrotoxic medicines and those that worsen AKI: NSAIDs, ACE inhibitors, "
            "ARBs, diuretics and metformin.}",
         ],
         "children": [
            {"key": "medicines-to-withhold", "heading": {"JPUH": "Medicines review",
                                                          "NNUH": "Medicines to review"},
             "only": ["JPUH", "NNUH"], "body": [
                "{JPUH=Stop or withhold nephrotoxic drugs and those that worsen AKI: NSAIDs, ACE inhibitors, "
                "angiotensin II receptor blockers, diuretics and metformin.|NNUH=Withhold NSAIDs, ACE "
                "inhibitors, ARBs, diuretics and metformin, and adjust renally cleared drugs.}",
            ]},
         ]},
        {"key": "hyperkalaemia", "heading": {"*": "Hyperkalaemia", "QEH": "High Potassium"}, "body": [
            "{JPUH=A potassium of 6.5 mmol/L or above|NNUH=A potassium of 6.5 mmol/L or above|QEH=A "
            "potassium of 6.0 mmol/L or above} {JPUH=is an emergency: record an ECG and start treatment at "
            "once.|NNUH=needs emergency treatment and a 12-lead ECG.|QEH=must be treated as an emergency, "
            "with an immediate ECG.}",
            "{*=Give calcium gluconate 10% intravenously if the ECG is abnormal, then 10 units of soluble "
            "insulin with 25 g of glucose.|QEH=Treat with intravenous calcium gluconate 10% if there are ECG "
            "changes, followed by 10 units of soluble insulin in 25 g of glucose.}",
        ]},
        {"key": "investigations", "heading": {"*": "Investigations", "JPUH": "Further Investigation"},
         "body": [
            "{JPUH=Request a renal tract ultrasound within 24 hours|NNUH=Request a renal tract ultrasound "
            "within 24 hours|QEH=Request a renal tract ultrasound within 48 hours} {*=when the cause of AKI "
            "is not clear.|NNUH=if no cause has been identified.}",
            "{*=Request it within 6 hours if pyonephrosis is suspected.|QEH=If an infected obstructed kidney "
            "is possible, scan within 6 hours.}",
        ]},
        {"key": "referral", "heading": {"*": "Referral", "NNUH": "Escalation and Referral",
                                        "QEH": "When to Escalate"},
         "body": [
            "{JPUH=Stage 3 AKI|NNUH=Every patient with stage 3 AKI|QEH=Patients with stage 3 AKI} must be "
            "{JPUH=discussed with the on-call renal team|NNUH=discussed with the on-call renal team|"
            "QEH=discussed with the on-call consultant physician}{*=, as must any patient with refractory "
            "hyperkalaemia, fluid overload or acidosis.|QEH=, as must those with resistant hyperkalaemia, "
            "pulmonary oedema or severe acidosis.}",
            "{JPUH=Contact the renal unit on extension|NNUH=The renal unit can be reached on "
            "extension|QEH=The regional renal unit is contacted via switchboard or extension} {{ext}}.",
        ]},
        {"key": "monitoring", "only": ["NNUH", "QEH"], "body": [
            "{NNUH=Compliance with the AKI bundle is audited quarterly and reported to the|QEH=Bundle "
            "compliance is audited every quarter and reported to the} {{committee}}.",
        ]},
        {"key": "references", "body": [
            "- {JPUH=NICE NG148 (2019)|NNUH=NICE NG148 (2019)|QEH=NICE CG169 (2013)}: {*=Acute kidney "
            "injury: prevention, detection and management.|QEH=Acute kidney injury.}",
            "- {*=KDIGO Clinical Practice Guideline for Acute Kidney Injury (2012).|NNUH=Kidney Disease: "
            "Improving Global Outcomes (KDIGO) AKI guideline, 2012.}",
            "- {*=UK Kidney Association: Treatment of acute hyperkalaemia in adults.|JPUH=UK Kidney "
            "Association guideline on acute hyperkalaemia in adults.}",
        ]},
    ],
    "differences": [
        {"category": "age_weight", "section": "scope",
         "text": {"JPUH": "aged 18 and over", "NNUH": "aged 16 and over", "QEH": "aged 18 and over"},
         "note": "lower age limit of the guideline"},
        {"category": "drug", "section": "initial-management",
         "text": {"JPUH": "500 mL bolus of Hartmann's solution",
                  "NNUH": "500 mL bolus of Hartmann's solution",
                  "QEH": "500 mL bolus of sodium chloride 0.9%"},
         "note": "fluid used for resuscitation"},
        {"category": "threshold", "section": "hyperkalaemia",
         "text": {"JPUH": "potassium of 6.5 mmol/L or above",
                  "NNUH": "potassium of 6.5 mmol/L or above",
                  "QEH": "potassium of 6.0 mmol/L or above"},
         "note": "potassium level treated as an emergency"},
        {"category": "time_limit", "section": "investigations",
         "text": {"JPUH": "ultrasound within 24 hours",
                  "NNUH": "ultrasound within 24 hours",
                  "QEH": "ultrasound within 48 hours"},
         "note": "renal ultrasound when the cause is unclear"},
        {"category": "role", "section": "referral",
         "text": {"JPUH": "discussed with the on-call renal team",
                  "NNUH": "discussed with the on-call renal team",
                  "QEH": "discussed with the on-call consultant physician"},
         "note": "who stage 3 AKI is discussed with"},
        {"category": "guidance", "section": "references",
         "text": {"JPUH": "NICE NG148 (2019)", "NNUH": "NICE NG148 (2019)", "QEH": "NICE CG169 (2013)"},
         "note": "NICE guidance cited (CG169 replaced by NG148)"},
    ],
}
