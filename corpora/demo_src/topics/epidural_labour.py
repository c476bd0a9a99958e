"""Epidural analgesia in labour (JPUH only)."""

TOPIC = {
    "slug": "epidural-labour",
    "group": "epidural-labour",
    "specialty": "Maternity",
    "docs": {
        "JPUH": {"title": "Epidural Analgesia in Labour", "type": "Guideline", "format": "docx"},
    },
    "sections": [
        {"key": "introduction", "body": [
            "Epidural analgesia is the most effective form of pain relief in labour. This guideline "
            "describes how a labour epidural is requested, sited, maintained and removed on the delivery "
            "suite at {{hospital}}, and how its complications are recognised.",
        ]},
        {"key": "scope", "body": [
            "It applies to all women and birthing people requesting epidural analgesia in labour, and to the "
            "midwives, obstetricians and anaesthetists caring for them. Spinal and combined spinal-epidural "
            "anaesthesia for caesarean birth are covered in a separate guideline.",
        ]},
        {"key": "duties", "body": [
            "- The duty anaesthetist (bleep {{bleep}}) assesses the woman, obtains consent and sites the "
            "epidural.",
            "- The midwife providing one-to-one care monitors the woman and fetus and manages the infusion.",
            "- The obstetric registrar is informed of every epidural request and reviews the plan for "
            "labour.",
        ]},
        {"key": "contraindications", "heading": "Contraindications and Cautions", "body": [
            "Do not site an epidural if the woman declines, if there is infection at the insertion site, or "
            "if there is uncorrected hypovolaemia.",
            "Discuss with the consultant anaesthetist before siting in these situations:",
            "- platelet count below 75 x 10^9/L, or a falling count in pre-eclampsia;",
            "- prophylactic low molecular weight heparin within the last 12 hours, or a treatment dose "
            "within 24 hours;",
            "- suspected sepsis, or a temperature of 38 degrees or higher with signs of systemic illness.",
        ]},
        {"key": "siting", "heading": "Siting the Epidural", "body": [
            "Secure intravenous access before the procedure. Perform the procedure with full aseptic "
            "technique, including hat, mask, sterile gown and gloves, and chlorhexidine 0.5% in alcohol "
            "allowed to dry. Establish the block with low-dose bupivacaine 0.1% with fentanyl 2 "
            "micrograms/mL.",
        ]},
        {"key": "maintenance", "heading": "Maintenance and Observations", "body": [
            "Analgesia is maintained with programmed intermittent boluses and patient-controlled top-ups of "
            "the same solution, using the dedicated yellow epidural pumps only.",
            {"table": [["Observation", "Frequency"],
                       ["Blood pressure", "Every 5 minutes for 20 minutes after siting and after any "
                        "clinician bolus, then every 30 minutes"],
                       ["Block height and motor block (Bromage score)", "Every hour"],
                       ["Pain score and sedation", "Every hour"],
                       ["Bladder care", "Encourage voiding; catheterise if unable to pass urine within 4 "
                           "hours"]]},
            "Continuous fetal heart rate monitoring is recommended for 30 minutes after siting and after "
            "each clinician bolus.",
        ]},
        {"key": "complications", "heading": "Recognising Complications", "body": [
            "Call the anaesthetist immediately for hypotension not responding to fluids and position change, "
            "a block above T4, unexpected dense motor block, or signs of local anaesthetic toxicity such as "
            "circumoral tingling, tinnitus or confusion. Lipid emulsion 20% is kept on the delivery suite "
            "resuscitation trolley.",
        ]},
        {"key": "removal", "heading": "Removal and Follow-up", "body": [
            "The midwife removes the catheter once analgesia is no longer required, checks that the tip is "
            "intact and documents this. Prophylactic low molecular weight heparin may be given 4 hours after "
            "removal. Every woman is reviewed by the obstetric anaesthetic team before discharge; report "
            "headache or new leg weakness or numbness immediately, as these may indicate a dural puncture "
            "headache or an epidural haematoma.",
        ]},
        {"key": "references", "body": [
            "- Obstetric Anaesthetists' Association: guidance on the provision of labour analgesia.",
            "- NICE CG190: Intrapartum care for healthy women and babies.",
            "- Association of Anaesthetists: Regional anaesthesia and patients with abnormalities of "
            "coagulation (2020).",
        ]},
    ],
    "differences": [],
}
