"""Assessment and initial management of fever in children under 5 (three trusts)."""

TOPIC = {
    "slug": "paediatric-fever",
    "group": "paediatric-fever",
    "specialty": "Paediatrics",
    "docs": {
        "JPUH": {"title": "Fever in Children Under 5 Years: Assessment and Initial Management", "type": "Guideline",
                 "format": "pdf"},
        "NNUH": {"title": "Febrile Illness in Children Under Five", "type": "Guideline", "format": "pdf"},
        "QEH": {"title": "Management of the Febrile Child (Under 5s)", "type": "Pathway", "format": "docx"},
    },
    "sections": [
        {"key": "introduction", "body": [
            "{JPUH=Fever is one of the commonest reasons for young children to attend hospital.|NNUH=Febrile "
            "illness is a very common presentation in children under five.|QEH=Many children under five "
            "present to the emergency department and children's assessment unit with fever.} "
            "{*=Most have a self-limiting viral illness, but a small number have a serious bacterial infection "
            "such as meningitis, pneumonia or urinary tract infection.|NNUH=Although most causes are viral and "
            "self-limiting, fever can be the first sign of sepsis, meningitis or another serious infection.}",
        ]},
        {"key": "scope", "body": [
            "{*=This guideline applies to children from birth to their fifth birthday with a fever who present "
            "to the emergency department, children's assessment unit or paediatric wards at|QEH=The pathway "
            "covers febrile children aged under 5 years seen in the emergency department, the children's "
            "assessment unit or the paediatric ward at} {{hospital}}. {*=Neonates already on the neonatal unit "
            "are excluded.|JPUH=It does not apply to babies on the neonatal unit.}",
        ]},
        {"key": "definitions", "body": [
            "- {*=Fever: a temperature of 38°C or higher.|NNUH=Fever: body temperature of 38°C and above.}",
            "- {*=Traffic light system: the NICE table of clinical features graded green (low risk), amber "
            "(intermediate risk) and red (high risk).|QEH=Traffic light system: classification of a febrile "
            "child's features into low (green), intermediate (amber) or high (red) risk.}",
            "- {*=Temperature is measured with an electronic thermometer in the axilla under 4 weeks, and an "
            "infrared tympanic or axillary thermometer from 4 weeks.|NNUH=Use an axillary electronic "
            "thermometer in infants under 4 weeks and a tympanic or axillary device in older children.}",
        ]},
        {"key": "duties", "body": [
            "- {*=Triage nurses measure temperature, heart rate, respiratory rate and capillary refill and "
            "record a paediatric early warning score.|NNUH=The triage nurse records a full set of observations "
            "and a PEWS.}",
            "- {*=The assessing clinician applies the traffic light system and documents the risk category.|"
            "QEH=The doctor or ANP assessing the child grades the risk and records it.}",
            "- The paediatric registrar on call (bleep {{bleep}}) {*=is contacted about any child with red "
            "features.|QEH=must be informed of every red-risk child.}",
        ]},
        {"key": "assessment",
         "heading": {"*": "Clinical Assessment", "NNUH": "Assessing the Febrile Child",
                     "QEH": "Risk Assessment"},
         "body": [
             "{*=Assess every child for immediately life-threatening features first, then use the traffic light "
             "system.|QEH=First exclude life-threatening features, then apply the traffic light table.}",
             {"table": [
                 ["{*=Feature|QEH=Finding}", "{*=Risk|QEH=Category}"],
                 ["{JPUH=Age younger than 3 months|NNUH=Age younger than 3 months|QEH=Age younger than 1 month} "
                  "with a temperature of 38°C or higher", "{*=Red (high risk)|QEH=Red}"],
                 ["{JPUH=Age 3 to 6 months with a temperature of 39°C or higher|NNUH=Age 3 to 6 months with a "
                  "temperature of 38.5°C or higher|QEH=Age 3 to 6 months with a temperature of 39°C or higher}",
                  "{*=Amber (intermediate risk)|QEH=Amber}"],
                 ["{*=Non-blanching rash, bulging fontanelle or neck stiffness|NNUH=Neck stiffness, a bulging "
                  "fontanelle or non-blanching rash}", "{*=Red (high risk)|QEH=Red}"],
                 ["{*=Fever for 5 days or more|QEH=Fever lasting 5 days or longer}",
                  "{*=Amber (intermediate risk)|QEH=Amber}"],
             ]},
             "{*=Do not use the duration of fever alone to predict serious illness.|NNUH=The length of the "
             "fever on its own does not predict serious illness.}",
         ]},
        {"key": "management",
         "heading": {"*": "Management", "JPUH": "Management by Risk Category", "QEH": "Actions by Category"},
         "body": [],
         "children": [
             {"key": "management-red",
              "heading": {"*": "Red Features", "NNUH": "High Risk"},
              "body": [
                  "{*=Perform blood culture, full blood count, CRP and urine testing, and consider lumbar "
                  "puncture.|QEH=Take blood cultures, FBC, CRP and a urine sample, and consider an LP.}",
                  "{*=Where sepsis is suspected, give intravenous antibiotics|NNUH=Give intravenous "
                  "antibiotics for suspected sepsis} {JPUH=within 3 hours of arrival|NNUH=within 1 hour of "
                  "arrival|QEH=within 1 hour of arrival}.",
                  "{*=For infants under 3 months, give|QEH=Infants under 3 months receive} "
                  "{JPUH=cefotaxime plus amoxicillin|NNUH=cefotaxime plus amoxicillin|QEH=ceftriaxone plus "
                  "amoxicillin}; {*=older children receive ceftriaxone.|QEH=children over 3 months receive "
                  "ceftriaxone alone.}",
              ]},
             {"key": "management-amber",
              "heading": {"*": "Amber Features", "NNUH": "Intermediate Risk"},
              "body": [
                  "{*=Assess with a senior clinician and decide whether investigation or a safety-net plan is "
                  "needed.|NNUH=Senior review decides between investigation and discharge with safety-netting.}",
              ]},
             {"key": "management-green",
              "heading": {"*": "Green Features", "NNUH": "Low Risk"},
              "body": [
                  "{*=The child can usually be cared for at home with written safety-netting advice.|QEH=Home "
                  "care with verbal and written safety-net advice is appropriate.}",
              ]},
         ]},
        {"key": "antipyretics",
         "heading": {"*": "Antipyretics", "NNUH": "Use of Antipyretic Medicines", "QEH": "Reducing Fever"},
         "body": [
             "{*=Consider paracetamol or ibuprofen for a child who is distressed by fever.|NNUH=Antipyretics "
             "are used for distress, not to bring down the temperature itself.}",
             "{JPUH=Do not give paracetamol and ibuprofen at the same time|NNUH=Do not give paracetamol and "
             "ibuprofen at the same time|QEH=Paracetamol and ibuprofen may be given at the same time}; "
             "{*=alternate them only if distress persists.|QEH=review if distress continues.}",
             "{*=Do not use tepid sponging.|JPUH=Tepid sponging is not recommended.}",
         ]},
        {"key": "training", "body": [
            "{*=Paediatric and emergency department staff complete training on the traffic light system at "
            "induction.|QEH=Staff working with children are trained in the traffic light system when they "
            "start.} Teaching sessions are held on {{ward}}.",
        ]},
        {"key": "monitoring", "body": [
            "{*=Time to antibiotics for children with red features is audited and reported to|NNUH=An audit of "
            "antibiotic timing in high-risk febrile children is presented to} the {{committee}}. "
            "{*=Contact|QEH=Questions to} {{email}}, ext {{ext}}.",
        ]},
        {"key": "references", "body": [
            "- {JPUH=NICE NG143 (2019)|NNUH=NICE CG160 (2013)|QEH=NICE NG143 (2019)}: fever in under 5s, "
            "assessment and initial management",
            "- {*=NICE NG51: suspected sepsis|QEH=NICE NG51 Sepsis}",
        ]},
    ],
    "differences": [
        {"category": "age_weight", "section": "assessment",
         "text": {"JPUH": "Age younger than 3 months", "NNUH": "Age younger than 3 months",
                  "QEH": "Age younger than 1 month"},
         "note": "Age below which any fever of 38 C is red"},
        {"category": "threshold", "section": "assessment",
         "text": {"JPUH": "temperature of 39°C or higher", "NNUH": "temperature of 38.5°C or higher",
                  "QEH": "temperature of 39°C or higher"},
         "note": "Temperature making a 3 to 6 month old amber"},
        {"category": "time_limit", "section": "management-red",
         "text": {"JPUH": "within 3 hours of arrival", "NNUH": "within 1 hour of arrival",
                  "QEH": "within 1 hour of arrival"},
         "note": "Time to antibiotics for suspected sepsis"},
        {"category": "drug", "section": "management-red",
         "text": {"JPUH": "cefotaxime plus amoxicillin", "NNUH": "cefotaxime plus amoxicillin",
                  "QEH": "ceftriaxone plus amoxicillin"},
         "note": "Empirical antibiotic for infants under 3 months"},
        {"category": "negation", "section": "antipyretics",
         "text": {"JPUH": "Do not give paracetamol and ibuprofen at the same time",
                  "NNUH": "Do not give paracetamol and ibuprofen at the same time",
                  "QEH": "Paracetamol and ibuprofen may be given at the same time"},
         "note": "Simultaneous antipyretics"},
        {"category": "guidance", "section": "references",
         "text": {"JPUH": "NICE NG143 (2019)", "NNUH": "NICE CG160 (2013)", "QEH": "NICE NG143 (2019)"},
         "note": "NNUH cites the replaced NICE CG160"},
    ],
}
