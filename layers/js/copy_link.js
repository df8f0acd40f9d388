/*
 * The "copy link" button: the page's URL (which carries the filters) plus
 * map=lat,lng,zoom of the current view, copied to the clipboard (or shown for copying) and
 * kept in window.jmLastLink. The map frame is same-origin with the app page, so it reads
 * the parent's URL. Global: JointMap.copyLink.
 */
var JointMap = window.JointMap = window.JointMap || {};

JointMap.copyLink = function (map) {
    // a chain-link icon drawn in SVG: no emoji font needed
    var ICON = '<svg width="16" height="16" viewBox="0 0 24 24" style="margin-top:7px"' +
        ' fill="none" stroke="#333" stroke-width="2.2" stroke-linecap="round">' +
        '<path d="M10 14a5 5 0 0 0 7 0l3-3a5 5 0 0 0-7-7l-1 1"/>' +
        '<path d="M14 10a5 5 0 0 0-7 0l-3 3a5 5 0 0 0 7 7l1-1"/></svg>';
    var ctl = L.control({position: 'topleft'});
    ctl.onAdd = function () {
        var div = L.DomUtil.create('div', 'leaflet-bar jm-link');
        var a = L.DomUtil.create('a', '', div);
        a.href = '#'; a.title = 'Copy a link to this view'; a.innerHTML = ICON;
        a.setAttribute('role', 'button'); a.setAttribute('aria-label', a.title);
        L.DomEvent.on(a, 'click', function (e) {
            L.DomEvent.preventDefault(e); L.DomEvent.stopPropagation(e);
            var top = window.parent || window;
            var url = new URL(top.location.href);
            var c = map.getCenter();
            url.searchParams.set('map', c.lat.toFixed(3) + ',' + c.lng.toFixed(3) + ',' +
                                 map.getZoom());
            var text = url.toString();
            window.jmLastLink = text;
            var done = function () {
                a.innerHTML = '<b style="font:bold 15px sans-serif">&#10003;</b>';
                setTimeout(function () { a.innerHTML = ICON; }, 1500);
            };
            if (navigator.clipboard && window.isSecureContext) {
                navigator.clipboard.writeText(text).then(done, done);
            } else { done(); }
        });
        return div;
    };
    ctl.addTo(map);
    return ctl;
};
