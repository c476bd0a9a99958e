"""Once-daily intravenous gentamicin in adults (QEH only)."""

TOPIC = {
    "slug": "gentamicin-dosing",
    "group": "gentamicin-dosing",
    "specialty": "Pharmacy and Medicines",
    "docs": {
        "QEH": {"title": "Once-Daily Gentamicin Dosing and Monitoring in Adults", "type": "Protocol",
                "format": "pdf"},
    },
    "sections": [
        {"key": "introduction", "body": [
            "Gentamicin is an aminoglycoside antibiotic used for serious Gram-negative infection. It has a "
            "narrow therapeutic range: high peak concentrations are needed for effect, but prolonged "
            "exposure causes kidney damage and irreversible hearing and balance loss. A once-daily regimen "
            "with trough level monitoring reduces toxicity.",
        ]},
        {"key": "scope", "body": [
            "This protocol applies to adults aged 18 and over prescribed intravenous gentamicin at "
            "{{hospital}}. It does not apply to neonates, children, or to gentamicin used for endocarditis "
            "or surgical prophylaxis, which have separate guidance.",
        ]},
        {"key": "exclusions", "heading": "When Not to Use This Protocol", "body": [
            "Seek advice from a microbiologist or the antimicrobial pharmacist before using once-daily "
            "gentamicin in patients with:",
            "- creatinine clearance below 20 mL/min, or on renal replacement therapy;",
            "- pregnancy, ascites, or burns over 20% of body surface area;",
            "- myasthenia gravis, cystic fibrosis or a history of aminoglycoside toxicity.",
        ]},
        {"key": "dose-calculation", "heading": "Calculating the Dose", "body": [
            "The dose is 5 mg/kg, rounded to the nearest 40 mg, to a maximum single dose of 500 mg.",
            "Use actual body weight unless the patient is obese (actual weight more than 20% above ideal "
            "body weight), in which case use adjusted body weight.",
            {"table": [["Weight to use", "Calculation"],
                       ["Ideal body weight (male)", "50 kg + 2.3 kg per inch over 5 feet"],
                       ["Ideal body weight (female)", "45.5 kg + 2.3 kg per inch over 5 feet"],
                       ["Adjusted body weight", "Ideal body weight + 0.4 x (actual - ideal body weight)"]]},
            "Estimate creatinine clearance with the Cockcroft-Gault equation; the eGFR reported by the "
            "laboratory must not be used for dosing.",
        ]},
        {"key": "administration", "heading": "Administration", "body": [
            "Give the dose in 100 mL of sodium chloride 0.9% by intravenous infusion over 60 minutes. "
            "Prescribe gentamicin on the dedicated gentamicin chart and record the exact time the infusion "
            "starts, because the level is interpreted against it.",
        ]},
        {"key": "monitoring-levels", "heading": "Monitoring Levels", "body": [
            "- Take a trough level 18 to 24 hours after the start of the first dose, just before the second "
            "dose is due.",
            "- Do not give the next dose until the result is known. If the trough is below 1 mg/L, continue "
            "the same dose every 24 hours.",
            "- If the trough is 1 mg/L or above, withhold the dose and contact the ward pharmacist (bleep "
            "{{bleep}}) for advice on extending the dosing interval.",
            "- Check renal function daily and repeat the trough level at least every 3 days if levels are "
            "stable.",
        ]},
        {"key": "duration", "heading": "Review and Duration", "body": [
            "Review the need for gentamicin every day. Treatment should not continue for more than 72 hours "
            "without discussion with a microbiologist; switch to an alternative agent guided by culture "
            "results wherever possible.",
        ]},
        {"key": "duties", "body": [
            "Prescribers calculate and document the dose and request levels. Nurses take blood at the right "
            "time and record administration times. Pharmacists screen every gentamicin prescription. "
            "Antimicrobial stewardship queries can be sent to {{email}}.",
        ]},
        {"key": "monitoring", "body": [
            "Compliance with level timing and dose calculation is audited twice a year by the antimicrobial "
            "pharmacist and reported to the {{committee}}.",
        ]},
        {"key": "references", "body": [
            "- British National Formulary: Gentamicin.",
            "- NHS England: Start Smart then Focus: antimicrobial stewardship toolkit for inpatient care.",
            "- Joint Formulary Committee: renal impairment and drug dosing.",
        ]},
    ],
    "differences": [],
}
