"""Organ and tissue donation after death, referral and family approach (JPUH only; scanned copy)."""

TOPIC = {
    "slug": "organ-donation",
    "group": "organ-donation",
    "specialty": "Critical Care",
    "docs": {
        "JPUH": {"title": "Organ Donation Policy", "type": "Policy", "format": "pdf-scanned"},
    },
    "sections": [
        {"key": "introduction", "body": [
            "Organ donation saves and transforms lives. Every patient who may be able to donate should be "
            "identified and referred, so that their decision about donation can be honoured. Since May 2020 "
            "adults in England are considered to have agreed to donation unless they recorded a decision not "
            "to donate or are in an excluded group (deemed consent).",
        ]},
        {"key": "scope", "body": [
            "This policy applies to all staff caring for patients at the end of life in critical care and "
            "the emergency department at {{hospital}}. It covers donation after brainstem death (DBD) and "
            "donation after circulatory death (DCD).",
        ]},
        {"key": "definitions", "body": [
            "- SNOD: Specialist Nurse for Organ Donation, employed by NHS Blood and Transplant.",
            "- CLOD: Clinical Lead for Organ Donation, a consultant in the trust.",
            "- NHS Organ Donor Register: the national register of decisions about donation.",
        ]},
        {"key": "duties", "body": [
            "- The consultant in charge ensures that every patient meeting the referral criteria is "
            "referred.",
            "- The CLOD and the SNOD lead education, audit and the donation committee.",
            "- The organ donation committee, reporting to the {{committee}}, oversees the trust's "
            "performance.",
        ]},
        {"key": "referral", "heading": "Referral Triggers", "body": [
            "Refer to the SNOD through the NHS Blood and Transplant referral line, and inform the critical "
            "care consultant, when a ventilated patient with a catastrophic brain injury meets any of the "
            "following:",
            "- a plan to perform brainstem death tests;",
            "- a decision to withdraw life-sustaining treatment;",
            "- a Glasgow Coma Scale score of 4 or less not explained by sedation, unless there is a reason "
            "not to refer.",
            "Referral should take place before any discussion of withdrawal with the family, and within one "
            "hour of a trigger being met.",
        ]},
        {"key": "family-approach", "heading": "Approaching the Family", "body": [
            "The approach to the family is planned jointly by the consultant and the SNOD. The SNOD must be "
            "present when donation is raised. The NHS Organ Donor Register is checked first. The "
            "conversation takes place in a quiet room, after the family understand that their relative has "
            "died or will die, and families are never pressed for an answer.",
        ]},
        {"key": "donation-pathways", "heading": "Donation after Brainstem and Circulatory Death", "body": [
            "Brainstem death tests are performed by two doctors registered for more than five years, at "
            "least one a consultant, following the Academy of Medical Royal Colleges code of practice. In "
            "DCD, treatment is withdrawn in critical care, or in theatres when the family agree, and death "
            "is confirmed after five minutes of continuous cardiorespiratory arrest.",
        ]},
        {"key": "coroner", "heading": "The Coroner", "body": [
            "Where a death must be reported to the coroner, the SNOD seeks the coroner's agreement before "
            "donation proceeds. Staff must not delay reporting a death because donation is being considered.",
        ]},
        {"key": "training", "body": [
            "Critical care and emergency department medical and nursing staff receive organ donation "
            "teaching at induction and annually. Contact the CLOD on {{email}} or bleep {{bleep}}.",
        ]},
        {"key": "references", "body": [
            "- NICE CG135: Organ donation for transplantation.",
            "- Organ Donation (Deemed Consent) Act 2019.",
            "- Academy of Medical Royal Colleges (2008): A code of practice for the diagnosis and "
            "confirmation of death.",
            "- NHS Blood and Transplant: Approaching the families of potential organ donors.",
        ]},
    ],
    "differences": [],
}
