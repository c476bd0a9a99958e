"""Confirming the position of nasogastric feeding tubes in adults (all three trusts)."""

TOPIC = {
    "slug": "nasogastric-tubes",
    "group": "nasogastric-tubes",
    "specialty": "Nursing and Patient Safety",
    "docs": {
        "JPUH": {"title": "Insertion and Confirmation of Position of Nasogastric Feeding Tubes in Adults",
                 "type": "Policy", "format": "docx"},
        "NNUH": {"title": "Nasogastric Tube Placement and Position Checks (Adults)", "type": "Guideline",
                 "format": "pdf"},
        "QEH": {"title": "Safe Use of Fine-Bore Nasogastric Tubes", "type": "Procedure", "format": "docx"},
    },
    "sections": [
        {"key": "introduction", "body": [
            "{JPUH=Feeding through a misplaced nasogastric (NG) tube can cause death or severe harm.|NNUH=A "
            "nasogastric tube placed in the airway and used for feeding or medicines can be "
            "fatal.|QEH=Misplaced nasogastric tubes remain a cause of avoidable death and serious harm in "
            "the NHS.} {JPUH=Placing fluid, feed or medication into the lung through a misplaced tube is a "
            "Never Event.|NNUH=Using a misplaced tube in the respiratory tract is a Never "
            "Event.|QEH=Introducing anything into the respiratory tract through a misplaced NG tube is "
            "listed as a Never Event.}",
        ]},
        {"key": "scope", "body": [
            "{JPUH=This policy applies to all adult inpatients who need a fine-bore nasogastric tube for "
            "feeding, fluids or medicines.|NNUH=The guideline covers adult patients with a fine-bore NG tube "
            "used for enteral feeding or drug administration.|QEH=This procedure applies to adult patients "
            "having a fine-bore NG tube placed for nutrition, hydration or medication.} {*=Wide-bore "
            "drainage tubes are excluded.|QEH=It does not cover wide-bore tubes used for drainage.}",
        ]},
        {"key": "definitions", "only": ["JPUH", "NNUH"], "body": [
            "- {JPUH=NEX: the nose-earlobe-xiphisternum measurement used to estimate the length to "
            "insert.|NNUH=NEX measurement: nose to earlobe to xiphisternum, an estimate of the insertion "
            "length.}",
            "- {JPUH=Aspirate: fluid drawn back from the tube for pH testing.|NNUH=Aspirate: gastric "
            "contents withdrawn through the tube with a syringe.}",
        ]},
        {"key": "duties", "body": [
            "{JPUH=Only registered practitioners who have completed the trust's NG competency may place a "
            "tube or confirm its position.|NNUH=Tubes are placed and checked only by practitioners with a "
            "current NG competency.|QEH=NG tubes may only be inserted and checked by staff assessed as "
            "competent.} {*=The nutrition nurse specialists give advice and training, bleep|QEH=Advice is "
            "available from the nutrition nurse team on bleep} {{bleep}}.",
        ]},
        {"key": "insertion", "heading": {"*": "Inserting the Tube", "QEH": "Insertion"}, "body": [
            "{JPUH=Explain the procedure and gain consent, or act in the patient's best interests under the "
            "Mental Capacity Act.|NNUH=Gain consent, or record a best-interests decision if the patient "
            "lacks capacity.|QEH=Obtain consent or follow the Mental Capacity Act where the patient lacks "
            "capacity.}",
            "{JPUH=Seek medical advice before placing a tube in a patient with a suspected base of skull "
            "fracture, recent upper gastrointestinal surgery or oesophageal varices.|NNUH=Suspected basal "
            "skull fracture, recent oesophageal or gastric surgery and known varices need discussion with "
            "the medical team first.|QEH=Discuss with the medical team before insertion if there is a "
            "possible base of skull fracture, recent upper GI surgery or varices.}",
            "{*=Measure NEX and record the length at the nostril once the tube is in place.|QEH=Record the "
            "NEX measurement and the external length at the nose.}",
            "{JPUH=Never reinsert the guidewire while the tube is in the patient.|NNUH=The guidewire must "
            "never be reintroduced with the tube in situ.|QEH=Do not put the guidewire back while the tube "
            "is in place.}",
         ],
         "children": [
            {"key": "insertion-difficult", "heading": "Difficult insertion", "only": ["NNUH", "QEH"],
             "body": [
                "{NNUH=Stop after two failed attempts and seek senior advice.|QEH=After two unsuccessful "
                "attempts, stop and ask for help from an experienced colleague.}",
            ]},
         ]},
        {"key": "confirming-position",
         "heading": {"*": "Confirming the Position", "NNUH": "First-Line Check: pH Testing",
                     "QEH": "Checking the Tube Position"},
         "body": [
            "{JPUH=Confirm the position before first use by testing aspirate with CE-marked pH indicator "
            "strips.|NNUH=Test an aspirate with CE-marked pH strips before the tube is used for the first "
            "time.|QEH=Before first use, check an aspirate using CE-marked pH paper.}",
            "{JPUH=A pH of 5.5 or below|NNUH=A pH of 5.5 or below|QEH=A pH of 5.0 or below} {*=confirms "
            "gastric placement and the tube may be used.|QEH=indicates that the tube is in the stomach.}",
            "{JPUH=Patients taking proton pump inhibitors may still be checked by pH testing|NNUH=Patients "
            "on proton pump inhibitors may still be checked by pH testing|QEH=In patients taking proton pump "
            "inhibitors, do not rely on pH testing}{JPUH=, moving to X-ray if no reading is obtained.|NNUH=; "
            "an X-ray is needed only if the reading is too high.|QEH=; request an X-ray instead.}",
            "{*=The 'whoosh' test, litmus paper and checking for bubbles must never be used.|QEH=Never use "
            "the 'whoosh' test, litmus paper or bubbling to check position.}",
         ]},
        {"key": "x-ray", "heading": {"*": "Second-Line Check: X-ray", "QEH": "Use of Chest X-ray"}, "body": [
            "{JPUH=If no aspirate is obtained or the pH is too high, request a chest X-ray.|NNUH=Where "
            "aspirate cannot be obtained or the pH is above the safe range, a chest X-ray is "
            "required.|QEH=Request a chest X-ray if aspirate cannot be obtained or the pH is too high.}",
            "{JPUH=The film must be interpreted by a doctor assessed as competent|NNUH=The film must be "
            "interpreted by a consultant radiologist|QEH=The film must be interpreted by a doctor assessed "
            "as competent}{*=, who records the tube position in the notes.|NNUH=, and the report is "
            "documented before feeding begins.}",
         ]},
        {"key": "ongoing-checks", "heading": {"*": "Ongoing Checks", "JPUH": "Subsequent Position Checks"},
         "body": [
            "{JPUH=Recheck the position before each feed and each medication, and at least once every 24 "
            "hours during continuous feeding.|NNUH=Check the position before every feed or medicine and at "
            "least every 12 hours during continuous feeding.|QEH=During continuous feeding, check the "
            "position at least once every 24 hours, and before each medication.}",
            "{*=Also recheck after vomiting, coughing spasms or if the external length has changed.|NNUH=A "
            "further check is needed after vomiting or retching, or if the tube appears to have moved.}",
            "{JPUH=Document every check on the NG tube chart, including the pH and the external "
            "length.|NNUH=Each check, with the pH reading and the tube length at the nostril, is recorded on "
            "the NG chart.|QEH=Every check is documented as described below.}",
         ]},
        {"key": "documentation", "heading": "Documentation", "only": ["QEH"], "body": [
            "Record every position check on the NG tube chart: the date and time, the pH reading or X-ray "
            "result, the external length at the nostril and the name of the person checking.",
            "If a tube is found to be misplaced, stop feeding, remove the tube, complete a Datix report and "
            "inform the nurse in charge of {{ward}}.",
        ]},
        {"key": "training", "body": [
            "{JPUH=Competency is assessed in practice and renewed every three years.|NNUH=Practitioners "
            "complete e-learning and supervised practice, with reassessment every three years.|QEH=Training "
            "consists of e-learning and a supervised assessment, repeated every three years.} {*=Records are "
            "held by the clinical education team:|QEH=For training dates contact} {{email}}.",
        ]},
        {"key": "references", "body": [
            "- {JPUH=NHS/PSA/RE/2016/006|NNUH=NHS/PSA/RE/2016/006|QEH=NPSA/2011/PSA002}: {*=Nasogastric tube "
            "misplacement: continuing risk of death and severe harm.|QEH=Reducing the harm caused by "
            "misplaced nasogastric feeding tubes.}",
            "- {*=NICE CG32: Nutrition support for adults.|QEH=NICE CG32 Nutrition support in adults.}",
        ]},
    ],
    "differences": [
        {"category": "threshold", "section": "confirming-position",
         "text": {"JPUH": "A pH of 5.5 or below",
                  "NNUH": "A pH of 5.5 or below",
                  "QEH": "A pH of 5.0 or below"},
         "note": "pH that confirms gastric placement"},
        {"category": "negation", "section": "confirming-position",
         "text": {"JPUH": "may still be checked by pH testing",
                  "NNUH": "may still be checked by pH testing",
                  "QEH": "do not rely on pH testing"},
         "note": "pH testing in patients on proton pump inhibitors"},
        {"category": "role", "section": "x-ray",
         "text": {"JPUH": "interpreted by a doctor assessed as competent",
                  "NNUH": "interpreted by a consultant radiologist",
                  "QEH": "interpreted by a doctor assessed as competent"},
         "note": "who interprets the confirmation X-ray"},
        {"category": "frequency", "section": "ongoing-checks",
         "text": {"JPUH": "at least once every 24 hours",
                  "NNUH": "at least every 12 hours",
                  "QEH": "at least once every 24 hours"},
         "note": "position checks during continuous feeding"},
        {"category": "guidance", "section": "references",
         "text": {"JPUH": "NHS/PSA/RE/2016/006", "NNUH": "NHS/PSA/RE/2016/006", "QEH": "NPSA/2011/PSA002"},
         "note": "national patient safety alert cited"},
    ],
}
