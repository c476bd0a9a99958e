"""Prevention and management of Clostridioides difficile infection (three trusts)."""

TOPIC = {
    "slug": "c-difficile",
    "group": "c-difficile",
    "specialty": "Infection Prevention and Control",
    "docs": {
        "JPUH": {"title": "Clostridioides difficile Infection: Prevention and Management", "type": "Policy",
                 "format": "docx"},
        "NNUH": {"title": "Management of Patients with Clostridioides difficile", "type": "Guideline",
                 "format": "pdf"},
        "QEH": {"title": "C. difficile Infection Control and Treatment Procedure", "type": "Procedure",
                "format": "pdf"},
    },
    "sections": [
        {"key": "introduction", "body": [
            "{JPUH=Clostridioides difficile is a spore-forming bacterium and the commonest infective cause of "
            "healthcare-associated diarrhoea.|NNUH=C. difficile infection (CDI) is the leading infective cause "
            "of diarrhoea acquired in hospital.|QEH=C. difficile is a spore-forming organism that causes "
            "diarrhoea ranging from mild illness to fatal colitis, most often after antibiotic treatment.}",
            "{*=Spores survive in the environment for months and spread on hands and surfaces.|NNUH=Its "
            "spores persist on surfaces and equipment and are not killed by alcohol.}",
        ]},
        {"key": "scope", "body": [
            "{*=This document applies to all staff caring for adult inpatients at|QEH=It applies to every "
            "member of staff looking after adult patients in} {{hospital}}. {*=Children are managed with "
            "advice from the paediatric team.|NNUH=Paediatric patients are excluded.}",
        ]},
        {"key": "definitions", "body": [
            "- {JPUH=Diarrhoea: three or more episodes of type 5 to 7 stool|NNUH=Diarrhoea: three or more "
            "episodes of type 5 to 7 stool|QEH=Diarrhoea: two or more episodes of type 5 to 7 stool} on the "
            "Bristol Stool Chart in 24 hours, {*=not explained by laxatives or another cause.|QEH=with no "
            "other obvious cause.}",
            "- {*=Severe CDI: any of white cell count above 15 x 10^9/L, acutely rising creatinine, "
            "temperature above 38.5°C or evidence of severe colitis.|NNUH=Severe infection: WCC above 15 x "
            "10^9/L, a rising creatinine, fever above 38.5°C or signs of severe colitis.}",
            "- {*=Recurrence: symptoms returning within 12 weeks of a previous episode.|JPUH=Recurrent CDI: "
            "a new episode within 12 weeks of the last one.}",
        ]},
        {"key": "duties", "body": [
            "- {*=The infection prevention and control team reviews every new case and advises the ward.|"
            "QEH=The IPC nurses visit each new case and support the ward team.}",
            "- {*=The consultant microbiologist advises on treatment and on severe or recurrent cases.|"
            "NNUH=Microbiologists advise on treatment of severe and recurrent infection.}",
            "- {*=Antimicrobial pharmacists review antibiotics that increase risk.|JPUH=The antimicrobial "
            "pharmacist reviews high-risk antibiotics.}",
        ]},
        {"key": "isolation",
         "heading": {"*": "Isolation and Infection Control", "NNUH": "Isolating the Patient",
                     "QEH": "Infection Control Precautions"},
         "body": [
             "{JPUH=Patients with diarrhoea of possible infective cause must be isolated within 2 hours|"
             "NNUH=Patients with diarrhoea of possible infective cause must be isolated immediately|"
             "QEH=Patients with diarrhoea of possible infective cause must be isolated within 2 hours} in a "
             "single room with its own toilet or commode.",
             "- {*=Wear gloves and an apron for all contact with the patient and surroundings.|QEH=Gloves and "
             "aprons are worn for every contact.}",
             "- {*=Wash hands with soap and water, as alcohol handrub does not kill spores.|NNUH=Clean hands "
             "with soap and water; handrub is ineffective against spores.}",
             "- {*=Clean the room daily with a chlorine-releasing agent at 1,000 ppm.|QEH=Use a "
             "chlorine-based disinfectant at 1,000 ppm for daily cleaning.}",
             "Isolation may end when the patient has been free of diarrhoea {JPUH=for 48 hours|NNUH=for 48 "
             "hours|QEH=for 72 hours} and has a formed stool.",
         ]},
        {"key": "testing",
         "heading": {"*": "Testing", "JPUH": "Sampling and Diagnosis"},
         "body": [
             "{*=Send a stool sample from any patient with diarrhoea not clearly due to another cause.|"
             "NNUH=A stool sample is sent promptly for every patient meeting the definition of diarrhoea.}",
             "{*=The laboratory uses a two-stage test: glutamate dehydrogenase (GDH) screening followed by a "
             "toxin assay.|QEH=Samples are tested for GDH and, if positive, for C. difficile toxin.} "
             "{*=A GDH-positive, toxin-negative result suggests carriage; isolate the patient while they have "
             "diarrhoea.|NNUH=Patients who are GDH positive but toxin negative are possible carriers and are "
             "isolated while symptomatic.}",
             "{JPUH=Do not send stool samples to test for clearance|NNUH=Do not send stool samples to test for "
             "clearance|QEH=Send a stool sample to test for clearance}, {*=because toxin may persist after "
             "recovery.|QEH=28 days after treatment ends.}",
         ]},
        {"key": "treatment",
         "heading": {"*": "Treatment", "NNUH": "Antibiotic Treatment of CDI", "QEH": "Treatment Regimens"},
         "body": [
             "{*=Stop any unnecessary antibiotics, proton pump inhibitors and laxatives.|QEH=Review and stop "
             "non-essential antibiotics, PPIs and laxatives.}",
             {"table": [
                 ["{*=Episode|NNUH=Presentation}", "{*=First-line treatment|NNUH=Regimen}"],
                 ["{*=First episode|QEH=First episode, non-severe}",
                  "{JPUH=oral vancomycin 125 mg four times daily|NNUH=oral vancomycin 125 mg four times daily|"
                  "QEH=oral metronidazole 400 mg three times daily} for 10 days"],
                 ["{*=Severe or life-threatening|QEH=Severe}",
                  "oral vancomycin {JPUH=500 mg four times daily|NNUH=500 mg four times daily|QEH=250 mg four "
                  "times daily} with intravenous metronidazole 500 mg three times daily"],
                 ["{*=Recurrence|JPUH=Further episode within 12 weeks}", "{*=oral fidaxomicin 200 mg twice "
                  "daily for 10 days|QEH=fidaxomicin 200 mg orally twice daily for 10 days}"],
             ]},
             "{*=Discuss every severe case with the microbiologist and surgical team.|NNUH=Severe cases are "
             "discussed with a microbiologist and a surgeon on the day of diagnosis.}",
         ]},
        {"key": "training", "body": [
            "{*=C. difficile management is covered in annual infection prevention training.|QEH=Staff learn "
            "about C. difficile at induction and in yearly IPC updates.} Link nurses on {{ward}} cascade "
            "learning.",
        ]},
        {"key": "monitoring", "body": [
            "{*=Each hospital-onset case is reviewed and reported to|NNUH=Every healthcare-associated case "
            "has a post-infection review presented to} the {{committee}}. {*=The IPC team can be reached on bleep|"
            "QEH=Call the IPC team on bleep} {{bleep}} or {{email}}.",
        ]},
        {"key": "references", "body": [
            "- {JPUH=NICE NG199 (2021)|NNUH=NICE NG199 (2021)|QEH=PHE, Updated guidance on the management "
            "and treatment of C. difficile infection (2013)}",
            "- {*=National Infection Prevention and Control Manual for England|QEH=NHS England, National "
            "IPC Manual}",
        ]},
    ],
    "differences": [
        {"category": "threshold", "section": "definitions",
         "text": {"JPUH": "three or more episodes of type 5 to 7 stool",
                  "NNUH": "three or more episodes of type 5 to 7 stool",
                  "QEH": "two or more episodes of type 5 to 7 stool"},
         "note": "Number of loose stools defining diarrhoea"},
        {"category": "time_limit", "section": "isolation",
         "text": {"JPUH": "must be isolated within 2 hours", "NNUH": "must be isolated immediately",
                  "QEH": "must be isolated within 2 hours"},
         "note": "Time to isolation of a patient with diarrhoea"},
        {"category": "time_limit", "section": "isolation",
         "text": {"JPUH": "free of diarrhoea for 48 hours", "NNUH": "free of diarrhoea for 48 hours",
                  "QEH": "free of diarrhoea for 72 hours"},
         "note": "Symptom-free period before isolation ends"},
        {"category": "negation", "section": "testing",
         "text": {"JPUH": "Do not send stool samples to test for clearance",
                  "NNUH": "Do not send stool samples to test for clearance",
                  "QEH": "Send a stool sample to test for clearance"},
         "note": "Clearance testing"},
        {"category": "drug", "section": "treatment",
         "text": {"JPUH": "oral vancomycin 125 mg four times daily", "NNUH": "oral vancomycin 125 mg four times daily",
                  "QEH": "oral metronidazole 400 mg three times daily"},
         "note": "First-line treatment of a first episode"},
        {"category": "dose", "section": "treatment",
         "text": {"JPUH": "500 mg four times daily", "NNUH": "500 mg four times daily",
                  "QEH": "250 mg four times daily"},
         "note": "Oral vancomycin dose in severe infection"},
        {"category": "guidance", "section": "references",
         "text": {"JPUH": "NICE NG199 (2021)", "NNUH": "NICE NG199 (2021)",
                  "QEH": "PHE, Updated guidance on the management and treatment of C. difficile infection (2013)"},
         "note": "QEH cites 2013 PHE guidance rather than NICE NG199"},
    ],
}
