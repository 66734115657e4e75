"""Writes the red-team pages and expected.toml (run once; both outputs are committed).

Each case: file stem, HTML text, expectations {test: (status, reason, acceptable)}.
Written from the RGAA 4.1.2 text only (criteria, methods, glossary), not from the checks.
"""
from pathlib import Path

import cases_s3  # session-3 cases (keys are test ids); run this file as a script

HERE = Path(__file__).parent
T = "Demande d'acte de naissance - Mairie de Testville"


def page(body, head="", doctype="<!DOCTYPE html>", html='<html lang="fr">', title=T):
    t = f"<title>{title}</title>" if title is not None else ""
    return f'{doctype}\n{html}\n<head>\n<meta charset="utf-8">\n{t}\n{head}\n</head>\n<body>\n{body}\n</body>\n</html>\n'


P = "<main><h1>Demande d'acte</h1><p>Vous pouvez demander une copie intégrale de votre acte en ligne.</p></main>"
N = ["NT"]
CASES = []


def case(stem, html, **exp):
    CASES.append((stem, html, exp))


# ---- 8.1 doctype
case("8.1.1-doctype-lowercase-pass", page(P, doctype="<!doctype html>"),
     t811=("C", "the doctype keyword is case-insensitive: a lowercase doctype is present", N),
     t812=("C", "<!doctype html> is the valid HTML5 doctype whatever its case", N))
case("8.1.1-doctype-mixedcase-whitespace-pass", page(P, doctype="<!DocType   HTML  >"),
     t811=("C", "mixed case and extra blanks inside the doctype are allowed by the HTML syntax", N),
     t812=("C", "still the HTML5 doctype", N))
case("8.1.1-doctype-leading-blank-lines-pass", "\ufeff\n\n  " + page(P),
     t811=("C", "a BOM and blank lines before the doctype do not remove it", N))
case("8.1.1-doctype-missing-fail", page(P, doctype=""),
     t811=("NC", "no doctype at all: 8.1.1 requires one", []),
     t813=("NA", "no doctype declaration, so its position cannot be tested", N))
case("8.1.1-doctype-commented-out-fail", page(P, doctype="<!-- <!DOCTYPE html> -->"),
     t811=("NC", "a doctype inside a comment is not a doctype", []))
case("8.1.2-doctype-html401-strict-pass", page(P, doctype='<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN" "http://www.w3.org/TR/html4/strict.dtd">'),
     t811=("C", "a legacy doctype is still a doctype", N),
     t812=("C", "HTML 4.01 Strict is a valid doctype", N))
case("8.1.2-doctype-xhtml10-pass", page(P, doctype='<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">',
                                       html='<html xmlns="http://www.w3.org/1999/xhtml" lang="fr" xml:lang="fr">'),
     t812=("C", "XHTML 1.0 Strict is a valid doctype", N))
case("8.1.2-doctype-bogus-name-fail", page(P, doctype="<!DOCTYPE foo>"),
     t812=("NC", "'foo' is not a valid document type", []))
case("8.1.2-doctype-typo-fail", page(P, doctype="<!DOCTYPE hmtl>"),
     t812=("NC", "'hmtl' (typo) is not a valid document type", []))
case("8.1.2-doctype-svg-dtd-fail", page(P, doctype='<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">'),
     t812=("NC", "an SVG doctype is not a valid type for an HTML document", []))
case("8.1.3-doctype-after-html-fail", '<html lang="fr">\n<!DOCTYPE html>\n<head><meta charset="utf-8"><title>' + T + "</title></head><body>" + P + "</body></html>",
     t813=("NC", "the doctype appears after the <html> tag in the source (the parser drops it)", []))
case("8.1.3-doctype-after-comment-pass", "<!-- page générée le 2 décembre -->\n" + page(P),
     t811=("C", "a comment before the doctype is allowed; the doctype is present", N),
     t813=("C", "the doctype is still before <html>", N))
case("8.1.3-doctype-duplicated-in-body-fail", page("<!DOCTYPE html>" + P),
     t813=("NC", "a second doctype declaration sits in the body, not before <html>", []))

# ---- 8.5 / 8.6 title
case("8.5.1-title-missing-fail", page(P, title=None),
     t851=("NC", "no <title> element", []),
     t861=("NA", "no title, so its relevance is not applicable", N))
