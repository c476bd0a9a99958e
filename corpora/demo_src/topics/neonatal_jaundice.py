"""Recognition and management of jaundice in newborn babies (NNUH and QEH only)."""

TOPIC = {
    "slug": "neonatal-jaundice",
    "group": "neonatal-jaundice",
    "specialty": "Paediatrics",
    "docs": {
        "NNUH": {"title": "Neonatal Jaundice Guideline", "type": "Guideline", "format": "pdf"},
        "QEH": {"title": "Management of Jaundice in the Newborn", "type": "Guideline", "format": "docx"},
    },
    "sections": [
        {"key": "introduction", "body": [
            "{NNUH=Jaundice is one of the most common conditions needing medical attention in newborn "
            "babies, affecting around 60% of term and 80% of preterm babies in the first week of "
            "life.|QEH=About 6 in 10 term babies and 8 in 10 preterm babies develop jaundice in their first "
            "week.}",
            "{NNUH=Most jaundice is physiological, but high levels of unconjugated bilirubin can cause "
            "kernicterus and lifelong disability.|QEH=It is usually harmless, but very high bilirubin levels "
            "can damage the brain (kernicterus).}",
        ]},
        {"key": "scope", "body": [
            "{NNUH=This guideline applies to babies from birth to 28 days on the postnatal wards, the "
            "neonatal unit and the children's assessment unit at|QEH=This guideline covers babies in the "
            "first 28 days of life cared for by maternity, neonatal and paediatric staff at} {{hospital}}.",
            "{*=Babies with conjugated hyperbilirubinaemia are referred to the paediatric liver service.|"
            "QEH=Conjugated jaundice needs discussion with the regional paediatric liver unit.}",
        ]},
        {"key": "duties", "only": ["QEH"], "body": [
            "The consultant neonatologist on call is responsible for decisions about exchange transfusion. "
            "Midwives and neonatal nurses identify jaundice and arrange bilirubin measurement.",
        ]},
        {"key": "risk-factors", "heading": {"*": "Risk Factors", "QEH": "Babies at Increased Risk"},
         "body": [
            "{NNUH=The following increase the risk of significant hyperbilirubinaemia:|QEH=Be alert to these "
            "risk factors:}",
            "- {*=gestational age under 38 weeks;|QEH=born before 38 weeks;}",
            "- {*=a previous sibling who needed phototherapy;|QEH=a sibling who had neonatal jaundice "
            "needing treatment;}",
            "- {*=the mother's intention to breastfeed exclusively;|NNUH=exclusive breastfeeding;}",
            "- {*=visible jaundice in the first 24 hours of life.|NNUH=jaundice seen within 24 hours of "
            "birth.}",
         ]},
        {"key": "assessment", "heading": {"*": "Assessment and Measuring Bilirubin",
                                          "QEH": "Measuring Bilirubin"},
         "body": [
            "{*=Examine every baby for jaundice at each opportunity, in good natural light.|QEH=Look for "
            "jaundice at every examination, ideally in bright natural light, checking the sclerae and gums.}",
            "{*=Do not rely on visual inspection alone to estimate the bilirubin level.|QEH=Visual "
            "inspection is not enough to estimate the bilirubin level.}",
            "{NNUH=Use a transcutaneous bilirubinometer (TcB) in babies with a|QEH=Transcutaneous "
            "bilirubinometers may be used for babies with a} {NNUH=gestational age of 35 weeks or "
            "more|QEH=gestational age of 37 weeks or more} {*=and postnatal age over 24 hours.|QEH=who are "
            "more than 24 hours old.}",
            "{*=If the TcB reading is|QEH=Where the TcB measurement is} {NNUH=above 250 micromol/L|QEH=above "
            "200 micromol/L}{*=, measure the serum bilirubin.|QEH=, confirm with a serum bilirubin.}",
         ],
         "children": [
            {"key": "assessment-first-24h", "heading": {"*": "Jaundice in the first 24 hours",
                                                        "NNUH": "Early-onset jaundice"},
             "body": [
                "{*=Jaundice in the first 24 hours of life is always pathological until proven "
                "otherwise.|QEH=Jaundice within 24 hours of birth is treated as abnormal until shown "
                "otherwise.} {*=Measure the serum bilirubin urgently,|QEH=Take a serum bilirubin urgently,} "
                "{NNUH=within 2 hours|QEH=within 6 hours}{*= of the jaundice being noticed.|QEH= of "
                "recognition.}",
                "{*=Inform the neonatal registrar on bleep|QEH=Discuss with the paediatric registrar on "
                "bleep} {{bleep}}.",
             ]},
         ]},
        {"key": "phototherapy", "heading": {"*": "Phototherapy", "NNUH": "Treatment with Phototherapy"},
         "body": [
            "{*=Use the NICE treatment threshold graphs for the baby's gestational age to decide on "
            "phototherapy or exchange transfusion.|QEH=Plot the bilirubin on the NICE threshold graph for "
            "gestation to decide whether phototherapy or exchange transfusion is needed.}",
            "{*=During phototherapy, repeat the serum bilirubin 4 to 6 hours after starting, then|QEH=Repeat "
            "the serum bilirubin 4 to 6 hours after phototherapy starts, then} {NNUH=every 6 to 12 "
            "hours|QEH=every 12 to 24 hours} {*=once the level is stable or falling.|QEH=when stable or "
            "falling.}",
            "{*=Stop phototherapy when the bilirubin is at least 50 micromol/L below the phototherapy "
            "threshold, and recheck 12 to 18 hours later.|NNUH=Phototherapy is stopped once the level has "
            "fallen at least 50 micromol/L below the threshold; check for rebound 12 to 18 hours after "
            "stopping.}",
            "- {*=Continue breastfeeding; do not routinely give additional fluids.|QEH=Support breastfeeding "
            "and do not give extra fluids routinely.}",
            "- {*=Cover the eyes and monitor temperature and hydration.|NNUH=Protect the baby's eyes and "
            "monitor temperature and hydration.}",
         ]},
        {"key": "prolonged", "heading": {"*": "Prolonged Jaundice", "QEH": "Jaundice that Persists"},
         "body": [
            "{*=Prolonged jaundice is jaundice lasting more than 14 days in term babies and|QEH=Jaundice is "
            "prolonged if it lasts more than 14 days in a term baby or} {*=more than 21 days in preterm "
            "babies.|QEH=more than 21 days in a preterm baby.}",
            "{*=Measure the conjugated bilirubin and ask about pale stools and dark urine.|QEH=Check a split "
            "bilirubin and ask about stool and urine colour.} {*=A conjugated fraction|QEH=Refer urgently if "
            "the conjugated bilirubin is} {NNUH=above 25 micromol/L|QEH=above 25 mmol/L}{*= needs urgent "
            "referral.|QEH=.}",
         ]},
        {"key": "information", "heading": {"*": "Information for Parents", "NNUH": "Discharge and Parent "
                                           "Information"},
         "body": [
            "{*=Give parents the trust leaflet on jaundice and explain how to check their baby's skin, "
            "stools and urine.|QEH=Parents receive the jaundice leaflet and are told what to look for at "
            "home.}",
         ]},
        {"key": "training", "only": ["NNUH"], "body": [
            "Midwives and neonatal nurses are trained in the use of the transcutaneous bilirubinometer "
            "before using it, with annual updates.",
        ]},
        {"key": "references", "body": [
            "- {NNUH=NICE CG98 (2010, updated 2023)|QEH=NICE CG98 (2016)}: Jaundice in newborn babies under "
            "28 days.",
            "- {*=British Association of Perinatal Medicine framework for practice.|QEH=BAPM guidance on "
            "neonatal care.}",
         ]},
    ],
    "differences": [
        {"category": "age_weight", "section": "assessment",
         "text": {"NNUH": "gestational age of 35 weeks or more",
                  "QEH": "gestational age of 37 weeks or more"},
         "note": "gestation from which transcutaneous bilirubinometers are used"},
        {"category": "threshold", "section": "assessment",
         "text": {"NNUH": "above 250 micromol/L", "QEH": "above 200 micromol/L"},
         "note": "TcB reading that needs a serum bilirubin"},
        {"category": "time_limit", "section": "assessment-first-24h",
         "text": {"NNUH": "within 2 hours", "QEH": "within 6 hours"},
         "note": "time to serum bilirubin for jaundice in the first 24 hours"},
        {"category": "frequency", "section": "phototherapy",
         "text": {"NNUH": "every 6 to 12 hours", "QEH": "every 12 to 24 hours"},
         "note": "serum bilirubin monitoring during phototherapy"},
        {"category": "unit", "section": "prolonged",
         "text": {"NNUH": "above 25 micromol/L", "QEH": "above 25 mmol/L"},
         "note": "conjugated bilirubin referral level (micromol/L vs mmol/L)"},
        {"category": "guidance", "section": "references",
         "text": {"NNUH": "NICE CG98 (2010, updated 2023)", "QEH": "NICE CG98 (2016)"},
         "note": "version of NICE CG98 cited"},
    ],
}
