/*
 * Place names on the live map (the gazetteer, data/labels.geojson) and route marks.
 *
 * Labels are text (never HTML) with a halo, shown from their zoom, most important first, and
 * only where they overlap no other label, no zone label and no map control (legend,
 * caption, playback): placement is measured in the page on every zoom and pan. Route marks
 * are direction arrows and start and end marks, drawn as small SVG icons.
 * Globals: JointMap.placeLabels, JointMap.routeMark; state window.jmPlaces (see
 * layers/js/README.md).
 */
var JointMap = window.JointMap = window.JointMap || {};

JointMap.placeLabels = function (map, labels) {
    var markers = labels.map(function (lab) {
        var el = document.createElement('div');
        el.textContent = lab.text;  // text, never HTML
        el.className = 'jm-place jm-place-' + lab.type;
        var m = L.marker([lab.lat, lab.lon], {
            icon: L.divIcon({className: 'jm-place-icon', html: el, iconSize: null}),
            interactive: false, keyboard: false
        });
        m.jmLabel = lab;
        return m;
    });
    function overlaps(a, b) {
        return !(a.right + 2 <= b.left || b.right + 2 <= a.left ||
                 a.bottom + 2 <= b.top || b.bottom + 2 <= a.top);
    }
    function place() {
        var zoom = map.getZoom(), view = map.getBounds().pad(0.05), placed = [];
        var frame = map.getContainer().getBoundingClientRect();
        map.getContainer().querySelectorAll('.leaflet-control, .jm-zone-label div')
            .forEach(function (el) {
                var r = el.getBoundingClientRect();
                if (r.width && r.height) { placed.push(r); }
            });
        var shown = [];
        markers.forEach(function (m) {
            var lab = m.jmLabel;
            var want = lab.zoom <= zoom + 0.01 && zoom < lab.top + 1 &&
                view.contains(m.getLatLng());
            if (!want) { if (map.hasLayer(m)) { m.remove(); } return; }
            if (!map.hasLayer(m)) { m.addTo(map); }
            var el = m.getElement() && m.getElement().firstChild;
            if (!el) { return; }
            el.style.visibility = 'hidden';
            var r = el.getBoundingClientRect();
            var inside = r.left >= frame.left && r.right <= frame.right &&
                r.top >= frame.top && r.bottom <= frame.bottom;
            if (!inside || placed.some(function (p) { return overlaps(r, p); })) { return; }
            el.style.visibility = '';
            placed.push(r);
            shown.push(lab.text);
        });
        window.jmPlaces = {zoom: zoom, shown: shown};
    }
    var timer = null;
    function later() { clearTimeout(timer); timer = setTimeout(place, 60); }
    map.on('zoomend moveend resize', later);
    window.addEventListener('jm-control', later);  // the legend takes its corner first
    later();
};

/* A route mark: an arrow along `heading` (degrees, clockwise from east), or a start ring or
   an end bar, in `colour`. */
JointMap.routeMark = function (latlng, mark, heading, colour) {
    var svg;
    if (mark === 'arrow') {
        svg = '<svg width="16" height="16" viewBox="-8 -8 16 16" style="transform:rotate(' +
            heading + 'deg)"><polygon points="7,0 -5,-5.5 -2,0 -5,5.5" fill="' + colour +
            '" stroke="#fff" stroke-width="1"/></svg>';
    } else if (mark === 'start') {
        svg = '<svg width="12" height="12" viewBox="-6 -6 12 12"><circle r="4" fill="#fff" ' +
            'stroke="' + colour + '" stroke-width="2"/></svg>';
    } else {
        svg = '<svg width="14" height="14" viewBox="-7 -7 14 14" style="transform:rotate(' +
            heading + 'deg)"><line x1="0" y1="-5.5" x2="0" y2="5.5" stroke="' + colour +
            '" stroke-width="3" stroke-linecap="round"/></svg>';
    }
    var size = mark === 'arrow' ? 16 : mark === 'start' ? 12 : 14;
    return L.marker(latlng, {
        icon: L.divIcon({className: 'jm-mark', html: svg, iconSize: [size, size]}),
        interactive: false, keyboard: false
    });
};
