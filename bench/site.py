"""Generate a deterministic static site of N pages for the benchmark.

The site looks like a small public portal: a home page, a paginated list of all
pages, content pages with a nav menu, breadcrumb, headings, paragraphs, images,
a data table, a form and a footer. Every page is reachable breadth-first from the
home page (home -> list pages -> content pages; each content page also links to a
few others). A few ordinary accessibility defects are planted so that both tools
have something to report.

Run alone: `python bench/site.py --pages 200 --out bench/site/n200`.
"""

from __future__ import annotations

import argparse
import math
import random
import shutil
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / "site"
DEMO_IMAGES = HERE.parent / "rgaa_audit" / "demo" / "site" / "img"
SHARED_JPEGS = ("accueil-village.jpg", "actu-marche.jpg", "actu-piscine.jpg", "actu-travaux.jpg")
PER_LIST_PAGE = 20
SUBMENU_LINKS = 5
DEFAULT_SEED = 4121

WORD_TEXT = (
    "mairie commune service public démarche habitant conseil municipal délibération budget "
    "école cantine inscription permis construire urbanisme voirie travaux quartier "
    "associations culture sport bibliothèque piscine marché environnement déchets collecte "
    "tri recyclage eau assainissement transport horaires accueil guichet rendez-vous état "
    "civil naissance mariage décès recensement élections liste électorale carte identité "
    "passeport logement social solidarité aînés jeunesse petite enfance crèche périscolaire "
    "patrimoine tourisme événement fête concert exposition réunion publique projet "
    "aménagement espace vert sécurité police stationnement circulation vélo piéton "
    "accessibilité numérique formulaire téléservice justificatif dossier demande délai "
    "tarif gratuit réservation salle location document attestation "
    "la le les des du de un une et en pour avec sur dans par au aux est sont"
)
WORDS = tuple(WORD_TEXT.split())

SECTIONS = ("Démarches", "Vie municipale", "Enfance", "Culture", "Environnement", "Solidarité")
FOOTER = ("Mentions légales", "Accessibilité", "Plan du site", "Données personnelles",
          "Contact", "Presse", "Marchés publics", "Emploi")

CSS = """body{font-family:system-ui,sans-serif;margin:0;color:#1e1e1e;line-height:1.5}
header,footer{background:#000091;color:#fff;padding:1rem}
header a,footer a{color:#fff}
nav ul{display:flex;flex-wrap:wrap;gap:1rem;list-style:none;padding:0}
main{max-width:60rem;margin:auto;padding:1rem}
table{border-collapse:collapse}th,td{border:1px solid #666;padding:.3rem}
figure{margin:1rem 0}img{max-width:100%;height:auto}
.faint{color:#aaa}
form div{margin:.5rem 0}
"""

JS = """document.addEventListener('DOMContentLoaded',function(){
  var b=document.querySelector('[data-toggle]');
  if(b){b.addEventListener('click',function(){
    var m=document.getElementById(b.getAttribute('aria-controls'));
    var open=b.getAttribute('aria-expanded')==='true';
    b.setAttribute('aria-expanded',String(!open));m.hidden=open;});}
});
"""


@dataclass(frozen=True)
class SiteLayout:
    """Which files make the site: the list pages and the content pages (paths from the root)."""

    list_pages: tuple[str, ...]
    content_pages: tuple[str, ...]

    @property
    def pages(self) -> tuple[str, ...]:
        """Every HTML page, home first ("" is the home page, served at /)."""
        return ("", *self.list_pages, *self.content_pages)


def layout(pages: int) -> SiteLayout:
    """Split `pages` (home included) into list pages and content pages."""
    if pages < 3:
        raise ValueError("at least 3 pages: home, one list page, one content page")
    lists = math.ceil((pages - 1) / (PER_LIST_PAGE + 1))
    content = pages - 1 - lists
    return SiteLayout(
        tuple(f"liste/{i}.html" for i in range(1, lists + 1)),
        tuple(f"pages/p{i:05d}.html" for i in range(1, content + 1)),
    )


def png(width: int, height: int, rng: random.Random) -> bytes:
    """A small RGB PNG: a gradient with random blocks (so it does not compress to nothing)."""
    base = [rng.randrange(256) for _ in range(3)]
    blocks = [(rng.randrange(width), rng.randrange(height), rng.randrange(8, 32),
               [rng.randrange(256) for _ in range(3)]) for _ in range(12)]
    noise = random.Random(rng.random())
    rows = bytearray()
    for y in range(height):
        rows.append(0)
        for x in range(width):
            colour = [(base[c] + x * (c + 1) + y * (3 - c)) % 256 for c in range(3)]
            for bx, by, size, block_colour in blocks:
                if bx <= x < bx + size and by <= y < by + size:
                    colour = block_colour
            rows.extend((v + noise.randrange(8)) % 256 for v in colour)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(bytes(rows), 9)) + chunk(b"IEND", b""))


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random) -> str:
    return " ".join(sentence(rng, rng.randint(8, 18)) for _ in range(rng.randint(4, 8)))


