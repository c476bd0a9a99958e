"""VTE risk assessment and thromboprophylaxis in adult inpatients (three trusts)."""

TOPIC = {
    "slug": "vte-prophylaxis",
    "group": "vte-prophylaxis",
    "specialty": "Haematology and Transfusion",
    "docs": {
        "JPUH": {"title": "Venous Thromboembolism (VTE) Prevention in Adult Inpatients", "type": "Policy",
                 "format": "docx"},
        "NNUH": {"title": "Thromboprophylaxis Guideline for Adult Inpatients", "type": "Guideline", "format": "pdf"},
        "QEH": {"title": "VTE Risk Assessment and Prophylaxis Procedure", "type": "Procedure", "format": "docx"},
    },
    "sections": [
        {"key": "introduction", "body": [
            "Venous thromboembolism (VTE), comprising deep vein thrombosis (DVT) and pulmonary embolism (PE), "
            "{JPUH=is a leading cause of preventable death in hospital.|NNUH=remains one of the commonest causes "
            "of avoidable death among hospital inpatients.|QEH=is a major cause of avoidable hospital-associated "
            "mortality and long-term morbidity.}",
            "{JPUH=Many hospital-acquired thromboses can be prevented by timely risk assessment and appropriate "
            "prophylaxis.|NNUH=A structured risk assessment followed by proportionate prophylaxis prevents a large "
            "share of these events.|QEH=Most hospital-associated VTE is preventable when risk is assessed and "
            "acted on promptly.}",
            "This document sets out how adult inpatients at {{hospital}} are assessed for VTE and bleeding risk, "
            "and how {JPUH=prophylaxis is prescribed, given and reviewed.|NNUH=thromboprophylaxis is chosen, "
            "prescribed and reviewed.|QEH=mechanical and pharmacological prophylaxis are prescribed and monitored.}",
        ]},
        {"key": "scope", "body": [
            "{JPUH=It applies to all adults (16 years and over) admitted to an inpatient bed, including day-case "
            "surgical patients.|NNUH=The guideline covers every adult patient aged 16 and over admitted to a ward "
            "or surgical day unit.|QEH=This procedure covers adult patients aged 16 years and above admitted for "
            "medical or surgical care, including day surgery.}",
            "{*=Pregnant and post-partum women are covered by the obstetric thromboprophylaxis guideline.|"
            "NNUH=Women who are pregnant or up to six weeks post-partum are excluded and follow the maternity "
            "guideline.}",
        ]},
        {"key": "definitions", "body": [
            {"table": [
                ["Term", "Meaning"],
                ["VTE", "{*=Venous thromboembolism: DVT and/or PE|NNUH=Venous thromboembolism, covering DVT and PE}"],
                ["LMWH", "{*=Low molecular weight heparin, for example enoxaparin|QEH=Low molecular weight "
                         "heparin (enoxaparin is the formulary choice)}"],
                ["IPC", "Intermittent pneumatic compression"],
                ["AES", "{*=Anti-embolism stockings|NNUH=Anti-embolism (graduated compression) stockings}"],
            ]},
        ]},
        {"key": "duties", "body": [
            "- {JPUH=The admitting doctor completes the VTE and bleeding risk assessment and prescribes "
            "prophylaxis.|NNUH=The admitting doctor is responsible for the risk assessment and for prescribing "
            "thromboprophylaxis.|QEH=The clerking doctor or advanced clinical practitioner completes "
            "the assessment and prescribes any prophylaxis.}",
            "- {*=Nurses check that the assessment is recorded, give prescribed LMWH and fit mechanical "
            "devices.|NNUH=Registered nurses confirm an assessment is recorded, administer LMWH and fit and check "
            "stockings or IPC sleeves.}",
            "- {*=Pharmacists review the dose against weight and renal function.|QEH=Ward pharmacists screen "
            "each LMWH prescription for dose, weight and renal function.}",
            "- The thrombosis team (bleep {{bleep}}) advises on complex cases.",
        ]},
        {"key": "risk-assessment",
         "heading": {"*": "Risk Assessment", "NNUH": "Assessing VTE and Bleeding Risk",
                     "QEH": "VTE Risk Assessment on Admission"},
         "body": [
             "{JPUH=Every adult inpatient must have a VTE and bleeding risk assessment|NNUH=All adults must be "
             "assessed for VTE and bleeding risk|QEH=A VTE and bleeding risk assessment must be completed} "
             "{JPUH=within 14 hours of admission|NNUH=within 14 hours of admission|QEH=within 24 hours of "
             "admission}, using the national assessment tool in the electronic record.",
             "Risk {JPUH=must be reassessed|NNUH=must be reassessed|QEH=should be reassessed} at the first "
             "consultant review and whenever the clinical situation changes.",
             "{*=Balance the risk of VTE against the risk of bleeding before prescribing.|QEH=Weigh thrombosis "
             "risk against bleeding risk before any anticoagulant is prescribed.}",
         ]},
        {"key": "pharmacological",
         "heading": {"*": "Pharmacological Prophylaxis", "NNUH": "Choice and Dose of LMWH"},
         "body": [
             "{JPUH=Enoxaparin is the first-line agent, and the first dose is given as soon as possible after "
             "the assessment.|NNUH=Enoxaparin is used unless contraindicated. The first dose is given as soon as possible "
             "after the assessment.|QEH=Enoxaparin is the LMWH of choice and should start promptly once "
             "prescribed.}",
             {"table": [
                 ["{*=Body weight|QEH=Patient weight}", "{*=Enoxaparin dose|NNUH=Subcutaneous enoxaparin}"],
                 ["{JPUH=Under 50 kg|NNUH=Under 45 kg|QEH=Under 50 kg}", "20 mg once daily"],
                 ["{JPUH=50 to 100 kg|NNUH=45 to 100 kg|QEH=50 to 100 kg}", "40 mg once daily"],
                 ["Over 100 kg", "{JPUH=40 mg twice daily|NNUH=40 mg twice daily|QEH=60 mg once daily}"],
             ]},
             "{*=If creatinine clearance is below 30 mL/min, give enoxaparin 20 mg once daily.|NNUH=Where "
             "creatinine clearance is below 30 mL/min the dose is 20 mg once daily.}",
         ],
         "children": [
             {"key": "pharmacological-contraindications",
              "heading": {"*": "Contraindications", "QEH": "When Not to Give LMWH"},
              "body": [
                  "- Active bleeding or an acquired bleeding disorder",
                  "- {*=Thrombocytopenia with a|NNUH=A} {JPUH=platelet count below 50 x 10^9/L|"
                  "NNUH=platelet count below 75 x 10^9/L|QEH=platelet count below 50 x 10^9/L}",
                  "- {*=Concurrent therapeutic anticoagulation|QEH=Patients already on full-dose "
                  "anticoagulants}",
                  "- {*=Acute stroke unless advised by the stroke team|NNUH=Acute stroke, unless the stroke "
                  "consultant advises otherwise}",
              ]},
         ]},
        {"key": "mechanical",
         "heading": {"*": "Mechanical Prophylaxis", "QEH": "Mechanical Methods"},
         "body": [
             "{JPUH=Offer anti-embolism stockings to surgical patients if LMWH is contraindicated.|NNUH=Where "
             "pharmacological prophylaxis cannot be given, surgical patients are offered anti-embolism "
             "stockings.|QEH=Surgical patients who cannot receive LMWH are fitted with anti-embolism stockings.}",
             "{*=Anti-embolism stockings must not be used in patients with acute stroke; use IPC instead.|"
             "NNUH=Do not fit stockings to patients with acute stroke; IPC is used in their place.}",
             "{*=Measure the legs and fit stockings to the manufacturer's size chart.|QEH=Leg measurements are "
             "taken and the correct size fitted.}",
         ]},
        {"key": "training", "body": [
            "{JPUH=Doctors complete VTE e-learning at induction.|NNUH=VTE training forms part of junior doctor "
            "induction.|QEH=All prescribers complete the VTE e-learning "
            "module at induction.} Nursing staff are trained in stocking fitting on {{ward}} and other wards.",
        ]},
        {"key": "monitoring", "body": [
            "{*=Compliance with risk assessment is reported monthly to|NNUH=Completion of risk assessment is "
            "audited monthly and presented to} the {{committee}}. {*=Every hospital-acquired thrombosis is reviewed "
            "by root cause analysis.|QEH=All hospital-associated thromboses undergo a structured review.}",
            "{*=Queries to|NNUH=Contact} {{email}} or extension {{ext}}.",
        ]},
        {"key": "references", "body": [
            "- {JPUH=NICE NG89 (2018, updated 2019)|NNUH=NICE NG89 (2018, updated 2019)|QEH=NICE CG92 (2010)}: "
            "venous thromboembolism, reducing the risk of hospital-acquired deep vein thrombosis or pulmonary "
            "embolism",
            "- {*=Summary of Product Characteristics, enoxaparin|NNUH=Enoxaparin SPC}",
        ]},
    ],
    "differences": [
        {"category": "role", "section": "duties",
         "text": {"JPUH": "The admitting doctor", "NNUH": "The admitting doctor",
                  "QEH": "The clerking doctor or advanced clinical practitioner"},
         "note": "Who completes the VTE risk assessment"},
        {"category": "time_limit", "section": "risk-assessment",
         "text": {"JPUH": "within 14 hours of admission", "NNUH": "within 14 hours of admission",
                  "QEH": "within 24 hours of admission"},
         "note": "Deadline for the admission VTE risk assessment"},
        {"category": "duty", "section": "risk-assessment",
         "text": {"JPUH": "must be reassessed", "NNUH": "must be reassessed", "QEH": "should be reassessed"},
         "note": "Reassessment at consultant review: required vs recommended"},
        {"category": "age_weight", "section": "pharmacological",
         "text": {"JPUH": "Under 50 kg", "NNUH": "Under 45 kg", "QEH": "Under 50 kg"},
         "note": "Low body weight cut-off for reduced enoxaparin dose"},
        {"category": "dose", "section": "pharmacological",
         "text": {"JPUH": "40 mg twice daily", "NNUH": "40 mg twice daily", "QEH": "60 mg once daily"},
         "note": "Enoxaparin dose over 100 kg"},
        {"category": "threshold", "section": "pharmacological-contraindications",
         "text": {"JPUH": "platelet count below 50 x 10^9/L", "NNUH": "platelet count below 75 x 10^9/L",
                  "QEH": "platelet count below 50 x 10^9/L"},
         "note": "Platelet threshold contraindicating LMWH"},
        {"category": "guidance", "section": "references",
         "text": {"JPUH": "NICE NG89 (2018, updated 2019)", "NNUH": "NICE NG89 (2018, updated 2019)",
                  "QEH": "NICE CG92 (2010)"},
         "note": "QEH still cites the withdrawn NICE CG92"},
    ],
}
