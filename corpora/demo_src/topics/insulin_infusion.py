"""Variable rate intravenous insulin infusion (VRIII) in adults (near miss of subcutaneous-insulin)."""

TOPIC = {
    "slug": "insulin-infusion",
    "group": "insulin-infusion",
    "specialty": "Diabetes and Endocrinology",
    "docs": {
        "JPUH": {"title": "Variable Rate Intravenous Insulin Infusion (VRIII) Guideline for Adults",
                 "type": "Guideline", "format": "docx"},
        "NNUH": {"title": "Adult Variable Rate Intravenous Insulin Infusion Protocol", "type": "Protocol",
                 "format": "pdf"},
        "QEH": {"title": "Use of Variable Rate Intravenous Insulin Infusion in Adult Inpatients",
                "type": "Guideline", "format": "pdf"},
    },
    "near_miss": ["subcutaneous-insulin"],
    "sections": [
        {"key": "introduction", "body": [
            "{JPUH=A variable rate intravenous insulin infusion (VRIII) keeps blood glucose in a safe range "
            "in adults who cannot eat or drink, or whose diabetes is uncontrolled during acute "
            "illness.|NNUH=The VRIII is used to control capillary blood glucose in adult inpatients who are "
            "nil by mouth or acutely unwell with hyperglycaemia.|QEH=Intravenous insulin given at a variable "
            "rate maintains glucose control when a patient cannot take their usual diabetes treatment by "
            "mouth or by injection.}",
            "{*=Insulin is a high-risk medicine, and errors with intravenous insulin can cause severe "
            "hypoglycaemia or death.|NNUH=Intravenous insulin errors can be fatal; insulin is on the trust "
            "list of high-risk medicines.}",
        ]},
        {"key": "scope", "body": [
            "{*=This guideline applies to adults aged 18 and over on all wards of|NNUH=The protocol covers "
            "adult inpatients in all areas of} {{hospital}}{*=, except critical care.|NNUH=, other than the "
            "intensive care unit.}",
            "{JPUH=It does not apply to diabetic ketoacidosis (DKA) or hyperosmolar hyperglycaemic state "
            "(HHS), which use a fixed rate intravenous insulin infusion.|NNUH=Patients with DKA or HHS are "
            "excluded and are treated with a fixed rate infusion under the DKA and HHS protocols.|QEH=DKA "
            "and HHS are excluded: use the fixed rate intravenous insulin infusion protocol.}",
        ]},
        {"key": "indications", "heading": {"*": "Indications", "NNUH": "When to Start a VRIII",
                                           "QEH": "Who Needs a VRIII"},
         "body": [
            "- {*=Patients with diabetes who will miss more than one meal, for example during surgery.|"
            "QEH=Patients with diabetes expected to miss more than one meal, such as around surgery.}",
            "- {*=Patients who are vomiting or unable to eat, with|NNUH=Acutely unwell patients who cannot "
            "eat, with} {JPUH=two consecutive capillary blood glucose readings above 12 mmol/L|NNUH=two "
            "consecutive capillary blood glucose readings above 10 mmol/L|QEH=two consecutive capillary "
            "blood glucose readings above 12 mmol/L}.",
            "- {*=Patients receiving enteral or parenteral feeding whose glucose is not controlled by "
            "subcutaneous insulin.|JPUH=Patients on enteral or parenteral nutrition with uncontrolled "
            "glucose despite subcutaneous insulin.}",
         ]},
        {"key": "prescribing", "heading": {"*": "Prescribing and Preparing the Infusion",
                                           "NNUH": "Prescription and Preparation"},
         "body": [
            "{*=Prescribe 50 units of human soluble insulin (Actrapid or Humulin S) in 49.5 mL of sodium "
            "chloride 0.9%, giving 1 unit/mL.|NNUH=The standard syringe is human soluble insulin (Actrapid "
            "or Humulin S) 50 units made up to 50 mL with sodium chloride 0.9% (1 unit/mL).}",
            "{*=Use a prefilled syringe where available.|QEH=Prefilled insulin syringes should be used if "
            "stocked.} {*=Never draw insulin from a pen or cartridge with a syringe.|JPUH=Insulin must never "
            "be withdrawn from a pen device or cartridge.}",
            "{*=Run the insulin alongside a substrate fluid of|NNUH=The substrate fluid given with the "
            "insulin is} {JPUH=glucose 5% in sodium chloride 0.45%|NNUH=glucose 4% in sodium chloride "
            "0.18%|QEH=glucose 5% in sodium chloride 0.45%}{*= with potassium chloride, at 83 mL/hour.|NNUH= "
            "with potassium chloride 0.15% or 0.3%, at 83 mL/hour.}",
            "{*=Continue long-acting insulin|QEH=The patient's long-acting (basal) insulin is continued} "
            "{JPUH=at the usual dose|NNUH=at the usual dose|QEH=at 80% of the usual dose}{*= while the VRIII "
            "runs.|QEH= throughout the infusion.}",
         ]},
        {"key": "rates", "heading": {"*": "Infusion Rates", "QEH": "Rate Adjustment"},
         "body": [
            "{*=Start at the standard rate and adjust hourly to the capillary blood glucose:|QEH=Start at "
            "the standard rate and adjust it at each capillary blood glucose check:|NNUH=Use the standard "
            "scale unless the prescriber has chosen the reduced or increased scale:}",
            {"table": [["{*=Capillary blood glucose (mmol/L)|NNUH=CBG (mmol/L)}",
                        "{*=Insulin rate (units/hour)|QEH=Rate (mL/hour = units/hour)}"],
                       ["Below 4.0", "0.5 (treat hypoglycaemia)"],
                       ["4.0 to 7.0", "1"], ["7.1 to 9.0", "2"], ["9.1 to 11.0", "3"],
                       ["11.1 to 14.0", "4"], ["14.1 to 17.0", "5"], ["17.1 to 20.0", "6"],
                       ["{*=Above 20.0|NNUH=Over 20.0}",
                        "{*=6 and call a doctor|JPUH=6 and inform the doctor}"]]},
            "{*=Capillary blood glucose is|JPUH=Check that capillary blood glucose is} {JPUH=measured hourly "
            "throughout|NNUH=measured hourly throughout|QEH=measured hourly for the first 4 hours}"
            "{*= the infusion.|QEH=, then every 2 hours if within target.}",
         ]},
        {"key": "hypoglycaemia", "heading": {"*": "Hypoglycaemia", "JPUH": "Managing Low Blood Glucose"},
         "body": [
            "{*=If capillary blood glucose is below 4.0 mmol/L, reduce the insulin to 0.5 units/hour and "
            "treat with 15 to 20 g of quick-acting carbohydrate or intravenous glucose 10%.|NNUH=For "
            "readings below 4.0 mmol/L, do not stop the infusion: reduce it to 0.5 units/hour and give "
            "intravenous glucose 10% if the patient is nil by mouth.}",
            "{*=Recheck after 15 minutes.|QEH=Repeat the capillary blood glucose after 15 minutes.} "
            "{*=Persistent hypoglycaemia is escalated to the on-call medical registrar.|QEH=Inform the "
            "on-call medical registrar if it persists.}",
         ]},
        {"key": "stopping", "heading": {"*": "Stopping the VRIII",
                                        "NNUH": "Transfer to Subcutaneous Insulin"},
         "body": [
            "{*=Stop the VRIII only when the patient is eating and drinking.|NNUH=The VRIII is stopped once "
            "the patient is eating and drinking normally.}",
            "{*=Give the usual subcutaneous short-acting insulin with a meal and continue the infusion|"
            "NNUH=Give the patient's usual meal-time subcutaneous insulin and keep the VRIII running} "
            "{JPUH=until 30 minutes after the subcutaneous dose|NNUH=until 60 minutes after the subcutaneous "
            "dose|QEH=until 30 minutes after the subcutaneous dose}{*=.|QEH=, then disconnect it.}",
            "{*=The diabetes inpatient team can advise on extension|JPUH=Advice from the diabetes specialist "
            "nurses is available on extension} {{ext}}.",
         ]},
        {"key": "training", "body": [
            "{JPUH=Nurses who care for patients on a VRIII complete the trust insulin safety e-learning.|"
            "NNUH=All prescribers and registered nurses complete insulin safety training every two years.|"
            "QEH=Insulin safety training is mandatory for nurses on wards that use VRIII.} {*=Surgical and "
            "medical wards such as|QEH=Wards such as} {{ward}} {*=keep a record of completion.|QEH=monitor "
            "completion monthly.}",
        ]},
        {"key": "references", "body": [
            "- {JPUH=JBDS-IP: The use of variable rate intravenous insulin infusion in medical inpatients "
            "(2014)|NNUH=JBDS-IP: The use of variable rate intravenous insulin infusion in medical "
            "inpatients (2023)|QEH=JBDS-IP: The use of variable rate intravenous insulin infusion in medical "
            "inpatients (2023)}.",
            "- {*=NPSA Rapid Response Report: Safer administration of insulin (2010).|NNUH=NPSA/2010/RRR013 "
            "Safer administration of insulin.}",
         ]},
    ],
    "differences": [
        {"category": "threshold", "section": "indications",
         "text": {"JPUH": "readings above 12 mmol/L", "NNUH": "readings above 10 mmol/L",
                  "QEH": "readings above 12 mmol/L"},
         "note": "capillary glucose that triggers a VRIII in an unwell patient"},
        {"category": "drug", "section": "prescribing",
         "text": {"JPUH": "glucose 5% in sodium chloride 0.45%",
                  "NNUH": "glucose 4% in sodium chloride 0.18%",
                  "QEH": "glucose 5% in sodium chloride 0.45%"},
         "note": "substrate fluid run with the VRIII"},
        {"category": "dose", "section": "prescribing",
         "text": {"JPUH": "at the usual dose", "NNUH": "at the usual dose",
                  "QEH": "at 80% of the usual dose"},
         "note": "long-acting insulin dose while on VRIII"},
        {"category": "frequency", "section": "rates",
         "text": {"JPUH": "measured hourly throughout", "NNUH": "measured hourly throughout",
                  "QEH": "measured hourly for the first 4 hours"},
         "note": "capillary blood glucose monitoring on VRIII"},
        {"category": "time_limit", "section": "stopping",
         "text": {"JPUH": "until 30 minutes after the subcutaneous dose",
                  "NNUH": "until 60 minutes after the subcutaneous dose",
                  "QEH": "until 30 minutes after the subcutaneous dose"},
         "note": "overlap of VRIII with the first subcutaneous dose"},
        {"category": "guidance", "section": "references",
         "text": {"JPUH": "medical inpatients (2014)", "NNUH": "medical inpatients (2023)",
                  "QEH": "medical inpatients (2023)"},
         "note": "version of the JBDS-IP VRIII guideline cited"},
    ],
}