case("8.5.1-title-empty-fail", page(P, title=""),
     t851=("NC", "an empty <title> gives no page title", ["NT", "C"]),
     t861=("NC", "an empty title cannot be relevant (NA is fine if 8.5.1 already carries the failure)", ["NT", "NA"]))
case("8.5.1-title-whitespace-only-fail", page(P, title="  \n\t  "),
     t851=("NC", "a title made of blanks only gives no page title", ["NT", "C"]),
     t861=("NC", "a blank title cannot be relevant", ["NT", "NA"]))
case("8.5.1-title-svg-only-fail", page('<svg width="20" height="20" aria-hidden="true"><title>Accueil</title><circle cx="10" cy="10" r="8"/></svg>' + P, title=None),
     t851=("NC", "an SVG <title> is not the page title (document.title stays empty)", []))
case("8.5.1-title-in-body-fail", page('<title>' + T + '</title>' + P, title=None),
     t851=("NC", "the only <title> is in the body: the page has no title in its head (browsers may still show it)", N))
case("8.5.1-title-implicit-head-pass", '<!DOCTYPE html>\n<html lang="fr">\n<meta charset="utf-8">\n<title>' + T + "</title>\n" + P + "\n</html>\n",
     t851=("C", "head and body tags may be omitted: the title lands in the implied head", N))
case("8.5.1-title-set-by-script-pass", page(P + "<script>document.title = 'Demande d\\'acte de naissance - Mairie de Testville';</script>", title=None),
     t851=("C", "the generated source has a <title> created by script", N))
case("8.5.1-title-two-titles-fail", page(P, head="<title>Accueil</title>", title=""),
     t851=("NC", "two titles, the first (the one used) is empty", ["NT", "C"]),
     t861=("NC", "the title in effect is empty", ["NT", "NA"]))
case("8.6.1-title-generic-fail", page(P, title="Sans titre"),
     t851=("C", "a <title> is present", N),
     t861=("NC", "'Sans titre' does not tell the page's subject", N))

# ---- 8.3 / 8.4 / 8.7 / 8.8 language
case("8.3.1-lang-on-html-pass", page(P),
     t831=("C", "lang='fr' on <html>", N),
     t841=("C", "fr is valid and matches the French text", N))
case("8.3.1-lang-missing-fail", page(P, html="<html>"),
     t831=("NC", "no lang/xml:lang on html nor on any parent of the text", []),
     t841=("NA", "no default language, so its code is not applicable", N))
case("8.3.1-lang-empty-fail", page(P, html='<html lang="">'),
     t831=("NC", "lang='' declares an unknown language, i.e. no default language", N))
case("8.3.1-lang-on-head-and-body-pass", page(P, html="<html>").replace("<head>", '<head lang="fr">').replace("<body>", '<body lang="fr">'),
     t831=("C", "second condition: every text is inside an element with lang (head and body)", N))
case("8.3.1-lang-xmllang-only-pass", page(P, html='<html xml:lang="fr">'),
     t831=("C", "the criterion accepts lang and/or xml:lang on html (the method asks lang for HTML5: NC tolerated)", ["NT", "NC"]))
case("8.3.1-lang-xmllang-xhtml11-pass", page(P, doctype='<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.1//EN" "http://www.w3.org/TR/xhtml11/DTD/xhtml11.dtd">',
                                          html='<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="fr">'),
     t831=("C", "method: for XHTML 1.1 the default language is given by xml:lang on html", N))
case("8.4.1-lang-invalid-code-fail", page(P, html='<html lang="francais">'),
     t841=("NC", "'francais' is not a valid language code", []))
case("8.4.1-lang-underscore-fail", page(P, html='<html lang="fr_FR">'),
     t841=("NC", "'fr_FR' is not a valid BCP 47 code (underscore)", []))
case("8.4.1-lang-uppercase-region-pass", page(P, html='<html lang="FR-fr">'),
     t831=("C", "language given on html", N),
     t841=("C", "language tags are case-insensitive: FR-fr is valid French", N))
case("8.4.1-lang-wrong-language-fail", page(P, html='<html lang="en">'),
     t841=("NC", "valid code but not relevant: the text is French", N))
