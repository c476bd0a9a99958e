"""Pre-operative marking of the surgical site (JPUH and QEH; NNUH holds no equivalent)."""

TOPIC = {
    "slug": "surgical-site-marking",
    "group": "surgical-site-marking",
    "specialty": "Surgery",
    "docs": {
        "JPUH": {"title": "Marking of the Surgical Site", "type": "Policy", "format": "docx"},
        "QEH": {"title": "Pre-operative Site Marking", "type": "Standard Operating Procedure",
                "format": "docx"},
    },
    "sections": [
        {"key": "introduction", "body": [
            "{JPUH=Wrong-site surgery is a Never Event.|QEH=Operating on the wrong side or site is classed "
            "by NHS England as a Never Event.} {JPUH=Clear, consistent marking of the operative site, "
            "checked at each stage of the patient's journey, is one of the simplest ways to prevent "
            "it.|QEH=Marking the site in a consistent way, and checking the mark at every handover, greatly "
            "reduces the risk.}",
        ]},
        {"key": "purpose", "only": ["JPUH"], "body": [
            "To set out a single standard for marking the surgical site for every patient having an "
            "operation or invasive procedure at {{hospital}}, so that the mark means the same thing in every "
            "theatre.",
        ]},
        {"key": "scope", "body": [
            "{JPUH=The policy applies to all adults and children undergoing surgery or an interventional "
            "procedure in main theatres, day surgery and the interventional radiology suite.|QEH=This SOP "
            "covers all patients having operations or invasive procedures in theatres, the day surgery unit "
            "and interventional radiology.}",
        ]},
        {"key": "definitions", "body": [
            "- {JPUH=Laterality: a structure with a left and a right side, such as a limb, eye, kidney or "
            "breast.|QEH=Laterality: whether the operation is on the left or right of the body.}",
            "- {JPUH=Level: the vertebral level in spinal surgery.|QEH=Level: the spinal level to be "
            "operated on.}",
            "- {JPUH=Indelible marker: a single-use skin marker that stays visible after skin preparation.|"
            "QEH=Skin marker: a single-use, indelible pen that survives antiseptic preparation.}",
        ]},
        {"key": "duties", "body": [
            "{JPUH=The operating surgeon is accountable for correct site surgery.|QEH=Correct site surgery "
            "is the responsibility of the operating surgeon.} {JPUH=Ward and day-unit nurses confirm the "
            "mark is present before the patient leaves the ward.|QEH=The ward nurse checks that the mark is "
            "present on the pre-operative checklist.} {JPUH=Theatre staff verify the mark at sign-in and "
            "time out.|QEH=The theatre team confirms it during the WHO checklist.}",
            "{JPUH=Queries to the theatre coordinator on bleep|QEH=Contact the theatre coordinator, bleep} "
            "{{bleep}}.",
        ]},
        {"key": "marking", "heading": {"JPUH": "Marking the Site", "QEH": "Procedure"}, "body": [
            "{JPUH=All procedures involving laterality must be marked|QEH=All procedures involving "
            "laterality should be marked}{JPUH=, as must procedures on multiple structures or spinal "
            "levels.|QEH=, together with procedures on digits, multiple lesions or spinal levels.}",
            "{JPUH=The site is marked by the operating surgeon or a delegated member of the operating team "
            "who will be present at the procedure.|QEH=The site is marked by the operating surgeon "
            "personally; this task is not delegated.}",
            "- {JPUH=Mark before premedication, with the patient awake and involved where possible.|QEH=Mark "
            "the site on the ward before any sedative premedication, involving the patient.}",
            "- {JPUH=Check the site against the consent form, the clinical notes and any "
            "imaging.|QEH=Confirm the site using the consent form, the notes and relevant imaging.}",
            "- {JPUH=Draw an arrow pointing to, or extending over, the incision site.|QEH=Use an arrow that "
            "reaches the incision site.} {JPUH=Do not use a cross or the word 'No' on the other "
            "side.|QEH=Never mark the non-operative side.}",
         ],
         "children": [
            {"key": "marking-refusal", "heading": "Patients who decline marking", "only": ["JPUH"], "body": [
                "Record the refusal in the notes and on the theatre checklist, and confirm the site verbally "
                "at sign-in and time out.",
            ]},
            {"key": "marking-communication", "heading": "Patients unable to take part", "only": ["QEH"],
             "body": [
                "Where the patient cannot confirm the site, for example because of confusion, sedation or a "
                "language barrier, confirm it with the consent form, imaging and, where appropriate, a "
                "relative or interpreter, and document who was involved.",
            ]},
         ]},
        {"key": "exemptions", "heading": {"JPUH": "Exemptions", "QEH": "Exceptions to Marking"}, "body": [
            "{JPUH=Marking is not required for:|QEH=The following do not need a skin mark:}",
            "- {JPUH=teeth (use a dental chart)|QEH=dental procedures, where the dental chart is used};",
            "- {JPUH=mucosal surfaces and the perineum|QEH=mucosal and perineal sites};",
            "- {JPUH=endoscopy through a natural orifice|QEH=procedures through a natural orifice such as "
            "endoscopy}.",
            "{JPUH=Emergency surgery is exempt where marking would delay life-saving treatment; record the "
            "reason.|QEH=Emergency surgery is not exempt and must be marked before transfer to theatre.}",
        ]},
        {"key": "verification", "heading": {"JPUH": "Checking the Mark in Theatre", "QEH": "Verification"},
         "body": [
            "{JPUH=At sign-in the anaesthetist and the registered practitioner check the mark against the "
            "consent form.|QEH=During sign-in the mark is compared with the consent form by the anaesthetist "
            "and the theatre practitioner.}",
            "{JPUH=If the mark is missing or unclear, the patient does not proceed until the operating "
            "surgeon has re-marked the site.|QEH=A missing or unclear mark stops the process until the site "
            "has been re-marked.}",
            "{JPUH=The mark must be visible after draping and is confirmed again at time out.|QEH=The mark "
            "is confirmed again at time out and must be visible after draping.}",
        ]},
        {"key": "training", "body": [
            "{JPUH=Site marking is covered in surgical induction for doctors and in theatre staff induction.|"
            "QEH=All surgeons and theatre practitioners are shown this SOP at induction, and compliance is "
            "discussed at departmental audit meetings.}",
        ]},
        {"key": "monitoring", "only": ["QEH"], "body": [
            {"table": [["Measure", "Method", "Frequency", "Reported to"],
                       ["Site marking compliance", "Observational audit of 20 patients", "Quarterly",
                        "{{committee}}"]]},
        ]},
        {"key": "references", "body": [
            "- {JPUH=NatSSIPs (2015)|QEH=NatSSIPs 2 (2023)}: {JPUH=National Safety Standards for Invasive "
            "Procedures, NHS England.|QEH=National Safety Standards for Invasive Procedures, Centre for "
            "Perioperative Care.}",
            "- {JPUH=WHO Surgical Safety Checklist (2009).|QEH=World Health Organization: Surgical Safety "
            "Checklist (2009).}",
            "- NHS England: Never Events policy and framework.",
        ]},
    ],
    "differences": [
        {"category": "duty", "section": "marking",
         "text": {"JPUH": "laterality must be marked", "QEH": "laterality should be marked"},
         "note": "marking of procedures with laterality required vs recommended"},
        {"category": "role", "section": "marking",
         "text": {"JPUH": "marked by the operating surgeon or a delegated member of the operating team",
                  "QEH": "marked by the operating surgeon personally"},
         "note": "who may mark the site"},
        {"category": "criteria", "section": "exemptions",
         "text": {"JPUH": "Emergency surgery is exempt", "QEH": "Emergency surgery is not exempt"},
         "note": "emergency surgery exempt from marking or not"},
        {"category": "guidance", "section": "references",
         "text": {"JPUH": "NatSSIPs (2015)", "QEH": "NatSSIPs 2 (2023)"},
         "note": "version of the national safety standards cited"},
    ],
}
