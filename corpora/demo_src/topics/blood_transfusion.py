"""Safe transfusion of blood components in adults (three trusts)."""

TOPIC = {
    "slug": "blood-transfusion",
    "group": "blood-transfusion",
    "specialty": "Haematology and Transfusion",
    "docs": {
        "JPUH": {"title": "Blood Transfusion Policy", "type": "Policy", "format": "docx"},
        "NNUH": {"title": "Administration of Blood Components to Adults", "type": "Guideline", "format": "pdf"},
        "QEH": {"title": "Safe Transfusion Practice Procedure", "type": "Procedure", "format": "pdf"},
    },
    "sections": [
        {"key": "introduction", "body": [
            "{JPUH=Transfusion of blood components can be life-saving but carries risks, most of which arise "
            "from human error.|NNUH=Blood components are a valuable and limited resource; most serious "
            "transfusion incidents reported to SHOT are caused by error rather than by the component.|"
            "QEH=Most harm from transfusion reported to SHOT results from avoidable errors in identification, "
            "prescribing and monitoring.}",
            "{*=This document describes the steps from the decision to transfuse to the completion of the "
            "transfusion in this hospital.|NNUH=It covers each step of the transfusion process, from decision "
            "to post-transfusion review.}",
        ]},
        {"key": "scope", "body": [
            "{JPUH=The policy applies to all adult patients receiving red cells, platelets, plasma or "
            "cryoprecipitate.|NNUH=The guideline applies to adults receiving any blood component.|QEH=This "
            "procedure applies to adult inpatients and day-case patients receiving blood components.} "
            "{*=Neonatal and paediatric transfusion follow separate guidance.|QEH=Children and neonates are "
            "excluded.}",
        ]},
        {"key": "definitions", "body": [
            {"table": [
                ["{*=Term|QEH=Abbreviation}", "{*=Meaning|QEH=Definition}"],
                ["SHOT", "{*=Serious Hazards of Transfusion, the UK haemovigilance scheme|NNUH=Serious Hazards "
                         "of Transfusion (national haemovigilance reporting)}"],
                ["SABRE", "{*=Serious Adverse Blood Reactions and Events, the MHRA reporting system|"
                          "QEH=MHRA reporting system for serious adverse blood reactions and events}"],
                ["TACO", "Transfusion-associated circulatory overload"],
                ["{*=Bedside check|NNUH=Pre-administration check}", "{*=The final identity check between "
                 "patient, prescription and component, carried out next to the patient|NNUH=Final check of "
                 "patient identity against the prescription and the component label at the bedside}"],
            ]},
        ]},
        {"key": "duties", "body": [
            "- {*=The prescriber decides on transfusion, documents the indication and obtains consent.|"
            "NNUH=The clinician authorising transfusion records the reason and the patient's consent.}",
            "- {*=Staff collecting components from the laboratory must have completed collection training.|"
            "QEH=Only trained staff may collect blood components from the issue fridge.}",
            "- {JPUH=Two registered practitioners independently complete the bedside check.|NNUH=One registered "
            "practitioner completes the bedside check, supported by the electronic tracking system.|QEH=Two "
            "registered practitioners independently complete the bedside check.}",
            "- The hospital transfusion team (ext {{ext}}) advises on practice and investigates incidents.",
        ]},
        {"key": "decision",
         "heading": {"*": "Decision to Transfuse", "NNUH": "Indications and Consent",
                     "QEH": "Prescribing a Transfusion"},
         "body": [
             "{*=Use a restrictive threshold for red cell transfusion in stable patients without acute "
             "bleeding:|NNUH=For stable patients who are not bleeding, red cells are given only when the} "
             "{JPUH=Hb below 70 g/L|NNUH=Hb below 70 g/L|QEH=Hb below 80 g/L}"
             "{*=, with a target of 70 to 90 g/L after transfusion.|NNUH=, aiming for 70 to 90 g/L.}",
             "{*=Transfuse a single unit and reassess before giving more.|JPUH=Give one unit at a time, then "
             "review the patient and the Hb.}",
             "{*=Discuss the risks, benefits and alternatives with the patient and record consent.|QEH=Consent "
             "is discussed and recorded, and the patient receives the transfusion information leaflet.}",
         ],
         "children": [
             {"key": "decision-taco",
              "heading": {"*": "Risk of Circulatory Overload", "QEH": "TACO Risk Assessment"},
              "body": [
                  "{*=Complete the TACO checklist before every transfusion.|NNUH=A TACO risk assessment is "
                  "completed for each patient.} For patients at risk, consider "
                  "{JPUH=intravenous furosemide 20 mg|NNUH=intravenous furosemide 20 mg|QEH=intravenous "
                  "furosemide 40 mg} and a slower rate.",
              ]},
         ]},
        {"key": "administration",
         "heading": {"*": "Administration", "NNUH": "Collection and Administration",
                     "QEH": "Giving the Transfusion"},
         "body": [
             "{*=Positive patient identification is performed at the bedside against the identity band, "
             "prescription and component label.|QEH=Identify the patient at the bedside by asking their name "
             "and date of birth and checking them against the wristband and label.}",
             "Start the transfusion {JPUH=within 30 minutes of removal|NNUH=within 20 minutes of removal|"
             "QEH=within 30 minutes of removal} from the blood refrigerator and complete each unit of red cells "
             "within 4 hours.",
             "{*=Use a blood administration set with an integral 170 to 200 micron filter and change it at "
             "least every 12 hours.|NNUH=Blood is given through a dedicated administration set with a 170 to "
             "200 micron filter, changed at least every 12 hours.} {*=Never add medicines to a blood "
             "component bag.|QEH=No medicine may be added to the component or given through the same line.}",
         ],
         "children": [
             {"key": "administration-obs",
              "heading": {"*": "Observations", "JPUH": "Monitoring During Transfusion"},
              "body": [
                  "{*=Record temperature, pulse, blood pressure and respiratory rate before the start,|"
                  "NNUH=Baseline temperature, pulse, blood pressure and respiratory rate are recorded, with "
                  "repeat observations} {JPUH=at 15 minutes after the start of each unit|NNUH=at 15 minutes "
                  "after the start of each unit|QEH=at 30 minutes after the start of each unit} and at the end.",
              ]},
         ]},
        {"key": "reactions",
         "heading": {"*": "Transfusion Reactions", "NNUH": "Suspected Adverse Reactions",
                     "QEH": "Managing a Reaction"},
         "body": [
             "{*=If a reaction is suspected, stop the transfusion, keep the line open and call the medical "
             "team.|NNUH=Stop the transfusion immediately if a reaction is suspected and summon medical "
             "help.} {*=Recheck the identity of the patient and the component.|QEH=Repeat the identity check.}",
             "{*=Report serious reactions to the transfusion laboratory on bleep|QEH=Inform the laboratory on "
             "bleep} {{bleep}} {*=for reporting to SHOT and SABRE.|QEH=so that SHOT and SABRE reports can be "
             "made.}",
         ]},
        {"key": "training", "body": [
            "{JPUH=Staff involved in transfusion complete the e-learning module and a competency assessment "
            "every three years.|NNUH=Transfusion training and competency assessment are renewed every three "
            "years.|QEH=Staff who give blood complete training and a direct observation of competence, renewed every three years.} "
            "Records are kept by the transfusion team.",
        ]},
        {"key": "monitoring", "body": [
            "{*=Traceability, audit results and incidents are reported quarterly to|NNUH=The transfusion "
            "committee report goes each quarter to} the {{committee}}. Contact {{email}}.",
        ]},
        {"key": "references", "body": [
            "- {JPUH=BSH guideline on the administration of blood components (2017)|NNUH=BSH guideline on the "
            "administration of blood components (2017)|QEH=BSH guideline on the administration of blood "
            "components (2009)}",
            "- {*=NICE NG24 (2015): blood transfusion|QEH=NICE NG24 Blood transfusion (2015)}",
            "- {*=SHOT annual report|NNUH=Serious Hazards of Transfusion (SHOT) annual report}",
        ]},
    ],
    "differences": [
        {"category": "threshold", "section": "decision",
         "text": {"JPUH": "Hb below 70 g/L", "NNUH": "Hb below 70 g/L", "QEH": "Hb below 80 g/L"},
         "note": "Restrictive red cell transfusion threshold"},
        {"category": "dose", "section": "decision-taco",
         "text": {"JPUH": "intravenous furosemide 20 mg", "NNUH": "intravenous furosemide 20 mg",
                  "QEH": "intravenous furosemide 40 mg"},
         "note": "Prophylactic diuretic dose for patients at risk of TACO"},
        {"category": "role", "section": "duties",
         "text": {"JPUH": "Two registered practitioners independently complete the bedside check",
                  "NNUH": "One registered practitioner completes the bedside check",
                  "QEH": "Two registered practitioners independently complete the bedside check"},
         "note": "Who performs the bedside check"},
        {"category": "time_limit", "section": "administration",
         "text": {"JPUH": "within 30 minutes of removal", "NNUH": "within 20 minutes of removal",
                  "QEH": "within 30 minutes of removal"},
         "note": "Start of transfusion after removal from the blood refrigerator"},
        {"category": "frequency", "section": "administration-obs",
         "text": {"JPUH": "at 15 minutes after the start of each unit",
                  "NNUH": "at 15 minutes after the start of each unit",
                  "QEH": "at 30 minutes after the start of each unit"},
         "note": "Timing of first observations during a unit"},
        {"category": "guidance", "section": "references",
         "text": {"JPUH": "administration of blood components (2017)",
                  "NNUH": "administration of blood components (2017)",
                  "QEH": "administration of blood components (2009)"},
         "note": "QEH cites the 2009 BSH guideline"},
    ],
}
