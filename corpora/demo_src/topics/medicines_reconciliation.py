"""Medicines reconciliation on admission and transfer of adult inpatients (all three; JPUH's is a .doc)."""

TOPIC = {
    "slug": "medicines-reconciliation",
    "group": "medicines-reconciliation",
    "specialty": "Pharmacy and Medicines",
    "docs": {
        "JPUH": {"title": "Medicines Reconciliation Policy", "type": "Policy", "format": "doc"},
        "NNUH": {"title": "Medicines Reconciliation on Admission and Transfer (Adults)", "type": "Procedure",
                 "format": "pdf"},
        "QEH": {"title": "Medicines Reconciliation", "type": "Standard Operating Procedure", "format": "pdf"},
    },
    "sections": [
        {"key": "introduction", "body": [
            "{JPUH=Unintended changes to a patient's medicines on admission to hospital are a common cause "
            "of avoidable harm.|NNUH=Errors in the medicines prescribed on admission are common, and some "
            "cause serious harm.|QEH=Up to half of patients have an unintended discrepancy in their "
            "medicines when admitted to hospital.}",
            "{JPUH=Medicines reconciliation identifies and corrects these discrepancies.|NNUH=Reconciliation "
            "is the process that finds and resolves them.|QEH=Medicines reconciliation is the process used "
            "to detect and correct these errors.}",
            "{JPUH=It is a shared responsibility of prescribers, pharmacy staff and "
            "nurses.|NNUH=Prescribers, pharmacy staff and nursing staff all contribute to it.|QEH=Doctors, "
            "nurses and pharmacy staff share responsibility for it.}",
        ]},
        {"key": "scope", "body": [
            "{*=This document applies to all adult patients admitted to|NNUH=This procedure covers every "
            "adult inpatient at} {{hospital}}{*=, and to patients transferred between wards.|NNUH=, "
            "including patients transferred between wards.|QEH=, including transfers from other hospitals.}",
            "{*=Day-case patients are excluded unless they stay overnight.|JPUH=It does not apply to day "
            "cases who are discharged the same day.}",
        ]},
        {"key": "definitions", "body": [
            "- {*=Best possible medication history (BPMH): a list of all the medicines a patient was taking "
            "before admission, confirmed from reliable sources.|QEH=BPMH: the most accurate list of "
            "pre-admission medicines that can be obtained.}",
            "- {*=Discrepancy: any difference between the BPMH and the medicines prescribed in "
            "hospital.|NNUH=Unintentional discrepancy: a difference between the BPMH and the inpatient "
            "prescription that is not explained.}",
            "- {*=Time-critical medicine: a medicine where a delayed or omitted dose can cause serious harm.|"
            "JPUH=Time-critical medicines: those for which a missed or late dose may cause harm, such as "
            "Parkinson's medicines or insulin.}",
        ]},
        {"key": "duties", "body": [
            "{JPUH=The Chief Pharmacist is responsible for this policy and for audit of compliance.|NNUH=The "
            "Chief Pharmacist owns this procedure.|QEH=The Director of Pharmacy is the lead for medicines "
            "reconciliation.}",
            "{*=The admitting prescriber takes an accurate drug history and prescribes with care.|"
            "NNUH=Prescribers are responsible for an accurate drug history on admission.}",
            "{*=Pharmacy can be contacted|QEH=The pharmacy department can be reached} on extension {{ext}}.",
            "{*=Ward pharmacists and technicians carry out reconciliation and support prescribers.|"
            "QEH=Pharmacy staff verify the reconciliation and advise prescribers.}",
        ]},
        {"key": "process", "heading": {"*": "Reconciliation on Admission",
                                       "NNUH": "The Reconciliation Process",
                                       "QEH": "Procedure"},
         "body": [
            "Medicines reconciliation {JPUH=is completed by a pharmacist or pharmacy technician|NNUH=is "
            "completed by a pharmacist or accredited medicines management technician|QEH=is completed by the "
            "admitting doctor and verified by pharmacy} {JPUH=within 24 hours of admission|NNUH=within 24 "
            "hours of admission|QEH=within 48 hours of admission}{*=.|NNUH=, or sooner if clinically "
            "needed.}",
            "{*=Confirm the medication history using|NNUH=The BPMH must be confirmed from} {JPUH=at least "
            "two sources|NNUH=at least two sources|QEH=at least one reliable source}{*=, such as:|NNUH=, for "
            "example:}",
            "- {*=the patient or carer;|QEH=the patient, relative or carer;}",
            "- {*=the GP record or Summary Care Record;|JPUH=the GP practice record or the Summary Care "
            "Record;}",
            "- {*=the patient's own medicines and any repeat prescription list.|NNUH=medicines brought in by "
            "the patient, and repeat prescription slips.}",
            "{*=Record allergies and their reactions at the same time.|JPUH=Allergy status and the nature of "
            "any reaction must be confirmed at the same time.}",
            "{*=Include over-the-counter and herbal products, eye drops, inhalers, injections and "
            "patches.|NNUH=Remember medicines that patients may not mention: inhalers, eye drops, "
            "injections, patches and herbal remedies.}",
            "{*=Medicines given by other services, such as depot injections or clinic-supplied drugs, are "
            "checked with that service.|QEH=Check with the supplying clinic for hospital-only medicines and "
            "depot injections.}",
         ],
         "children": [
            {"key": "process-discrepancies", "heading": {"*": "Resolving discrepancies",
                                                         "JPUH": "Discrepancies"},
             "body": [
                "{*=Each unintentional discrepancy is discussed with the prescriber and resolved.|"
                "NNUH=Unintentional discrepancies are raised with the prescriber and corrected.}",
                "The completed reconciliation {JPUH=must be documented on the electronic prescribing system|"
                "NNUH=must be documented on the electronic prescribing system|QEH=should be documented on "
                "the electronic prescribing system}{*=.|QEH=, or on the drug chart where ePMA is not used.}",
             ]},
         ]},
        {"key": "priority", "heading": {"*": "Prioritising Patients", "QEH": "High-Risk Patients"},
         "body": [
            "{*=Pharmacy staff prioritise patients taking high-risk medicines,|NNUH=Priority is given to "
            "patients prescribed high-risk medicines,} {JPUH=including insulin, anticoagulants, "
            "antiepileptics and Parkinson's medicines|NNUH=including insulin, anticoagulants, antiepileptics "
            "and Parkinson's medicines|QEH=including insulin, anticoagulants, methotrexate and "
            "lithium}{*=.|JPUH=, and patients taking more than ten medicines.}",
            "{*=Time-critical medicines must not be omitted while reconciliation is awaited.|QEH=Do not omit "
            "time-critical medicines while waiting for reconciliation.}",
         ]},
        {"key": "transfer", "heading": {"*": "Transfer and Discharge", "NNUH": "Transfer of Care"},
         "body": [
            "{*=On transfer between wards, the receiving ward checks that reconciliation is complete.|"
            "JPUH=When a patient moves ward, the receiving team confirms that reconciliation has been done.}",
            "{*=At discharge, the discharge summary lists medicines started, stopped or changed, with "
            "reasons.|QEH=The discharge summary must explain every medicine change.}",
            "{*=Patients' own medicines are returned to them on discharge if still prescribed.|JPUH=Return "
            "the patient's own medicines on discharge, unless they have been stopped.}",
         ]},
        {"key": "training", "body": [
            "{JPUH=Pharmacy technicians complete an accredited medicines reconciliation "
            "competency.|NNUH=Staff undertaking reconciliation complete the regional accreditation "
            "programme.|QEH=Doctors receive training on drug history taking at induction.}",
        ]},
        {"key": "monitoring", "body": [
            {"table": [["Standard", "Method", "Frequency", "Reported to"],
                       ["{*=Reconciliation within the time limit|QEH=Percentage reconciled on time}",
                        "{*=Pharmacy audit|NNUH=ePMA report}", "{*=Monthly|JPUH=Quarterly}",
                        "{{committee}}"]]},
         ]},
        {"key": "references", "body": [
            "- {JPUH=NICE NG5 (2015)|NNUH=NICE NG5 (2015)|QEH=NICE and NPSA PSG001 (2007)}: {*=Medicines "
            "optimisation.|QEH=Technical patient safety solutions for medicines reconciliation on "
            "admission.}",
            "- {*=Royal Pharmaceutical Society: Keeping patients safe when they transfer between care "
            "providers.|JPUH=RPS guidance on transfer of care.}",
        ]},
    ],
    "differences": [
        {"category": "role", "section": "process",
         "text": {"JPUH": "is completed by a pharmacist or pharmacy technician",
                  "NNUH": "is completed by a pharmacist or accredited medicines management technician",
                  "QEH": "is completed by the admitting doctor and verified by pharmacy"},
         "note": "who carries out reconciliation"},
        {"category": "time_limit", "section": "process",
         "text": {"JPUH": "within 24 hours of admission", "NNUH": "within 24 hours of admission",
                  "QEH": "within 48 hours of admission"},
         "note": "time to complete reconciliation"},
        {"category": "criteria", "section": "process",
         "text": {"JPUH": "at least two sources", "NNUH": "at least two sources",
                  "QEH": "at least one reliable source"},
         "note": "number of sources for the medication history"},
        {"category": "duty", "section": "process-discrepancies",
         "text": {"JPUH": "must be documented on the electronic prescribing system",
                  "NNUH": "must be documented on the electronic prescribing system",
                  "QEH": "should be documented on the electronic prescribing system"},
         "note": "documenting the completed reconciliation"},
        {"category": "drug", "section": "priority",
         "text": {"JPUH": "including insulin, anticoagulants, antiepileptics and Parkinson's medicines",
                  "NNUH": "including insulin, anticoagulants, antiepileptics and Parkinson's medicines",
                  "QEH": "including insulin, anticoagulants, methotrexate and lithium"},
         "note": "high-risk medicines that give priority"},
        {"category": "guidance", "section": "references",
         "text": {"JPUH": "NICE NG5 (2015)", "NNUH": "NICE NG5 (2015)", "QEH": "NICE and NPSA PSG001 (2007)"},
         "note": "national guidance cited"},
    ],
}
