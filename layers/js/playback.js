/*
 * Time playback inside the map: play, pause, step by year or month, cumulative or moving.
 *
 * It runs in the browser on the events already drawn (GeoJSON features carry t0/t1 ISO
 * dates; the dense layer offers jmSource()), so it works inside Streamlit and in the
 * standalone HTML export, and costs the server nothing. The app's year slider filters here
 * too: the page calls window.jmSetYears(lo, hi) (ui/js/years_bridge.js).
 * Globals: JointMap.periods, JointMap.playback; state window.jmPlayback, window.jmYears;
 * controls kept in window.__jmControls (see layers/js/README.md).
 */
var JointMap = window.JointMap = window.JointMap || {};

/*
 * The periods between two YYYYMMDD integers: [first day, last day, label] per year
 * (step 'year') or per month (step 'month', months rolling over into the next year).
 */
JointMap.periods = function (first, last, step) {
    var out = [], y = Math.floor(first / 10000), m = Math.floor(first / 100) % 100;
    var ly = Math.floor(last / 10000), lm = Math.floor(last / 100) % 100;
    if (step === 'year') {
        for (; y <= ly; y++) { out.push([y * 10000 + 101, y * 10000 + 1231, '' + y]); }
    } else {
        for (; y < ly || (y === ly && m <= lm); ) {
            var mm = (m < 10 ? '0' : '') + m;
            out.push([y * 10000 + m * 100 + 1, y * 10000 + m * 100 + 31, y + '-' + mm]);
            m += 1; if (m > 12) { m = 1; y += 1; }
        }
    }
    return out;
};

