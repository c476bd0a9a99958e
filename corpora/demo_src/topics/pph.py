"""Prevention and management of postpartum haemorrhage (three trusts)."""

TOPIC = {
    "slug": "pph",
    "group": "pph",
    "specialty": "Maternity",
    "docs": {
        "JPUH": {"title": "Postpartum Haemorrhage: Prevention and Management", "type": "Guideline",
                 "format": "docx"},
        "NNUH": {"title": "Management of Postpartum Haemorrhage (PPH)", "type": "Guideline", "format": "pdf"},
        "QEH": {"title": "Obstetric Haemorrhage after Birth: Clinical Guideline", "type": "Guideline",
                "format": "pdf"},
    },
    "sections": [
        {"key": "introduction", "body": [
            "{JPUH=Postpartum haemorrhage (PPH) remains a leading cause of maternal death and severe morbidity "
            "in the UK.|NNUH=PPH is one of the commonest obstetric emergencies and an important cause of "
            "maternal morbidity and mortality.|QEH=Haemorrhage after birth is a major contributor to maternal "
            "death and admission to critical care.}",
            "{*=Most cases are caused by uterine atony; other causes are trauma, retained tissue and "
            "coagulopathy (the four Ts).|QEH=Causes are summarised as the four Ts: tone, trauma, tissue and "
            "thrombin, with poor uterine tone the most common.}",
        ]},
        {"key": "scope", "body": [
            "{*=This guideline applies to all midwives, obstetricians and anaesthetists caring for women "
            "after birth at|NNUH=It applies to every member of the maternity, anaesthetic and theatre teams "
            "caring for women in the postnatal period at|QEH=The guideline covers all staff caring for women "
            "during and after birth at} {{hospital}}, {*=including the birth centre.|QEH=on the delivery "
            "suite, in theatre and on the postnatal ward.}",
        ]},
        {"key": "definitions", "body": [
            "- {*=Primary PPH: blood loss of 500 mL or more within 24 hours of birth.|NNUH=Primary PPH: "
            "loss of 500 mL or more from the genital tract in the first 24 hours after birth.}",
            "- {*=Secondary PPH: abnormal or excessive bleeding from 24 hours to 12 weeks after birth.|"
            "QEH=Secondary PPH: excessive bleeding between 24 hours and 12 weeks postnatally.}",
            "- {JPUH=Major obstetric haemorrhage: blood loss of 1500 mL or more|NNUH=Major obstetric "
            "haemorrhage: blood loss of 1000 mL or more|QEH=Major obstetric haemorrhage: blood loss of 1500 mL "
            "or more}, {*=or continuing bleeding with clinical signs of shock.|NNUH=or any bleeding with "
            "signs of shock.}",
        ]},
        {"key": "duties", "body": [
            "- {*=The midwife caring for the woman recognises PPH, calls for help and starts first measures.|"
            "QEH=The attending midwife raises the alarm and begins initial management.}",
            "- {JPUH=The on-call obstetric consultant attends every major obstetric haemorrhage.|NNUH=The "
            "obstetric registrar attends every major obstetric haemorrhage and informs the consultant.|"
            "QEH=The on-call obstetric consultant attends every major obstetric haemorrhage.}",
            "- {*=The anaesthetist manages resuscitation and anaesthesia.|NNUH=The obstetric anaesthetist "
            "leads fluid resuscitation.}",
            "- The delivery suite coordinator (ext {{ext}}) {*=activates the major haemorrhage protocol.|"
            "QEH=calls the transfusion laboratory through the major haemorrhage line.}",
        ]},
        {"key": "prevention",
         "heading": {"*": "Prevention", "NNUH": "Reducing the Risk of PPH",
                     "QEH": "Active Management of the Third Stage"},
         "body": [
             "{*=Identify risk factors antenatally and in labour, including previous PPH, anaemia, multiple "
             "pregnancy and prolonged labour.|QEH=Record risk factors such as previous PPH, anaemia, twins and "
             "prolonged labour in the birth plan.}",
             "{*=Offer active management of the third stage with|QEH=Recommend active management of the third "
             "stage using} {JPUH=oxytocin 10 units intramuscularly|NNUH=oxytocin 10 units intramuscularly|"
             "QEH=Syntometrine 1 mL intramuscularly} {*=after birth of the anterior shoulder or the baby.|"
             "QEH=given as the baby is born.}",
         ]},
        {"key": "management",
         "heading": {"*": "Management of PPH", "JPUH": "Treatment", "QEH": "Emergency Management"},
         "body": [
             "- {*=Call for help and follow the PPH proforma.|NNUH=Summon help using the obstetric emergency "
             "call and start the PPH proforma.}",
             "- {*=Rub up a contraction, empty the bladder and insert two large-bore cannulas.|QEH=Massage the "
             "uterus, catheterise and site two wide-bore cannulas.}",
             "- {*=Send blood for full blood count, coagulation, fibrinogen and crossmatch.|JPUH=Take bloods "
             "for FBC, clotting, fibrinogen and group and crossmatch.}",
             "- {*=Give tranexamic acid 1 g intravenously within 3 hours of birth.|NNUH=Tranexamic acid 1 g IV "
             "is given within 3 hours of birth.}",
         ],
         "children": [
             {"key": "management-uterotonics",
              "heading": {"*": "Uterotonic Drugs", "NNUH": "Drug Treatment for Uterine Atony"},
              "body": [
                  {"table": [
                      ["{*=Drug|QEH=Medicine}", "{*=Dose and route|QEH=Dose}"],
                      ["Oxytocin", "{*=5 units by slow intravenous injection, repeated once|QEH=5 units slow IV, "
                       "may be repeated}"],
                      ["{*=Oxytocin infusion|NNUH=Oxytocin (infusion)}", "40 units in 500 mL at 125 mL per hour"],
                      ["Ergometrine", "{*=500 micrograms intramuscularly, unless hypertensive|NNUH=500 "
                       "micrograms IM (avoid in hypertension)}"],
                      ["Carboprost", "{JPUH=250 micrograms intramuscularly every 15 minutes|NNUH=250 mg "
                       "intramuscularly every 15 minutes|QEH=250 micrograms intramuscularly every 15 minutes}, "
                       "up to 8 doses"],
                      ["Misoprostol", "{JPUH=800 micrograms sublingually|NNUH=800 micrograms sublingually|"
                       "QEH=1000 micrograms rectally}"],
                  ]},
              ]},
             {"key": "management-observations",
              "heading": {"*": "Observations and Fluid Balance", "NNUH": "Monitoring the Woman"},
              "body": [
                  "{*=Record pulse, blood pressure, respiratory rate, oxygen saturation and temperature on the "
                  "MEOWS chart every 15 minutes until bleeding is controlled.|QEH=Observations are recorded on "
                  "the MEOWS chart every 15 minutes while the woman is bleeding.} {*=Weigh swabs and pads to "
                  "measure blood loss rather than estimating it.|NNUH=Blood loss is measured by weighing, not "
                  "by visual estimation.} {*=Insert a urinary catheter with hourly urine measurement.|"
                  "JPUH=Monitor hourly urine output via a catheter.}",
              ]},
             {"key": "management-surgical",
              "heading": {"*": "Surgical Measures", "QEH": "If Bleeding Continues"},
              "body": [
                  "{*=If drugs fail, transfer to theatre for examination under anaesthesia, balloon "
                  "tamponade or surgery.|QEH=Where uterotonics fail, move to theatre for EUA, intrauterine "
                  "balloon tamponade and, if needed, laparotomy.} {*=Consider interventional radiology early.|"
                  "NNUH=Discuss interventional radiology with the on-call radiologist.}",
              ]},
         ]},
        {"key": "training", "body": [
            "{*=All maternity staff attend annual multidisciplinary obstetric emergencies training that "
            "includes PPH drills.|QEH=PPH skills drills form part of the yearly PROMPT training for "
            "maternity staff.} Drills are also run on {{ward}}.",
        ]},
        {"key": "monitoring", "body": [
            "{*=All major obstetric haemorrhages are reviewed and reported to|NNUH=Every major "
            "obstetric haemorrhage is reviewed and presented to} the {{committee}}. Contact {{email}} or "
            "bleep {{bleep}}.",
        ]},
        {"key": "references", "body": [
            "- {JPUH=RCOG Green-top Guideline No. 52 (2009)|NNUH=RCOG Green-top Guideline No. 52 (2016)|"
            "QEH=RCOG Green-top Guideline No. 52 (2016)}: prevention and management of postpartum haemorrhage",
            "- {*=MBRRACE-UK, Saving Lives, Improving Mothers' Care|QEH=MBRRACE-UK annual report}",
            "- {*=NICE NG235: intrapartum care|NNUH=NICE NG235 Intrapartum care}",
        ]},
    ],
    "differences": [
        {"category": "threshold", "section": "definitions",
         "text": {"JPUH": "blood loss of 1500 mL or more", "NNUH": "blood loss of 1000 mL or more",
                  "QEH": "blood loss of 1500 mL or more"},
         "note": "Blood loss defining major obstetric haemorrhage"},
        {"category": "role", "section": "duties",
         "text": {"JPUH": "The on-call obstetric consultant attends", "NNUH": "The obstetric registrar attends",
                  "QEH": "The on-call obstetric consultant attends"},
         "note": "Who attends a major obstetric haemorrhage"},
        {"category": "drug", "section": "prevention",
         "text": {"JPUH": "oxytocin 10 units intramuscularly", "NNUH": "oxytocin 10 units intramuscularly",
                  "QEH": "Syntometrine 1 mL intramuscularly"},
         "note": "Uterotonic for active management of the third stage"},
        {"category": "unit", "section": "management-uterotonics",
         "text": {"JPUH": "250 micrograms intramuscularly every 15 minutes",
                  "NNUH": "250 mg intramuscularly every 15 minutes",
                  "QEH": "250 micrograms intramuscularly every 15 minutes"},
         "note": "Carboprost dose unit: 250 mg (a unit error) vs 250 micrograms"},
        {"category": "dose", "section": "management-uterotonics",
         "text": {"JPUH": "800 micrograms sublingually", "NNUH": "800 micrograms sublingually",
                  "QEH": "1000 micrograms rectally"},
         "note": "Misoprostol dose (and route)"},
        {"category": "guidance", "section": "references",
         "text": {"JPUH": "RCOG Green-top Guideline No. 52 (2009)", "NNUH": "RCOG Green-top Guideline No. 52 (2016)",
                  "QEH": "RCOG Green-top Guideline No. 52 (2016)"},
         "note": "Edition of the RCOG PPH guideline cited"},
    ],
}
