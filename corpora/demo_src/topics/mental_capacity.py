"""Mental Capacity Act 2005: assessing capacity and best-interests decisions (all three trusts)."""

TOPIC = {
    "slug": "mental-capacity",
    "group": "mental-capacity",
    "specialty": "Mental Health and Capacity",
    "docs": {
        "JPUH": {"title": "Mental Capacity Act 2005: Assessment of Capacity and Best Interests Policy",
                 "type": "Policy", "format": "docx"},
        "NNUH": {"title": "Mental Capacity Act Guideline", "type": "Guideline", "format": "pdf"},
        "QEH": {"title": "Assessing Mental Capacity and Making Best Interests Decisions",
                "type": "Procedure", "format": "pdf"},
    },
    "sections": [
        {"key": "introduction", "body": [
            "{JPUH=The Mental Capacity Act 2005 (MCA) provides the legal framework for acting and making "
            "decisions on behalf of people who lack the capacity to make particular decisions for "
            "themselves.|NNUH=The Mental Capacity Act 2005 sets out how decisions are made for, and on "
            "behalf of, people who may lack capacity to make them.|QEH=The Mental Capacity Act 2005 is the "
            "law that protects people who cannot make some or all decisions for themselves.}",
            "{JPUH=Staff who follow the Act and its Code of Practice are protected from liability when they "
            "provide care or treatment.|NNUH=Acting in line with the Act gives staff protection from "
            "liability for care and treatment given in a person's best interests.|QEH=Staff who act in "
            "accordance with the Act are protected when they give care or treatment to a person who lacks "
            "capacity.}",
        ]},
        {"key": "scope", "body": [
            "{*=This document applies to all staff caring for patients|NNUH=The guideline is for all "
            "clinical staff treating patients} {JPUH=aged 16 and over|NNUH=aged 16 and over|QEH=aged 18 and "
            "over} {*=in any setting at|NNUH=in every clinical area of} {{hospital}}.",
            "{JPUH=Decisions about Deprivation of Liberty Safeguards are covered in a separate policy.|"
            "NNUH=Deprivation of Liberty Safeguards (DoLS) are outside the scope of this guideline.|QEH=This "
            "procedure does not cover Deprivation of Liberty Safeguards, which have their own procedure.}",
        ]},
        {"key": "principles", "heading": {"*": "The Five Statutory Principles",
                                          "NNUH": "Principles of the Act",
                                          "QEH": "Key Principles"},
         "body": [
            "- {*=A person must be assumed to have capacity unless it is established that they lack it.|"
            "QEH=Always start from the assumption that the person has capacity.}",
            "- {*=All practicable steps must be taken to help the person make the decision.|NNUH=A person is "
            "not treated as unable to decide until all practicable steps to help them have failed.}",
            "- {*=An unwise decision does not by itself mean that a person lacks capacity.|JPUH=Making an "
            "unwise decision is not, on its own, evidence of a lack of capacity.}",
            "- {*=Anything done for a person who lacks capacity must be in their best interests.|QEH=Any act "
            "or decision for a person lacking capacity is made in their best interests.}",
            "- {*=Before acting, consider whether the purpose can be achieved in a less restrictive way.|"
            "NNUH=The least restrictive option that achieves the purpose is always preferred.}",
         ]},
        {"key": "assessment", "heading": {"*": "Assessing Capacity", "NNUH": "The Capacity Assessment",
                                          "QEH": "How to Assess Capacity"},
         "body": [
            "{JPUH=Capacity is decision-specific and time-specific.|NNUH=Capacity is assessed for a "
            "particular decision at a particular time.|QEH=Capacity relates to one decision at the time it "
            "needs to be made.} The assessment is carried out by {JPUH=the decision maker|NNUH=the decision "
            "maker|QEH=the responsible consultant}{*=, normally the clinician proposing the treatment.|QEH=, "
            "who may delegate the assessment for simple care decisions.}",
            "{JPUH=Use the two-stage test.|NNUH=Apply the two-stage test:|QEH=The test has two stages.}",
            "- {*=Stage 1: is there an impairment of, or disturbance in the functioning of, the mind or "
            "brain?|NNUH=Stage 1: does the person have an impairment or disturbance of the mind or brain?}",
            "- {*=Stage 2: does it mean the person cannot understand, retain, use or weigh the information, "
            "or communicate their decision?|QEH=Stage 2: because of it, is the person unable to understand, "
            "retain, use and weigh the relevant information, or communicate a decision?}",
            "{*=Where capacity fluctuates, reassess when the person is at their best, if the decision can "
            "wait.|JPUH=If capacity fluctuates and the decision can safely wait, reassess at a time when the "
            "person is more able.}",
         ],
         "children": [
            {"key": "assessment-recording", "heading": {"*": "Recording the assessment",
                                                        "QEH": "Documentation"},
             "body": [
                "The {*=capacity assessment|NNUH=outcome of each capacity assessment} {JPUH=must be recorded "
                "on the trust capacity assessment form|NNUH=should be recorded on the trust capacity "
                "assessment form|QEH=must be recorded on the trust capacity assessment form}{*= and "
                "summarised in the medical notes.|QEH=, with a summary entry in the patient's record.}",
             ]},
         ]},
        {"key": "best-interests", "heading": {"*": "Best Interests Decisions",
                                              "NNUH": "Acting in Best Interests"},
         "body": [
            "{JPUH=If the person lacks capacity, the decision maker decides what is in their best interests "
            "using the checklist in section 4 of the Act.|NNUH=Where the person lacks capacity, the decision "
            "maker follows the section 4 checklist to decide what is in their best interests.|QEH=When a "
            "person lacks capacity, the best interests checklist (section 4 of the Act) is followed.}",
            "- {*=Consider the person's past and present wishes, feelings, beliefs and values.|NNUH=Take "
            "into account the person's wishes, feelings, values and beliefs.}",
            "- {*=Consult family, carers and anyone named by the person.|JPUH=Consult relatives, carers and "
            "others interested in the person's welfare.}",
            "- {*=Check for a valid advance decision to refuse treatment or a Lasting Power of Attorney for "
            "health and welfare.|QEH=Check whether there is an advance decision or a health and welfare "
            "attorney.}",
            "{*=An attorney or deputy with the relevant authority makes the decision in place of the "
            "clinician.|NNUH=Where a health and welfare attorney or deputy has authority, they are the "
            "decision maker.}",
         ]},
        {"key": "imca", "heading": {"*": "Independent Mental Capacity Advocates",
                                    "JPUH": "Referral to an IMCA"},
         "body": [
            "{*=An Independent Mental Capacity Advocate (IMCA) must be instructed|NNUH=Instruct an "
            "Independent Mental Capacity Advocate (IMCA)} {*=for serious medical treatment or a change of "
            "accommodation when the person has no one appropriate to consult.|NNUH=when serious medical "
            "treatment or a move of accommodation is proposed and there is no family or friend to consult.}",
            "Refer to the IMCA service {JPUH=within 2 working days|NNUH=within 2 working days|QEH=within 5 "
            "working days} of identifying the need, by e-mail to {{email}}.",
            "{*=Treatment needed urgently may go ahead without waiting for an IMCA.|QEH=An IMCA is not "
            "needed before urgent treatment.}",
         ]},
        {"key": "duties", "body": [
            "{JPUH=The Safeguarding Adults Lead advises staff on complex capacity questions.|NNUH=The MCA "
            "lead within the safeguarding team gives advice on difficult cases.|QEH=The Safeguarding Team "
            "provides advice on the Act.} {*=Advice is available on extension|QEH=They can be contacted on "
            "extension} {{ext}}.",
            "{*=Every clinician is responsible for assessing capacity for decisions they propose.|"
            "NNUH=Clinicians are accountable for the capacity assessments they make.}",
        ]},
        {"key": "training", "body": [
            "{JPUH=MCA training is part of safeguarding adults training at level 2 and above.|NNUH=All "
            "clinical staff complete MCA e-learning every three years.|QEH=Mental Capacity Act training is "
            "mandatory for registered clinical staff.}",
        ]},
        {"key": "references", "body": [
            "- Mental Capacity Act 2005.",
            "- {JPUH=Mental Capacity Act 2005 Code of Practice (2007)|NNUH=Mental Capacity Act 2005 Code of "
            "Practice (2007)|QEH=draft Mental Capacity Act Code of Practice (2022)}.",
            "- {*=NICE NG108: Decision-making and mental capacity.|JPUH=NICE NG108 Decision-making and "
            "mental capacity (2018).}",
        ]},
    ],
    "differences": [
        {"category": "age_weight", "section": "scope",
         "text": {"JPUH": "aged 16 and over", "NNUH": "aged 16 and over", "QEH": "aged 18 and over"},
         "note": "age from which the document applies"},
        {"category": "role", "section": "assessment",
         "text": {"JPUH": "The assessment is carried out by the decision maker",
                  "NNUH": "The assessment is carried out by the decision maker",
                  "QEH": "The assessment is carried out by the responsible consultant"},
         "note": "who assesses capacity"},
        {"category": "duty", "section": "assessment-recording",
         "text": {"JPUH": "must be recorded on the trust capacity assessment form",
                  "NNUH": "should be recorded on the trust capacity assessment form",
                  "QEH": "must be recorded on the trust capacity assessment form"},
         "note": "recording of capacity assessments"},
        {"category": "time_limit", "section": "imca",
         "text": {"JPUH": "within 2 working days", "NNUH": "within 2 working days",
                  "QEH": "within 5 working days"},
         "note": "time to refer to the IMCA service"},
        {"category": "guidance", "section": "references",
         "text": {"JPUH": "Mental Capacity Act 2005 Code of Practice (2007)",
                  "NNUH": "Mental Capacity Act 2005 Code of Practice (2007)",
                  "QEH": "draft Mental Capacity Act Code of Practice (2022)"},
         "note": "Code of Practice version cited"},
    ],
}