/* The playback control on `map`, stepping `layers` (their data may still be arriving). */
JointMap.playback = function (map, layers) {
    // a fetched layer is a placeholder until its data arrives
    var ready = [], waiting = layers.length;
    layers.forEach(function(l, k) {
        var done = function(real) { ready[k] = real; if (--waiting === 0) { init(map); } };
        if (l.jmWhenReady) { l.jmWhenReady(done); } else { done(l); }
    });
    function sourceOf(layer) {
        return layer.jmSource ? layer.jmSource() : (function() {
            var items = [];
            layer.eachLayer(function(l) { if (l.feature) { items.push(l); } });
            var num = function(t) { return +t.replace(/-/g, ''); };
            return {n: items.length,
                    t0: function(i) { return num(items[i].feature.properties.t0); },
                    t1: function(i) { return num(items[i].feature.properties.t1); },
                    kind: function(i) { return items[i].feature.properties.kind; },
                    // route marks (layers/marks.py) follow their route but are not events
                    mark: function(i) { return !!items[i].feature.properties.mark; },
                    apply: function(vis) {  // add/remove: works for SVG and canvas alike
                        items.forEach(function(l, i) {
                            var v = !!vis[i];
                            if (v !== (l.jmShown !== false)) {
                                if (v) { layer.addLayer(l); } else { layer.removeLayer(l); }
                                l.jmShown = v;
                            }
                        });
                    }};
        })();
    }
    function init(map) {
        window.__jmControls = window.__jmControls || {};
        var old = window.__jmControls['playback'];
        if (old) { if (old.jmStop) { old.jmStop(); } old.remove(); }
        // several layers (events, the user's data) as one source
        var parts = ready.map(sourceOf), src = {n: 0, t0: null, t1: null, kind: null};
        var at = function(i) {
            for (var k = 0; k < parts.length; k++) {
                if (i < parts[k].n) { return [parts[k], i]; }
                i -= parts[k].n;
            }
        };
        parts.forEach(function(p) { src.n += p.n; });
        src.t0 = function(i) { var r = at(i); return r[0].t0(r[1]); };
        src.t1 = function(i) { var r = at(i); return r[0].t1(r[1]); };
        src.kind = function(i) { var r = at(i); return r[0].kind(r[1]); };
        src.mark = function(i) { var r = at(i); return r[0].mark ? r[0].mark(r[1]) : false; };
        src.apply = function(vis) {
            var off = 0;
            parts.forEach(function(p) { p.apply(vis.subarray(off, off + p.n)); off += p.n; });
        };
        if (!src.n) { return; }
        var N = src.n, T0 = new Int32Array(N), T1 = new Int32Array(N), KIND = [], MARK = [];
        var yearOk = new Uint8Array(N).fill(1), vis = new Uint8Array(N);
        var first = Infinity, last = -Infinity;
        for (var j = 0; j < N; j++) {
            T0[j] = src.t0(j); T1[j] = src.t1(j); KIND.push(src.kind(j)); MARK.push(src.mark(j));
            first = Math.min(first, T0[j]); last = Math.max(last, T1[j]);
        }
        var state = {step: 'year', mode: 'cumulative', speed: 1, index: -1, timer: null};
        function periods() { return JointMap.periods(first, last, state.step); }
        var list = periods();
        var ctl = L.control({position: 'bottomleft'});
        var label, range, play;
        function show(i) {
            state.index = i;
            var p = list[i], n = 0, kinds = {};
            for (var j = 0; j < N; j++) {
                var v = yearOk[j] && (i < 0 || (state.mode === 'cumulative' ? T0[j] <= p[1]
                                                : (T0[j] <= p[1] && T1[j] >= p[0])));
                vis[j] = v ? 1 : 0;
                if (v && !MARK[j]) { n += 1; kinds[KIND[j]] = true; }
            }
            src.apply(vis);
            // the legend lists only the kinds on the map
            document.querySelectorAll('.jm-legend [data-kind]').forEach(function(row) {
                row.style.display = kinds[row.getAttribute('data-kind')] ? '' : 'none';
            });
            label.textContent = i < 0 ? 'All ' + n + ' events'
                : p[2] + ' · ' + n + ' event' + (n === 1 ? '' : 's');
            if (i >= 0) { range.value = i; }
            window.jmPlayback = {label: label.textContent, visible: n, index: i,
                                 playing: !!state.timer};
        }
        function stop() {
            if (state.timer) { clearInterval(state.timer); state.timer = null; }
            play.textContent = '\u25B6 Play';
            if (window.jmPlayback) { window.jmPlayback.playing = false; }
        }
        function start() {
            stop();
            if (state.index < 0 || state.index >= list.length - 1) { show(0); }
            play.textContent = '\u275A\u275A Pause';
            state.timer = setInterval(function() {
                if (state.index >= list.length - 1) { stop(); return; }
                show(state.index + 1);
            }, 1000 / state.speed);
            window.jmPlayback.playing = true;
        }
        ctl.onAdd = function() {
            var div = L.DomUtil.create('div', 'jm-playback');
            div.innerHTML =
                '<button type="button" class="jm-play">\u25B6 Play</button> ' +
                '<button type="button" class="jm-all" title="Show every event">All</button> ' +
                '<select class="jm-step" title="Step"><option value="year">by year</option>' +
                '<option value="month">by month</option></select> ' +
                '<select class="jm-mode" title="Window"><option value="cumulative">' +
                'cumulative</option><option value="moving">this period only</option>' +
                '</select> <select class="jm-speed" title="Speed">' +
                '<option value="0.5">0.5\u00D7</option><option value="1" selected>1\u00D7' +
                '</option><option value="2">2\u00D7</option><option value="4">4\u00D7' +
                '</option></select><br><input class="jm-range" type="range" min="0" ' +
                'step="1" style="width:100%"><div class="jm-label"></div>';
            play = div.querySelector('.jm-play');
            label = div.querySelector('.jm-label');
            range = div.querySelector('.jm-range');
            range.max = list.length - 1; range.value = 0;
            play.onclick = function() { state.timer ? stop() : start(); };
            div.querySelector('.jm-all').onclick = function() { stop(); show(-1); };
            div.querySelector('.jm-step').onchange = function(e) {
                stop(); state.step = e.target.value; list = periods();
                range.max = list.length - 1; show(0);
            };
            div.querySelector('.jm-mode').onchange = function(e) {
                state.mode = e.target.value; if (state.index >= 0) { show(state.index); }
            };
            div.querySelector('.jm-speed').onchange = function(e) {
                state.speed = +e.target.value; if (state.timer) { start(); }
            };
            range.oninput = function() { stop(); show(+range.value); };
            L.DomEvent.disableClickPropagation(div);
            L.DomEvent.disableScrollPropagation(div);
            return div;
        };
        ctl.jmStop = stop;
        ctl.addTo(map);
        window.__jmControls['playback'] = ctl;
        // The app's year slider filters here, in the browser: a move then re-sends and
        // re-draws nothing (the page pushes the range with window.jmSetYears).
        window.jmSetYears = function(lo, hi) {
            window.jmYears = [lo, hi];
            for (var j = 0; j < N; j++) {
                yearOk[j] = Math.floor(T0[j] / 10000) <= hi && Math.floor(T1[j] / 10000) >= lo;
            }
            show(state.index);
        };
        var years = window.parent !== window && window.parent.__jmYears;
        if (years) { window.jmSetYears(years[0], years[1]); } else { show(-1); }
    }
};
