# ruff: noqa: E501  (literal HTML pages, one case per line, like build_pages.py)
"""Red-team cases, session 3: forms, links, lists, quotations, tables, navigation, scripts,
consultation, presentation, media, and every place where browsers repair or hide markup.

Written from the RGAA 4.1.2 text only (criteria, methods, glossary), not from the checks.
`build(page, P, IMG, JS_IMG, N)` returns (stem, html, {test id: (status, reason, acceptable)});
build_pages.py imports it so that one run rebuilds every page and expected.toml.
"""

TOOL = ["NT"]  # a human is needed: NT is the honest answer, anything else must be right


def build(page, P, IMG, JS_IMG, N):
    out = []

    def case(stem, html, exp):
        out.append((stem, html, exp))

    def form(inner):
        return page(P + f'<form action="/envoyer" method="post">{inner}'
                    '<button type="submit">Envoyer la demande</button></form>')

    def js_after_load(code):
        return ("<script>window.addEventListener('load',()=>setTimeout(()=>{" + code
                + "},300))</script>")

    # ---- 11.1 labels
    case("11.1.1-label-for-pass", form('<label for="nom">Nom de famille</label><input type="text" id="nom" name="nom">'),
         {"11.1.1": ("C", "label for= matches the field id", N),
          "11.1.2": ("C", "the field has an id equal to the label's for", N)})
    case("11.1.1-title-only-pass", form('<input type="text" name="nom" title="Nom de famille">'),
         {"11.1.1": ("C", "a title attribute is one of the labelling techniques the test lists", N)})
    case("11.1.1-labelledby-hidden-text-pass", form('<span id="lbl" hidden>Nom de famille</span><input type="text" name="nom" aria-labelledby="lbl">'),
         {"11.1.1": ("C", "aria-labelledby references an identified text passage (hidden text still names the field)", N),
          "11.1.3": ("NC", "the only label is not visible: no title, no visible passage next to the field", TOOL)})
    case("11.1.1-placeholder-only-fail", form('<input type="text" name="nom" placeholder="Nom de famille">'),
         {"11.1.1": ("NC", "placeholder is not a label technique: no label, aria-label, aria-labelledby or title", [])})
    case("11.1.1-implicit-label-fail", form('<label>Nom de famille <input type="text" name="nom"></label>'),
         {"11.1.1": ("NC", "judgement call: the method asks for a <label> with a for attribute; a wrapping label has none", ["NT", "C"])})
    case("11.1.1-label-for-wrong-id-fail", form('<label for="nom">Nom de famille</label><input type="text" id="name" name="nom">'),
         {"11.1.1": ("NC", "label for='nom' points at no field (the field's id is 'name'): the field has no label", []),
          "11.1.2": ("NC", "for and id differ", ["NT", "NA"])})
    case("11.1.1-label-for-case-mismatch-fail", form('<label for="Nom">Nom de famille</label><input type="text" id="nom" name="nom">'),
         {"11.1.1": ("NC", "ids are case-sensitive: for='Nom' does not label id='nom'", []),
          "11.1.2": ("NC", "the for value is not equal to the id", ["NT", "NA"])})
    case("11.1.1-label-for-with-spaces-fail", form('<label for=" nom ">Nom de famille</label><input type="text" id="nom" name="nom">'),
         {"11.1.1": ("NC", "for=' nom ' (with blanks) is not equal to id='nom': no association", [])})
    case("11.1.1-duplicate-id-second-field-fail", form('<label for="tel">Téléphone fixe</label><input type="tel" id="tel"><input type="tel" id="tel" name="mobile">'),
         {"11.1.1": ("NC", "two fields share id='tel'; the label only reaches the first, the second has no label", [])})
    case("11.1.1-aria-label-blank-fail", form('<input type="text" name="nom" aria-label="   ">'),
         {"11.1.1": ("NC", "an aria-label made of blanks gives no label", [])})
    case("11.1.1-labelledby-missing-id-fail", form('<input type="text" name="nom" aria-labelledby="absent">'),
         {"11.1.1": ("NC", "aria-labelledby references an id that does not exist", [])})
    case("11.1.1-select-no-label-fail", form('<select name="acte"><option>Naissance</option><option>Mariage</option></select>'),
         {"11.1.1": ("NC", "a select is a form field and has no label", [])})
    case("11.1.1-textarea-no-label-fail", form('<p>Votre message</p><textarea name="message"></textarea>'),
         {"11.1.1": ("NC", "the text before the textarea is not associated with it", [])})
    case("11.1.1-role-textbox-no-name-fail", form('<div role="textbox" contenteditable="true" tabindex="0" style="border:1px solid #333;min-height:2em"></div>'),
         {"11.1.1": ("NC", "role=textbox is a form field (glossary) and has no label", [])})
    case("11.1.1-checkbox-role-no-name-fail", form('<span role="checkbox" aria-checked="false" tabindex="0" style="display:inline-block;width:1em;height:1em;border:1px solid #000"></span>'),
         {"11.1.1": ("NC", "role=checkbox without any name", [])})
    case("11.1.1-button-adjacent-pass", page(P + '<form role="search" action="/recherche"><input type="search" name="q" aria-label="Rechercher sur le site"><button type="submit">Rechercher</button></form>'),
         {"11.1.1": ("C", "adjacent button gives the visible label, aria-label the name", N)})
    case("11.1.1-hidden-and-submit-only-na", page(P + '<form action="/envoyer"><input type="hidden" name="jeton" value="x"><input type="submit" value="Confirmer"></form>'),
         {"11.1.1": ("NA", "hidden inputs and submit buttons are not form fields (glossary)", N)})
    case("11.1.1-field-display-none-na", page(P + '<form action="/envoyer" style="display:none"><input type="text" name="nom"></form>'),
         {"11.1.1": ("NA", "the only field is display:none for everyone", ["NT", "C"])})
    case("11.1.1-field-in-template-na", page(P + '<template><input type="text" name="nom"></template>'),
         {"11.1.1": ("NA", "template content is inert and never rendered", ["NT", "C"])})
    case("11.1.1-field-in-noscript-na", page(P + '<noscript><input type="text" name="nom"></noscript>'),
         {"11.1.1": ("NA", "with scripts on, noscript content is not rendered", ["NT", "C"])})
    case("11.1.1-field-in-closed-details-fail", page(P + '<details><summary>Options avancées</summary><input type="text" name="code"></details>'),
         {"11.1.1": ("NC", "a field in a closed <details> is one click away: it still needs a label", N)})
    case("11.1.1-field-added-after-load-fail", page(P + "<form id='f' action='/envoyer'></form>" + js_after_load("const i=document.createElement('input');i.type='text';i.name='nom';document.getElementById('f').append(i)")),
         {"11.1.1": ("NC", "an unlabelled field added by script after load is in the generated source", N)})
    case("11.1.1-field-in-shadow-dom-fail", page(P + "<div id='h'></div><script>document.getElementById('h').attachShadow({mode:'open'}).innerHTML='<input type=\"text\" name=\"nom\">'</script>"),
         {"11.1.1": ("NC", "an unlabelled field inside an open shadow root is rendered and focusable", N)})
    case("11.1.1-field-in-iframe-fail", page(P + '<iframe title="Formulaire de contact" srcdoc="<form><input type=&quot;text&quot; name=&quot;nom&quot;></form>"></iframe>'),
         {"11.1.1": ("NC", "the framed form is part of the page and its field has no label", N)})
    case("11.1.1-field-offscreen-fail", form('<input type="text" name="piege" style="position:absolute;left:-9999px">'),
         {"11.1.1": ("NC", "an off-screen field is still focusable and announced, and has no label", N)})
    case("11.1.1-no-form-na", page(P),
         {"11.1.1": ("NA", "no form field on the page", N),
          "11.10.1": ("NA", "no form field", N),
          "11.13.1": ("NA", "no form field", N)})

    # ---- 11.2 relevance
    case("11.2.5-aria-label-without-visible-fail", form('<label for="nom">Nom</label><input type="text" id="nom" aria-label="Saisie numéro 1">'),
         {"11.2.5": ("NC", "the aria-label (the name used) does not contain the visible label 'Nom'", [])})
    case("11.2.5-aria-label-contains-visible-pass", form('<label for="nom">Nom</label><input type="text" id="nom" aria-label="Nom de famille">'),
         {"11.2.5": ("C", "the aria-label contains the visible label", N)})
    case("11.2.5-title-without-visible-fail", form('<label for="mel">Courriel</label><input type="email" id="mel" title="Adresse de contact">'),
         {"11.2.5": ("NC", "title present and does not contain the visible label 'Courriel'", N)})
    case("11.2.5-labelledby-without-visible-fail", form('<span id="x">Identifiant</span><label for="u">Numéro fiscal</label><input type="text" id="u" aria-labelledby="x">'),
         {"11.2.5": ("NC", "the aria-labelledby passage ('Identifiant') does not contain the visible label 'Numéro fiscal'", N)})
    case("11.2.1-label-empty-fail", form('<label for="nom"></label><input type="text" id="nom">'),
         {"11.1.1": ("NC", "the associated label is empty: the field has no label", N),
          "11.2.1": ("NC", "an empty label cannot tell the field's function", N)})

    # ---- 11.5 / 11.6 groups
    RADIOS = ('<input type="radio" id="r1" name="civ" value="mme"><label for="r1">Madame</label>'
              '<input type="radio" id="r2" name="civ" value="m"><label for="r2">Monsieur</label>')
    case("11.5.1-radios-not-grouped-fail", form('<p>Civilité</p>' + RADIOS),
         {"11.5.1": ("NC", "a radio set answering one question is not grouped (fieldset, group, radiogroup)", N),
          "11.6.1": ("NC", "no grouping legend and no per-field title/aria-label/aria-describedby naming the question", N)})
    case("11.5.1-radios-fieldset-legend-pass", form("<fieldset><legend>Civilité</legend>" + RADIOS + "</fieldset>"),
         {"11.5.1": ("C", "radios grouped in a fieldset", N),
          "11.6.1": ("C", "the fieldset has a legend", N)})
    case("11.6.1-fieldset-without-legend-fail", form("<fieldset>" + RADIOS + "</fieldset>"),
         {"11.5.1": ("C", "the radios are grouped in a fieldset", N),
          "11.6.1": ("NC", "the fieldset has no legend", N)})
    case("11.6.1-legend-empty-fail", form("<fieldset><legend></legend>" + RADIOS + "</fieldset>"),
         {"11.6.1": ("NC", "the legend is empty", N)})
    case("11.6.1-radiogroup-no-name-fail", form('<div role="radiogroup">' + RADIOS + "</div>"),
         {"11.5.1": ("C", "radios grouped by role=radiogroup", N),
          "11.6.1": ("NC", "role=radiogroup without aria-label or aria-labelledby", N)})
    case("11.6.1-radiogroup-labelledby-pass", form('<p id="q">Civilité</p><div role="radiogroup" aria-labelledby="q">' + RADIOS + "</div>"),
         {"11.5.1": ("C", "radios grouped by role=radiogroup", N),
          "11.6.1": ("C", "the group is named by aria-labelledby", N)})
    case("11.6.1-group-labelledby-broken-fail", form('<p>Civilité</p><div role="group" aria-labelledby="absent">' + RADIOS + "</div>"),
         {"11.6.1": ("NC", "the group's aria-labelledby references nothing: the group has no legend", N)})

    # ---- 11.10 required fields
    case("11.10.1-required-in-label-pass", form('<label for="nom">Nom (obligatoire)</label><input type="text" id="nom" required>'),
         {"11.10.1": ("NA", "a form of a single field: 11.10.1 and 11.10.2 do not apply (the criterion's particular case)", ["NT"]),
          "11.10.2": ("NA", "a form of a single field: 11.10.1 and 11.10.2 do not apply (the criterion's particular case)", ["NT"])})
    case("11.10.2-required-no-visible-indication-fail", form('<label for="nom">Nom</label><input type="text" id="nom" required>'),
         {"11.10.1": ("NA", "a form of a single field: 11.10.1 and 11.10.2 do not apply (the criterion's particular case)", ["NT"]),
          "11.10.2": ("NA", "a form of a single field: 11.10.1 and 11.10.2 do not apply (the criterion's particular case)", ["NT"])})
    case("11.10.2-aria-required-indication-in-placeholder-fail", form('<label for="nom">Nom</label><input type="text" id="nom" aria-required="true" placeholder="obligatoire">'),
         {"11.10.2": ("NA", "a form of a single field: 11.10.1 and 11.10.2 do not apply (the criterion's particular case)", ["NT"])})
    case("11.10.2-asterisk-explained-pass", form('<p>Les champs marqués d’un astérisque (*) sont obligatoires.</p><label for="nom">Nom *</label><input type="text" id="nom" aria-required="true">'),
         {"11.10.2": ("NA", "a form of a single field: 11.10.1 and 11.10.2 do not apply (the criterion's particular case)", ["NT"])})
    case("11.10.2-aria-required-false-na", form('<label for="nom">Nom</label><input type="text" id="nom" aria-required="false">'),
         {"11.10.2": ("NA", "aria-required='false' marks an optional field: no required field", ["NT", "C"])})
    case("11.10.1-asterisk-unexplained-fail", form('<label for="nom">Nom *</label><input type="text" id="nom">'),
         {"11.10.1": ("NA", "a form of a single field: 11.10.1 and 11.10.2 do not apply (the criterion's particular case)", ["NT"])})

    # ---- 11.13 autocomplete
    case("11.13.1-autocomplete-missing-fail", form('<label for="mel">Votre adresse électronique</label><input type="email" id="mel" name="email">'),
         {"11.13.1": ("NC", "a field about the user (e-mail) without autocomplete", N)})
    case("11.13.1-autocomplete-email-pass", form('<label for="mel">Votre adresse électronique</label><input type="email" id="mel" name="email" autocomplete="email">'),
         {"11.13.1": ("C", "autocomplete='email' is in the list and fits", N)})
    case("11.13.1-autocomplete-invalid-value-fail", form('<label for="mel">Votre adresse électronique</label><input type="email" id="mel" autocomplete="courriel">'),
         {"11.13.1": ("NC", "'courriel' is not a value of the autocomplete list", [])})
    case("11.13.1-autocomplete-off-fail", form('<label for="fn">Votre nom de famille</label><input type="text" id="fn" autocomplete="off">'),
         {"11.13.1": ("NC", "'off' is not one of the listed purposes for a user field", N)})
    case("11.13.1-autocomplete-wrong-purpose-fail", form('<label for="gn">Votre prénom</label><input type="text" id="gn" autocomplete="family-name">'),
         {"11.13.1": ("NC", "valid token but not relevant: a first name marked family-name", N)})
    case("11.13.1-autocomplete-section-token-pass", form('<label for="cp">Code postal de livraison</label><input type="text" id="cp" autocomplete="section-envoi shipping postal-code">'),
         {"11.13.1": ("C", "section-* and shipping are valid prefixes before postal-code", N)})
    case("11.13.1-autocomplete-uppercase-pass", form('<label for="tel">Votre téléphone</label><input type="tel" id="tel" autocomplete="TEL">'),
         {"11.13.1": ("C", "autofill tokens are ASCII case-insensitive: TEL is tel", N)})
    case("11.13.1-search-only-na", page(P + '<form role="search" action="/recherche"><label for="q">Rechercher</label><input type="search" id="q" name="q"><button>OK</button></form>'),
         {"11.13.1": ("NA", "a site search field is not information about the user", ["NT", "C"])})

    # ---- 6.1 / 6.2 links
    case("6.2.1-link-icon-font-only-fail", page(P + '<style>.ico::before{content:"\\e900";font-family:monospace}</style><a href="/panier"><span class="ico"></span></a>'),
         {"6.2.1": ("NC", "only an icon-font glyph (private-use character) from CSS: no text, no alternative", N)})
    case("6.2.1-link-title-only-fail", page(P + '<a href="/aide" title="Aide"></a>'),
         {"6.2.1": ("NC", "judgement call: nothing between <a> and </a> (the test's letter), though the glossary's link name falls back on title", ["NT", "C"])})
    case("6.2.1-role-link-span-text-pass", page(P + '<span role="link" tabindex="0" onclick="location.href=\'/aide\'">Aide en ligne</span>'),
         {"6.2.1": ("C", "role=link element with text content", N)})
    case("6.2.1-link-uppercase-tags-empty-fail", page(P + '<A HREF="/aide"></A>'),
         {"6.2.1": ("NC", "tag and attribute case does not matter: empty link", [])})
    case("6.2.1-link-zero-width-space-fail", page(P + '<a href="/aide">&#8203;</a>'),
         {"6.2.1": ("NC", "a zero-width space is no label", N)})
    case("6.2.1-link-role-button-empty-fail", page(P + '<a href="/imprimer" role="button"></a>'),
         {"6.2.1": ("NC", "an <a href> is a link by RGAA's definition whatever its role; it has no label", ["NT"])})
    case("6.2.1-link-no-href-na", page(P + '<a id="haut"></a><a>Texte sans lien</a>'),
         {"6.2.1": ("NA", "<a> without href is not a link", N)})
    case("6.2.1-empty-link-visibility-hidden-na", page(P + '<a href="/aide" style="visibility:hidden"></a>'),
         {"6.2.1": ("NA", "visibility:hidden removes the link for everyone", ["NT", "C"])})
    case("6.2.1-empty-link-opacity-zero-fail", page(P + '<a href="/aide" style="opacity:0"></a>'),
         {"6.2.1": ("NC", "opacity 0 hides nothing from the keyboard or assistive tech", N)})
    case("6.2.1-empty-link-zero-size-fail", page(P + '<a href="/aide" style="display:block;width:0;height:0;overflow:hidden"></a>'),
         {"6.2.1": ("NC", "a zero-size link is still focusable and announced", N)})
    case("6.2.1-empty-link-clipped-fail", page(P + '<a href="/aide" style="position:absolute;clip:rect(0 0 0 0);width:1px;height:1px;overflow:hidden"></a>'),
         {"6.2.1": ("NC", "a clipped link is still focusable and announced", N)})
    case("6.2.1-empty-link-aria-hidden-fail", page(P + '<a href="/aide" aria-hidden="true"></a>'),
         {"6.2.1": ("NC", "aria-hidden does not take the link out of the tab order: an empty focusable link", N)})
    case("6.2.1-empty-link-in-closed-details-fail", page(P + '<details><summary>Plus d’informations</summary><a href="/aide"></a></details>'),
         {"6.2.1": ("NC", "the link is one click away in a closed <details>; it has no label", N)})
    case("6.2.1-empty-link-in-template-na", page(P + '<template><a href="/aide"></a></template>'),
         {"6.2.1": ("NA", "template content is never rendered", ["NT", "C"])})
    case("6.2.1-empty-link-in-noscript-na", page(P + '<noscript><a href="/aide"></a></noscript>'),
         {"6.2.1": ("NA", "with scripts on, noscript content is not rendered", ["NT", "C"])})
    case("6.2.1-empty-link-in-shadow-dom-fail", page(P + "<div id='h'></div><script>document.getElementById('h').attachShadow({mode:'open'}).innerHTML='<a href=\"/aide\"></a>'</script>"),
         {"6.2.1": ("NC", "an empty link inside an open shadow root is rendered and focusable", N)})
    case("6.2.1-empty-link-in-iframe-fail", page(P + '<iframe title="Encart" srcdoc="<a href=&quot;/aide&quot;></a>"></iframe>'),
         {"6.2.1": ("NC", "the framed document is part of the page: its link has no label", N)})
    case("6.2.1-empty-link-added-after-load-fail", page(P + "<div id='z'></div>" + js_after_load("const a=document.createElement('a');a.href='/aide';document.getElementById('z').append(a)")),
         {"6.2.1": ("NC", "an empty link added after load is in the generated source", N)})
    case("6.1.5-aria-label-without-visible-fail", page(P + '<a href="/contact" aria-label="Écrire à la mairie">Contact</a>'),
         {"6.1.5": ("NC", "the accessible name does not contain the visible 'Contact'", [])})
    case("6.1.5-aria-label-contains-visible-pass", page(P + '<a href="/contact" aria-label="Contact de la mairie">Contact</a>'),
         {"6.1.5": ("C", "the accessible name contains the visible label", N)})
    case("6.1.5-case-and-punctuation-pass", page(P + '<a href="/contact" aria-label="contact mairie">Contact : mairie !</a>'),
         {"6.1.5": ("C", "note: case and punctuation of the visible label may be dropped in the name", N)})
    case("6.1.5-title-without-visible-fail", page(P + '<a href="/aide" title="Page d’assistance">Plus</a>'),
         {"6.1.5": ("NC", "method: a title present on a link with visible text must contain that text", N)})
    case("6.1.1-link-click-here-fail", page(P + '<p><a href="/doc.pdf">Cliquez ici</a></p>'),
         {"6.1.1": ("NC", "'Cliquez ici' with no context tells neither function nor destination", N)})

    # ---- 9.3 lists
    case("9.3.1-ul-with-div-children-fail", page(P + "<ul><div>Pièce d’identité</div><div>Justificatif de domicile</div></ul>"),
         {"9.3.1": ("NC", "the list items are div, not li", N),
          "8.2.1": ("NC", "div is not allowed as a child of ul", N)})
    case("9.3.1-role-list-pass", page(P + '<div role="list"><div role="listitem">Pièce d’identité</div><div role="listitem">Justificatif de domicile</div></div>'),
         {"9.3.1": ("C", "role=list and role=listitem are accepted", N)})
    case("9.3.1-ul-role-none-fail", page(P + '<ul role="none"><li>Pièce d’identité</li><li>Justificatif de domicile</li></ul>'),
         {"9.3.1": ("NC", "role=none strips the list semantics (and its items') from a visual bullet list", N)})
    case("9.3.1-fake-bullets-fail", page(P + "<p>• Pièce d’identité<br>• Justificatif de domicile<br>• Livret de famille</p>"),
         {"9.3.1": ("NC", "a bullet list drawn with • and br, no list markup", N)})
    case("9.3.2-fake-numbered-steps-fail", page(P + "<p>1. Remplir le formulaire</p><p>2. Joindre les pièces</p><p>3. Envoyer la demande</p>"),
         {"9.3.2": ("NC", "ordered steps written as numbered paragraphs, not ol/li", N)})
    case("9.3.3-dl-div-groups-pass", page(P + "<dl><div><dt>Délai</dt><dd>5 jours</dd></div><div><dt>Coût</dt><dd>Gratuit</dd></div></dl>"),
         {"9.3.3": ("C", "HTML allows div wrappers around dt/dd groups", N)})
    case("9.3.x-no-lists-na", page(P),
         {"9.3.1": ("NA", "no list on the page", N), "9.3.2": ("NA", "no list", N), "9.3.3": ("NA", "no list", N)})

    # ---- 9.4 quotations
    case("9.4.1-q-element-pass", page(P + "<p>Le maire a déclaré : <q>la mairie reste ouverte tout l’été</q>.</p>"),
         {"9.4.1": ("C", "the short quotation uses q", N)})
    case("9.4.1-quote-marks-only-fail", page(P + "<p>Le maire a déclaré : « la mairie reste ouverte tout l’été ».</p>"),
         {"9.4.1": ("NC", "an attributed inline quotation in « » without q", N)})
    case("9.4.2-quote-block-as-div-fail", page(P + '<div style="margin-left:2em;font-style:italic">« Nul n’est censé ignorer la loi. Chacun doit pouvoir la comprendre. »<br>— Discours du 2 décembre</div>'),
         {"9.4.2": ("NC", "a block quotation laid out with a div, not blockquote", N)})
    case("9.4.2-blockquote-pass", page(P + "<blockquote><p>Nul n’est censé ignorer la loi. Chacun doit pouvoir la comprendre.</p></blockquote><p>— Discours du 2 décembre</p>"),
         {"9.4.2": ("C", "the block quotation uses blockquote", N)})
    case("9.4.x-no-quotations-na", page(P),
         {"9.4.1": ("NA", "no quotation", N), "9.4.2": ("NA", "no quotation", N)})

    # ---- 5.x tables
    COMPLEX = ("<tr><td></td><th colspan='2' id='ad'>Adultes</th><th colspan='2' id='en'>Enfants</th></tr>"
               "<tr><td></td><th id='ad-r'>Résidents</th><th id='ad-e'>Extérieurs</th><th id='en-r'>Résidents</th><th id='en-e'>Extérieurs</th></tr>"
               "<tr><th id='pis'>Piscine</th><td headers='pis ad ad-r'>3 €</td><td headers='pis ad ad-e'>5 €</td>"
               "<td headers='pis en en-r'>1 €</td><td headers='pis en en-e'>2 €</td></tr>")
    case("5.1.1-complex-table-no-summary-fail", page(P + f"<table>{COMPLEX}</table>"),
         {"5.1.1": ("NC", "headers on two rows with colspan: complex table with no caption nor aria-describedby", N)})
    case("5.1.1-complex-table-caption-pass", page(P + f"<table><caption>Tarifs de la piscine : adultes et enfants, résidents ou non, par entrée</caption>{COMPLEX}</table>"),
         {"5.1.1": ("C", "the complex table has a summary in its caption", N),
          "5.7.4": ("C", "each td lists its headers' ids", N)})
    case("5.1.1-simple-table-na", page(P + "<table><caption>Délais</caption><tr><th scope='col'>Acte</th><th scope='col'>Délai</th></tr><tr><td>Naissance</td><td>5 jours</td></tr></table>"),
         {"5.1.1": ("NA", "headers on the first row only: not a complex table", N)})
    case("5.7.4-headers-incomplete-fail", page(P + "<table><caption>Tarifs de la piscine, par âge et résidence</caption>" + COMPLEX.replace("headers='pis en en-e'", "headers='pis'") + "</table>"),
         {"5.7.4": ("NC", "one cell's headers lists only the row header, not its two column headers", N)})
    case("5.4.1-caption-pass", page(P + "<table><caption>Délais de délivrance</caption><tr><th scope='col'>Acte</th><th scope='col'>Délai</th></tr><tr><td>Naissance</td><td>5 jours</td></tr></table>"),
         {"5.4.1": ("C", "the title is in caption", N)})
    case("5.4.1-aria-labelledby-pass", page(P + "<h2 id='tt'>Délais de délivrance</h2><table aria-labelledby='tt'><tr><th scope='col'>Acte</th><th scope='col'>Délai</th></tr><tr><td>Naissance</td><td>5 jours</td></tr></table>"),
         {"5.4.1": ("C", "aria-labelledby on the table references its title", N)})
    case("5.4.1-title-attribute-pass", page(P + "<table title='Délais de délivrance'><tr><th scope='col'>Acte</th><th scope='col'>Délai</th></tr><tr><td>Naissance</td><td>5 jours</td></tr></table>"),
         {"5.4.1": ("C", "a title attribute is an accepted way to give the title", N)})
    case("5.4.1-aria-labelledby-broken-fail", page(P + "<h2>Délais de délivrance</h2><table aria-labelledby='absent'><tr><th scope='col'>Acte</th><th scope='col'>Délai</th></tr><tr><td>Naissance</td><td>5 jours</td></tr></table>"),
         {"5.4.1": ("NC", "the title passage exists but aria-labelledby references a missing id", N)})
    case("5.4.1-preceding-text-not-associated-fail", page(P + "<p><strong>Délais de délivrance</strong></p><table><tr><th scope='col'>Acte</th><th scope='col'>Délai</th></tr><tr><td>Naissance</td><td>5 jours</td></tr></table>"),
         {"5.4.1": ("NC", "a text acting as title precedes the table but is not associated with it", N)})
    case("5.7.1-headers-two-axes-no-scope-fail", page(P + "<table><caption>Tarifs</caption><tr><td></td><th>Adulte</th><th>Enfant</th></tr><tr><th>Piscine</th><td>4 €</td><td>2 €</td></tr><tr><th>Musée</th><td>6 €</td><td>3 €</td></tr></table>"),
         {"5.7.1": ("NC", "headers on a row and a column: the single-axis exception does not apply; th lack scope/id/role", N)})
    case("5.6.2-row-headers-as-td-fail", page(P + "<table><caption>Tarifs</caption><tr><td></td><th scope='col'>Adulte</th><th scope='col'>Enfant</th></tr><tr><td><strong>Piscine</strong></td><td>4 €</td><td>2 €</td></tr><tr><td><strong>Musée</strong></td><td>6 €</td><td>3 €</td></tr></table>"),
         {"5.6.2": ("NC", "the first-column row headers are bold td, not th/rowheader", N)})
    case("5.7.5-rowheader-used-for-columns-fail", page(P + '<div role="table" aria-label="Délais"><div role="row"><span role="rowheader">Acte</span><span role="rowheader">Délai</span></div><div role="row"><span role="cell">Naissance</span><span role="cell">5 jours</span></div></div>'),
         {"5.7.5": ("NC", "column headers carry role=rowheader", N)})

    # ---- 12.x navigation
    NAV = '<nav aria-label="Menu principal"><ul><li><a href="/">Accueil</a></li><li><a href="/demarches">Démarches</a></li><li><a href="/agenda">Agenda</a></li><li><a href="/contact">Contact</a></li></ul></nav>'
    MAIN = "<h1>Demande d'acte</h1><p>Vous pouvez demander une copie intégrale de votre acte en ligne.</p>"
    case("12.7.1-skip-link-pass", page(f'<a href="#contenu">Aller au contenu</a><header><p>Mairie de Testville</p>{NAV}</header><main id="contenu">{MAIN}</main>'),
         {"12.7.1": ("C", "a skip link just before the navigation reaches the main content", N)})
    case("12.7.1-skip-link-target-missing-fail", page(f'<a href="#contenu">Aller au contenu</a><header><p>Mairie de Testville</p>{NAV}</header><main id="principal">{MAIN}</main>'),
         {"12.7.1": ("NC", "the skip link targets #contenu, which does not exist", N),
          "12.7.2": ("NC", "the skip link is not functional", N)})
    case("12.7.1-skip-link-display-none-fail", page(f'<a href="#contenu" style="display:none">Aller au contenu</a><header><p>Mairie de Testville</p>{NAV}</header><main id="contenu">{MAIN}</main>'),
         {"12.7.1": ("NC", "the only skip link is display:none: never focusable nor visible", N)})
    case("12.7.1-no-skip-link-fail", page(f'<header><p>Mairie de Testville</p>{NAV}</header><main>{MAIN}</main>'),
         {"12.7.1": ("NC", "navigation before main and no skip link at all", N)})
    case("12.8.1-tabindex-positive-fail", page(f'<header>{NAV}</header><main>{MAIN}<p><a href="/faq" tabindex="3">Questions fréquentes</a> <a href="/cgu" tabindex="1">Conditions</a></p></main>'),
         {"12.8.1": ("NC", "positive tabindex values send focus to the end of the page first, out of order", N)})
    case("12.1.1-menu-and-search-pass", page(f'<header>{NAV}<form role="search" action="/recherche"><label for="q">Rechercher</label><input id="q" type="search" name="q"><button>OK</button></form></header><main>{MAIN}</main>'),
         {"12.1.1": ("C", "a navigation menu and a site search", N)})
    case("12.6.1-no-landmark-no-heading-fail", page('<div class="entete"><p>Mairie de Testville</p></div><div class="menu"><a href="/">Accueil</a> <a href="/demarches">Démarches</a></div><div class="contenu"><p>Vous pouvez demander une copie intégrale de votre acte en ligne.</p></div><div class="pied"><p>Mentions légales</p></div>'),
         {"12.6.1": ("NC", "header, menu, content and footer zones with no landmark, heading or skip link", N)})
    case("12.6.1-aria-roles-pass", page(f'<div role="banner"><p>Mairie de Testville</p></div><div role="navigation" aria-label="Principale"><a href="/">Accueil</a></div><div role="main">{MAIN}</div><div role="contentinfo"><p>Mentions légales</p></div>'),
         {"12.6.1": ("C", "each zone carries its landmark role", N)})

    # ---- 7.1 scripts
    case("7.1.1-role-button-no-name-fail", page(P + '<div role="button" tabindex="0" onclick="document.body.classList.toggle(\'x\')" style="width:24px;height:24px;background:#036"></div>'),
         {"7.1.1": ("NC", "a scripted role=button with no name", N)})
    case("7.1.1-custom-checkbox-no-state-fail", page(P + '<span role="checkbox" tabindex="0" onclick="this.classList.toggle(\'on\')">Recevoir la lettre d’information</span>'),
         {"7.1.1": ("NC", "role=checkbox without aria-checked: its state is not exposed", N)})
    case("7.1.1-custom-checkbox-state-pass", page(P + '<span role="checkbox" aria-checked="false" tabindex="0" onclick="this.setAttribute(\'aria-checked\', this.getAttribute(\'aria-checked\')===\'true\'?\'false\':\'true\')" onkeydown="if(event.key===\' \'){event.preventDefault();this.click()}">Recevoir la lettre d’information</span>'),
         {"7.1.1": ("C", "role, name and aria-checked state are exposed and updated", N)})
    case("7.1.1-aria-hidden-focusable-fail", page(P + '<button type="button" aria-hidden="true" onclick="this.parentNode.hidden=true">Fermer le bandeau</button>'),
         {"7.1.1": ("NC", "a focusable scripted button hidden from assistive tech has no role or name for them", N)})
    case("7.1.1-disclosure-expanded-pass", page(P + '<button type="button" aria-expanded="false" aria-controls="pj" onclick="const o=this.getAttribute(\'aria-expanded\')===\'true\';this.setAttribute(\'aria-expanded\',String(!o));document.getElementById(\'pj\').hidden=o">Pièces à fournir</button><div id="pj" hidden><p>Une pièce d’identité.</p></div>'),
         {"7.1.1": ("C", "native button, explicit name, aria-expanded follows the state", N)})
    case("7.1.3-name-without-visible-label-fail", page(P + '<button type="button" aria-label="Valider" onclick="this.textContent=\'Envoyé\'">Envoyer</button>'),
         {"7.1.3": ("NC", "the accessible name 'Valider' does not contain the visible label 'Envoyer'", N)})
    case("7.1.1-no-script-na", page(P),
         {"7.1.1": ("NA", "no script, no scripted component", N)})

    # ---- 13.1 / 13.8 consultation
    case("13.1.1-meta-refresh-20-hours-pass", page(P, head='<meta http-equiv="refresh" content="72000">'),
         {"13.1.1": ("C", "72000 s is twenty hours: the allowed limit", N)})
    case("13.1.1-meta-refresh-just-under-20-hours-fail", page(P, head='<meta http-equiv="refresh" content="71999">'),
         {"13.1.1": ("NC", "71999 s is below twenty hours and there is no control", N)})
    case("13.1.1-meta-refresh-uppercase-fail", page(P, head='<META HTTP-EQUIV="REFRESH" CONTENT="120">'),
         {"13.1.1": ("NC", "uppercase spelling: still a reload every 2 minutes", [])})
    case("13.1.2-meta-redirect-zero-spaces-pass", page(P + '<p id="suite">Suite</p>', head='<meta http-equiv="refresh" content=" 0 ; URL=\'#suite\'">'),
         {"13.1.2": ("C", "delay 0 (blanks and quotes allowed): immediate redirection", N)})
    case("13.1.2-meta-redirect-in-body-fail", page('<meta http-equiv="refresh" content="25; url=https://example.test/nouvelle">' + P),
         {"13.1.2": ("NC", "a meta redirection placed in body still fires after 25 s", N)})
    case("13.1.2-meta-redirect-added-by-script-fail", page(P + "<script>const m=document.createElement('meta');m.httpEquiv='refresh';m.content='40; url=https://example.test/nouvelle';document.head.append(m)</script>"),
         {"13.1.2": ("NC", "a meta redirection after 40 s inserted by script is in the generated source", N)})
    case("13.1.3-script-redirect-timeout-fail", page(P + "<p>Vous allez être redirigé vers le nouveau site.</p><script>setTimeout(()=>{location.href='https://example.test/nouvelle'},90000)</script>"),
         {"13.1.3": ("NC", "script redirection after 90 s, no way to stop or extend it", N)})
    case("13.8.1-marquee-no-control-fail", page(P + "<marquee>Fermeture exceptionnelle vendredi</marquee>"),
         {"13.8.1": ("NC", "scrolling text that runs forever with no stop control", N)})
    case("13.8.1-css-animation-infinite-fail", page(P + '<style>@keyframes defile{from{transform:translateX(100%)}to{transform:translateX(-100%)}}.bandeau{animation:defile 8s linear infinite}</style><p class="bandeau">Inscriptions à la cantine ouvertes jusqu’au 15 janvier.</p>'),
         {"13.8.1": ("NC", "CSS motion without end or control", N)})
    case("13.8.1-marquee-with-controls-pass", page(P + '<marquee id="mq">Fermeture exceptionnelle vendredi</marquee><button type="button" onclick="document.getElementById(\'mq\').stop()">Arrêter le défilement</button><button type="button" onclick="document.getElementById(\'mq\').start()">Relancer le défilement</button>'),
         {"13.8.1": ("C", "buttons stop and restart the motion", N)})
    case("13.8.2-css-blink-infinite-fail", page(P + '<style>@keyframes clignote{50%{visibility:hidden}}.alerte{animation:clignote 1s step-end infinite}</style><p class="alerte">Alerte météo : vigilance orange.</p>'),
         {"13.8.2": ("NC", "text blinking forever with no control", N)})
    case("13.8.x-no-motion-na", page(P),
         {"13.8.1": ("NA", "nothing moves", N), "13.8.2": ("NA", "nothing blinks", N)})

    # ---- 10.x presentation
    case("10.8.1-aria-hidden-visible-info-fail", page(P + '<p aria-hidden="true">Fermeture exceptionnelle de la mairie le 24 décembre.</p>'),
         {"10.8.1": ("NC", "informative visible text hidden from assistive tech", N)})
    case("10.8.1-font-size-zero-info-fail", page(P + '<p>Horaires : <span style="font-size:0">fermé le lundi</span> 9 h – 17 h</p>'),
         {"10.8.1": ("NC", "font-size:0 hides information that assistive tech should read", N)})
    case("10.7.1-outline-none-fail", page(P + '<style>a:focus,button:focus{outline:none}</style><p><a href="/aide">Aide</a> <button type="button">Imprimer</button></p>'),
         {"10.7.1": ("NC", "the native focus outline is removed with no replacement", N)})
    case("10.7.1-outline-transparent-fail", page(P + '<style>*:focus{outline-color:transparent}</style><p><a href="/aide">Aide</a></p>'),
         {"10.7.1": ("NC", "a transparent outline is no visible focus", N)})
    case("10.7.1-custom-focus-style-pass", page(P + '<style>a:focus{outline:none;box-shadow:0 0 0 3px #000;background:#ff0}</style><p><a href="/aide">Aide</a></p>'),
         {"10.7.1": ("C", "outline replaced by a contrasted shadow and background", N)})
    case("10.2.1-css-generated-info-fail", page(P + '<style>.nouveau::after{content:" (nouveau)"}</style><ul><li class="nouveau">Inscription à la cantine</li><li>Demande d’acte</li></ul>'),
         {"10.2.1": ("NC", "the 'nouveau' information exists only in CSS generated content", N)})
    case("10.2.1-css-background-info-fail", page(P + "<p>État du service : <span style=\"display:inline-block;width:60px;height:20px;background:url(&quot;data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='60' height='20'%3E%3Ctext x='2' y='15' font-size='14'%3EFerm%C3%A9%3C/text%3E%3C/svg%3E&quot;)\"></span></p>"),
         {"10.2.1": ("NC", "the state 'Fermé' is only an image in a CSS background", N)})
    case("10.3.1-flex-order-reversed-fail", page(P + '<ol style="display:flex;flex-direction:column"><li style="order:2">Joindre les pièces</li><li style="order:1">Remplir le formulaire</li></ol>'),
         {"10.3.1": ("NC", "without CSS the steps read in the wrong order", N)})

    # ---- 4.x media
    case("4.1.3-video-no-alternative-fail", page(P + '<video controls width="320" height="180" src="conseil-municipal.mp4"></video>'),
         {"4.1.3": ("NC", "a video with no transcript, audio description or alternative", N),
          "4.3.1": ("NC", "a video with no captions", N)})
    case("4.1.1-audio-no-transcript-fail", page(P + '<audio controls src="podcast-mairie.mp3"></audio>'),
         {"4.1.1": ("NC", "an audio file with no transcript", N)})
    case("4.1.1-audio-transcript-link-pass", page(P + '<audio controls src="podcast-mairie.mp3"></audio><p><a href="/podcast-transcription">Transcription du podcast de la mairie</a></p>'),
         {"4.1.1": ("C", "an adjacent link leads to the transcript", N)})
    case("4.3.2-track-kind-subtitles-fail", page(P + '<video controls width="320" height="180" src="conseil-municipal.mp4"><track kind="subtitles" src="conseil.vtt" srclang="fr" label="Français"></track></video>'),
         {"4.3.2": ("NC", "the captions track is kind=subtitles, not captions", N)})
    case("4.3.2-track-no-kind-fail", page(P + '<video controls width="320" height="180" src="conseil-municipal.mp4"><track src="conseil.vtt" srclang="fr" label="Français"></video>'),
         {"4.3.2": ("NC", "a track without kind defaults to subtitles", N)})
    case("4.3.2-track-kind-captions-pass", page(P + '<video controls width="320" height="180" src="conseil-municipal.mp4"><track kind="captions" src="conseil.vtt" srclang="fr" label="Français"></video>'),
         {"4.3.2": ("C", "the track has kind=captions", N)})
    case("4.3.2-track-kind-uppercase-pass", page(P + '<video controls width="320" height="180" src="conseil-municipal.mp4"><track kind="CAPTIONS" src="conseil.vtt" srclang="fr" label="Français"></video>'),
         {"4.3.2": ("C", "kind is an enumerated attribute: CAPTIONS is captions", N)})
    case("4.10.1-autoplay-loop-no-control-fail", page(P + '<audio autoplay loop src="musique-accueil.mp3"></audio>'),
         {"4.10.1": ("NC", "sound starts by itself and loops with no control shown", N)})
    case("4.x-no-media-na", page(P),
         {"4.1.1": ("NA", "no media", N), "4.1.3": ("NA", "no media", N), "4.3.1": ("NA", "no media", N),
          "4.3.2": ("NA", "no media", N)})

    # ==== second batch: browser repairs, spelling variants, more hiding places
    DSD = "<div><template shadowrootmode=\"open\">{}</template></div>"
    # -- markup the parser repairs
    case("6.2.1-nested-links-repaired-fail", page(P + '<p><a href="/demarches"><a href="/aide"></a>Démarches en ligne</a></p>'),
         {"6.2.1": ("NC", "nested <a>: the parser closes the first link before the second, both end up empty", N)})
    case("6.2.1-link-after-html-end-fail", page(P) + '<a href="/aide"></a>',
         {"6.2.1": ("NC", "an empty link written after </html> is moved into body by the parser", N)})
    case("11.1.1-field-foster-parented-fail", page(P + "<table><input type='text' name='ref'><tr><th>Acte</th></tr><tr><td>Naissance</td></tr></table>"),
         {"11.1.1": ("NC", "an input inside <table> is moved before the table by the parser; it has no label", N)})
    case("11.1.1-nested-form-dropped-fail", page(P + "<form action='/a'><form action='/b'><input type='text' name='nom'></form></form>"),
         {"11.1.1": ("NC", "the inner form tag is dropped, the unlabelled field stays", N)})
    case("11.1.1-uppercase-markup-pass", page(P + '<FORM ACTION="/envoyer"><LABEL FOR="nom">Nom de famille</LABEL><INPUT TYPE="TEXT" ID="nom" NAME="nom"></FORM>'),
         {"11.1.1": ("C", "tag, attribute and type case do not matter; for and id values match", N)})
    case("11.1.1-id-with-leading-space-fail", form('<label for="nom">Nom de famille</label><input type="text" id=" nom" name="nom">'),
         {"11.1.1": ("NC", "id=' nom' keeps its blank: for='nom' labels nothing", [])})
    case("11.1.1-duplicate-id-div-first-fail", form('<div id="nom">Encadré</div><label for="nom">Nom de famille</label><input type="text" id="nom">'),
         {"11.1.1": ("NC", "for='nom' resolves to the first element with that id, a div: the input has no label", N)})
    case("11.1.1-unknown-type-no-label-fail", form('<input type="postal" name="cp">'),
         {"11.1.1": ("NC", "an unknown type is a text field, and it has no label", [])})
    case("11.1.1-role-none-on-input-fail", form('<input type="text" name="nom" role="none">'),
         {"11.1.1": ("NC", "role=none is ignored on a focusable field; still a field without label", N)})
    case("11.1.1-aria-hidden-field-fail", form('<input type="text" name="nom" aria-hidden="true">'),
         {"11.1.1": ("NC", "aria-hidden leaves the field focusable and usable; it has no label", N)})
    case("11.1.1-disabled-field-no-label-fail", form('<input type="text" name="nom" disabled>'),
         {"11.1.1": ("NC", "a disabled field is still a form field shown to the user, without label", N)})
    case("11.1.1-for-set-by-script-pass", form('<label id="l">Nom de famille</label><input type="text" id="nom">') .replace("</form>", "</form><script>document.getElementById('l').htmlFor='nom'</script>"),
         {"11.1.1": ("C", "the generated source links label and field (for set by script)", N)})
    case("11.1.1-label-removed-after-load-fail", form('<label id="l" for="nom">Nom de famille</label><input type="text" id="nom">') + js_after_load("document.getElementById('l').remove()"),
         {"11.1.1": ("NC", "script removes the label after load: the generated source has a bare field", N)})
    case("11.1.1-title-blank-fail", form('<input type="text" name="nom" title="  ">'),
         {"11.1.1": ("NC", "a title made of blanks is no label", [])})
    case("11.1.1-labelledby-empty-element-fail", form('<span id="vide"></span><input type="text" name="nom" aria-labelledby="vide">'),
         {"11.1.1": ("NC", "aria-labelledby references an empty element: no text passage", [])})
    case("11.1.1-labelledby-one-of-two-missing-pass", form('<span id="l1">Nom de famille</span><input type="text" name="nom" aria-labelledby="absent l1">'),
         {"11.1.1": ("C", "one of the referenced ids exists and holds text", N)})
    case("11.1.1-label-only-decorative-img-fail", form(f'<label for="nom"><img src="{IMG}" alt=""></label><input type="text" id="nom">'),
         {"11.1.1": ("NC", "the label holds only a decorative image: empty label", N)})
    case("11.1.1-field-in-closed-dialog-na", page(P + '<dialog><form method="dialog"><input type="text" name="nom"></form></dialog>'),
         {"11.1.1": ("NA", "a closed <dialog> is not rendered", ["NT", "C"])})
    case("11.1.1-field-in-open-dialog-fail", page(P + '<dialog open><form method="dialog"><input type="text" name="nom"></form></dialog>'),
         {"11.1.1": ("NC", "an open dialog is shown; its field has no label", [])})
    case("11.1.1-field-in-declarative-shadow-fail", page(P + DSD.format('<input type="text" name="nom">')),
         {"11.1.1": ("NC", "a declarative shadow root (template shadowrootmode) is rendered: unlabelled field", N)})
    case("11.1.1-label-outside-shadow-for-inside-fail", page(P + '<label for="nom">Nom de famille</label>' + DSD.format('<input type="text" id="nom">')),
         {"11.1.1": ("NC", "for= does not cross a shadow boundary: the field inside has no label", N)})

    # -- links: more empty contents and hiding places
    case("6.2.1-link-soft-hyphen-fail", page(P + '<a href="/aide">&shy;</a>'),
         {"6.2.1": ("NC", "a soft hyphen is invisible and says nothing", N)})
    case("6.2.1-link-text-display-none-fail", page(P + '<a href="/aide"><span style="display:none">Aide</span></a>'),
         {"6.2.1": ("NC", "the only text is display:none: the focusable link has no label", N)})
    case("6.2.1-link-img-alt-blank-fail", page(P + f'<a href="/"><img src="{IMG}" alt=" "></a>'),
         {"6.2.1": ("NC", "alt=' ' is no alternative: the image link has no label", [])})
    case("6.2.1-link-labelledby-empty-fail", page(P + '<span id="vide"></span><a href="/aide" aria-labelledby="vide"></a>'),
         {"6.2.1": ("NC", "empty content and a labelledby to an empty element", [])})
    case("6.2.1-link-sr-only-text-pass", page(P + '<a href="/aide"><span aria-hidden="true">?</span><span style="position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)">Aide en ligne</span></a>'),
         {"6.2.1": ("C", "visually hidden text inside the link is its label", N)})
    case("6.2.1-button-role-link-empty-fail", page(P + '<button type="button" role="link" onclick="location.href=\'/\'"></button>'),
         {"6.2.1": ("NC", "an element with role=link navigating by script is a link (glossary) and has no label", N)})
    case("6.2.1-link-role-presentation-empty-fail", page(P + '<a href="/aide" role="presentation"></a>'),
         {"6.2.1": ("NC", "role=presentation is ignored on a focusable link: an empty link", N)})
    case("6.2.1-svg-link-no-text-fail", page(P + '<svg width="40" height="40"><a href="/plan"><rect width="40" height="40"/></a></svg>'),
         {"6.2.1": ("NC", "an SVG link with no text, title or aria label", N)})
    case("6.2.1-empty-link-hidden-until-found-fail", page(P + '<div hidden="until-found"><a href="/aide"></a></div>'),
         {"6.2.1": ("NC", "hidden=until-found content is revealed by find-in-page: the empty link is reachable", N)})
    case("6.2.1-empty-link-content-visibility-na", page(P + '<div style="content-visibility:hidden"><a href="/aide"></a></div>'),
         {"6.2.1": ("NA", "content-visibility:hidden content is not rendered nor exposed", ["NT", "C"])})
    case("6.2.1-empty-link-closed-dialog-na", page(P + '<dialog><a href="/aide"></a></dialog>'),
         {"6.2.1": ("NA", "a closed dialog is not rendered", ["NT", "C"])})
    case("6.2.1-empty-link-open-dialog-fail", page(P + '<dialog open><a href="/aide"></a></dialog>'),
         {"6.2.1": ("NC", "an open dialog is shown: its link is empty", [])})
    case("6.2.1-empty-link-in-declarative-shadow-fail", page(P + DSD.format('<a href="/aide"></a>')),
         {"6.2.1": ("NC", "a declarative shadow root is rendered: its link is empty", N)})
    case("6.2.1-empty-link-in-object-html-fail", page(P + '<object type="text/html" width="200" height="60" data="data:text/html;charset=utf-8,%3Ca%20href%3D%22%2Faide%22%3E%3C%2Fa%3E"></object>'),
         {"6.2.1": ("NC", "an HTML document embedded by <object> is part of the page: its link is empty", N)})
    case("1.1.1-img-in-declarative-shadow-fail", page(P + DSD.format(f'<img src="{IMG}">')),
         {"1.1.1": ("NC", "img without alternative in a declarative shadow root", N)})

    # -- 6.1.5 visible label variants
    case("6.1.5-symbol-close-pass", page(P + '<a href="/" aria-label="Fermer et revenir à l’accueil">×</a>'),
         {"6.1.5": ("C", "note: a visible symbol need not be read literally in the name", N)})
    case("6.1.5-visible-part-only-pass", page(P + '<a href="/aide" aria-label="Aide">Aide<span style="position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)"> en ligne</span></a>'),
         {"6.1.5": ("C", "the visible label is 'Aide' (the rest is hidden text) and the name contains it", N)})
    case("6.1.5-split-spans-pass", page(P + '<a href="/contact" aria-label="Nous contacter par courriel"><span>Nous</span> <span>contacter</span></a>'),
         {"6.1.5": ("C", "visible text split over spans is still 'Nous contacter', contained in the name", N)})
    case("6.1.5-labelledby-without-visible-fail", page(P + '<span id="x" hidden>Rubrique pratique</span><a href="/contact" aria-labelledby="x">Contact</a>'),
         {"6.1.5": ("NC", "the name from aria-labelledby does not contain the visible 'Contact'", N)})

    # -- 11.2.5 variants
    case("11.2.5-punctuation-case-pass", form('<label for="nom">Nom :</label><input type="text" id="nom" aria-label="nom de famille">'),
         {"11.2.5": ("C", "case and punctuation of the visible label may be dropped", N)})
    case("11.2.5-hidden-label-part-pass", form('<label for="nom">Nom<span style="position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)"> de famille</span></label><input type="text" id="nom" aria-label="Nom">'),
         {"11.2.5": ("C", "the visible label is 'Nom' and the aria-label contains it", N)})

    # -- 11.5 / 11.6 variants
    case("11.6.1-legend-not-first-child-fail", form('<fieldset><div>Choisissez :</div><legend>Civilité</legend>' + RADIOS + "</fieldset>"),
         {"11.6.1": ("NC", "a legend that is not the fieldset's first child is not its legend", N)})
    case("11.6.1-legend-visually-hidden-pass", form('<fieldset><legend style="position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)">Civilité</legend>' + RADIOS + "</fieldset>"),
         {"11.6.1": ("C", "a visually hidden legend is still the group's legend", N)})
    case("11.6.1-radiogroup-aria-label-blank-fail", form('<div role="radiogroup" aria-label="  ">' + RADIOS + "</div>"),
         {"11.6.1": ("NC", "a blank aria-label names nothing", N)})
    case("11.5.1-radios-describedby-question-pass", form('<p id="q">Civilité</p><input type="radio" id="r1" name="civ" aria-describedby="q"><label for="r1">Madame</label><input type="radio" id="r2" name="civ" aria-describedby="q"><label for="r2">Monsieur</label>'),
         {"11.6.1": ("C", "step 3: each radio is tied to the question by aria-describedby", N),
          "11.5.1": ("C", "the grouping is carried by each field (glossary, légende note 1): no wrapper needed", ["NT", "NA"])})
    case("11.5.1-single-checkbox-na", form('<input type="checkbox" id="cgu" name="cgu"><label for="cgu">J’accepte les conditions d’utilisation</label>'),
         {"11.5.1": ("NA", "one lone checkbox: no set of fields of the same nature", ["NT", "C"]),
          "11.6.1": ("NA", "no grouping", ["NT", "C"])})

    # -- 11.10 variants
    case("11.10.2-required-select-no-indication-fail", form('<label for="acte">Type d’acte</label><select id="acte" required><option value="">—</option><option>Naissance</option></select>'),
         {"11.10.2": ("NC", "required select with no visible indication", N)})
    case("11.10.2-required-added-after-load-fail", form('<label for="nom">Nom</label><input type="text" id="nom">') + js_after_load("document.getElementById('nom').required=true"),
         {"11.10.2": ("NC", "required set by script after load, with no visible indication", N)})

    # -- 11.13 variants
    case("11.13.1-birth-date-no-autocomplete-fail", form('<label for="dn">Votre date de naissance</label><input type="date" id="dn" name="dn">'),
         {"11.13.1": ("NC", "a birth date is information about the user (bday) and has no autocomplete", N)})
    case("11.13.1-postal-code-no-autocomplete-fail", form('<label for="cp">Votre code postal</label><input type="text" id="cp" name="cp">'),
         {"11.13.1": ("NC", "a postal code about the user without autocomplete", N)})
    case("11.13.1-labelledby-first-name-no-autocomplete-fail", form('<span id="p">Votre prénom</span><input type="text" aria-labelledby="p">'),
         {"11.13.1": ("NC", "a first-name field (named by aria-labelledby) without autocomplete", N)})
    case("11.13.1-autocomplete-tokens-wrong-order-fail", form('<label for="mel">Votre adresse électronique professionnelle</label><input type="email" id="mel" autocomplete="email work">'),
         {"11.13.1": ("NC", "'work' must come before the field name: 'email work' is not a valid value", N)})
    case("11.13.1-autocomplete-two-fields-fail", form('<label for="n">Vos prénom et nom</label><input type="text" id="n" autocomplete="given-name family-name">'),
         {"11.13.1": ("NC", "two field names in one value is not a valid autocomplete value", N)})
    case("11.13.1-autocomplete-on-fail", form('<label for="n">Votre nom de famille</label><input type="text" id="n" autocomplete="on">'),
         {"11.13.1": ("NC", "'on' gives no purpose and is not in the list", N)})
    case("11.13.1-autocomplete-surrounding-blanks-pass", form('<label for="mel">Votre adresse électronique</label><input type="email" id="mel" autocomplete="  email  ">'),
         {"11.13.1": ("C", "blanks around the token are allowed: the value is email", N)})
    case("11.13.1-autocomplete-work-tel-pass", form('<label for="t">Votre téléphone professionnel</label><input type="tel" id="t" autocomplete="work tel">'),
         {"11.13.1": ("C", "'work tel' is a valid contact value and fits", N)})

    # -- 12.8.1 variants
    case("12.8.1-tabindex-plus-sign-fail", page(f'<header>{NAV}</header><main>{MAIN}<p><a href="/faq" tabindex="+2">Questions fréquentes</a></p></main>'),
         {"12.8.1": ("NC", "tabindex='+2' parses as 2: focus jumps to the end of the page first", N)})
    case("12.8.1-tabindex-invalid-ignored-pass", page(f'<header>{NAV}</header><main>{MAIN}<p><a href="/faq" tabindex="deux">Questions fréquentes</a></p></main>'),
         {"12.8.1": ("C", "an unparsable tabindex is ignored: natural order", N)})
    case("12.8.1-tabindex-1-only-focusable-pass", page(f'<main>{MAIN}<p><a href="/faq" tabindex="1">Questions fréquentes</a></p></main>'),
         {"12.8.1": ("C", "a single focusable element: the order cannot be incoherent (the note allows non-natural orders)", N)})
    case("12.8.1-tabindex-positive-hidden-pass", page(f'<header>{NAV}</header><main>{MAIN}<p><a href="/faq" tabindex="2" style="display:none">Questions fréquentes</a></p></main>'),
         {"12.8.1": ("C", "the only positive tabindex is on an element that cannot take focus (display:none)", N)})

    # -- 13.1 variants
    case("13.1.1-meta-refresh-in-noscript-na", page(P, head='<noscript><meta http-equiv="refresh" content="30"></noscript>'),
         {"13.1.1": ("NA", "with scripts on, the noscript in head is text: no refresh happens", ["NT", "C"])})
    case("13.1.1-meta-refresh-invalid-content-na", page(P, head='<meta http-equiv="refresh" content="bientôt">'),
         {"13.1.1": ("NA", "an unparsable content is ignored by browsers: no refresh", ["NT", "C"])})
    case("13.1.1-meta-refresh-in-template-na", page(P + '<template><meta http-equiv="refresh" content="30"></template>'),
         {"13.1.1": ("NA", "template content is inert", ["NT", "C"])})
    case("13.1.2-meta-redirect-fractional-delay-fail", page(P, head='<meta http-equiv="refresh" content="1.5; url=https://example.test/nouvelle">'),
         {"13.1.2": ("NC", "'1.5' is a delay of 1 s: not immediate", N)})
    case("13.1.2-meta-redirect-20-hours-fail", page(P, head='<meta http-equiv="refresh" content="72000; url=https://example.test/nouvelle">'),
         {"13.1.2": ("NC", "a meta redirection must be immediate; the 20-hour allowance is for refresh and scripts", N)})
    case("13.1.1-meta-refresh-in-iframe-fail", page(P + '<iframe title="Actualités" srcdoc="<meta http-equiv=&quot;refresh&quot; content=&quot;45&quot;><p>Actualités</p>"></iframe>'),
         {"13.1.1": ("NC", "the framed document reloads every 45 s with no control", N)})

    # -- 13.8 variants
    case("13.8.1-marquee-display-none-na", page(P + '<marquee style="display:none">Fermeture exceptionnelle vendredi</marquee>'),
         {"13.8.1": ("NA", "the only marquee is display:none: nothing moves", ["NT", "C"])})
    case("13.8.1-css-animation-short-pass", page(P + '<style>@keyframes entree{from{transform:translateX(-20px)}to{transform:none}}.titre{animation:entree 1s ease-out 1}</style><p class="titre">Bienvenue</p>'),
         {"13.8.1": ("C", "the motion lasts 1 s, under 5 s", N)})

    # -- 5.1 variants
    case("5.1.1-complex-describedby-pass", page(P + f"<p id='res'>Tarifs par entrée : en colonnes adultes et enfants, chacun résidents ou extérieurs ; en ligne les équipements.</p><table aria-describedby='res'>{COMPLEX}</table>"),
         {"5.1.1": ("C", "the summary is a passage tied by aria-describedby", N)})
    case("5.1.1-complex-summary-attr-html5-fail", page(P + f"<table summary='Tarifs par entrée, adultes et enfants, résidents ou extérieurs'>{COMPLEX}</table>"),
         {"5.1.1": ("NC", "summary counts only before HTML5; this is an HTML5 page", N)})
    case("5.1.1-complex-summary-attr-html4-pass", page(P + f"<table summary='Tarifs par entrée, adultes et enfants, résidents ou extérieurs'>{COMPLEX}</table>", doctype='<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN" "http://www.w3.org/TR/html4/strict.dtd">'),
         {"5.1.1": ("C", "under HTML 4.01 the summary attribute is an accepted summary", N)})
    case("5.1.1-complex-caption-empty-fail", page(P + f"<table><caption></caption>{COMPLEX}</table>"),
         {"5.1.1": ("NC", "an empty caption is no summary", N)})
    case("5.1.1-two-axes-not-complex-na", page(P + "<table><caption>Tarifs</caption><tr><td></td><th scope='col'>Adulte</th><th scope='col'>Enfant</th></tr><tr><th scope='row'>Piscine</th><td>4 €</td><td>2 €</td></tr></table>"),
         {"5.1.1": ("NA", "headers only on the first row and first column: not complex", N)})
    case("5.1.1-middle-header-row-fail", page(P + "<table><tr><th scope='col'>Équipement</th><th scope='col'>Tarif</th></tr><tr><th colspan='2'>Été</th></tr><tr><td>Piscine</td><td>4 €</td></tr><tr><th colspan='2'>Hiver</th></tr><tr><td>Patinoire</td><td>5 €</td></tr></table>"),
         {"5.1.1": ("NC", "section headers in middle rows make the table complex; no summary", N)})
    return out
