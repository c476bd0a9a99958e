"""Safeguarding children and young people in an acute hospital (NNUH only)."""

TOPIC = {
    "slug": "safeguarding-children",
    "group": "safeguarding-children",
    "specialty": "Safeguarding",
    "docs": {
        "NNUH": {"title": "Safeguarding Children and Young People Policy", "type": "Policy", "format": "pdf"},
    },
    "sections": [
        {"key": "introduction", "body": [
            "Every member of staff at {{hospital}} has a duty to safeguard and promote the welfare of "
            "children, whether they care for children directly or for adults who are parents or carers. This "
            "policy sets out how concerns are recognised, acted upon and shared with partner agencies.",
        ]},
        {"key": "scope", "body": [
            "The policy applies to all staff, students, volunteers and contractors. It covers children and "
            "young people under 18 years of age, including unborn babies, and children who visit the "
            "hospital with family members.",
        ]},
        {"key": "definitions", "body": [
            "- Child: anyone who has not yet reached their 18th birthday.",
            "- Child in need: a child who is unlikely to achieve a reasonable standard of health or "
            "development without the provision of services (Children Act 1989, section 17).",
            "- Significant harm: the threshold for child protection enquiries under section 47 of the "
            "Children Act 1989.",
            "- Categories of abuse: physical, emotional and sexual abuse, and neglect.",
        ]},
        {"key": "duties", "body": [
            "- The chief nurse is the executive lead for safeguarding.",
            "- The named doctor and named nurse for safeguarding children advise staff, supervise practice "
            "and review serious cases.",
            "- The safeguarding children team gives advice during working hours (extension {{ext}}, "
            "{{email}}); out of hours, the on-call paediatric consultant gives advice.",
            "- All staff must act on any concern and record what they did.",
        ]},
        {"key": "recognition", "heading": "Recognising Concerns", "body": [
            "Be alert to injuries that do not fit the explanation given, delay in seeking care, repeated "
            "attendances, and the behaviour of the child or carer. Any bruise in a baby who is not yet "
            "mobile must be treated as a possible sign of abuse and referred to the on-call paediatric "
            "registrar for assessment the same day.",
            "Consider safeguarding for children of adult patients who attend with domestic abuse, substance "
            "misuse or mental health crisis (\"think family\").",
        ]},
        {"key": "responding", "heading": "Responding to a Concern", "body": [
            "- Make sure the child is safe and treat any injury.",
            "- Listen to the child; do not promise to keep a secret.",
            "- Discuss the concern with the nurse in charge or consultant and with the safeguarding team.",
            "- If a child may be at risk of significant harm, refer to children's social care by telephone "
            "without delay and confirm in writing within 48 hours.",
            "- If a child is in immediate danger, call the police on 999.",
            "- Complete the safeguarding referral form and record the concern, the discussion and the action "
            "taken in the child's electronic record.",
        ]},
        {"key": "information-sharing", "heading": "Information Sharing and Consent", "body": [
            "Seek consent from the family to share information unless doing so would put the child at "
            "greater risk or cause undue delay. Data protection law does not prevent sharing information to "
            "keep a child safe. Record the decision and the reason whether or not information is shared.",
        ]},
        {"key": "training", "body": [
            "Staff complete safeguarding children training at the level required by the intercollegiate "
            "document for their role, renewed every three years. Staff in paediatrics, maternity and the "
            "emergency department, including {{ward}}, require level 3. Safeguarding supervision is offered "
            "to staff working with children at least every quarter.",
        ]},
        {"key": "references", "body": [
            "- HM Government (2023): Working Together to Safeguard Children.",
            "- Children Act 1989 and Children Act 2004.",
            "- Royal College of Paediatrics and Child Health: Safeguarding children and young people: roles "
            "and competencies for healthcare staff (intercollegiate document, 2019).",
            "- NICE NG76: Child abuse and neglect.",
        ]},
    ],
    "differences": [],
}
