/*
 * A large payload fetched from the app's own server (same origin, offline) instead of
 * riding in the map script: Streamlit and st_folium then move kilobytes per rerun, not
 * megabytes. Until the data arrives the layer is a placeholder offering
 * jmWhenReady(callback); a failure is shown on the map and kept in window.jmDenseError.
 */
var JointMap = window.JointMap = window.JointMap || {};

JointMap.fetchLayer = function (build, map, group, url, opts) {
    var pending = [], note = L.DomUtil.create('div', 'jm-loading', map.getContainer());
    note.style.cssText = 'position:absolute;top:12px;left:60px;z-index:1000;background:#fff;' +
        'padding:4px 10px;border-radius:4px;font:14px sans-serif;box-shadow:0 1px 4px #0004';
    note.textContent = 'Loading events…';
    var base = location.pathname.split('/component/')[0].replace(/\/$/, '');
    fetch(base + '/' + url).then(function(r) {
        if (!r.ok) { throw new Error('HTTP ' + r.status + ' for ' + url); }
        return r.json();
    }).then(function(d) {
        var layer = build(map, group, d, opts);
        note.remove();
        pending.forEach(function(cb) { cb(layer); });
    }).catch(function(e) {
        note.textContent = 'Events could not be loaded: ' + e.message;
        window.jmDenseError = e.message;
    });
    return {jmWhenReady: function(cb) { pending.push(cb); }};
};