case("8.7.1-lang-change-marked-pass", page(P + '<p>Notre devise : <span lang="en">Leave no one behind</span>.</p>'),
     t871=("C", "the English passage carries lang='en'", N),
     t881=("C", "'en' is valid and relevant", N))
case("8.8.1-lang-change-invalid-code-fail", page(P + '<p>Notre devise : <span lang="anglais">Leave no one behind</span>.</p>'),
     t881=("NC", "'anglais' is not a valid language code", []))
case("8.10.2-dir-invalid-value-fail", page(P + '<p dir="right" lang="ar">مرحبا بكم في البلدية</p>'),
     t8102=("NC", "dir must be rtl or ltr, 'right' is not", []))

# ---- 8.2 generated source
case("8.2.1-duplicate-id-fail", page(P + '<p id="aide">Aide</p><p id="aide">Encore</p>'),
     t821=("NC", "two elements share id='aide'", []))
case("8.2.1-li-outside-list-fail", page(P + "<div><li>Premier</li><li>Second</li></div>"),
     t821=("NC", "li outside ul/ol/menu: wrong nesting", N))
case("8.2.1-duplicated-attribute-fail", page(P.replace("<h1>", '<h1 class="titre" class="grand">')),
     t821=("NC", "attribute doubled on one element in the source (the parser silently drops the second)", N))

# ---- 8.9 / 10.1 presentation
case("8.9.1-blockquote-for-indent-fail", page(P + "<blockquote><p>Pièces à fournir : une pièce d'identité.</p></blockquote>"),
     t891=("NC", "blockquote used only to indent a non-quotation", N))
case("8.9.1-br-for-spacing-fail", page(P + "<p>Horaires</p><br><br><br><br><p>Contact</p>"),
     t891=("NC", "a run of br used only to make vertical space", N))
case("10.1.1-font-element-fail", page(P + '<p><font color="red">Attention : délai de 10 jours.</font></p>'),
     t1011=("NC", "<font> is a presentation element", []))
case("10.1.1-center-element-fail", page(P + "<center>Mairie de Testville</center>"),
     t1011=("NC", "<center> is a presentation element", []))
case("10.1.1-font-added-by-script-fail", page(P + "<div id='z'></div><script>window.addEventListener('load',()=>setTimeout(()=>{document.getElementById('z').innerHTML='<font size=\"4\">Nouveau</font>'},300))</script>"),
     t1011=("NC", "<font> present in the generated source (added after load)", N))
case("10.1.1-u-in-html5-pass", page(P + "<p>Le mot <u>acte</u> est mal orthographié ici.</p>"),
     t1011=("C", "<u> is allowed when the doctype is HTML5 (method, step 2)", N))
case("10.1.1-u-in-html4-fail", page(P + "<p>Le mot <u>acte</u> est souligné.</p>", doctype='<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN" "http://www.w3.org/TR/html4/strict.dtd">'),
     t1011=("NC", "<u> is a presentation element when the doctype is not HTML5", N))
case("10.1.1-strike-uppercase-fail", page(P + "<P><STRIKE>10 €</STRIKE> gratuit</P>"),
     t1011=("NC", "<STRIKE> (any case) is a presentation element", []))
case("10.1.2-align-attribute-fail", page(P + '<p align="center">Horaires</p>'),
     t1012=("NC", "align is a presentation attribute", []))
case("10.1.2-bgcolor-body-fail", page(P).replace("<body>", '<body bgcolor="#ffffff">'),
     t1012=("NC", "bgcolor is a presentation attribute", []))
case("10.1.2-width-on-img-pass", page(P + '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="1" height="1" alt="">'),
     t1012=("C", "width/height are allowed on img", N))
case("10.1.2-width-on-div-fail", page(P + '<div width="300">Bloc</div>'),
     t1012=("NC", "width on a div is a presentation attribute", N))
case("10.1.2-size-on-select-pass", page(P + '<label for="s">Acte</label><select id="s" size="2"><option>Naissance</option><option>Mariage</option></select>'),
     t1012=("C", "size is allowed on select", N))

IMG = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='40' height='40'%3E%3Crect width='40' height='40' fill='%23036'/%3E%3C/svg%3E"
JS_IMG = IMG.replace("'", "%27")  # the same image inside a single-quoted script string
# ---- 1.1 / 1.2 images
case("1.1.1-img-no-alt-fail", page(P + f'<img src="{IMG}">'),
     t111=("NC", "img with no alternative of any kind", []))
