"""MRSA screening on admission and decolonisation of carriers (all three trusts)."""

TOPIC = {
    "slug": "mrsa-screening",
    "group": "mrsa-screening",
    "specialty": "Infection Prevention and Control",
    "docs": {
        "JPUH": {"title": "MRSA Screening and Decolonisation Policy", "type": "Policy", "format": "pdf"},
        "NNUH": {"title": "Meticillin-Resistant Staphylococcus aureus (MRSA): Screening and Suppression",
                 "type": "Guideline", "format": "pdf"},
        "QEH": {"title": "Procedure for MRSA Admission Screening", "type": "Procedure", "format": "docx"},
    },
    "sections": [
        {"key": "introduction", "body": [
            "{JPUH=Meticillin-resistant Staphylococcus aureus (MRSA) is carried on the skin and in the nose "
            "of a minority of people.|NNUH=MRSA colonises the skin and nasal passages of some patients "
            "without causing illness.|QEH=Some patients carry MRSA on their skin or in their nose without "
            "any symptoms.}",
            "{JPUH=Carriers are at higher risk of invasive infection after surgery or the insertion of a "
            "device.|NNUH=Colonised patients are more likely to develop a bloodstream or surgical site "
            "infection.|QEH=Carriage increases the risk of serious infection, especially after an operation "
            "or invasive device.}",
            "{*=Finding carriers early allows decolonisation and isolation, protecting the patient and "
            "others.|QEH=Screening identifies carriers so that they can be decolonised and nursed "
            "appropriately.}",
        ]},
        {"key": "scope", "body": [
            "{JPUH=This policy applies to all adult and paediatric inpatients at|NNUH=This guideline covers "
            "all patients admitted to|QEH=This procedure applies to every inpatient admission to} "
            "{{hospital}}{JPUH=, and to day-case patients listed for surgery.|NNUH=, including day-surgery "
            "patients.|QEH=, including day cases having surgery.}",
        ]},
        {"key": "definitions", "only": ["JPUH"], "body": [
            "- Colonisation: MRSA is present on the skin or in the nose without signs of infection.",
            "- Decolonisation: a course of topical treatment that reduces the amount of MRSA carried.",
            "- High-risk group: patients whose admission or history makes MRSA carriage more likely or more "
            "harmful.",
        ]},
        {"key": "duties", "body": [
            "- {JPUH=Nurse in charge: ensures screens are taken and results acted upon.|NNUH=Ward sisters "
            "and charge nurses: make sure screens are taken on time and results followed up.|QEH=Nurse in "
            "charge: responsible for screening compliance on the ward.}",
            "- {*=Infection prevention and control team: gives advice and monitors compliance|QEH=IPC team: "
            "advice, audit and support} (ext. {{ext}}, {{email}}).",
            "- {*=Pre-operative assessment staff: screen elective surgical patients.|NNUH=Pre-operative "
            "assessment nurses: take screens from elective surgical patients.}",
        ]},
        {"key": "who-to-screen", "heading": {"*": "Who to Screen", "NNUH": "Patients Requiring Screening",
                                             "QEH": "Screening Criteria"},
         "body": [
            "{JPUH=Patients are screened only if they fall into a high-risk group:|NNUH=Patients are "
            "screened only if they fall into a high-risk group, namely:|QEH=All emergency and elective "
            "admissions are screened, and particular care is taken with:}",
            "- {*=patients admitted to critical care, renal, vascular or orthopaedic wards;|QEH=patients "
            "admitted to critical care, renal, vascular or orthopaedic units;}",
            "- {*=patients previously known to be MRSA positive;|NNUH=anyone with a history of MRSA "
            "colonisation or infection;}",
            "- {*=patients transferred from another hospital or a care home.|QEH=transfers from other "
            "hospitals and from care homes.}",
            "Elective surgical patients are screened at pre-operative assessment; the result is valid if the "
            "screen was taken {JPUH=within 12 weeks of the admission date|NNUH=within 18 weeks of the "
            "admission date|QEH=within 12 weeks of the admission date}.",
         ]},
        {"key": "taking-the-screen", "heading": {"*": "Taking the Screen", "JPUH": "Screening Procedure"},
         "body": [
            "{JPUH=Use a separate swab for each site, moistened with sterile saline.|NNUH=Take swabs with a "
            "moistened swab, one per site.|QEH=Moisten each swab with sterile saline and use a new swab for "
            "every site.}",
            "{*=Label the request 'MRSA screen' and send it to microbiology the same day.|NNUH=Send the "
            "swabs to microbiology on the day they are taken, marked 'MRSA screen'.}",
            "{JPUH=Document the screen and the date taken in the nursing admission record.|NNUH=Record that "
            "the screen has been taken on the admission checklist.|QEH=The date of screening is entered in "
            "the admission documentation.}",
         ],
         "children": [
            {"key": "screen-sites", "heading": {"*": "Sites to swab", "QEH": "Screening sites"},
             "only": ["NNUH", "QEH"], "body": [
                "- {NNUH=Both anterior nares (one swab).|QEH=Nose: both nostrils with one swab.}",
                "- {NNUH=Groin or perineum.|QEH=Perineum or groin.}",
                "- {NNUH=Any wound, ulcer or invasive device site, and catheter urine.|QEH=Wounds, device "
                "sites and a catheter specimen of urine if catheterised.}",
            ]},
         ]},
        {"key": "decolonisation", "heading": {"*": "Decolonisation", "NNUH": "Suppression Therapy",
                                              "QEH": "Decolonisation Treatment"},
         "body": [
            "{JPUH=Start decolonisation as soon as a positive result is known.|NNUH=Suppression therapy "
            "should be started on the day the positive result is received.|QEH=Begin treatment promptly once "
            "the patient is found to be positive.}",
            {"table": [["{*=Treatment|QEH=Product}", "{*=How to use|NNUH=Regimen}"],
                       ["Mupirocin 2% nasal ointment",
                        "{JPUH=Apply to each nostril three times a day for 5 days|NNUH=Apply to each nostril "
                        "twice a day for 5 days|QEH=Apply to each nostril three times a day for 5 days}"],
                       ["{JPUH=Chlorhexidine gluconate 4% body wash|NNUH=Chlorhexidine gluconate 4% skin "
                        "wash|QEH=Octenidine 0.3% body wash}",
                        "{*=Use daily as a liquid soap and wash hair on days 1 and 3|QEH=Use once daily for "
                        "5 days, including the hair on days 1 and 3}"]]},
            "{*=Re-screen 48 hours after completing treatment.|QEH=Repeat the screen 48 hours after the "
            "course ends.}",
         ]},
        {"key": "positive-result",
         "heading": {"*": "Managing a Positive Result", "JPUH": "Positive Patients"},
         "body": [
            "{JPUH=The patient is|NNUH=Patients are|QEH=The patient should be} informed of the result by "
            "{JPUH=the nurse in charge|NNUH=the infection prevention and control team|QEH=the nurse in "
            "charge} {*=and given the MRSA patient information leaflet.|NNUH=and offered a patient leaflet.}",
            "{JPUH=Nurse positive patients in a single room with en-suite facilities where "
            "possible.|NNUH=Isolate the patient in a side room; if none is free, discuss with the IPC "
            "team.|QEH=Move the patient to a single room where one is available, or discuss with the IPC "
            "team.}",
            "{*=Do not delay urgent surgery because of MRSA status; inform theatres so that the list can be "
            "planned.|QEH=Urgent surgery is not delayed by MRSA status; theatres are told so that the list "
            "can be planned.}",
            "{JPUH=Flag the result on the electronic patient record so that it is visible on "
            "readmission.|NNUH=An MRSA alert is added to the electronic record and remains until the IPC "
            "team removes it.|QEH=The IPC team adds an alert to the patient's electronic record.}",
         ]},
        {"key": "training", "only": ["NNUH", "QEH"], "body": [
            "{NNUH=Screening technique is covered in mandatory infection prevention and control training.|"
            "QEH=Staff learn how to take screening swabs during annual IPC training.}",
         ]},
        {"key": "monitoring", "body": [
            {"table": [["{*=Standard|JPUH=Element}", "{*=Method|NNUH=Tool}", "{*=Frequency|QEH=How often}",
                        "Reported to"],
                       ["{*=Screening compliance|NNUH=Admission screening rate}", "{*=Monthly "
                           "audit|QEH=Audit}",
                        "{*=Monthly|QEH=Every month}", "{{committee}}"]]},
        ]},
        {"key": "references", "body": [
            "- {JPUH=Department of Health (2014)|NNUH=Department of Health (2014)|QEH=Department of Health "
            "(2010)}{JPUH=. Implementation of modified admission MRSA screening guidance for NHS.|NNUH=: "
            "Implementation of modified admission MRSA screening guidance for NHS.|QEH=. MRSA screening: "
            "operational guidance.}",
            "- {*=National infection prevention and control manual for England.|QEH=NHS England: National "
            "Infection Prevention and Control Manual.}",
        ]},
    ],
    "differences": [
        {"category": "criteria", "section": "who-to-screen",
         "text": {"JPUH": "screened only if they fall into a high-risk group",
                  "NNUH": "screened only if they fall into a high-risk group",
                  "QEH": "All emergency and elective admissions are screened"},
         "note": "targeted vs universal admission screening"},
        {"category": "time_limit", "section": "who-to-screen",
         "text": {"JPUH": "within 12 weeks of the admission date",
                  "NNUH": "within 18 weeks of the admission date",
                  "QEH": "within 12 weeks of the admission date"},
         "note": "validity of a pre-operative screen"},
        {"category": "frequency", "section": "decolonisation",
         "text": {"JPUH": "three times a day for 5 days",
                  "NNUH": "twice a day for 5 days",
                  "QEH": "three times a day for 5 days"},
         "note": "mupirocin nasal ointment frequency"},
        {"category": "drug", "section": "decolonisation",
         "text": {"JPUH": "Chlorhexidine gluconate 4%",
                  "NNUH": "Chlorhexidine gluconate 4%",
                  "QEH": "Octenidine 0.3%"},
         "note": "antiseptic body wash used for decolonisation"},
        {"category": "role", "section": "positive-result",
         "text": {"JPUH": "informed of the result by the nurse in charge",
                  "NNUH": "informed of the result by the infection prevention and control team",
                  "QEH": "informed of the result by the nurse in charge"},
         "note": "who tells the patient of a positive result"},
        {"category": "guidance", "section": "references",
         "text": {"JPUH": "Department of Health (2014)",
                  "NNUH": "Department of Health (2014)",
                  "QEH": "Department of Health (2010)"},
         "note": "national screening guidance cited (2014 modified vs 2010 universal)"},
    ],
}