def title_of(rng: random.Random) -> str:
    return sentence(rng, rng.randint(3, 6))[:-1]


def href(path: str) -> str:
    return "/" + path


def shell(title: str, body: str, nav: str, footer: str, crumb: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} - Commune de Bancville</title>
<link rel="stylesheet" href="/css/site.css">
<script src="/js/site.js" defer></script>
</head>
<body>
<a href="#contenu">Aller au contenu</a>
<header role="banner">
<a href="/"><img src="/img/logo.png" alt="Commune de Bancville, accueil" width="96" height="48"></a>
<button type="button" data-toggle aria-expanded="true" aria-controls="menu">Menu</button>
{nav}
</header>
<nav aria-label="Fil d'Ariane"><ol>{crumb}</ol></nav>
<main id="contenu" role="main">
{body}
</main>
{footer}
</body>
</html>
"""


def nav_menu(section_pages: list[list[str]]) -> str:
    """Main menu: home, the page list, and one sub-menu of links per section."""
    items = ['<li><a href="/">Accueil</a></li>',
             '<li><a href="/liste/1.html">Toutes les pages</a></li>']
    for number, (name, paths) in enumerate(zip(SECTIONS, section_pages, strict=True)):
        links = "".join(f'<li><a href="{href(p)}">{name} : rubrique {i}</a></li>'
                        for i, p in enumerate(paths, start=1))
        items.append(f'<li><a href="{href(paths[0])}">{name}</a>'
                     f'<ul id="sous-menu-{number}">{links}</ul></li>')
    return '<nav id="menu" aria-label="Menu principal"><ul>' + "".join(items) + "</ul></nav>"


def footer_links(footer_pages: list[str]) -> str:
    items = "".join(f'<li><a href="{href(p)}">{name}</a></li>'
                    for name, p in zip(FOOTER, footer_pages, strict=True))
    return (f'<footer role="contentinfo"><ul>{items}</ul>'
            "<p>Commune de Bancville, 1 place de la Mairie. "
            "Téléphone : 01 23 45 67 89.</p></footer>")


def data_table(rng: random.Random) -> str:
    head = "".join(f'<th scope="col">{h}</th>' for h in
                   ("Service", "Jour", "Ouverture", "Fermeture", "Téléphone"))
    rows = []
    for _ in range(rng.randint(8, 15)):
        hour = rng.randint(7, 10)
        rows.append(f'<tr><th scope="row">{title_of(rng)}</th>'
                    f"<td>{rng.choice(('lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi'))}</td>"
                    f"<td>{hour} h 00</td><td>{hour + rng.randint(3, 9)} h 30</td>"
                    f"<td>01 23 {rng.randint(10, 99)} {rng.randint(10, 99)} "
                    f"{rng.randint(10, 99)}</td></tr>")
    return (f"<table><caption>Horaires des services</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")


def form(rng: random.Random, number: int, defect: bool) -> str:
    phone = ('<div><input type="tel" name="tel" placeholder="Téléphone"></div>' if defect else
             '<div><label for="tel">Téléphone</label>'
             '<input type="tel" id="tel" name="tel" autocomplete="tel"></div>')
    options = "".join(f"<option>{title_of(rng)}</option>" for _ in range(5))
    return f"""<form action="/pages/p{number:05d}.html" method="get">