case("1.1.1-img-title-only-pass", page(P + f'<img src="{IMG}" title="Logo de la mairie">'),
     t111=("C", "title is one of the alternatives RGAA accepts for img", N))
case("1.1.1-img-aria-labelledby-pass", page(P + f'<p id="lg">Plan du quartier</p><img src="{IMG}" aria-labelledby="lg">'),
     t111=("C", "aria-labelledby pointing to a text passage is an accepted alternative", N))
case("1.1.1-img-aria-labelledby-broken-fail", page(P + f'<img src="{IMG}" aria-labelledby="inexistant">'),
     t111=("NC", "aria-labelledby points to no element: no alternative", []))
case("1.1.1-role-img-no-name-fail", page(P + f'<div role="img" style="width:40px;height:40px;background:url(&quot;{IMG}&quot;)"></div>'),
     t111=("NC", "role=img without any accessible name", []))
case("1.1.1-role-img-aria-label-pass", page(P + f'<div role="img" aria-label="Carte de la commune" style="width:40px;height:40px;background:url(&quot;{IMG}&quot;)"></div>'),
     t111=("C", "role=img with aria-label", N))
case("1.1.1-img-added-after-load-fail", page(P + f"<div id='z'></div><script>window.addEventListener('load',()=>setTimeout(()=>{{const i=document.createElement('img');i.src=\"{JS_IMG}\";document.getElementById('z').append(i)}},400))</script>"),
     t111=("NC", "an img without alternative added by script after load is in the generated source", N))
case("1.1.1-img-in-shadow-dom-fail", page(P + f"<div id='h'></div><script>document.getElementById('h').attachShadow({{mode:'open'}}).innerHTML='<img src=\"{JS_IMG}\">'</script>"),
     t111=("NC", "img without alternative inside an open shadow root is rendered content", N))
case("1.1.1-img-offscreen-no-alt-fail", page(P + f'<div style="position:absolute;left:-9999px"><img src="{IMG}"></div>'),
     t111=("NC", "off-screen content is still read by assistive tech: the img lacks alt", N))
case("1.1.1-img-display-none-na", page(P + f'<div style="display:none"><img src="{IMG}"></div>'),
     t111=("NA", "the only img is display:none, hidden from everyone", ["NT", "C"]))
case("1.1.1-no-images-na", page(P),
     t111=("NA", "no img nor role=img on the page", N),
     t121=("NA", "no img on the page", N))
case("1.1.2-area-no-alt-fail", page(P + f'<img src="{IMG}" usemap="#m" alt="Plan"><map name="m"><area shape="rect" coords="0,0,20,20" href="/nord"></map>'),
     t112=("NC", "area with href and no alternative", []))
case("1.1.3-input-image-no-alt-fail", page(P + f'<form><input type="image" src="{IMG}"></form>'),
     t113=("NC", "input type=image without alternative", []))
case("1.1.3-input-image-aria-label-pass", page(P + f'<form><input type="image" src="{IMG}" aria-label="Rechercher"></form>'),
     t113=("C", "input type=image named by aria-label", N))
case("1.1.5-svg-title-no-role-fail", page(P + '<svg width="40" height="40"><title>Carte</title><rect width="40" height="40"/></svg>'),
     t115=("NC", "informative svg (it has a title) lacks role=img", N))
case("1.1.5-svg-role-img-labelledby-pass", page(P + '<svg role="img" aria-labelledby="st" width="40" height="40"><title id="st">Carte de la commune</title><rect width="40" height="40"/></svg>'),
     t115=("C", "svg with role=img and an alternative", N))
case("1.1.6-object-image-no-alt-fail", page(P + f'<object type="image/svg+xml" data="{IMG}" width="40" height="40"></object>'),
     t116=("NC", "object image with no role=img, no alternative, no adjacent link", N))
case("1.1.8-canvas-fallback-pass", page(P + '<canvas id="c" width="60" height="20">Fréquentation : 120 visiteurs en novembre</canvas><script>document.getElementById("c").getContext("2d").fillRect(0,0,60,20)</script>'),
     t118=("C", "alternative content between <canvas> and </canvas>", N))
