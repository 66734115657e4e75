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
        "type_html": "HTML",
        "type_css": "Feuilles de style",
        "type_js": "Scripts",
        "bytes_units": "o|ko|Mo|Go",
        "site_findings": "Constats à l'échelle du site",
        "site_findings_intro": (
            "Ces constats viennent de contrôles qui comparent les pages entre elles (titres "
            "identiques, menu qui change, champs nommés différemment, recherche ou plan du site "
            "absents, documents). Ils ne se rattachent à aucune page en particulier."
        ),
        "site_failures": "Non-conformités relevées sur l'ensemble du site",
        "site_to_verify": "Points à vérifier sur l'ensemble du site",
        "site_failures_none": "Aucune non-conformité à l'échelle du site.",
        "site_to_verify_none": "Aucun point à vérifier à l'échelle du site.",
        "site_mark": "site",
        "site_mark_sr": " : non conforme à cause d'un constat à l'échelle du site",
        "matrix_site_help": (
            "La mention «\u00a0site\u00a0» à côté d'un statut signale un critère non conforme "
            "à cause d'un constat à l'échelle du site."
        ),
        "baseline_new": "nouveau",
        "baseline_unchanged": "déjà connu",
        "baseline_sr": "Par rapport à la référence\u00a0: ",
        "waived": "dérogation",
        "waived_text": "Dérogation en vigueur{until}\u00a0: {reason}",
        "waived_until": " jusqu'au {date}",
        "summary_ci": "Intégration continue",
        "gates": "Seuils de qualité",
        "gates_caption": "Résultat de chaque seuil de qualité",
        "gate_name": "Seuil",
        "gate_level": "Niveau",
        "gate_limit": "Limite",
        "gate_result": "Résultat",
        "gate_detail": "Détail",
        "gate_passed": "respecté",
        "gate_failed": "non respecté",
        "gate_level_error": "bloquant",
        "gate_level_warn": "avertissement",
        "gate_fail-under": "Taux global minimal",
        "gate_min-average-rate": "Taux moyen minimal",
        "gate_max-nc-criteria": "Nombre maximal de critères NC",
        "gate_never-nc": "Critères qui ne doivent jamais être NC",
        "gate_eco-budget": "Budget d'écoconception",
        "baseline": "Comparaison avec la référence",
        "baseline_file": "Fichier de référence",
        "baseline_new_count": "Nouveaux constats",
        "baseline_unchanged_count": "Constats déjà connus",
        "baseline_fixed_count": "Constats corrigés",
        "baseline_new_criteria": "Critères avec de nouveaux constats",
        "waivers": "Dérogations",
        "waivers_caption": "Dérogations déclarées dans la configuration",
        "waiver_reason": "Justification",
        "waiver_expires": "Échéance",
        "waiver_state": "État",
        "waiver_active": "en vigueur",
        "waiver_expired": "expirée",
        "crawl": "Périmètre de l'exploration",
        "missing_pages": "Pages attendues introuvables",
        "missing_law_title": "Page(s) exigée(s) par la loi introuvable(s)",
        "missing_law_text": (
            "L'exploration n'a pas trouvé ces pages, qu'un site public doit "
            "avoir\u00a0:"
        ),
        "required_by_law": "exigée par la loi",
        "out_of_scope": "Adresses laissées hors du périmètre ({n})",
        "out_of_scope_caption": "Adresses rencontrées mais non explorées, avec la raison",
        "reason": "Raison",
        "documents": "Documents téléchargeables repérés ({n})",
        "documents_note": (
            "L'outil n'audite pas le contenu de ces documents\u00a0: ils restent à "
            "vérifier."
        ),
        "listed_more": "{n} autre(s) non affichée(s).",
        "browser_restarts": "Redémarrages du navigateur pendant l'exploration",
        "crawl_none": "Rien à signaler sur l'exploration.",
        "reason_schéma non web": "schéma non web",
        "reason_autre origine": "autre origine",
        "reason_exclue par un motif": "exclue par un motif",
        "reason_profondeur maximale atteinte": "profondeur maximale atteinte",
        "reason_trop de variantes de paramètres pour ce chemin": (
            "trop de variantes de paramètres pour ce chemin"
        ),
        "skipped_pages": "Pages écartées",
        "skipped_caption": (
            "Pages écartées volontairement (robots.txt, contenu en double…), avec "
            "la raison"
        ),
        "skipped_none": "Aucune page écartée.",
        "failed_list": "Pages en échec",
        "sample_reason": "Choisie pour l'échantillon",
        "eco_site": "Écoconception du site",
        "chart_by_type": "Poids transféré par type de ressource, sur tout le site",
        "chart_by_type_summary": (
            "Graphique en barres du poids transféré par type de ressource, du plus lourd au "
            "plus léger\u00a0: {parts}."
        ),
        "chart_by_domain": "Poids transféré par domaine\u00a0: le site et les domaines tiers",
        "chart_by_domain_summary": (
            "Graphique en barres du poids transféré par domaine\u00a0: "
            "le site lui-même {first}\u00a0; {n} domaine(s) tiers, {third} au total."
        ),
        "chart_first_party": "Le site lui-même",
        "chart_third_short": "tiers",
        "chart_weight": "Poids transféré par page",
        "chart_requests": "Requêtes par page",
        "chart_pages_summary": (
            "Graphique en barres\u00a0: {title}. {n} page(s) mesurée(s), "
            "la plus haute à {max}\u00a0; {over} au-delà de la cible EcoIndex ({target}), "
            "{above} au-delà de la page web médiane ({median})."
        ),
        "chart_item": "Élément",
        "chart_data": "Données du graphique «\u00a0{title}\u00a0» (tableau)",
        "chart_more": "{n} autre(s) ligne(s) non représentée(s).",
        "chart_over": "au-delà de la cible",
        "ref_http_archive": "Page web médiane (HTTP Archive, 2025)",
        "ref_ecoindex_target": "Cible EcoIndex",
        "legend_median": "Trait tireté\u00a0: {label}, {value}",
        "legend_target": "Trait pointillé\u00a0: {label}, {value}",
        "legend_third": "Barre hachurée\u00a0: domaine tiers",
        "legend_over": "Barre quadrillée et «\u00a0▲\u00a0»\u00a0: au-delà de la cible EcoIndex",
        "references_text": (
            "Repères\u00a0: la page web médiane relevée par l'HTTP Archive pèse "
            "environ 2,3\u00a0Mo pour 75 requêtes (chiffre de référence arrondi, 2025). "
            "EcoIndex vise au plus 600 éléments, 40 requêtes et 1\u00a0Mo par page."
        ),
        "http_archive_link": "Rapports de l'HTTP Archive sur le poids des pages",
        "eco_checks_site": "Contrôles de sobriété\u00a0: pages par résultat",
        "eco_checks_caption": "Nombre de pages par résultat pour chaque contrôle de sobriété",
        "eco_checks_page": "Contrôles de sobriété",
        "eco_checks_page_caption": "Contrôles de sobriété de la page {n}",
        "eco_check": "Contrôle",
        "eco_result": "Résultat",
        "eco_finding": "Constat",
        "outcome_failed": "échec",
        "outcome_passed": "réussi",
        "outcome_cant-tell": "indéterminé",
        "outcome_inapplicable": "sans objet",
        "eco_evidence": "Ressources ou éléments en cause ({n})",
        "rgesn_link": "RGESN {id}",
        "eco_method": "Méthode et sources",
        "ecoindex_attribution": (
            "L'EcoIndex est calculé selon la méthode publiée par GreenIT.fr et le collectif "
            "Conception numérique responsable (cnumr)\u00a0:"
        ),
        "ecoindex_link": "EcoIndex sur ecoindex.fr",
        "eco_no_ghg": (
            "Ce rapport ne convertit pas l'EcoIndex en émissions de gaz à effet de serre ni en "
            "consommation d'eau."
        ),
        "co2": "Estimation CO₂e (modèle Sustainable Web Design v4)",
        "co2_total": (
            "Estimation CO₂e d'un chargement de chaque page, au total (modèle "
            "Sustainable Web Design v4)"
        ),
        "co2_grams": "{value}\u00a0g",
        "protocol_used": "Protocole de mesure",
        "protocol_http": "Protocole HTTP de la page",
        "crop": "Capture de l'élément",
        "crop_alt": "Capture de l'élément en défaut\u00a0: {selector}",
        "crop_alt_plain": "Capture de l'élément en défaut",
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
        "type_html": "HTML",
        "type_css": "Stylesheets",
        "type_js": "Scripts",
        "bytes_units": "B|kB|MB|GB",
        "site_findings": "Site-wide findings",
        "site_findings_intro": (
            "These findings come from checks that compare pages with each other (same titles, "
            "a menu that changes, fields named differently, missing search or site map, "
            "documents). They belong to no page in particular."
        ),
        "site_failures": "Failures found across the site",
        "site_to_verify": "Items to check across the site",
        "site_failures_none": "No site-wide failure.",
        "site_to_verify_none": "No site-wide item to check.",
        "site_mark": "site",
        "site_mark_sr": ": non-compliant because of a site-wide finding",
        "matrix_site_help": (
            "The word “site” next to a status marks a criterion that is non-compliant because "
            "of a site-wide finding."
        ),
        "baseline_new": "new",
        "baseline_unchanged": "already known",
        "baseline_sr": "Against the baseline: ",
        "waived": "waived",
        "waived_text": "Waiver in force{until}: {reason}",
        "waived_until": " until {date}",
        "summary_ci": "Continuous integration",
        "gates": "Quality gates",
        "gates_caption": "Result of each quality gate",
        "gate_name": "Gate",
        "gate_level": "Level",
        "gate_limit": "Limit",
        "gate_result": "Result",
        "gate_detail": "Detail",
        "gate_passed": "passed",
        "gate_failed": "failed",
        "gate_level_error": "blocking",
        "gate_level_warn": "warning",
        "gate_fail-under": "Minimum overall rate",
        "gate_min-average-rate": "Minimum average rate",
        "gate_max-nc-criteria": "Maximum number of NC criteria",
        "gate_never-nc": "Criteria that must never be NC",
        "gate_eco-budget": "Eco-design budget",
        "baseline": "Comparison with the baseline",
        "baseline_file": "Baseline file",
        "baseline_new_count": "New findings",
        "baseline_unchanged_count": "Already known findings",
        "baseline_fixed_count": "Fixed findings",
        "baseline_new_criteria": "Criteria with new findings",
        "waivers": "Waivers",
        "waivers_caption": "Waivers declared in the configuration",
        "waiver_reason": "Justification",
        "waiver_expires": "Expires",
        "waiver_state": "State",
        "waiver_active": "in force",
        "waiver_expired": "expired",
        "crawl": "Crawl scope",
        "missing_pages": "Expected pages not found",
        "missing_law_title": "Page(s) required by law not found",
        "missing_law_text": "The crawl did not find these pages, which a public site must have:",
        "required_by_law": "required by law",
        "out_of_scope": "Addresses left out of scope ({n})",
        "out_of_scope_caption": "Addresses met but not crawled, with the reason",
        "reason": "Reason",
        "documents": "Downloadable documents found ({n})",
        "documents_note": (
            "The tool does not audit the content of these documents: they remain "
            "to check."
        ),
        "listed_more": "{n} more not shown.",
        "browser_restarts": "Browser restarts during the crawl",
        "crawl_none": "Nothing to report about the crawl.",
        "reason_schéma non web": "not a web scheme",
        "reason_autre origine": "other origin",
        "reason_exclue par un motif": "excluded by a pattern",
        "reason_profondeur maximale atteinte": "maximum depth reached",
        "reason_trop de variantes de paramètres pour ce chemin": (
            "too many parameter variants for this path"
        ),
        "skipped_pages": "Pages left aside",
        "skipped_caption": (
            "Pages left aside on purpose (robots.txt, duplicate content…), with "
            "the reason"
        ),
        "skipped_none": "No page left aside.",
        "failed_list": "Failed pages",
        "sample_reason": "Picked for the sample",
        "eco_site": "Site eco-design",
        "chart_by_type": "Transferred weight by resource type, across the site",
        "chart_by_type_summary": (
            "Bar chart of the transferred weight by resource type, heaviest first: {parts}."
        ),
        "chart_by_domain": "Transferred weight by domain: the site and third parties",
        "chart_by_domain_summary": (
            "Bar chart of the transferred weight by domain: the site itself {first}; "
            "{n} third-party domain(s), {third} in all."
        ),
        "chart_first_party": "The site itself",
        "chart_third_short": "third party",
        "chart_weight": "Transferred weight per page",
        "chart_requests": "Requests per page",
        "chart_pages_summary": (
            "Bar chart: {title}. {n} page(s) measured, the highest at {max}; {over} above the "
            "EcoIndex target ({target}), {above} above the median web page ({median})."
        ),
        "chart_item": "Item",
        "chart_data": "Data of the chart “{title}” (table)",
        "chart_more": "{n} more row(s) not drawn.",
        "chart_over": "above the target",
        "ref_http_archive": "Median web page (HTTP Archive, 2025)",
        "ref_ecoindex_target": "EcoIndex target",
        "legend_median": "Dashed line: {label}, {value}",
        "legend_target": "Dotted line: {label}, {value}",
        "legend_third": "Hatched bar: third-party domain",
        "legend_over": "Cross-hatched bar and “▲”: above the EcoIndex target",
        "references_text": (
            "Reference points: the median web page seen by the HTTP Archive weighs about 2.3 MB "
            "for 75 requests (rounded reference figure, 2025). EcoIndex aims at no more than "
            "600 elements, 40 requests and 1 MB per page."
        ),
        "http_archive_link": "HTTP Archive reports on page weight",
        "eco_checks_site": "Sobriety checks: pages per outcome",
        "eco_checks_caption": "Number of pages per outcome for each sobriety check",
        "eco_checks_page": "Sobriety checks",
        "eco_checks_page_caption": "Sobriety checks of page {n}",
        "eco_check": "Check",
        "eco_result": "Outcome",
        "eco_finding": "Finding",
        "outcome_failed": "failed",
        "outcome_passed": "passed",
        "outcome_cant-tell": "cannot tell",
        "outcome_inapplicable": "not applicable",
        "eco_evidence": "Resources or elements involved ({n})",
        "rgesn_link": "RGESN {id}",
        "eco_method": "Method and sources",
        "ecoindex_attribution": (
            "EcoIndex is computed with the method published by GreenIT.fr and the "
            "Conception numérique responsable collective (cnumr):"
        ),
        "ecoindex_link": "EcoIndex on ecoindex.fr",
        "eco_no_ghg": (
            "This report does not turn EcoIndex into greenhouse-gas emissions or water use."
        ),
        "co2": "CO₂e estimate (Sustainable Web Design v4 model)",
        "co2_total": (
            "CO₂e estimate of one load of each page, in all (Sustainable Web "
            "Design v4 model)"
        ),
        "co2_grams": "{value} g",
        "protocol_used": "Measurement protocol",
        "protocol_http": "HTTP protocol of the page",
        "crop": "Picture of the element",
        "crop_alt": "Picture of the failing element: {selector}",
        "crop_alt_plain": "Picture of the failing element",
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
