"""UI strings of the reports (French first, English) and locale-aware number formatting.

Every label a report shows comes from here, so both languages stay complete: a test checks
that French and English hold the same keys.
"""

from __future__ import annotations

import math

LANGUAGES = ("fr", "en")
NNBSP = "\u202f"  # narrow no-break space: French thousands separator and before "%"

STRINGS: dict[str, dict[str, str]] = {
    "fr": {
        "colon": "\u00a0: ",
        "colon_end": "\u00a0:",
        "doc_title": "Rapport d'audit RGAA {version}",
        "h1": "Rapport d'audit d'accessibilité RGAA {version}",
        "skip": "Aller au contenu principal",
        "site": "Site audité",
        "started": "Début",
        "finished": "Fin",
        "duration": "Durée",
        "tool": "Outil",
        "engine": "Moteur de tests",
        "browser": "Navigateur",
        "referential": "Référentiel",
        "unknown": "inconnu",
        "toc": "Sommaire",
        "summary": "Synthèse",
        "summary_a11y": "Accessibilité (RGAA)",
        "summary_eco": "Écoconception",
        "matrix": "Critères par page",
        "pages": "Résultats par page",
        "failed_pages": "Pages non auditées",
        "about": "Méthode et légende",
        "provisional_title": "Audit automatique partiel\u00a0: résultats provisoires",
        "provisional_text": (
            "{nt} critère(s) sur {total} restent non testés (NT). "
            "Un outil automatique ne peut pas trancher ces critères\u00a0: le taux et le niveau "
            "de conformité affichés ne valent qu'après leur vérification par une personne."
        ),
        "final_title": "Tous les critères sont décidés",
        "final_text": "Aucun critère ne reste non testé sur l'échantillon audité.",
        "global_rate": "Taux global de conformité",
        "global_rate_help": "Critères conformes sur l'ensemble des critères décidés du site.",
        "average_rate": "Taux moyen par page",
        "average_rate_help": "Moyenne des taux de conformité des pages auditées.",
        "conformance": "Niveau de conformité",
        "conformance_none": "non établi",
        "range": "Fourchette selon le sort des critères non testés",
        "range_text": "de {low} (tous NC) à {high} (tous C)",
        "decided": "Critères décidés",
        "out_of": "sur {total}",
        "criteria_status": "Répartition des critères sur le site",
        "nt_with_items": "NT avec éléments repérés à vérifier",
        "nt_without": "NT sans vérification automatique",
        "pages_audited": "Pages auditées",
        "pages_failed": "Pages en échec",
        "eco_weight": "Poids total transféré",
        "eco_requests": "Requêtes au total",
        "eco_median_weight": "Poids médian d'une page",
        "eco_grades": "Pages par classe",
        "eco_heaviest": "Pages les plus lourdes",
        "eco_third_parties": "Domaines tiers appelés",
        "eco_domain": "Domaine",
        "eco_pages": "Pages",
        "eco_dom": "Éléments du DOM (médiane)",
        "eco_median": "EcoIndex médian",
        "eco_none": "Aucune mesure d'écoconception dans ce rapport.",
        "grade": "classe",
        "not_available": "non disponible",
        "matrix_caption": "Statut de chaque critère RGAA par page auditée",
        "matrix_region": "Tableau des critères par page, défilable horizontalement",
        "matrix_help": (
            "Chaque cellule donne le statut du critère sur la page\u00a0: C, NC, NA ou NT. "
            "La colonne «\u00a0Site\u00a0» agrège toutes les pages. "
            "Sur un petit écran, faites défiler le tableau horizontalement."
        ),
        "matrix_criterion": "Critère",
        "matrix_site": "Site",
        "matrix_no_pages": "Aucune page n'a pu être auditée\u00a0: le tableau est vide.",
        "page_label": "Page {n}",
        "page_columns": "Correspondance des colonnes",
        "theme": "Thème {n}",
        "url": "Adresse",
        "final_url": "Adresse finale",
        "title": "Titre",
        "no_title": "(sans titre)",
        "status": "Statut",
        "http_status": "Code HTTP",
        "error": "Erreur",
        "rate": "Taux de conformité",
        "rate_none": "non calculable (aucun critère décidé)",
        "counts": "Critères",
        "nc_section": "Critères non conformes",
        "nc_none": "Aucun critère non conforme détecté automatiquement sur cette page.",
        "tv_section": "Éléments à vérifier",
        "tv_none": "Aucun élément à vérifier n'a été repéré sur cette page.",
        "tv_intro": (
            "L'outil a repéré ces éléments mais ne peut pas conclure\u00a0: une personne doit les "
            "examiner."
        ),
        "items_count": "{n} élément(s)",
        "official_link": "Critère {id} dans la méthode officielle RGAA",
        "test": "Test",
        "message": "Constat",
        "selector": "Sélecteur",
        "snippet": "Extrait du code",
        "source": "Détecté par",
        "more_hidden": "{n} autre(s) élément(s) non affiché(s).",
        "eco_section": "Écoconception",
        "eco_requests_page": "Requêtes",
        "eco_transfer": "Transféré",
        "eco_decoded": "Décodé",
        "eco_dom_page": "Éléments du DOM",
        "eco_ecoindex": "EcoIndex",
        "eco_by_type": "Ressources par type",
        "eco_by_type_caption": "Ressources chargées par type pour la page {n}",
        "eco_type": "Type",
        "failed_caption": "Pages qui n'ont pas pu être auditées, avec la cause",
        "failed_none": "Toutes les pages ont été auditées.",
        "settings": "Paramètres de l'audit",
        "legend": "Légende des statuts",
        "method_text": (
            "Le taux de conformité suit la méthode officielle\u00a0: nombre de critères conformes "
            "divisé par le nombre de critères conformes ou non conformes. Un critère est non "
            "conforme sur le site s'il l'est sur au moins une page. Les critères non testés "
            "n'entrent pas dans le taux."
        ),
        "footer": "Rapport produit par {tool} {version}.",
        "footer_partial": (
            "Un audit automatique ne remplace pas un audit complet réalisé par une personne."
        ),
        "page_status_audited": "auditée",
        "page_status_http-error": "erreur HTTP",
        "page_status_timeout": "délai dépassé",
        "page_status_not-html": "pas une page HTML",
        "page_status_crashed": "échec du navigateur",
        "page_status_skipped": "ignorée",
        "status_C": "Conforme",
        "status_NC": "Non conforme",
        "status_NA": "Non applicable",
        "status_NT": "Non testé",
        "status_none": "Absent du rapport",
        "conf_totalement conforme": "totalement conforme",
        "conf_partiellement conforme": "partiellement conforme",
        "conf_non conforme": "non conforme",
        "type_document": "Document HTML",
        "type_script": "Scripts",
        "type_stylesheet": "Feuilles de style",
        "type_image": "Images",
        "type_font": "Polices",
        "type_media": "Médias",
        "type_xhr": "Requêtes XHR",
        "type_fetch": "Requêtes fetch",
        "type_other": "Autres",
        "bytes_units": "o|ko|Mo|Go",
    },
    "en": {
        "colon": ": ",
        "colon_end": ":",
        "doc_title": "RGAA {version} audit report",
        "h1": "RGAA {version} accessibility audit report",
        "skip": "Skip to main content",
        "site": "Audited site",
        "started": "Started",
        "finished": "Finished",
        "duration": "Duration",
        "tool": "Tool",
        "engine": "Test engine",
        "browser": "Browser",
        "referential": "Standard",
        "unknown": "unknown",
        "toc": "Contents",
        "summary": "Summary",
        "summary_a11y": "Accessibility (RGAA)",
        "summary_eco": "Eco-design",
        "matrix": "Criteria by page",
        "pages": "Results by page",
        "failed_pages": "Pages not audited",
        "about": "Method and legend",
        "provisional_title": "Partial automatic audit: provisional results",
        "provisional_text": (
            "{nt} of {total} criteria remain not tested (NT). An automatic tool cannot decide "
            "them: the rate and conformance level shown only hold once a person has checked them."
        ),
        "final_title": "Every criterion is decided",
        "final_text": "No criterion remains untested on the audited sample.",
        "global_rate": "Overall compliance rate",
        "global_rate_help": "Compliant criteria out of all decided criteria of the site.",
        "average_rate": "Average rate per page",
        "average_rate_help": "Mean of the compliance rates of the audited pages.",
        "conformance": "Conformance level",
        "conformance_none": "not established",
        "range": "Range depending on the untested criteria",
        "range_text": "from {low} (all NC) to {high} (all C)",
        "decided": "Decided criteria",
        "out_of": "of {total}",
        "criteria_status": "Criteria across the site",
        "nt_with_items": "NT with items found to check",
        "nt_without": "NT with no automatic check",
        "pages_audited": "Pages audited",
        "pages_failed": "Pages failed",
        "eco_weight": "Total transferred weight",
        "eco_requests": "Total requests",
        "eco_median_weight": "Median page weight",
        "eco_grades": "Pages per grade",
        "eco_heaviest": "Heaviest pages",
        "eco_third_parties": "Third-party domains called",
        "eco_domain": "Domain",
        "eco_pages": "Pages",
        "eco_dom": "DOM elements (median)",
        "eco_median": "Median EcoIndex",
        "eco_none": "No eco-design measurement in this report.",
        "grade": "grade",
        "not_available": "not available",
        "matrix_caption": "Status of each RGAA criterion per audited page",
        "matrix_region": "Table of criteria by page, scrolls horizontally",
        "matrix_help": (
            "Each cell gives the status of the criterion on the page: C, NC, NA or NT. "
            "The “Site” column aggregates all pages. On a small screen, scroll the table "
            "horizontally."
        ),
        "matrix_criterion": "Criterion",
        "matrix_site": "Site",
        "matrix_no_pages": "No page could be audited: the table is empty.",
        "page_label": "Page {n}",
        "page_columns": "Column key",
        "theme": "Theme {n}",
        "url": "Address",
        "final_url": "Final address",
        "title": "Title",
        "no_title": "(untitled)",
        "status": "Status",
        "http_status": "HTTP status",
        "error": "Error",
        "rate": "Compliance rate",
        "rate_none": "cannot be computed (no decided criterion)",
        "counts": "Criteria",
        "nc_section": "Non-compliant criteria",
        "nc_none": "No non-compliant criterion was found automatically on this page.",
        "tv_section": "Items to check",
        "tv_none": "No item to check was found on this page.",
        "tv_intro": "The tool found these items but cannot conclude: a person must review them.",
        "items_count": "{n} item(s)",
        "official_link": "Criterion {id} in the official RGAA method",
        "test": "Test",
        "message": "Finding",
        "selector": "Selector",
        "snippet": "Code excerpt",
        "source": "Found by",
        "more_hidden": "{n} more item(s) not shown.",
        "eco_section": "Eco-design",
        "eco_requests_page": "Requests",
        "eco_transfer": "Transferred",
        "eco_decoded": "Decoded",
        "eco_dom_page": "DOM elements",
        "eco_ecoindex": "EcoIndex",
        "eco_by_type": "Resources by type",
        "eco_by_type_caption": "Resources loaded by type for page {n}",
        "eco_type": "Type",
        "failed_caption": "Pages that could not be audited, with the cause",
        "failed_none": "Every page was audited.",
        "settings": "Audit settings",
        "legend": "Status legend",
        "method_text": (
            "The compliance rate follows the official method: compliant criteria divided by "
            "compliant plus non-compliant criteria. A criterion is non-compliant for the site "
            "when it is on at least one page. Untested criteria do not enter the rate."
        ),
        "footer": "Report produced by {tool} {version}.",
        "footer_partial": "An automatic audit does not replace a full audit made by a person.",
        "page_status_audited": "audited",
        "page_status_http-error": "HTTP error",
        "page_status_timeout": "timed out",
        "page_status_not-html": "not an HTML page",
        "page_status_crashed": "browser failure",
        "page_status_skipped": "skipped",
        "status_C": "Compliant",
        "status_NC": "Non-compliant",
        "status_NA": "Not applicable",
        "status_NT": "Not tested",
        "status_none": "Missing from the report",
        "conf_totalement conforme": "fully compliant",
        "conf_partiellement conforme": "partially compliant",
        "conf_non conforme": "not compliant",
        "type_document": "HTML document",
        "type_script": "Scripts",
        "type_stylesheet": "Stylesheets",
        "type_image": "Images",
        "type_font": "Fonts",
        "type_media": "Media",
        "type_xhr": "XHR requests",
        "type_fetch": "Fetch requests",
        "type_other": "Other",
        "bytes_units": "B|kB|MB|GB",
    },
}


