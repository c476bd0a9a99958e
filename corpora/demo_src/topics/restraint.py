"""Restrictive interventions and physical restraint in the acute adult setting (all three trusts)."""

TOPIC = {
    "slug": "restraint",
    "group": "restraint",
    "specialty": "Mental Health and Capacity",
    "docs": {
        "JPUH": {"title": "Restrictive Interventions and the Safe Use of Physical Restraint",
                 "type": "Policy", "format": "docx"},
        "NNUH": {"title": "Management of Restrictive Interventions including Rapid Tranquillisation",
                 "type": "Guideline", "format": "pdf"},
        "QEH": {"title": "Restraint and "
            "Restrictive Practice in Inpatient Areas", "type": "Policy", "format": "rtf"},
    },
    "sections": [
        {"key": "introduction", "body": [
            "{JPUH=Restrictive interventions are deliberate acts that restrict a person's movement, liberty "
            "or freedom to act independently.|NNUH=A restrictive intervention is any deliberate act that "
            "limits a patient's movement, liberty or ability to act independently.|QEH=Restraint means any "
            "action that restricts a patient's freedom of movement or independence, whether or not they "
            "resist.}",
            "{JPUH=In an acute hospital they are used rarely, to prevent serious harm to the patient or to "
            "others, and always as a last resort. At|NNUH=Within|QEH=At} {{hospital}} {JPUH=every use is "
            "recorded and reviewed.|NNUH=they should be exceptional and used only to prevent serious harm "
            "when less restrictive approaches have failed.|QEH=restraint is a last resort and is never a "
            "substitute for adequate staffing or for de-escalation.}",
        ]},
        {"key": "scope", "body": [
            "This {JPUH=policy|NNUH=guideline|QEH=document} applies to {JPUH=adults aged 18 and "
            "over|NNUH=adults aged 18 and over receiving inpatient care|QEH=patients aged 18 and over} in "
            "all clinical areas of {{hospital}}, including the emergency department.",
            "{JPUH=It does not cover patients detained in the mental health liaison suite, who are managed "
            "under the mental health provider's policy.|NNUH=Patients in the mental health liaison suite are "
            "excluded and fall under the partner mental health trust's procedure.|QEH=It excludes the mental "
            "health liaison suite, where the partner mental health trust's procedure applies.}",
        ]},
        {"key": "definitions", "body": [
            "- {*=Physical restraint: any direct physical contact intended to prevent, restrict or subdue "
            "movement.|QEH=Physical restraint: hands-on contact used to stop or limit a patient's movement.}",
            "- {*=Rapid tranquillisation: medicines given by the parenteral route to calm or lightly sedate "
            "a patient.|NNUH=Rapid tranquillisation (RT): parenteral medication used to calm or lightly "
            "sedate an agitated patient.}",
            "- {*=Mechanical restraint: the use of a device such as a belt or mitt to restrict "
            "movement.|JPUH=Mechanical restraint: restricting movement with a device, for example limb "
            "holders or mittens.}",
        ]},
        {"key": "duties", "body": [
            "{JPUH=The nurse in charge leads the response and decides whether restraint is needed.|NNUH=The "
            "nurse in charge of the shift coordinates the team and makes the decision to "
            "restrain.|QEH=Decisions to restrain are made by the nurse in charge, who leads the team.}",
            "{JPUH=The security team supports clinical staff but never acts alone (bleep|NNUH=Security "
            "officers assist only under clinical direction (bleep|QEH=Security staff assist only at the "
            "direction of the clinical team (bleep} {{bleep}}, {*=extension|QEH=ext.} {{ext}}).",
            "{*=The safeguarding team gives advice on capacity and deprivation of liberty:|QEH=Advice on "
            "capacity and Deprivation of Liberty Safeguards is available from} {{email}}.",
        ]},
        {"key": "physical-restraint",
         "heading": {"*": "Physical Restraint", "NNUH": "Using Physical Restraint Safely",
                     "QEH": "Restraint Procedure"},
         "body": [
            "{JPUH=Use de-escalation first: calm verbal engagement, reducing noise and offering "
            "choices.|NNUH=De-escalation must always be attempted first, for example talking calmly, "
            "removing triggers and offering choices.|QEH=Try de-escalation first: speak calmly, remove "
            "triggers and give choices.}",
            "{JPUH=Where the patient lacks capacity, restraint must be necessary and proportionate under the "
            "Mental Capacity Act 2005.|NNUH=For a patient who lacks capacity, restraint is lawful only if "
            "necessary to prevent harm and proportionate to it (Mental Capacity Act 2005, section "
            "6).|QEH=Restraint of a patient lacking capacity must be necessary and proportionate (Mental "
            "Capacity Act 2005).}",
            "Staff {JPUH=must not deliberately restrain a patient in the prone position|NNUH=must not "
            "deliberately restrain a patient in the prone position|QEH=may restrain a patient in the prone "
            "position} {JPUH=and must turn the patient onto their side if they fall prone.|NNUH=and, if the "
            "patient ends up face down, must move them to a supine or side-lying position at once.|QEH=only "
            "for the shortest possible time and with a member of staff monitoring the airway.}",
            "{*=One member of staff monitors the airway, breathing and colour throughout.|JPUH=A designated "
            "member of staff watches the airway, breathing and skin colour throughout.}",
         ],
         "children": [
            {"key": "restraint-positions", "heading": "Holds and positions", "only": ["NNUH"], "body": [
                "- Use only holds taught on the trust-approved training course.",
                "- Never apply pressure to the neck, chest, back or abdomen.",
            ]},
         ]},
        {"key": "rapid-tranquillisation",
         "heading": {"*": "Rapid Tranquillisation",
                     "QEH": "Medication to Manage Acute Behavioural Disturbance"},
         "body": [
            "{JPUH=Offer oral medication before considering intramuscular treatment.|NNUH=Oral medication "
            "should be offered before intramuscular medication is considered.|QEH=Offer oral medicines "
            "first.}",
            "{*=If intramuscular treatment is needed, give|QEH=Where intramuscular medication is required, "
            "use} {JPUH=lorazepam 1 mg to 2 mg|NNUH=lorazepam 1 mg to 2 mg|QEH=lorazepam 0.5 mg to 1 mg} "
            "{*=intramuscularly, or haloperidol with promethazine if lorazepam is unsuitable.|QEH=by "
            "intramuscular injection; haloperidol with promethazine is the alternative.}",
            "{JPUH=Record pulse, blood pressure, respiratory rate, temperature and oxygen "
            "saturation|NNUH=Monitor pulse, blood pressure, respiratory rate, temperature and SpO2|QEH=Take "
            "and record a full set of observations} {JPUH=every 15 minutes for the first hour|NNUH=every 15 "
            "minutes for the first hour|QEH=every 30 minutes for the first hour}{*=, then hourly until there "
            "are no further concerns.|QEH=, then hourly until there are no further physical health "
            "concerns.}",
            "If the respiratory rate falls below 10 breaths per minute after a benzodiazepine, give "
            "{JPUH=flumazenil 200 micrograms|NNUH=flumazenil 200 micrograms|QEH=flumazenil 200 mg} "
            "intravenously and call the {*=medical emergency team on 2222.|QEH=medical emergency team "
            "(2222).}",
         ]},
        {"key": "after-incident", "heading": {"*": "After an Incident", "JPUH": "Post-Incident Review",
                                              "NNUH": "Post-Incident Support and Reporting"},
         "body": [
            "The patient must be {JPUH=reviewed by a doctor of ST3 grade or above|NNUH=reviewed by a doctor "
            "of ST3 grade or above|QEH=reviewed by the ward doctor of FY1 grade or above} within one hour of "
            "any restraint or rapid tranquillisation.",
            "{JPUH=Report every incident on Datix before the end of the shift.|NNUH=Every use of restraint "
            "is reported on Datix before the end of the shift.|QEH=All incidents are logged on Datix before "
            "the end of the shift.}",
            "{*=Offer the patient and the staff involved a debrief.|NNUH=A debrief is offered to the patient "
            "and to all staff involved.}",
         ]},
        {"key": "training", "body": [
            "{JPUH=Annual training in de-escalation and restrictive interventions is completed by staff in "
            "the emergency department and on|NNUH=Annual de-escalation and restraint training is mandatory "
            "for staff in high-risk areas such as|QEH=De-escalation and restraint training is completed "
            "every year by staff in high-risk areas, including} {{ward}}.",
            "{JPUH=Attendance is recorded on the learning management system.|NNUH=Compliance is recorded on "
            "the electronic staff record.|QEH=Records of attendance are kept by the education team.}",
        ]},
        {"key": "monitoring", "only": ["JPUH", "NNUH"], "body": [
            {"table": [["What", "How", "Frequency", "Reported to"],
                       ["{*=Datix reports of restraint|NNUH=Restraint incidents}", "Datix "
                           "review", "Quarterly",
                        "{{committee}}"]]},
         ]},
        {"key": "references", "body": [
            "- {JPUH=NICE NG10 (2015)|NNUH=NICE NG10 (2015)|QEH=NICE CG25 (2005)}: {*=Violence and "
            "aggression: short-term management in mental health, health and community "
            "settings.|QEH=Violence: the short-term management of disturbed/violent behaviour.}",
            "- Mental Capacity Act 2005 and {*=its Code of Practice|NNUH=the associated Code of Practice}.",
            "- {*=Resuscitation Council UK guidance on the deteriorating patient.|QEH=Resuscitation Council "
            "UK: the deteriorating patient.}",
         ]},
    ],
    "differences": [
        {"category": "negation", "section": "physical-restraint",
         "text": {"JPUH": "must not deliberately restrain a patient in the prone position",
                  "NNUH": "must not deliberately restrain a patient in the prone position",
                  "QEH": "may restrain a patient in the prone position"},
         "note": "prone restraint prohibited vs permitted briefly"},
        {"category": "dose", "section": "rapid-tranquillisation",
         "text": {"JPUH": "lorazepam 1 mg to 2 mg",
                  "NNUH": "lorazepam 1 mg to 2 mg",
                  "QEH": "lorazepam 0.5 mg to 1 mg"},
         "note": "intramuscular lorazepam dose for rapid tranquillisation"},
        {"category": "frequency", "section": "rapid-tranquillisation",
         "text": {"JPUH": "every 15 minutes for the first hour",
                  "NNUH": "every 15 minutes for the first hour",
                  "QEH": "every 30 minutes for the first hour"},
         "note": "observations after rapid tranquillisation"},
        {"category": "unit", "section": "rapid-tranquillisation",
         "text": {"JPUH": "flumazenil 200 micrograms",
                  "NNUH": "flumazenil 200 micrograms",
                  "QEH": "flumazenil 200 mg"},
         "note": "flumazenil dose unit (micrograms vs mg)"},
        {"category": "role", "section": "after-incident",
         "text": {"JPUH": "reviewed by a doctor of ST3 grade or above",
                  "NNUH": "reviewed by a doctor of ST3 grade or above",
                  "QEH": "reviewed by the ward doctor of FY1 grade or above"},
         "note": "grade of doctor reviewing after restraint"},
        {"category": "guidance", "section": "references",
         "text": {"JPUH": "NICE NG10 (2015)", "NNUH": "NICE NG10 (2015)", "QEH": "NICE CG25 (2005)"},
         "note": "NICE guidance cited (CG25 superseded by NG10)"},
    ],
}
