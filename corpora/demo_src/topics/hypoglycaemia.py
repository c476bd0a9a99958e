"""Treatment of hypoglycaemia in adults with diabetes in hospital (three trusts)."""

TOPIC = {
    "slug": "hypoglycaemia",
    "group": "hypoglycaemia",
    "specialty": "Diabetes and Endocrinology",
    "docs": {
        "JPUH": {"title": "Management of Hypoglycaemia in Adults with Diabetes", "type": "Guideline",
                 "format": "docx"},
        "NNUH": {"title": "Adult Hypoglycaemia Treatment Guideline", "type": "Guideline", "format": "pdf"},
        "QEH": {"title": "Hypoglycaemia in Adult Inpatients: Treatment Protocol", "type": "Protocol",
                "format": "docx"},
    },
    "sections": [
        {"key": "introduction", "body": [
            "{JPUH=Hypoglycaemia is the commonest side effect of insulin and sulfonylurea treatment and a "
            "frequent cause of harm in hospital.|NNUH=Hypoglycaemia is a common and potentially dangerous "
            "complication of treatment with insulin or sulfonylureas.|QEH=Low blood glucose is the most "
            "frequent adverse effect of insulin and sulfonylureas and can cause seizures, falls and "
            "cardiac arrhythmia.}",
            "{*=Common causes in hospital include missed or delayed meals, reduced appetite, vomiting, a "
            "falling steroid dose and insulin errors.|QEH=In hospital it is often caused by missed meals, "
            "vomiting, reduction of steroids or errors in prescribing or giving insulin.}",
            "{*=Prompt recognition and treatment prevent serious harm.|NNUH=Every episode should be "
            "recognised quickly and treated using this guideline.}",
        ]},
        {"key": "scope", "body": [
            "{*=This guideline applies to adults with diabetes in all inpatient areas of|QEH=The protocol "
            "covers adult patients with diabetes on any ward or unit in} {{hospital}}. "
            "{*=It does not cover children or women in labour.|NNUH=Children, and women in labour, are "
            "excluded and follow their own guidelines.}",
        ]},
        {"key": "definitions", "body": [
            "{JPUH=Hypoglycaemia is a blood glucose below 4.0 mmol/L|NNUH=Hypoglycaemia is a blood glucose "
            "below 4.0 mmol/L|QEH=Hypoglycaemia is a blood glucose below 3.5 mmol/L}, "
            "{*=with or without symptoms.|QEH=whether or not the patient has symptoms.} "
            "{*=Treat any patient with symptoms and a glucose below 5.0 mmol/L as hypoglycaemic.|JPUH=A "
            "symptomatic patient whose glucose is under 5.0 mmol/L is treated in the same way.}",
        ]},
        {"key": "duties", "body": [
            "- {*=Registered nurses recognise and treat hypoglycaemia using this guideline without waiting "
            "for a prescription.|QEH=Nurses start treatment at once under this protocol; a prescription is "
            "not needed for the first treatment.}",
            "- {*=The responsible doctor reviews the cause and adjusts treatment.|NNUH=The medical team "
            "reviews diabetes treatment after every episode.}",
            "- {*=The diabetes inpatient specialist nurses advise on recurrent episodes|QEH=Recurrent episodes "
            "are referred to the inpatient diabetes team} (bleep {{bleep}}).",
        ]},
        {"key": "recognition",
         "heading": {"*": "Recognising Hypoglycaemia", "NNUH": "Signs and Symptoms"},
         "body": [
             "- {*=Sweating, tremor, palpitations and hunger|NNUH=Sweating, shaking, a fast heartbeat and "
             "hunger}",
             "- {*=Confusion, drowsiness, slurred speech or unusual behaviour|QEH=Altered behaviour, confusion "
             "or drowsiness}",
             "- {*=Seizures or loss of consciousness|JPUH=Fitting or reduced consciousness}",
             "{*=Symptoms may be absent in older people and those with long-standing diabetes.|QEH=Elderly "
             "patients and those with longstanding diabetes may have few warning signs.}",
         ]},
        {"key": "treatment",
         "heading": {"*": "Treatment", "JPUH": "Treatment of Hypoglycaemia",
                     "QEH": "Treatment Algorithm"},
         "body": [],
         "children": [
             {"key": "treatment-conscious",
              "heading": {"*": "Conscious and Able to Swallow", "NNUH": "Patient Alert and Able to Swallow"},
              "body": [
                  "{*=Give|NNUH=Offer} {JPUH=15 to 20 g of quick-acting carbohydrate|NNUH=10 to 15 g of "
                  "quick-acting carbohydrate|QEH=15 to 20 g of quick-acting carbohydrate}, "
                  "{*=for example 150 to 200 mL of pure fruit juice or four to five glucose tablets.|QEH=such "
                  "as glucose tablets or pure orange juice.}",
                  "Recheck capillary glucose {JPUH=after 10 to 15 minutes|NNUH=after 10 to 15 minutes|"
                  "QEH=after 30 minutes} and repeat treatment up to three times if it remains low.",
              ]},
             {"key": "treatment-uncooperative",
              "heading": {"*": "Conscious but Confused or Uncooperative", "NNUH": "Patient Unable to "
                          "Cooperate"},
              "body": [
                  "{*=Squeeze one to two tubes of glucose gel between the teeth and gums, if the patient can "
                  "swallow safely.|NNUH=Apply glucose gel (one to two tubes) to the inside of the cheek where "
                  "swallowing is safe.} {*=If this fails, treat as for the unconscious patient.|QEH=Move to "
                  "intravenous treatment if there is no response.}",
              ]},
             {"key": "treatment-unconscious",
              "heading": {"*": "Unconscious, Fitting or Unable to Swallow", "QEH": "Severe Hypoglycaemia"},
              "body": [
                  "{*=Call for medical help, check the airway and stop any intravenous insulin.|NNUH=Summon "
                  "urgent medical help, protect the airway and stop any insulin infusion.}",
                  "{*=If intravenous access is available, give|QEH=With IV access, give} {JPUH=glucose 10% "
                  "150 mL|NNUH=glucose 10% 150 mL|QEH=glucose 50% 50 mL} {*=over 15 minutes.|QEH=into a "
                  "large vein.}",
                  "{*=Without intravenous access, give|QEH=If there is no IV access, give} "
                  "{JPUH=glucagon 1 mg intramuscularly|NNUH=glucagon 1 mg intramuscularly|QEH=glucagon 1 mg "
                  "subcutaneously}, {*=which may be less effective after prolonged starvation or in liver "
                  "disease.|NNUH=noting it is less effective in malnourished patients.}",
              ]},
         ]},
        {"key": "after",
         "heading": {"*": "After Treatment", "NNUH": "Follow-up Care", "QEH": "Once Glucose Has Recovered"},
         "body": [
             "{*=Once glucose has recovered, give a long-acting carbohydrate such as a sandwich or the next "
             "meal.|QEH=Follow recovery with a starchy snack or the next meal.}",
             "{JPUH=For type 1 diabetes, insulin must not be omitted|NNUH=For type 1 diabetes, insulin must not "
             "be omitted|QEH=For type 1 diabetes, the next insulin dose should be omitted}, "
             "{*=but the dose may need review.|QEH=and the regimen reviewed by the medical team.}",
             "{*=Record the episode on the glucose chart and inform the medical team.|NNUH=Document the "
             "episode and tell the doctor responsible.}",
         ]},
        {"key": "training", "body": [
            "{*=Nursing staff complete the inpatient diabetes e-learning module at induction.|QEH=Safe use "
            "of insulin and hypoglycaemia training is given to nurses at induction.} Hypo boxes are checked "
            "weekly on {{ward}} and all other wards.",
        ]},
        {"key": "monitoring", "body": [
            "{*=Episodes of severe hypoglycaemia are reviewed and reported to|NNUH=Severe hypoglycaemia "
            "incidents are presented to} the {{committee}}. {*=Contact|QEH=Enquiries:} {{email}}, ext {{ext}}.",
        ]},
        {"key": "references", "body": [
            "- {JPUH=JBDS-IP, The hospital management of hypoglycaemia in adults with diabetes mellitus "
            "(2021)|NNUH=JBDS-IP, The hospital management of hypoglycaemia in adults with diabetes mellitus "
            "(2021)|QEH=JBDS-IP, The hospital management of hypoglycaemia in adults with diabetes mellitus "
            "(2013)}",
            "- {*=National Diabetes Inpatient Safety Audit|QEH=NHS Digital, National Diabetes Inpatient "
            "Safety Audit}",
        ]},
    ],
    "differences": [
        {"category": "threshold", "section": "definitions",
         "text": {"JPUH": "blood glucose below 4.0 mmol/L", "NNUH": "blood glucose below 4.0 mmol/L",
                  "QEH": "blood glucose below 3.5 mmol/L"},
         "note": "Glucose threshold defining hypoglycaemia"},
        {"category": "dose", "section": "treatment-conscious",
         "text": {"JPUH": "15 to 20 g of quick-acting carbohydrate", "NNUH": "10 to 15 g of quick-acting carbohydrate",
                  "QEH": "15 to 20 g of quick-acting carbohydrate"},
         "note": "Amount of oral quick-acting carbohydrate"},
        {"category": "time_limit", "section": "treatment-conscious",
         "text": {"JPUH": "after 10 to 15 minutes", "NNUH": "after 10 to 15 minutes", "QEH": "after 30 minutes"},
         "note": "When to recheck glucose after treatment"},
        {"category": "drug", "section": "treatment-unconscious",
         "text": {"JPUH": "glucose 10% 150 mL", "NNUH": "glucose 10% 150 mL", "QEH": "glucose 50% 50 mL"},
         "note": "Intravenous glucose concentration and volume"},
        {"category": "route", "section": "treatment-unconscious",
         "text": {"JPUH": "glucagon 1 mg intramuscularly", "NNUH": "glucagon 1 mg intramuscularly",
                  "QEH": "glucagon 1 mg subcutaneously"},
         "note": "Route of glucagon"},
        {"category": "negation", "section": "after",
         "text": {"JPUH": "insulin must not be omitted", "NNUH": "insulin must not be omitted",
                  "QEH": "the next insulin dose should be omitted"},
         "note": "Insulin after hypoglycaemia in type 1 diabetes"},
        {"category": "guidance", "section": "references",
         "text": {"JPUH": "adults with diabetes mellitus (2021)", "NNUH": "adults with diabetes mellitus (2021)",
                  "QEH": "adults with diabetes mellitus (2013)"},
         "note": "Edition of the JBDS-IP hypoglycaemia guideline cited"},
    ],
}
