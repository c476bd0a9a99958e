"""Subcutaneous insulin on adult wards (JPUH and QEH only; near miss of insulin-infusion)."""

TOPIC = {
    "slug": "subcutaneous-insulin",
    "group": "subcutaneous-insulin",
    "specialty": "Diabetes and Endocrinology",
    "docs": {
        "JPUH": {"title": "Safe Prescribing and Administration of Subcutaneous Insulin (Adults)",
                 "type": "Policy", "format": "docx"},
        "QEH": {"title": "Subcutaneous Insulin: Prescribing and Administration on Adult Wards",
                "type": "Guideline", "format": "docx"},
    },
    "near_miss": ["insulin-infusion"],
    "sections": [
        {"key": "introduction", "body": [
            "{JPUH=Insulin is one of the medicines most often involved in serious medication errors in "
            "hospital.|QEH=Errors with insulin are among the commonest causes of serious harm from medicines "
            "in hospital.} {*=Omitted doses, wrong doses and confusion between insulin products can cause "
            "hypoglycaemia or diabetic ketoacidosis.|QEH=Missed doses lead to hyperglycaemia and "
            "ketoacidosis; wrong doses and mix-ups between products cause hypoglycaemia.}",
            "{JPUH=This policy sets the standards for prescribing, giving and monitoring subcutaneous "
            "insulin for adult inpatients.|QEH=This guideline describes how subcutaneous insulin is "
            "prescribed, given and monitored on adult wards.}",
        ]},
        {"key": "scope", "body": [
            "{JPUH=It applies to all adult inpatients with diabetes who take subcutaneous insulin, on every "
            "ward of|QEH=It covers adults aged 18 and over who receive insulin by subcutaneous injection at} "
            "{{hospital}}.",
            "{JPUH=Intravenous insulin (VRIII and fixed rate infusions) is covered by separate "
            "guidelines.|QEH=It does not cover variable or fixed rate intravenous insulin infusions, which "
            "have their own guidelines.}",
        ]},
        {"key": "definitions", "body": [
            "- {JPUH=Basal insulin: long-acting or intermediate-acting insulin that controls glucose between "
            "meals and overnight.|QEH=Basal (background) insulin: long-acting insulin, such as insulin "
            "glargine or insulin degludec, given once or twice a day.}",
            "- {JPUH=Bolus insulin: rapid-acting or short-acting insulin given with meals.|QEH=Meal-time "
            "(bolus) insulin: rapid-acting or human soluble insulin taken with food.}",
            "- {*=Biosimilar: an insulin that is highly similar to an existing brand; brands are not "
            "interchangeable without review.|QEH=Biosimilar insulin: a product similar to another brand; "
            "never switch between them without specialist advice.}",
        ]},
        {"key": "duties", "body": [
            "{JPUH=Prescribers are responsible for accurate insulin prescriptions.|QEH=The prescriber is "
            "accountable for each insulin prescription.} {*=Registered nurses are responsible for giving "
            "insulin on time.|QEH=Nurses must give insulin at the right time in relation to meals.}",
            "{JPUH=Dose changes are made by a doctor or the diabetes specialist nurse|QEH=Dose changes are "
            "made only by a doctor}{*=.|QEH=, after review of the capillary blood glucose record.}",
            "{*=The diabetes inpatient specialist nurses can be contacted on bleep|QEH=The inpatient "
            "diabetes team is available on bleep} {{bleep}}.",
        ]},
        {"key": "prescribing", "heading": {"*": "Prescribing Insulin", "QEH": "Safe Prescribing"},
         "body": [
            "- {*=Prescribe insulin by brand name and device, for example a prefilled pen or cartridge.|"
            "QEH=Always prescribe the brand and the device (pen, cartridge or vial).}",
            "- {*=Write the word 'units' in full; never use 'U' or 'IU'.|JPUH='Units' must be written in "
            "full; the abbreviations 'U' and 'IU' are not used.}",
            "- {*=State the strength if it is not 100 units/mL.|QEH=Check the strength; high-strength "
            "insulins such as 200 units/mL or 300 units/mL must be clearly identified.}",
            "- {*=Record the time of each dose in relation to meals.|JPUH=Prescribe the timing in relation "
            "to meals, not by a fixed drug-round time.}",
            "{*=Continue the patient's usual insulin on admission unless a clinician decides otherwise.|"
            "QEH=Never stop the basal insulin of a patient with type 1 diabetes, even when they are nil by "
            "mouth.}",
         ]},
        {"key": "administration", "heading": {"*": "Giving Insulin", "QEH": "Administration"},
         "body": [
            "{*=Give rapid-acting insulin|QEH=Meal-time rapid-acting insulin is given} {JPUH=no more than 15 "
            "minutes before the meal|QEH=no more than 30 minutes before the meal}{*=, or straight after it "
            "if intake is uncertain.|QEH=, or with the meal when the patient's appetite is poor.}",
            "{JPUH=A second registered practitioner independently checks every insulin dose|QEH=A second "
            "check is not required for insulin given by pen}{*= before it is given.|QEH=, but nurses must "
            "confirm the brand, dose and time.}",
            "- {*=Use the patient's own pen only if it is in date and labelled.|QEH=Patients' own pens may "
            "be used when in date and labelled by pharmacy.}",
            "- {*=Use safety needles and rotate injection sites.|JPUH=Safety pen needles are used and "
            "injection sites are rotated to avoid lipohypertrophy.}",
            "- {*=Never withdraw insulin from a pen or cartridge with a syringe.|QEH=Insulin is never drawn "
            "up from a pen or cartridge.}",
         ]},
        {"key": "monitoring-glucose", "heading": {"*": "Monitoring Blood Glucose",
                                                  "JPUH": "Capillary Blood Glucose Monitoring"},
         "body": [
            "{*=Check capillary blood glucose|JPUH=Capillary blood glucose is measured} {JPUH=before each "
            "meal and at bedtime|QEH=at least twice daily}{*=, and whenever the patient feels unwell.|JPUH=, "
            "and more often during acute illness.}",
            "{JPUH=Aim to keep capillary blood glucose|QEH=For most inpatients, the target is capillary "
            "blood glucose} {JPUH=between 6 and 10 mmol/L|QEH=between 4 and 12 mmol/L}{JPUH=, with 4 to 12 "
            "mmol/L acceptable in frail patients.|QEH=.}",
            "{*=Check blood ketones if glucose is above 12 mmol/L in a patient with type 1 diabetes.|QEH=In "
            "type 1 diabetes, test ketones when glucose exceeds 12 mmol/L.}",
         ]},
        {"key": "hypoglycaemia", "heading": {"*": "Hypoglycaemia", "QEH": "Treating Hypoglycaemia"},
         "body": [
            "{*=Treat capillary blood glucose below 4.0 mmol/L with 15 to 20 g of quick-acting carbohydrate "
            "and recheck after 15 minutes.|QEH=If glucose is below 4.0 mmol/L, give 15 to 20 g of "
            "quick-acting carbohydrate, such as 150 to 200 mL of pure fruit juice, and repeat the test after "
            "15 minutes.}",
            "{*=If the patient cannot swallow or is unconscious, give|QEH=For a patient who is unconscious "
            "or unable to swallow, give} {JPUH=glucagon 1 mg intramuscularly|QEH=glucagon 1 mg "
            "subcutaneously}{*= or intravenous glucose 10%, and call for medical help.|JPUH=, or intravenous "
            "glucose 10% if access is available, and call the doctor.}",
            "{*=Do not omit the next insulin dose after a hypoglycaemic episode; review it.|JPUH=After a "
            "hypo, the next insulin dose is reviewed, not simply omitted.}",
         ]},
        {"key": "training", "body": [
            "{JPUH=All nurses and prescribers complete the national safe use of insulin e-learning.|QEH=Safe "
            "use of insulin e-learning is mandatory for registered nurses and doctors.}",
        ]},
        {"key": "references", "body": [
            "- {*=NPSA Rapid Response Report: Safer administration of insulin (2010).|JPUH=NPSA/2010/RRR013 "
            "Safer administration of insulin.}",
            "- {*=JBDS-IP: Management of adults with diabetes undergoing surgery and elective procedures.|"
            "QEH=JBDS-IP guidance on hypoglycaemia in adults in hospital.}",
        ]},
    ],
    "differences": [
        {"category": "role", "section": "duties",
         "text": {"JPUH": "Dose changes are made by a doctor or the diabetes specialist nurse",
                  "QEH": "Dose changes are made only by a doctor"},
         "note": "who may change insulin doses"},
        {"category": "time_limit", "section": "administration",
         "text": {"JPUH": "no more than 15 minutes before the meal",
                  "QEH": "no more than 30 minutes before the meal"},
         "note": "timing of rapid-acting insulin"},
        {"category": "negation", "section": "administration",
         "text": {"JPUH": "A second registered practitioner independently checks every insulin dose",
                  "QEH": "A second check is not required for insulin given by pen"},
         "note": "independent second check of insulin doses"},
        {"category": "frequency", "section": "monitoring-glucose",
         "text": {"JPUH": "before each meal and at bedtime", "QEH": "at least twice daily"},
         "note": "capillary blood glucose monitoring"},
        {"category": "threshold", "section": "monitoring-glucose",
         "text": {"JPUH": "between 6 and 10 mmol/L", "QEH": "between 4 and 12 mmol/L"},
         "note": "target glucose range"},
        {"category": "route", "section": "hypoglycaemia",
         "text": {"JPUH": "glucagon 1 mg intramuscularly", "QEH": "glucagon 1 mg subcutaneously"},
         "note": "route of glucagon for severe hypoglycaemia"},
    ],
}
