"""Emergency treatment of anaphylaxis in adults (JPUH and NNUH only; QEH holds no equivalent)."""

TOPIC = {
    "slug": "anaphylaxis",
    "group": "anaphylaxis",
    "specialty": "Acute Medicine",
    "docs": {
        "JPUH": {"title": "Management of Anaphylaxis in Adults", "type": "Guideline", "format": "docx"},
        "NNUH": {"title": "Anaphylaxis: Emergency Treatment and Follow-up (Adults)", "type": "Guideline",
                 "format": "pdf"},
    },
    "sections": [
        {"key": "introduction", "body": [
            "{JPUH=Anaphylaxis is a severe, life-threatening, generalised hypersensitivity reaction that "
            "develops rapidly.|NNUH=Anaphylaxis is a serious systemic hypersensitivity reaction, usually of "
            "rapid onset, that may cause death.} {JPUH=Common triggers in hospital are antibiotics, "
            "neuromuscular blocking agents, chlorhexidine and contrast media.|NNUH=In hospital the usual "
            "causes are drugs, particularly antibiotics and anaesthetic agents, chlorhexidine and radiological "
            "contrast.}",
            "{JPUH=Early intramuscular adrenaline is the most important treatment.|NNUH=Prompt intramuscular "
            "adrenaline saves lives and must not be delayed.}",
        ]},
        {"key": "purpose", "body": [
            "{JPUH=To set out the recognition, emergency treatment, observation and follow-up of adults with "
            "anaphylaxis, so that adrenaline is given without delay and every patient is referred for allergy "
            "assessment.|NNUH=This guideline aims to ensure rapid recognition and treatment of anaphylaxis, "
            "safe observation afterwards and referral of every patient to the allergy service.}",
        ]},
        {"key": "scope", "body": [
            "{JPUH=This guideline applies to adults (16 and over) in all inpatient and outpatient areas of|"
            "NNUH=The guideline covers patients aged 16 and over in any clinical area of} {{hospital}}. "
            "{JPUH=Children are treated using the paediatric anaphylaxis guideline.|NNUH=Paediatric patients "
            "follow the children's emergency guideline.}",
        ]},
        {"key": "definitions", "body": [
            "{JPUH=Anaphylaxis is likely when there is a sudden onset of airway and/or breathing and/or "
            "circulation problems, usually with skin or mucosal changes.|NNUH=Suspect anaphylaxis when life-"
            "threatening airway, breathing or circulation problems appear suddenly, often with skin or "
            "mucosal features such as urticaria or angioedema.} {JPUH=Skin changes alone are not anaphylaxis.|"
            "NNUH=Skin or mucosal changes on their own do not indicate anaphylaxis.}",
        ]},
        {"key": "duties", "body": [
            "- {JPUH=All clinical staff recognise anaphylaxis, call for help and give intramuscular adrenaline.|"
            "NNUH=Any registered healthcare professional who recognises anaphylaxis gives IM adrenaline and "
            "calls for help.}",
            "- {JPUH=The medical team manages ongoing treatment and refers the patient to the allergy clinic.|"
            "NNUH=The responsible medical team continues care and makes the allergy referral.}",
            "- {JPUH=Ward managers ensure that the anaphylaxis kit is checked daily.|NNUH=The nurse in charge "
            "checks the resuscitation trolley and anaphylaxis box every day.}",
        ]},
        {"key": "treatment",
         "heading": {"JPUH": "Immediate Treatment", "NNUH": "Emergency Treatment"},
         "body": [
             "- {JPUH=Call the resuscitation team (2222) and remove the trigger if possible.|NNUH=Dial 2222 "
             "for the medical emergency team and stop any suspected trigger.}",
             "- {JPUH=Lie the patient flat, with legs raised if hypotensive; sit them up if breathing is "
             "difficult.|NNUH=Position the patient lying flat with the legs elevated, or sitting up if "
             "breathless.}",
             "- {JPUH=Give intramuscular adrenaline 500 micrograms|NNUH=Give intramuscular adrenaline 0.5 mg} "
             "{JPUH=(0.5 mL of 1 mg/mL) into the anterolateral thigh.|NNUH=(0.5 mL of 1 in 1,000) into the "
             "outer thigh.}",
             "- Repeat the intramuscular dose {JPUH=every 10 minutes|NNUH=after 5 minutes} if there is no "
             "improvement.",
             "- {JPUH=Give high-flow oxygen and a fluid bolus of 500 to 1000 mL crystalloid.|NNUH=Give high "
             "flow oxygen and a rapid 500 to 1000 mL crystalloid bolus.}",
         ],
         "children": [
             {"key": "treatment-refractory",
              "heading": {"JPUH": "Refractory Anaphylaxis", "NNUH": "If There Is No Improvement"},
              "body": [
                  "{JPUH=If there is no improvement after two doses of intramuscular adrenaline, seek "
                  "critical care support for an adrenaline infusion|NNUH=Where two IM doses have not "
                  "worked, call critical care to start an intravenous adrenaline infusion} (bleep {{bleep}}).",
                  "{JPUH=Give chlorphenamine 10 mg IV and hydrocortisone 200 mg IV once the patient is "
                  "stable|NNUH=Do not give chlorphenamine or hydrocortisone as initial emergency treatment}"
                  "{JPUH=.|NNUH=; antihistamines may be used later for skin symptoms.}",
              ]},
         ]},
        {"key": "after",
         "heading": {"JPUH": "Observation and Discharge", "NNUH": "After the Acute Episode"},
         "body": [
             "{JPUH=Take blood for mast cell tryptase as soon as the patient is stable and again 1 to 2 hours "
             "after the onset.|NNUH=Send a mast cell tryptase sample once resuscitation has started, with a "
             "second sample 1 to 2 hours after symptoms began.}",
             "{JPUH=Patients are observed for at least 6 hours after symptoms resolve|NNUH=Patients are "
             "observed for at least 12 hours after symptoms resolve} {JPUH=before discharge.|NNUH=before they "
             "can go home.}",
             "{JPUH=On discharge, supply one adrenaline auto-injector|NNUH=On discharge, supply two adrenaline "
             "auto-injectors} {JPUH=and teach the patient how to use it.|NNUH=with training in their use.} "
             "{JPUH=Refer every patient to the allergy clinic.|NNUH=All patients are referred to the "
             "specialist allergy service.}",
         ]},
        {"key": "training", "body": [
            "{JPUH=All clinical staff complete annual resuscitation training, which includes anaphylaxis.|"
            "NNUH=Recognition and treatment of anaphylaxis are covered in annual life support training.} "
            "Scenario training is run on {{ward}}.",
        ]},
        {"key": "monitoring", "body": [
            "{JPUH=All anaphylaxis incidents are reviewed by the resuscitation team and reported to|"
            "NNUH=Anaphylaxis events and audit of allergy referral are reported to} the {{committee}}. "
            "Contact {{email}}, ext {{ext}}.",
        ]},
        {"key": "references", "body": [
            "- {JPUH=Resuscitation Council UK, Emergency treatment of anaphylactic reactions (2008, updated "
            "2012)|NNUH=Resuscitation Council UK, Emergency treatment of anaphylaxis (2021)}",
            "- {JPUH=NICE CG134: anaphylaxis, assessment and referral after emergency treatment|NNUH=NICE "
            "CG134 Anaphylaxis}",
            "- {JPUH=MHRA, adrenaline auto-injectors advice|NNUH=MHRA Drug Safety Update on adrenaline "
            "auto-injectors}",
        ]},
    ],
    "differences": [
        {"category": "unit", "section": "treatment",
         "text": {"JPUH": "intramuscular adrenaline 500 micrograms", "NNUH": "intramuscular adrenaline 0.5 mg"},
         "note": "IM adrenaline dose written in micrograms vs mg"},
        {"category": "frequency", "section": "treatment",
         "text": {"JPUH": "every 10 minutes", "NNUH": "after 5 minutes"},
         "note": "Interval before repeating IM adrenaline"},
        {"category": "negation", "section": "treatment-refractory",
         "text": {"JPUH": "Give chlorphenamine 10 mg IV and hydrocortisone 200 mg IV",
                  "NNUH": "Do not give chlorphenamine or hydrocortisone"},
         "note": "Antihistamine and steroid in the emergency treatment"},
        {"category": "time_limit", "section": "after",
         "text": {"JPUH": "at least 6 hours after symptoms resolve", "NNUH": "at least 12 hours after symptoms resolve"},
         "note": "Observation period before discharge"},
        {"category": "dose", "section": "after",
         "text": {"JPUH": "supply one adrenaline auto-injector", "NNUH": "supply two adrenaline auto-injectors"},
         "note": "Number of adrenaline auto-injectors supplied on discharge"},
        {"category": "guidance", "section": "references",
         "text": {"JPUH": "Emergency treatment of anaphylactic reactions (2008, updated 2012)",
                  "NNUH": "Emergency treatment of anaphylaxis (2021)"},
         "note": "Edition of the Resuscitation Council UK guideline"},
    ],
}