case("1.2.1-img-alt-empty-pass", page(P + f'<img src="{IMG}" alt="">'),
     t121=("C", "decorative img with alt='' and no other alternative", N))
case("1.2.1-img-aria-hidden-pass", page(P + f'<img src="{IMG}" aria-hidden="true">'),
     t121=("C", "decorative img with aria-hidden=true (second condition)", N),
     t111=("NA", "the image is hidden from assistive tech, hence treated as decorative", ["NT"]))
case("1.2.1-img-role-presentation-pass", page(P + f'<img src="{IMG}" role="presentation">'),
     t121=("C", "decorative img with role=presentation (second condition)", N),
     t111=("NA", "role=presentation marks the image decorative", ["NT"]))
case("1.2.1-img-alt-empty-with-title-fail", page(P + f'<img src="{IMG}" alt="" title="Décor floral">'),
     t121=("NC", "alt='' but a title still gives an alternative", N))
case("1.2.1-css-background-decor-na", page(P.replace("<main>", f'<main style="background:url(&quot;{IMG}&quot;) no-repeat right top">')),
     t111=("NA", "decoration is a CSS background, no img element", N),
     t121=("NA", "no img element", N))
case("1.2.4-svg-aria-hidden-pass", page(P + '<svg aria-hidden="true" width="20" height="20"><path d="M0 0h20v20H0z"/></svg>'),
     t124=("C", "decorative svg aria-hidden, without title/desc", N))
case("1.2.4-svg-aria-hidden-with-title-fail", page(P + '<svg aria-hidden="true" width="20" height="20"><title>Flèche</title><path d="M0 0h20v20H0z"/></svg>'),
     t124=("NC", "decorative svg keeps a non-empty <title>", N))

# ---- 2.1 frames
case("2.1.1-iframe-no-title-fail", page(P + '<iframe srcdoc="<p>Carte</p>"></iframe>'),
     t211=("NC", "iframe without title attribute", []))
case("2.1.1-iframe-title-pass", page(P + '<iframe title="Carte interactive" srcdoc="<p>Carte</p>"></iframe>'),
     t211=("C", "iframe with title", N))
case("2.1.1-iframe-aria-label-only-fail", page(P + '<iframe aria-label="Carte interactive" srcdoc="<p>Carte</p>"></iframe>'),
     t211=("NC", "2.1.1 asks for a title attribute; aria-label is not one", N))
case("2.1.1-iframe-empty-title-fail", page(P + '<iframe title="" srcdoc="<p>Carte</p>"></iframe>'),
     t211=("NC", "an empty title is no frame title", ["NT"]))
case("2.1.1-iframe-added-by-script-fail", page(P + "<script>window.addEventListener('load',()=>setTimeout(()=>{const f=document.createElement('iframe');f.srcdoc='<p>x</p>';document.body.append(f)},300))</script>"),
     t211=("NC", "an untitled iframe added after load is in the generated source", N))
case("2.1.1-no-frames-na", page(P),
     t211=("NA", "no iframe or frame", N))
case("1.1.1-img-inside-iframe-fail", page(P + f'<iframe title="Encart" srcdoc="<img src=&quot;{IMG}&quot;>"></iframe>'),
     t111=("NC", "the framed document is part of the page: its img lacks alt", N))

# ---- 5 tables
TH = "<tr><th>Acte</th><th>Délai</th></tr><tr><td>Naissance</td><td>5 jours</td></tr><tr><td>Mariage</td><td>8 jours</td></tr>"
case("5.7.1-single-header-row-no-scope-pass", page(P + f"<table><caption>Délais</caption>{TH}</table>"),
     t561=("C", "column headers are th", N),
     t571=("C", "particular case: headers on one row only may be th without scope", N))
case("5.6.1-headers-as-bold-td-fail", page(P + "<table><caption>Délais</caption><tr><td><b>Acte</b></td><td><b>Délai</b></td></tr><tr><td>Naissance</td><td>5 jours</td></tr></table>"),
     t561=("NC", "column headers are td, not th/columnheader", N))
case("5.6.1-aria-table-columnheader-pass", page(P + '<div role="table" aria-label="Délais"><div role="row"><span role="columnheader">Acte</span><span role="columnheader">Délai</span></div><div role="row"><span role="cell">Naissance</span><span role="cell">5 jours</span></div></div>'),
     t561=("C", "column headers carry role=columnheader", N))
