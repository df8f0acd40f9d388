"""Time playback inside the map: play, pause, step by year or month, cumulative or moving.

It runs in the browser on the events already drawn (each feature carries ``t0``/``t1``),
so it works inside Streamlit (where folium's time plugins do not render) and in the
standalone HTML export, and it costs the server nothing.
"""

from __future__ import annotations

import folium
from branca.element import MacroElement
from jinja2 import Template

from layers.legend import enclosing_map_name


class Playback(MacroElement):
    """A Leaflet control that steps the events layer through time.

    Parameters
    ----------
    layer : folium.GeoJson
        The events layer (features with ``t0`` and ``t1`` ISO dates).

    Notes
    -----
    The current state is kept in ``window.jmPlayback`` (``label``, ``visible``, ``playing``)
    for tests and for the page around the map.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function(map, layer) {
            window.__jmControls = window.__jmControls || {};
            var old = window.__jmControls['playback'];
            if (old) { if (old.jmStop) { old.jmStop(); } old.remove(); }
            var items = [];
            layer.eachLayer(function(l) { if (l.feature) { items.push(l); } });
            if (!items.length) { return; }
            var first = items.map(function(l) { return l.feature.properties.t0; }).sort()[0];
            var last = items.map(function(l) { return l.feature.properties.t1; }).sort().pop();
            var state = {step: 'year', mode: 'cumulative', speed: 1, index: -1, timer: null};
            function periods() {
                var out = [], y = +first.slice(0, 4), m = +first.slice(5, 7);
                var ly = +last.slice(0, 4), lm = +last.slice(5, 7);
                if (state.step === 'year') {
                    for (; y <= ly; y++) { out.push([y + '-01-01', y + '-12-31', '' + y]); }
                } else {
                    for (; y < ly || (y === ly && m <= lm); ) {
                        var mm = (m < 10 ? '0' : '') + m;
                        out.push([y + '-' + mm + '-01', y + '-' + mm + '-31', y + '-' + mm]);
                        m += 1; if (m > 12) { m = 1; y += 1; }
                    }
                }
                return out;
            }
            var list = periods();
            var ctl = L.control({position: 'bottomleft'});
            var label, range, play;
            function show(i) {
                state.index = i;
                var p = list[i], n = 0, kinds = {};
                items.forEach(function(l) {  // add/remove: works for SVG and canvas alike
                    var f = l.feature.properties, vis = l.jmYear !== false && (i < 0 ||
                        (state.mode === 'cumulative' ? f.t0 <= p[1]
                                                     : (f.t0 <= p[1] && f.t1 >= p[0])));
                    if (vis !== (l.jmShown !== false)) {
                        if (vis) { layer.addLayer(l); } else { layer.removeLayer(l); }
                        l.jmShown = vis;
                    }
                    if (vis) { n += 1; kinds[f.kind] = true; }
                });
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
                items.forEach(function(l) {
                    var f = l.feature.properties;
                    l.jmYear = +f.t0.slice(0, 4) <= hi && +f.t1.slice(0, 4) >= lo;
                });
                show(state.index);
            };
            var years = window.parent !== window && window.parent.__jmYears;
            if (years) { window.jmSetYears(years[0], years[1]); } else { show(-1); }
        })({{ this.map_name }}, {{ this.layer.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, layer: folium.GeoJson) -> None:
        super().__init__()
        self._name = "Playback"
        self.layer = layer

    @property
    def map_name(self) -> str:
        """JS name of the map above this control, resolved at render time."""
        return enclosing_map_name(self)