def strings(lang: str) -> dict[str, str]:
    """The UI strings of `lang`, French when the language is unknown."""
    return STRINGS.get(lang, STRINGS["fr"])


def format_number(value: float, lang: str, decimals: int = 0) -> str:
    """12345.6 -> '12 345,6' (fr) or '12,345.6' (en); trailing ',0' dropped."""
    text = f"{value:,.{decimals}f}"
    if decimals and text.endswith("." + "0" * decimals):
        text = text[: -(decimals + 1)]
    if lang == "en":
        return text
    return text.replace(",", NNBSP).replace(".", ",")


def format_rate(value: float, lang: str) -> str:
    """62.5 -> '62,5 %' (fr) or '62.5%' (en)."""
    number = format_number(value, lang, 1)
    return f"{number}%" if lang == "en" else f"{number}{NNBSP}%"


def format_bytes(value: float, lang: str) -> str:
    """1234567 -> '1,2 Mo' (fr) or '1.2 MB' (en), with powers of 1000."""
    units = strings(lang)["bytes_units"].split("|")
    exponent = 0 if value < 1000 else min(int(math.log(value, 1000)), len(units) - 1)
    scaled = value / 1000**exponent
    decimals = 0 if exponent == 0 or scaled >= 100 else 1
    return f"{format_number(scaled, lang, decimals)}\u00a0{units[exponent]}"