case("5.7.2-scope-invalid-fail", page(P + "<table><caption>Délais</caption><tr><th scope='column'>Acte</th><th scope='column'>Délai</th></tr><tr><th scope='row'>Naissance</th><td>5 jours</td></tr></table>"),
     t572=("NC", "scope='column' is neither col nor row", []))
case("5.7.2-scope-uppercase-pass", page(P + "<table><caption>Délais</caption><tr><td></td><th scope='COL'>Délai</th></tr><tr><th scope='ROW'>Naissance</th><td>5 jours</td></tr></table>"),
     t572=("C", "enumerated attribute values are case-insensitive in HTML", N))
case("5.7.4-headers-id-pass", page(P + "<table><caption>Tarifs</caption><tr><td></td><th id='a'>Adulte</th><th id='e'>Enfant</th></tr><tr><th id='p'>Piscine</th><td headers='p a'>4 €</td><td headers='p e'>2 €</td></tr></table>"),
     t574=("C", "each td lists the ids of its headers", N))
case("5.7.4-headers-wrong-id-fail", page(P + "<table><caption>Tarifs</caption><tr><td></td><th id='a'>Adulte</th><th id='e'>Enfant</th></tr><tr><th id='p'>Piscine</th><td headers='p adulte'>4 €</td><td headers='p e'>2 €</td></tr></table>"),
     t574=("NC", "headers cites 'adulte', an id that does not exist", N))
case("5.8.1-layout-table-with-th-fail", page(P + "<table role='presentation'><tr><th>Gauche</th><td>Droite</td></tr></table>"),
     t581=("NC", "a layout table (role=presentation) must not contain th", []))
case("5.8.1-layout-table-role-none-caption-fail", page(P + "<table role='none'><caption>Mise en page</caption><tr><td>Gauche</td><td>Droite</td></tr></table>"),
     t581=("NC", "role=none layout table with a caption", N))
case("5.3.1-layout-table-presentation-pass", page(P + "<table role='presentation'><tr><td>Horaires : 9h-17h</td><td>Téléphone : 01 00 00 00 00</td></tr></table>"),
     t531=("C", "layout table with role=presentation, linear reading makes sense", N),
     t581=("C", "no data-table element in the layout table", N))
case("5.x-no-tables-na", page(P),
     t531=("NA", "no table", N), t561=("NA", "no table", N), t571=("NA", "no table", N), t581=("NA", "no table", N))

# ---- 9.1 headings
case("9.1.1-role-heading-aria-level-pass", page("<main><h1>Demande d'acte</h1><div role='heading' aria-level='2'>Pièces à fournir</div><p>Une pièce d'identité.</p></main>"),
     t911=("C", "role=heading with aria-level is an accepted heading; h1 then level 2", N))
case("9.1.2-empty-heading-fail", page(P + "<h2></h2><p>Suite</p>"),
     t912=("NC", "an empty h2 has no relevant content", N))
case("9.1.2-heading-only-decorative-img-fail", page(P + f"<h2><img src='{IMG}' alt=''></h2><p>Suite</p>"),
     t912=("NC", "heading whose only content is a decorative image: empty for assistive tech", N))
case("9.1.1-no-headings-na", page("<main><p>Vous pouvez demander une copie intégrale de votre acte en ligne.</p></main>"),
     t911=("NA", "no heading at all on the page, so no hierarchy to judge", N),
     t912=("NA", "no heading", N))

# ---- 6.2 links
case("6.2.1-link-empty-fail", page(P + '<a href="/aide"></a>'),
     t621=("NC", "link with nothing between <a> and </a>", []))
case("6.2.1-link-image-no-alt-fail", page(P + f'<a href="/"><img src="{IMG}"></a>'),
     t621=("NC", "image link whose image has no alternative", []))
case("6.2.1-link-image-alt-pass", page(P + f'<a href="/"><img src="{IMG}" alt="Accueil"></a>'),
     t621=("C", "image link named by the image alt", N))
case("6.2.1-link-aria-label-svg-pass", page(P + '<a href="/" aria-label="Accueil"><svg aria-hidden="true" width="16" height="16"><path d="M0 0h16v16H0z"/></svg></a>'),
     t621=("C", "aria-label gives the link its name", N))
