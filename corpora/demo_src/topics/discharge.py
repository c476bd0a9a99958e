"""Discharge of adult inpatients: planning, criteria-led discharge and communication (all three trusts)."""

TOPIC = {
    "slug": "discharge",
    "group": "discharge",
    "specialty": "Nursing and Patient Safety",
    "docs": {
        "JPUH": {"title": "Discharge of Adult Inpatients Policy", "type": "Policy", "format": "docx"},
        "NNUH": {"title": "Adult Inpatient Discharge Procedure", "type": "Procedure", "format": "pdf"},
        "QEH": {"title": "Safe Discharge and Transfer of Care Policy", "type": "Policy", "format": "odt"},
    },
    "sections": [
        {"key": "introduction", "body": [
            "{JPUH=A safe and timely discharge is part of good care: delays expose patients to the risks of "
            "hospital stay, such as deconditioning and infection.|NNUH=Patients who stay in hospital longer "
            "than they need to lose mobility and independence and are at greater risk of "
            "infection.|QEH=Timely discharge reduces the harms of prolonged hospital stay, including loss of "
            "independence and hospital-acquired infection.}",
            "{JPUH=Planning for discharge starts on admission.|NNUH=Discharge planning begins at the point "
            "of admission, or before it for elective patients.|QEH=Every admission should have a discharge "
            "plan from the first day.}",
        ]},
        {"key": "purpose", "body": [
            "{*=This document sets out the standards for planning and carrying out the discharge of adult "
            "inpatients|NNUH=This procedure describes the steps to plan and complete the discharge of adult "
            "inpatients} from {{hospital}} {JPUH=to their home or another care setting.|NNUH=to home, "
            "intermediate care or a care home.|QEH=to their usual place of residence or onward care.}",
            "{JPUH=It supports the principles of the SAFER patient flow bundle.|NNUH=The procedure follows "
            "the SAFER patient flow bundle.|QEH=It is based on the SAFER bundle for patient flow.}",
        ]},
        {"key": "scope", "body": [
            "{JPUH=It applies to all adult inpatient wards.|NNUH=All adult inpatient areas are included, "
            "including the acute medical unit.|QEH=It covers adult wards and assessment units.} {*=Maternity "
            "and paediatric discharges are excluded.|JPUH=Discharges from maternity and children's services "
            "follow separate procedures.}",
        ]},
        {"key": "duties", "body": [
            "{JPUH=The consultant is responsible for deciding that the patient is medically fit for "
            "discharge.|NNUH=The responsible consultant confirms that the patient no longer needs acute "
            "hospital care.|QEH=Medical fitness for discharge is confirmed by the consultant or their "
            "delegate.}",
            "{*=The nurse in charge coordinates the discharge.|NNUH=The nurse in charge of the shift "
            "coordinates discharges on the ward.}",
            "{*=The integrated discharge team supports patients with complex needs and can be contacted on "
            "extension|QEH=Patients with complex needs are referred to the discharge hub on extension} "
            "{{ext}}.",
        ]},
        {"key": "planning", "heading": {"*": "Discharge Planning", "NNUH": "Planning from Admission",
                                        "QEH": "Estimated Date of Discharge"},
         "body": [
            "{*=An estimated date of discharge (EDD) is set|QEH=Each patient must have an estimated date of "
            "discharge (EDD) set} {JPUH=within 14 hours of admission|NNUH=within 24 hours of admission|"
            "QEH=within 24 hours of admission} {*=and shared with the patient and their family.|NNUH=by the "
            "admitting consultant, and discussed with the patient.}",
            "- {*=Review the EDD daily at the board round.|JPUH=The EDD is reviewed every day at the morning "
            "board round.}",
            "- {*=Identify early any need for equipment, care or therapy assessment.|QEH=Refer early for "
            "therapy assessment, equipment or a package of care.}",
            "- {*=Agree the discharge destination with the patient and carers.|NNUH=Discuss and agree where "
            "the patient will go on discharge.}",
            "{JPUH=Patients who need a new package of care or a care home placement are referred to the "
            "integrated discharge team as soon as the need is identified.|NNUH=Refer patients likely to need "
            "new care at home, or a placement, to the integrated discharge team without waiting for medical "
            "fitness.|QEH=Early referral to the discharge hub is required where new care or a placement may "
            "be needed.}",
         ]},
        {"key": "criteria-led", "heading": {"*": "Criteria-Led Discharge", "QEH": "Nurse-Led Discharge"},
         "body": [
            "{JPUH=The consultant may set clinical criteria that, once met, allow discharge without a "
            "further medical review.|NNUH=With criteria-led discharge, the senior clinician documents the "
            "criteria that must be met for the patient to go home.|QEH=Nurse-led discharge allows a patient "
            "to leave when criteria documented by the consultant are met.}",
            "{*=The criteria must include|QEH=Criteria always include} {JPUH=a NEWS2 score of 2 or "
            "less|NNUH=a NEWS2 score of 2 or less|QEH=a NEWS2 score of 4 or less}{*= and no new concerns "
            "from the patient or nursing team.|NNUH=, with no new clinical concerns.}",
            "{*=Discharge once the criteria are met is carried out by|NNUH=Once the criteria are met, the "
            "patient may be discharged by} {JPUH=a registered nurse|NNUH=a registered nurse or allied health "
            "professional|QEH=a registered nurse} {*=who has completed the competency.|NNUH=assessed as "
            "competent.}",
         ]},
        {"key": "day-of-discharge", "heading": {"*": "On the Day of Discharge", "NNUH": "Leaving the Ward"},
         "body": [
            "- {*=Medicines to take out are prescribed the day before where possible.|JPUH=Prescribe "
            "discharge medicines by the afternoon before the planned discharge.}",
            "- {*=The patient's own medicines and new supplies are explained by a nurse or pharmacist.|"
            "QEH=Explain every medicine, including changes, before the patient leaves.}",
            "- {*=Use the discharge lounge for patients waiting for transport.|NNUH=Patients waiting for "
            "medicines or transport move to the discharge lounge.}",
            "- {*=Remove cannulas and check that the patient has clothing, keys and a way into their home.|"
            "QEH=Check that cannulas are removed and that the patient has clothes, keys and access to their "
            "home.}",
            "{*=Patients|QEH=Vulnerable patients} {JPUH=must not be discharged between 22:00 and 07:00|"
            "NNUH=should not be discharged between 22:00 and 07:00|QEH=must not be discharged between 22:00 "
            "and 07:00} {*=unless they request it and it is safe.|NNUH=except at their own request.}",
         ]},
        {"key": "communication", "heading": {"*": "Communication with Primary Care",
                                             "JPUH": "Discharge Summary"},
         "body": [
            "{*=The discharge summary is sent electronically to the GP|NNUH=An electronic discharge summary "
            "reaches the GP practice} {JPUH=within 24 hours of discharge|NNUH=within 24 hours of discharge|"
            "QEH=within 48 hours of discharge}{*=.|JPUH=, with a copy given to the patient.}",
            "{*=It lists diagnoses, changes to medicines and follow-up arrangements.|QEH=The summary "
            "includes the diagnosis, medicine changes, and any follow-up.}",
            "{JPUH=Community nursing referrals are made before the patient leaves.|NNUH=Referrals to "
            "community teams are sent on the day of discharge.|QEH=Make any district nursing referral before "
            "discharge.}",
         ]},
        {"key": "monitoring", "body": [
            {"table": [["{*=Standard|NNUH=Measure}", "How", "{*=Frequency|QEH=How often}", "Reported to"],
                       ["{*=Discharge summaries sent on time|QEH=Timeliness of discharge summaries}",
                        "Electronic report", "Monthly", "{{committee}}"],
                       ["{*=Readmissions within 30 days|JPUH=30-day readmission rate}", "Audit",
                        "Quarterly", "{{committee}}"]]},
         ]},
        {"key": "references", "body": [
            "- {*=NICE NG27: Transition between inpatient hospital settings and community or care home "
            "settings for adults with social care needs.|JPUH=NICE NG27 (2015) Transition between inpatient "
            "hospital settings and community or care home settings.}",
            "- {*=Department of Health and Social Care: Hospital discharge and community support guidance.|"
            "NNUH=DHSC Hospital discharge and community support guidance (2024).}",
        ]},
    ],
    "differences": [
        {"category": "time_limit", "section": "planning",
         "text": {"JPUH": "within 14 hours of admission", "NNUH": "within 24 hours of admission",
                  "QEH": "within 24 hours of admission"},
         "note": "time to set the estimated date of discharge"},
        {"category": "threshold", "section": "criteria-led",
         "text": {"JPUH": "a NEWS2 score of 2 or less", "NNUH": "a NEWS2 score of 2 or less",
                  "QEH": "a NEWS2 score of 4 or less"},
         "note": "NEWS2 ceiling for criteria-led discharge"},
        {"category": "role", "section": "criteria-led",
         "text": {"JPUH": "by a registered nurse who",
                  "NNUH": "by a registered nurse or allied health professional",
                  "QEH": "by a registered nurse who"},
         "note": "who may discharge against criteria"},
        {"category": "duty", "section": "day-of-discharge",
         "text": {"JPUH": "must not be discharged between 22:00 and 07:00",
                  "NNUH": "should not be discharged between 22:00 and 07:00",
                  "QEH": "must not be discharged between 22:00 and 07:00"},
         "note": "night-time discharge"},
        {"category": "time_limit", "section": "communication",
         "text": {"JPUH": "within 24 hours of discharge", "NNUH": "within 24 hours of discharge",
                  "QEH": "within 48 hours of discharge"},
         "note": "time to send the discharge summary to the GP"},
    ],
}
