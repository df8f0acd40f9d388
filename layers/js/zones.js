/*
 * Contested zones as they stood in the selected years, with their labels.
 *
 * Each zone record applies from t0 to t1 (ISO dates; null: since before the record, or
 * still in force); the versions of a zone that changed shape share a family. For a year
 * range the map shows, per family, the latest version in force at some time in the range,
 * and the legend says when a shown zone came into force inside the range (an analyst must
 * not read a 2013 ADIZ onto a 2012 exercise). Labels are text (never HTML), in the zone
 * type's colour, shown from opts.labelZoom in.
 * Globals: JointMap.zonesInYears, JointMap.zoneTime; window.jmZoneYears(lo, hi) (called by
 * ui/js/years_bridge.js); state window.jmZoneState (see layers/js/README.md).
 */
var JointMap = window.JointMap = window.JointMap || {};

/*
 * zones: [{family, label, t0, t1}]; lo, hi: years (null: every year). Returns {shown:
 * [bool per zone], notes: [text]}.
 */
JointMap.zonesInYears = function (zones, lo, hi) {
    var start = lo === null ? '0000-01-01' : lo + '-01-01';
    var end = hi === null ? '9999-12-31' : hi + '-12-31';
    var best = {};
    zones.forEach(function (z, i) {
        if ((z.t0 && z.t0 > end) || (z.t1 && z.t1 < start)) { return; }
        var b = best[z.family];
        if (b === undefined || (zones[b].t0 || '') < (z.t0 || '')) { best[z.family] = i; }
    });
    var shown = zones.map(function (z, i) { return best[z.family] === i; });
    var notes = [];
    if (lo !== null) {
        zones.forEach(function (z, i) {
            if (!shown[i] || !z.drawn || !z.t0 || z.t0 <= start) { return; }
            var earlier = zones.filter(function (o, k) {
                return k !== i && o.family === z.family && (!o.t1 || o.t1 >= start) &&
                    (!o.t0 || o.t0 <= end);
            });
            notes.push(earlier.length ? z.label + ': the shape in force from ' + z.t0 + ' is shown'
                : z.label + ': in force only from ' + z.t0);
        });
    }
    return {shown: shown, notes: notes};
};

/* Show `layer`'s zones (features carry zi, an index into opts.zones) for a year range. */
JointMap.zoneTime = function (map, layer, opts) {
    var zones = opts.zones, items = [], labels = [], state = {lo: null, hi: null, notes: []};
    layer.eachLayer(function (l) { if (l.feature) { items.push(l); } });
    zones.forEach(function (z, i) {
        if (!z.drawn) { labels.push(null); return; }
        var el = document.createElement('div');
        el.textContent = z.label;  // text, never HTML
        el.style.color = z.color;
        if (z.below) { el.className = 'jm-below'; }
        labels.push(L.marker([z.lat, z.lon], {
            icon: L.divIcon({className: 'jm-zone-label', html: el, iconSize: null}),
            interactive: false, keyboard: false
        }).addTo(map));
    });
    function renderNotes() {
        document.querySelectorAll('.jm-legend .jm-zone-notes').forEach(function (box) {
            box.textContent = '';
            state.notes.forEach(function (text) {
                var row = document.createElement('div');
                row.textContent = text;
                box.appendChild(row);
            });
            box.style.display = state.notes.length ? '' : 'none';
        });
    }
    function apply(lo, hi) {
        var got = JointMap.zonesInYears(zones, lo, hi);
        items.forEach(function (l) {
            var v = got.shown[l.feature.properties.zi];
            if (v !== (l.jmShown !== false)) {
                if (v) { layer.addLayer(l); } else { layer.removeLayer(l); }
                l.jmShown = v;
            }
        });
        labels.forEach(function (m, i) {
            if (!m) { return; }
            if (got.shown[i] && !map.hasLayer(m)) { m.addTo(map); }
            if (!got.shown[i] && map.hasLayer(m)) { m.remove(); }
        });
        state = {lo: lo, hi: hi, notes: got.notes,
                 shown: zones.filter(function (z, i) { return got.shown[i] && z.drawn; })
                     .map(function (z) { return z.label; })};
        window.jmZoneState = state;
        renderNotes();
    }
    function zoomed() {
        map.getContainer().classList.toggle('jm-labels-off', map.getZoom() < opts.labelZoom);
    }
    map.on('zoomend', zoomed);
    zoomed();
    window.addEventListener('jm-control', renderNotes);  // the legend may come later
    window.jmZoneYears = apply;
    var years = opts.years || (window.parent !== window && window.parent.__jmYears) || null;
    if (years) { apply(years[0], years[1]); } else { apply(null, null); }
};
