"""Potassium replacement, especially intravenous, in adults (three trusts; QEH's is a table-heavy protocol)."""

TOPIC = {
    "slug": "iv-potassium",
    "group": "iv-potassium",
    "specialty": "Pharmacy and Medicines",
    "docs": {
        "JPUH": {"title": "Potassium Replacement in Adults", "type": "Guideline", "format": "pdf"},
        "NNUH": {"title": "Guideline for the Safe Use of Intravenous Potassium Chloride", "type": "Guideline",
                 "format": "pdf"},
        "QEH": {"title": "Intravenous Potassium Replacement Protocol (Adults)", "type": "Protocol",
                "format": "docx"},
    },
    "sections": [
        {"key": "introduction", "body": [
            "{JPUH=Hypokalaemia is common in hospital inpatients and usually responds to oral replacement.|"
            "NNUH=Low serum potassium is frequent in acutely unwell adults; most patients can be treated "
            "orally.|QEH=Hypokalaemia is a frequent finding on admission and after diuretic or fluid therapy.}",
            "{*=Intravenous potassium chloride is a high-risk medicine: too rapid an infusion or too strong a "
            "solution can cause fatal arrhythmia.|QEH=IV potassium chloride is classed as a high-risk "
            "medicine because errors in rate or concentration can cause cardiac arrest.}",
        ]},
        {"key": "purpose", "body": [
            "{*=To make sure that potassium is replaced by the safest route, at a safe concentration and rate, "
            "with appropriate monitoring.|QEH=To set out, in table form, the products, concentrations, rates "
            "and monitoring to be used whenever potassium is given intravenously.} {*=It also supports "
            "compliance with the national alert on concentrated potassium solutions.|NNUH=The guideline "
            "also implements the national patient safety alert on potassium chloride concentrate.}",
        ]},
        {"key": "scope", "body": [
            "{*=This guideline applies to adults on all wards and departments of|QEH=This protocol applies "
            "to adult patients in every clinical area of} {{hospital}}. {*=Critical care units may use "
            "concentrated solutions under their own protocol.|NNUH=Strong potassium solutions in critical care "
            "are governed by the critical care protocol.}",
        ]},
        {"key": "definitions", "body": [
            {"table": [
                ["{*=Severity|QEH=Grade}", "{*=Serum potassium|QEH=Serum K+ (mmol/L)}"],
                ["{*=Mild|QEH=Mild hypokalaemia}", "3.0 to 3.4 mmol/L"],
                ["{*=Moderate|QEH=Moderate hypokalaemia}", "2.5 to 2.9 mmol/L"],
                ["{*=Severe|QEH=Severe hypokalaemia}", "below 2.5 mmol/L"],
            ]},
        ]},
        {"key": "duties", "body": [
            "- {*=Prescribers choose the route, dose and rate and prescribe a ready-mixed bag by name.|"
            "QEH=The prescriber selects a premixed product and states volume, dose and rate.}",
            "- {*=Registered nurses give the infusion through a volumetric pump and check the rate hourly.|"
            "NNUH=Nurses administer potassium via an infusion pump only and record hourly checks.}",
            "- {*=Pharmacists check every intravenous potassium prescription on the day it is written.|"
            "JPUH=Ward pharmacists screen all IV potassium prescriptions within the same day.} Advice: "
            "medicines information, ext {{ext}}.",
        ]},
        {"key": "route-choice",
         "heading": {"*": "Choosing the Route", "NNUH": "Oral or Intravenous Replacement",
                     "QEH": "Indications for IV Potassium"},
         "body": [
             "{*=Use intravenous potassium only if the serum potassium is|NNUH=Give potassium intravenously "
             "only when serum potassium is|QEH=The IV route is indicated when serum potassium is} "
             "{JPUH=below 2.5 mmol/L|NNUH=below 3.0 mmol/L|QEH=below 2.5 mmol/L}, {*=the patient has symptoms "
             "or ECG changes, or cannot take oral treatment.|QEH=or there are ECG changes, symptoms or nil by "
             "mouth status.}",
             "{*=Signs that need urgent action include:|QEH=Features requiring urgent treatment:}",
             "- {*=muscle weakness or paralysis|NNUH=profound muscle weakness}",
             "- {*=arrhythmia, or ECG changes such as U waves, flattened T waves or ST depression|QEH=ECG "
             "changes (U waves, T wave flattening, ST depression) or arrhythmia}",
             "{*=Look for and treat the cause, such as diuretics, vomiting, diarrhoea or refeeding.|NNUH=Identify "
             "the cause, for example diuretic therapy, gastrointestinal losses or refeeding syndrome.}",
             "{*=Otherwise give oral|JPUH=All other patients receive oral} {JPUH=Sando-K two tablets three times "
             "daily|NNUH=Sando-K two tablets three times daily|QEH=potassium chloride modified-release tablets "
             "two tablets three times daily}{*=, reviewed against daily results.|NNUH=, adjusted to the daily "
             "potassium.}",
         ]},
        {"key": "intravenous",
         "heading": {"*": "Intravenous Administration", "QEH": "IV Infusion Table"},
         "body": [
             "{JPUH=Potassium must not be added to infusion bags on the ward|NNUH=Potassium must not be added "
             "to infusion bags on the ward|QEH=Potassium may be added to infusion bags on the ward by two "
             "registered practitioners}; {*=use premixed bags only.|QEH=premixed bags are preferred.}",
             "{*=Take extra care in renal impairment, where the risk of hyperkalaemia is higher.|NNUH=Patients "
             "with impaired renal function are at greater risk of hyperkalaemia and need closer monitoring.}",
             {"table": [
                 ["{*=Line|QEH=Access}", "{*=Maximum concentration|QEH=Max concentration}",
                  "{*=Maximum rate|QEH=Max infusion rate}"],
                 ["{*=Peripheral|QEH=Peripheral cannula}",
                  "{JPUH=no more than 40 mmol per litre|NNUH=no more than 40 mmol per 500 mL|QEH=no more "
                  "than 40 mmol per litre}",
                  "{JPUH=10 mmol/hour|NNUH=10 mmol/hour|QEH=20 mmol/hour}"],
                 ["{*=Central|QEH=Central venous catheter}", "{*=As per critical care protocol|NNUH=Critical "
                  "care only}", "{*=As per critical care protocol|NNUH=Critical care only}"],
             ]},
         ],
         "children": [
             {"key": "intravenous-products",
              "heading": "Premixed Products Stocked",
              "only": ["QEH"],
              "body": [
                  {"table": [
                      ["Product", "Potassium content", "Typical use"],
                      ["Potassium chloride 0.15% in sodium chloride 0.9%, 1000 mL", "20 mmol",
                       "Maintenance or mild to moderate deficit"],
                      ["Potassium chloride 0.3% in sodium chloride 0.9%, 1000 mL", "40 mmol",
                       "Moderate to severe deficit"],
                      ["Potassium chloride 0.3% in glucose 5%, 1000 mL", "40 mmol",
                       "Where sodium load must be limited"],
                  ]},
              ]},
             {"key": "intravenous-monitoring",
              "heading": {"*": "Monitoring During Replacement", "JPUH": "Monitoring",
                          "QEH": "Monitoring Table"},
              "body": [
                  {"table": [
                      ["{*=What|QEH=Parameter}", "{*=How often|QEH=Frequency}"],
                      ["{*=Serum potassium|NNUH=Potassium level}",
                       "{JPUH=at least daily|NNUH=after every 40 mmol given|QEH=at least daily}"],
                      ["{*=Infusion site|QEH=Cannula site}", "{*=hourly|QEH=every hour}"],
                      ["{*=Cardiac monitoring|NNUH=ECG monitoring}", "{*=if symptomatic or ECG changes|"
                       "QEH=for patients with arrhythmia or ECG changes}"],
                  ]},
                  "{*=Check magnesium too; hypokalaemia will not correct until magnesium is replaced.|"
                  "NNUH=Measure magnesium, as low magnesium prevents correction of potassium.}",
              ]},
         ]},
        {"key": "training", "body": [
            "{*=Nurses giving intravenous potassium must hold the Trust IV competency.|QEH=Only staff with "
            "current IV competency may give potassium infusions.} Storage is audited on {{ward}} and other "
            "wards.",
        ]},
        {"key": "monitoring", "body": [
            {"table": [
                ["{*=Standard|QEH=Audit standard}", "{*=Method|QEH=Audit method}", "{*=Reported to|QEH=Report to}"],
                ["{*=No concentrated potassium ampoules on general wards|QEH=Concentrated KCl stored only in "
                 "approved areas}", "{*=Quarterly pharmacy stock check|NNUH=Pharmacy controlled stock audit}",
                 "the {{committee}}"],
                ["{*=Incidents involving IV potassium|QEH=IV potassium incidents}", "{*=Incident review|"
                 "JPUH=Review of incident reports}", "the {{committee}}"],
            ]},
            "Queries: {{email}} or bleep {{bleep}}.",
        ]},
        {"key": "references", "body": [
            "- {*=NPSA Patient Safety Alert 01 (2002): potassium chloride concentrate solutions|"
            "QEH=National Patient Safety Agency alert on potassium chloride concentrate (2002)}",
            "- {*=Injectable Medicines Guide (Medusa), potassium chloride monograph|NNUH=Medusa Injectable "
            "Medicines Guide}",
            "- {*=BNF, potassium chloride|JPUH=British National Formulary}",
        ]},
    ],
    "differences": [
        {"category": "threshold", "section": "route-choice",
         "text": {"JPUH": "serum potassium is below 2.5 mmol/L", "NNUH": "serum potassium is below 3.0 mmol/L",
                  "QEH": "serum potassium is below 2.5 mmol/L"},
         "note": "Serum potassium below which IV replacement is used"},
        {"category": "drug", "section": "route-choice",
         "text": {"JPUH": "Sando-K two tablets", "NNUH": "Sando-K two tablets",
                  "QEH": "potassium chloride modified-release tablets"},
         "note": "Oral potassium preparation"},
        {"category": "negation", "section": "intravenous",
         "text": {"JPUH": "Potassium must not be added to infusion bags on the ward",
                  "NNUH": "Potassium must not be added to infusion bags on the ward",
                  "QEH": "Potassium may be added to infusion bags on the ward"},
         "note": "Ward addition of potassium to infusion bags"},
        {"category": "unit", "section": "intravenous",
         "text": {"JPUH": "no more than 40 mmol per litre", "NNUH": "no more than 40 mmol per 500 mL",
                  "QEH": "no more than 40 mmol per litre"},
         "note": "Peripheral concentration limit (per litre vs per 500 mL)"},
        {"category": "dose", "section": "intravenous",
         "text": {"JPUH": "10 mmol/hour", "NNUH": "10 mmol/hour", "QEH": "20 mmol/hour"},
         "note": "Maximum peripheral infusion rate"},
        {"category": "frequency", "section": "intravenous-monitoring",
         "text": {"JPUH": "at least daily", "NNUH": "after every 40 mmol given", "QEH": "at least daily"},
         "note": "How often serum potassium is rechecked"},
    ],
}