case("6.2.1-role-link-empty-fail", page(P + '<span role="link" tabindex="0" onclick="location.href=\'/\'"></span>'),
     t621=("NC", "role=link element without any name", N))
case("6.2.1-empty-link-in-hidden-na", page(P + '<div hidden><a href="/aide"></a></div>'),
     t621=("NA", "the only link is under hidden: not rendered, not applicable", ["NT", "C"]))
case("6.2.1-empty-link-offscreen-fail", page(P + '<a href="/aide" style="position:absolute;left:-10000px"></a>'),
     t621=("NC", "off-screen links stay in the tab order and accessibility tree", N))
case("6.2.1-no-links-na", page(P),
     t621=("NA", "no link on the page", N))

# ---- 12.6 landmarks
case("12.6.1-landmarks-pass", page('<header><p>Mairie de Testville</p></header><nav aria-label="Principale"><a href="/">Accueil</a></nav>' + P + "<footer><p>Mentions légales</p></footer>"),
     t1261=("C", "header, nav, main and footer each have their landmark", N))

# ---- 13.1 refresh / redirect
case("13.1.2-meta-redirect-delayed-fail", page(P, head='<meta http-equiv="refresh" content="30; url=https://example.test/nouvelle">'),
     t1312=("NC", "meta redirection after 30 s is not immediate", []))
case("13.1.2-meta-redirect-immediate-pass", page(P + '<p id="suite">Suite</p>', head='<meta http-equiv="refresh" content="0; url=#suite">'),
     t1312=("C", "redirection with a 0 delay is immediate", N))
case("13.1.1-meta-refresh-reload-fail", page(P, head='<meta http-equiv="refresh" content="60">'),
     t1311=("NC", "page reloads every 60 s with no user control", []))

# ---- 3.2 contrast
case("3.2.1-low-contrast-plain-fail", page(P + '<p style="color:#aaa;background:#fff;font-size:14px">Fermé le lundi.</p>'),
     t321=("NC", "#aaa on #fff at 14px is about 2.3:1, below 4.5:1", []))
case("3.2.1-good-contrast-pass", page(P.replace("<main>", '<main style="color:#222;background:#fff;font-size:16px">')),
     t321=("C", "#222 on white is far above 4.5:1", N))
case("3.2.1-text-over-gradient-fail", page(P + '<p style="color:#fff;font-size:14px;padding:8px;background:linear-gradient(90deg,#fff 0%,#fff 50%,#003 100%)">Inscriptions ouvertes jusqu\'au 15 janvier pour la cantine.</p>'),
     t321=("NC", "white text over the white half of the gradient is unreadable", N))
case("3.2.1-text-over-image-fail", page(P + "<p style=\"color:#fff;font-size:14px;padding:8px;background:url(&quot;data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='10' height='10'%3E%3Crect width='10' height='10' fill='%23ffffee'/%3E%3C/svg%3E&quot;)\">Réunion publique jeudi à 18 h.</p>"),
     t321=("NC", "white text over a near-white background image", N))
case("3.2.3-large-text-3to1-pass", page("<main><h1 style='font-size:28px;font-weight:normal;color:#888;background:#fff'>Demande d'acte</h1></main>"),
     t323=("C", "#888 on white is about 3.5:1, enough for 28px text", N))
# ---- second batch: spelling variants and hiding places
case("1.1.1-img-closed-shadow-fail", page(P + f"<div id='h'></div><script>document.getElementById('h').attachShadow({{mode:'closed'}}).innerHTML='<img src=\"{JS_IMG}\">'</script>"),
     t111=("NC", "img without alternative in a closed shadow root is still rendered and announced", N))
case("1.1.1-img-empty-aria-label-fail", page(P + f'<img src="{IMG}" aria-label="">'),
     t111=("NC", "an empty aria-label is no alternative and there is no alt", []))
case("2.1.1-iframe-title-blank-fail", page(P + '<iframe title="   " srcdoc="<p>Carte</p>"></iframe>'),
     t211=("NC", "a title made of blanks gives no frame title", ["NT"]))
