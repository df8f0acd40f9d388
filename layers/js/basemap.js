/*
 * The land, coarse or fine by zoom.
 *
 * The 1:50m countries are drawn at every zoom; from opts.detailZoom in, where the record's
 * routes run, a sea-coloured patch covers them and the 1:10m coast is drawn on it, so a
 * strait's channels, Tsushima and St. Lawrence Island appear as the routes were built
 * around them. Both sit in panes under every other layer and catch no clicks.
 * Globals: JointMap.basemap(map, opts); state window.jmBasemap ({detail: bool}).
 */
var JointMap = window.JointMap = window.JointMap || {};

JointMap.basemap = function (map, opts) {
    function pane(name, z) {
        var p = map.getPane(name) || map.createPane(name);
        p.style.zIndex = z;
        p.style.pointerEvents = 'none';
        return name;
    }
    var land = L.geoJson(opts.land, {
        pane: pane('jmLand', 250), style: opts.style, interactive: false, smoothFactor: 1.0
    }).addTo(map);
    var detail = L.layerGroup([
        L.geoJson(opts.area, {
            pane: pane('jmDetail', 260), interactive: false,
            style: {stroke: false, fillColor: opts.sea, fillOpacity: 1.0}
        }),
        L.geoJson(opts.fine, {
            pane: 'jmDetail', style: opts.style, interactive: false, smoothFactor: 1.0
        })
    ]);
    window.jmBasemap = {detail: false};
    function update() {
        var want = map.getZoom() >= opts.detailZoom;
        if (want === window.jmBasemap.detail) { return; }
        if (want) { detail.addTo(map); } else { map.removeLayer(detail); }
        window.jmBasemap.detail = want;
    }
    if (opts.fine && opts.fine.features.length) {
        map.on('zoomend', update);
        update();
    }
    return land;
};
