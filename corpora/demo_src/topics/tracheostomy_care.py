"""Care of adults with a tracheostomy on critical care and the wards (NNUH only)."""

TOPIC = {
    "slug": "tracheostomy-care",
    "group": "tracheostomy-care",
    "specialty": "Critical Care",
    "docs": {
        "NNUH": {"title": "Care of the Adult Patient with a Tracheostomy", "type": "Guideline",
                 "format": "pdf"},
    },
    "sections": [
        {"key": "introduction", "body": [
            "Patients with a tracheostomy are at risk of sudden, life-threatening airway problems, most "
            "often from tube blockage or displacement. Many of these events happen outside critical care, so "
            "every ward that looks after tracheostomy patients must have trained staff and the right "
            "equipment at the bedside.",
        ]},
        {"key": "scope", "body": [
            "This guideline applies to adult patients with a tracheostomy in critical care and on the "
            "designated wards at {{hospital}}, including {{ward}}. It does not cover laryngectomy patients, "
            "who breathe through a neck stoma and cannot be oxygenated or intubated from above; their care "
            "is set out in a separate guideline.",
        ]},
        {"key": "duties", "body": [
            "- The critical care outreach team reviews every tracheostomy patient on the wards daily (bleep "
            "{{bleep}}).",
            "- The nurse in charge ensures that bedside emergency equipment is checked at the start of each "
            "shift.",
            "- The tracheostomy multidisciplinary team (intensivist, outreach, speech and language therapy, "
            "physiotherapy) plans weaning and decannulation.",
        ]},
        {"key": "bedside-equipment", "heading": "Bedside Equipment", "body": [
            "The following must be at the bedside at all times and checked every shift:",
            "- a spare tube of the same size and one a size smaller;",
            "- tracheal dilators, suction with a range of catheters, and a cuff pressure manometer;",
            "- a bed-head sign showing the tube type and size, the date of insertion and whether the upper "
            "airway is patent;",
            "- oxygen via a tracheostomy mask and a facemask, and a self-inflating bag.",
        ]},
        {"key": "routine-care", "heading": "Routine Care", "body": [],
         "children": [
            {"key": "humidification", "heading": "Humidification", "body": [
                "All patients need humidified gas. Use a heat and moisture exchanger for patients who are "
                "self-ventilating with minimal secretions, and heated humidification when secretions are "
                "thick.",
            ]},
            {"key": "inner-tube", "heading": "Inner tube", "body": [
                "Check the inner tube at least every 4 hours and clean or change it as needed; always "
                "replace it immediately so the tube is never left without an inner cannula.",
            ]},
            {"key": "cuff-and-stoma", "heading": "Cuff and stoma", "body": [
                "Measure cuff pressure every shift and keep it between 20 and 30 cmH2O. Clean the stoma and "
                "change the dressing daily, or sooner if soiled, and record the condition of the skin.",
            ]},
            {"key": "suction", "heading": "Suction", "body": [
                "Suction only when clinically indicated, using a catheter no more than half the internal "
                "diameter of the tube, for no longer than 10 seconds.",
            ]},
         ]},
        {"key": "tube-changes", "heading": "Tube Changes", "body": [
            "The first tube change after a percutaneous tracheostomy is done no earlier than day 7 unless "
            "there is an urgent indication, by a doctor or practitioner competent in airway management. "
            "Subsequent changes follow the manufacturer's recommendations, usually every 30 days.",
        ]},
        {"key": "emergencies", "heading": "Airway Emergencies", "body": [
            "Follow the National Tracheostomy Safety Project emergency algorithm displayed at the bedside.",
            "- Call for help: the anaesthetist on call and the outreach team, or 2222 for a cardiac arrest.",
            "- Apply high-flow oxygen to the face and to the tracheostomy.",
            "- Remove the inner tube and pass a suction catheter; if it will not pass, deflate the cuff.",
            "- If the patient does not improve, remove the tracheostomy tube and oxygenate via the mouth or "
            "the stoma.",
        ]},
        {"key": "training", "body": [
            "Registered nurses and physiotherapists caring for tracheostomy patients complete the trust "
            "competency package and an annual emergency simulation. Training dates are available from "
            "{{email}}.",
        ]},
        {"key": "references", "body": [
            "- National Tracheostomy Safety Project: Comprehensive tracheostomy care guidelines.",
            "- NCEPOD (2014): On the right trach? A review of the care received by patients who underwent a "
            "tracheostomy.",
            "- Intensive Care Society: Guidance for tracheostomy care (2020).",
        ]},
    ],
    "differences": [],
}