case("2.1.1-frameset-frame-no-title-fail", '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Frameset//EN" "http://www.w3.org/TR/html4/frameset.dtd">\n<html lang="fr"><head><meta charset="utf-8"><title>' + T + '</title></head><frameset cols="50%,50%"><frame src="about:blank"><frame src="about:blank" title="Contenu"></frameset></html>\n',
     t211=("NC", "a <frame> without title", N))
case("6.2.1-link-nbsp-only-fail", page(P + '<a href="/aide">&nbsp;</a>'),
     t621=("NC", "a link holding only a no-break space has no label", []))
case("6.2.1-link-content-aria-hidden-fail", page(P + '<a href="/aide"><span aria-hidden="true">Aide</span></a>'),
     t621=("NC", "the only text is aria-hidden: the link has no accessible label", N))
case("10.1.1-marquee-fail", page(P + "<marquee>Fermeture exceptionnelle vendredi</marquee>"),
     t1011=("NC", "<marquee> is a presentation element", []))
case("10.1.1-tt-big-fail", page(P + "<p><tt>Code : 1234</tt> <big>important</big></p>"),
     t1011=("NC", "<tt> and <big> are presentation elements", []))
case("10.1.2-valign-border-table-fail", page(P + '<table border="1"><caption>Délais</caption><tr><th>Acte</th></tr><tr><td valign="top">Naissance</td></tr></table>'),
     t1012=("NC", "border and valign are presentation attributes", []))
case("13.1.2-meta-redirect-uppercase-fail", page(P, head='<META HTTP-EQUIV="Refresh" CONTENT="20;URL=https://example.test/nouvelle">'),
     t1312=("NC", "uppercase spelling: still a meta redirection after 20 s", []))
case("8.3.1-lang-set-by-script-pass", page(P + "<script>document.documentElement.lang='fr'</script>", html="<html>"),
     t831=("C", "the generated source carries lang='fr' on html", N))
case("5.8.1-layout-table-td-scope-fail", page(P + "<table role='presentation'><tr><td scope='row'>Gauche</td><td headers='x'>Droite</td></tr></table>"),
     t581=("NC", "layout table cells carry scope/headers", []))
case("1.2.1-img-hidden-via-css-decor-na", page(P + f'<img src="{IMG}" style="display:none" alt="Décor">'),
     t121=("NA", "the img is display:none, out of reach of everyone", ["NT", "C"]))


S3 = cases_s3.build(page, P, IMG, JS_IMG, N)
S3_STEMS = {stem for stem, _, _ in S3}
CASES.extend(S3)


def key_to_test(k):
    # 't811' -> '8.1.1' ; 't1011' -> '10.1.1'; 't8102' -> '8.10.2'; 't1261' -> '12.6.1'; 't1312' -> '13.1.2'
    special = {"t8102": "8.10.2", "t1011": "10.1.1", "t1012": "10.1.2", "t1261": "12.6.1", "t1311": "13.1.1", "t1312": "13.1.2"}
    if k in special:
        return special[k]
    d = k[1:]
    return f"{d[0]}.{d[1]}.{d[2:]}"


def main():
    out = HERE / "pages"
    out.mkdir(exist_ok=True)
    lines = ["# Expected verdicts of the red-team pages (URL-independent).",
             "# status: what the RGAA 4.1.2 method requires; acceptable: other answers that are not wrong",
             "# (NT never claims anything). Generated by build_pages.py.", ""]
    for stem, html, exp in CASES:
        # a trailing comment keeps look-alike pages distinct (the tool skips identical content)
        (out / f"{stem}.html").write_text(html + f"<!-- red-team case {stem} -->\n", encoding="utf-8")
        for k, (st, why, acc) in exp.items():
            lines.append("[[page]]")
            lines.append(f'file = "{stem}.html"')
            lines.append(f'test = "{key_to_test(k) if k.startswith("t") else k}"')
            lines.append(f'status = "{st}"')
            lines.append('reason = "' + why.replace('\\', '\\\\').replace('"', '\\"') + '"')
            if acc:
                lines.append("acceptable = [" + ", ".join(f'"{a}"' for a in acc) + "]")
            if stem in S3_STEMS:
                lines.append('batch = "s3"')
            lines.append("")
    (HERE / "expected.toml").write_text("\n".join(lines), encoding="utf-8")
    print(len(CASES), "pages")


if __name__ == "__main__":
    main()