<h2>Nous écrire</h2>
<div><label for="nom">Nom (obligatoire)</label>
<input type="text" id="nom" name="nom" required autocomplete="family-name"></div>
<div><label for="courriel">Courriel (obligatoire)</label>
<input type="email" id="courriel" name="courriel" required autocomplete="email"></div>
{phone}
<div><label for="sujet">Sujet</label><select id="sujet" name="sujet">{options}</select></div>
<fieldset><legend>Vous êtes</legend>
<input type="radio" id="r1" name="profil" value="habitant"><label for="r1">Habitant</label>
<input type="radio" id="r2" name="profil" value="pro"><label for="r2">Professionnel</label>
</fieldset>
<div><label for="msg">Message</label><textarea id="msg" name="msg" rows="5"></textarea></div>
<button type="submit">Envoyer</button>
</form>"""


def content_page(rng: random.Random, index: int, title: str, others: list[tuple[str, str]],
                 own_image: str | None) -> str:
    """Main content of one content page; `index` picks which blocks and defects it has."""
    parts = [f"<h1>{title}</h1>", f"<p>{paragraph(rng)}</p>"]
    shared = SHARED_JPEGS[index % len(SHARED_JPEGS)]
    alt = "" if index % 7 == 0 else f' alt="{title_of(rng)}"'  # planted: missing alt
    parts.append(f'<figure><img src="/img/{shared}"{alt} width="320" height="213">'
                 f"<figcaption>{title_of(rng)}</figcaption></figure>")
    for _section in range(rng.randint(4, 7)):
        parts.append(f"<h2>{title_of(rng)}</h2>")
        for _ in range(rng.randint(1, 4)):
            parts.append(f"<p>{paragraph(rng)}</p>")
        if rng.random() < 0.4:
            parts.append(f"<h3>{title_of(rng)}</h3><ul>"
                         + "".join(f"<li>{sentence(rng, 6)}</li>" for _ in range(rng.randint(3, 6)))
                         + "</ul>")
    if own_image:
        parts.append(f'<p><img src="/{own_image}" alt="Illustration : {title_of(rng)}" '
                     'width="160" height="120"></p>')
    if index % 2 == 0:
        parts.append(data_table(rng))
    if index % 3 == 0:
        parts.append(form(rng, index, defect=index % 9 == 0))
    if index % 11 == 0:
        parts.append(f'<p class="faint">{sentence(rng, 12)}</p>')  # planted: low contrast
    links = "".join(f'<li><a href="{href(p)}">{t}</a></li>' for p, t in others)
    parts.append(f"<h2>Voir aussi</h2><ul>{links}</ul>")
    return "\n".join(parts)


def list_page(number: int, count: int, entries: list[tuple[str, str]]) -> str:
    items = "".join(f'<li><a href="{href(p)}">{t}</a></li>' for p, t in entries)
    pager = []
    if number > 1:
        pager.append(f'<li><a href="/liste/{number - 1}.html">Page précédente</a></li>')
    if number < count:
        pager.append(f'<li><a href="/liste/{number + 1}.html">Page suivante</a></li>')
    return (f"<h1>Toutes les pages (page {number} sur {count})</h1><ul>{items}</ul>"
            f'<nav aria-label="Pagination"><ul>{"".join(pager)}</ul></nav>')


def build_site(out: Path, pages: int = 200, seed: int = DEFAULT_SEED) -> SiteLayout:
    """Write a site of exactly `pages` HTML pages into `out` (emptied first)."""
    site = layout(pages)
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    for folder in ("css", "js", "img", "liste", "pages"):
        (out / folder).mkdir(parents=True)
    (out / "css" / "site.css").write_text(CSS, encoding="utf-8")
    (out / "js" / "site.js").write_text(JS, encoding="utf-8")
    (out / "img" / "logo.png").write_bytes(png(96, 48, rng))
    for name in SHARED_JPEGS:
        shutil.copyfile(DEMO_IMAGES / name, out / "img" / name)

    content = list(site.content_pages)
    titles = {p: title_of(rng) for p in content}
    per_section = SUBMENU_LINKS
    section_pages = [[content[(s * per_section + i) % len(content)] for i in range(per_section)]
                     for s in range(len(SECTIONS))]
    footer_pages = [content[-1 - i % len(content)] for i in range(len(FOOTER))]
    nav = nav_menu(section_pages)
    foot = footer_links(footer_pages)

    home = ("<h1>Bienvenue sur le site de la commune</h1>"
            f"<p>{paragraph(rng)}</p>"
            f'<figure><img src="/img/{SHARED_JPEGS[0]}" alt="Vue du village" width="320" '
            f'height="213"></figure><h2>À la une</h2><ul>'
            + "".join(f'<li><a href="{href(p)}">{titles[p]}</a></li>' for p in content[:8])
            + '</ul><p><a href="/liste/1.html">Toutes les pages du site</a></p>')
    (out / "index.html").write_text(
        shell("Accueil", home, nav, foot, '<li aria-current="page">Accueil</li>'), encoding="utf-8")

    for number, path in enumerate(site.list_pages, start=1):
        entries = [(p, titles[p]) for p in
                   content[(number - 1) * PER_LIST_PAGE:number * PER_LIST_PAGE]]
        crumb = '<li><a href="/">Accueil</a></li><li aria-current="page">Toutes les pages</li>'
        (out / path).write_text(
            shell(f"Toutes les pages, page {number}",
                  list_page(number, len(site.list_pages), entries), nav, foot, crumb),
            encoding="utf-8")

    for index, path in enumerate(content, start=1):
        own_image = None
        if index % 4 == 1:
            own_image = f"img/illustration-{index:05d}.png"
            (out / own_image).write_bytes(png(160, 120, rng))
        others = [(p, titles[p]) for p in rng.sample(content, min(4, len(content)))]
        crumb = ('<li><a href="/">Accueil</a></li><li><a href="/liste/1.html">Toutes les pages'
                 f'</a></li><li aria-current="page">{titles[path]}</li>')
        body = content_page(rng, index, titles[path], others, own_image)
        (out / path).write_text(shell(titles[path], body, nav, foot, crumb), encoding="utf-8")

    return site


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    site = build_site(args.out, args.pages, args.seed)
    print(f"{len(site.pages)} pages written to {args.out}")


if __name__ == "__main__":
    main()
