/*
 * The events layer for large catalogs: compact columns drawn on one canvas.
 *
 * The payload (layers/dense.py, dense_payload) carries ids, names, kinds, dates, a style
 * index and coordinates quantised to 1/q degree and delta-encoded. The layer draws them on
 * an L.Canvas subclass, grouped by style and culled to the view; sites are grouped into
 * counted circles below opts.groupBelow; with more than opts.drawMax features in view it
 * counts them per grid cell of opts.cell pixels, coloured along opts.ramp. Hover shows the
 * name (as text, never HTML); a click fires {properties: {fid}} like a GeoJSON feature.
 *
 * It overrides private L.Canvas methods (_updatePaths, _draw, _redraw, _onMouseMove,
 * _onClick, _handleMouseOut) of Leaflet 1.9; pyproject.toml pins Leaflet to 1.9.x.
 * Globals: JointMap.decodePaths, JointMap.denseLayer; state window.jmDense,
 * window.jmDenseClicked (see layers/js/README.md).
 */
var JointMap = window.JointMap = window.JointMap || {};

/*
 * The paths of a payload in degrees (display frame): pathStart[i]..pathStart[i + 1] are
 * event i's paths, vertStart[p]..vertStart[p + 1] path p's vertices, lonlat[2 * v] and
 * lonlat[2 * v + 1] vertex v's longitude and latitude.
 */
JointMap.decodePaths = function (d) {
    var n = d.id.length, q = d.q, c = d.c;
    var pathStart = new Int32Array(n + 1), vertStart = new Int32Array(d.pn.length + 1);
    for (var i = 0, a = 0; i < n; i++) { pathStart[i] = a; a += d.pe[i]; }
    pathStart[n] = a;
    for (i = 0, a = 0; i < d.pn.length; i++) { vertStart[i] = a; a += d.pn[i]; }
    vertStart[d.pn.length] = a;
    var lonlat = new Float64Array(2 * a), v = 0;
    for (var p = 0; p < d.pn.length; p++) {
        var x = 0, y = 0;
        for (var j = 0; j < d.pn[p]; j++, v++) {
            if (j === 0) { x = c[2 * v]; y = c[2 * v + 1]; }
            else { x += c[2 * v]; y += c[2 * v + 1]; }
            lonlat[2 * v] = x / q;
            lonlat[2 * v + 1] = y / q;
        }
    }
    return {pathStart: pathStart, vertStart: vertStart, lonlat: lonlat};
};

/* Build the layer on `map`, add it to `group` and return it (it offers jmSource()). */
JointMap.denseLayer = function (map, group, d, opts) {
    var n = d.id.length, R2D = Math.PI / 180;
    var MAXLAT = 85.0511287798;
    var paths = JointMap.decodePaths(d), lonlat = paths.lonlat;
    var pathStart = paths.pathStart, vertStart = paths.vertStart, a = lonlat.length / 2;
    // zoom-0 Web Mercator pixels, as Leaflet's EPSG3857 projects (layer = p0 * 2^z - origin)
    var xy = new Float64Array(2 * a), box = new Float64Array(4 * n);
    for (var v = 0; v < a; v++) {
        var lat = Math.max(Math.min(lonlat[2 * v + 1], MAXLAT), -MAXLAT) * R2D;
        xy[2 * v] = 256 * (0.5 + lonlat[2 * v] / 360);
        xy[2 * v + 1] = 256 * (0.5 - Math.log(Math.tan(Math.PI / 4 + lat / 2)) / (2 * Math.PI));
    }
    for (var i = 0; i < n; i++) {
        var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
        for (v = vertStart[pathStart[i]]; v < vertStart[pathStart[i + 1]]; v++) {
            x0 = Math.min(x0, xy[2 * v]); x1 = Math.max(x1, xy[2 * v]);
            y0 = Math.min(y0, xy[2 * v + 1]); y1 = Math.max(y1, xy[2 * v + 1]);
        }
        box[4 * i] = x0; box[4 * i + 1] = y0; box[4 * i + 2] = x1; box[4 * i + 3] = y1;
    }
    // draw order: areas, then routes, then sites; within a class, one path per style
    var groups = [];
    [2, 1, 0].forEach(function(g) {
        d.styles.forEach(function(st, s) {
            var idx = [];
            for (var i = 0; i < n; i++) { if (d.g[i] === g && d.s[i] === s) { idx.push(i); } }
            if (idx.length) { groups.push({g: g, st: st, idx: idx}); }
        });
    });
    var shown = new Uint8Array(n).fill(1), kindColor = {};
    for (i = 0; i < n; i++) {  // a group circle takes the colour of its commonest kind
        if (!(d.k[i] in kindColor)) { kindColor[d.k[i]] = d.styles[d.s[i]].color; }
    }
    var clusters = [], tip = null;

    var Layer = L.Canvas.extend({
        // L.Canvas draws its own Leaflet paths here; this layer draws its columns instead
        _updatePaths: function() { this.jmDraw(); },
        _draw: function() { this.jmDraw(); },
        _redraw: function() { this.jmDraw(); },
        jmDraw: function() {
            if (!this._map || !this._bounds) { return; }
            var ctx = this._ctx, b = this._bounds, m = this._map;
            var s = Math.pow(2, m.getZoom()), o = m.getPixelOrigin();
            var vx0 = (b.min.x + o.x) / s, vy0 = (b.min.y + o.y) / s;
            var vx1 = (b.max.x + o.x) / s, vy1 = (b.max.y + o.y) / s;
            ctx.clearRect(b.min.x, b.min.y, b.max.x - b.min.x, b.max.y - b.min.y);
            var inView = function(i) {
                return shown[i] && box[4 * i] <= vx1 && box[4 * i + 2] >= vx0 &&
                    box[4 * i + 1] <= vy1 && box[4 * i + 3] >= vy0;
            };
            var X = function(v) { return xy[2 * v] * s - o.x; };
            var Y = function(v) { return xy[2 * v + 1] * s - o.y; };
            var inside = 0;
            for (var i = 0; i < n; i++) { if (inView(i)) { inside += 1; } }
            clusters = [];
            if (inside > opts.drawMax) { return this.jmCells(inView, s, o, inside); }
            this.jmLegend(false);
            var grouping = m.getZoom() < opts.groupBelow;
            var cells = {};
            groups.forEach(function(gr) {
                var st = gr.st, any = false;
                ctx.beginPath();
                gr.idx.forEach(function(i) {
                    if (!inView(i)) { return; }
                    for (var p = pathStart[i]; p < pathStart[i + 1]; p++) {
                        var v0 = vertStart[p], v1 = vertStart[p + 1];
                        if (gr.g === 0) {
                            if (grouping) {
                                var px = xy[2 * v0] * s, py = xy[2 * v0 + 1] * s;
                                var key = Math.floor(px / opts.cell) + ':' +
                                    Math.floor(py / opts.cell);
                                var cl = cells[key] || (cells[key] = {n: 0, x: 0, y: 0, k: {},
                                                                      first: i});
                                cl.n += 1; cl.x += px - o.x; cl.y += py - o.y;
                                cl.k[d.k[i]] = (cl.k[d.k[i]] || 0) + 1;
                                continue;
                            }
                            ctx.moveTo(X(v0) + st.radius, Y(v0));
                            ctx.arc(X(v0), Y(v0), st.radius, 0, 2 * Math.PI);
                        } else {
                            ctx.moveTo(X(v0), Y(v0));
                            // rings repeat their first vertex: no closePath, which Chromium
                            // makes quadratic in the number of subpaths
                            for (var w = v0 + 1; w < v1; w++) { ctx.lineTo(X(w), Y(w)); }
                        }
                        any = true;
                    }
                });
                if (!any) { return; }
                if (gr.g !== 1) {
                    ctx.globalAlpha = st.fillOpacity; ctx.fillStyle = st.fillColor;
                    ctx.fill('evenodd');
                }
                ctx.globalAlpha = st.opacity; ctx.strokeStyle = st.color;
                ctx.lineWidth = st.weight; ctx.lineCap = st.lineCap || 'round';
                ctx.lineJoin = 'round';
                ctx.setLineDash(st.dashArray ? st.dashArray.split(/[ ,]+/).map(Number) : []);
                ctx.stroke();
            });
            ctx.setLineDash([]);
            Object.keys(cells).forEach(function(key) {
                var cl = cells[key], x = cl.x / cl.n, y = cl.y / cl.n, top = 0, kk = 0;
                Object.keys(cl.k).forEach(function(k) {
                    if (cl.k[k] > top) { top = cl.k[k]; kk = +k; }
                });
                var st = d.styles[d.s[cl.first]];
                if (cl.n === 1) {
                    ctx.beginPath(); ctx.arc(x, y, st.radius, 0, 2 * Math.PI);
                    ctx.globalAlpha = st.fillOpacity; ctx.fillStyle = st.fillColor; ctx.fill();
                    ctx.globalAlpha = st.opacity; ctx.strokeStyle = st.color;
                    ctx.lineWidth = st.weight; ctx.stroke();
                    clusters.push({x: x, y: y, r: st.radius, n: 1, i: cl.first});
                    return;
                }
                var r = 9 + 4 * Math.log10(cl.n), stroke = kindColor[kk] || '#333333';
                ctx.beginPath(); ctx.arc(x, y, r, 0, 2 * Math.PI);
                ctx.globalAlpha = 0.92; ctx.fillStyle = '#ffffff'; ctx.fill();
                ctx.globalAlpha = 1; ctx.strokeStyle = stroke; ctx.lineWidth = 2.5; ctx.stroke();
                ctx.fillStyle = '#222222'; ctx.textAlign = 'center'; ctx.textBaseline = 'middle';
                ctx.font = 'bold 11px sans-serif';
                ctx.fillText(cl.n > 9999 ? Math.round(cl.n / 1000) + 'k' : '' + cl.n, x, y);
                clusters.push({x: x, y: y, r: r, n: cl.n});
            });
            ctx.globalAlpha = 1;
            var grouped = clusters.some(function(cl) { return cl.n > 1; });
            document.querySelectorAll('.jm-legend [data-grouped]').forEach(function(row) {
                row.style.display = grouped ? '' : 'none';
            });
            this.jmState('features', grouping);
        },
        jmState: function(mode, grouping) {
            var count = 0;
            for (var i = 0; i < n; i++) { count += shown[i]; }
            window.jmDense = {events: n, shown: count, clusters: clusters.length, mode: mode,
                              grouping: grouping, zoom: this._map.getZoom()};
        },
        jmLegend: function(cells) {  // in cell mode the legend shows cells, not kinds
            document.querySelectorAll('.jm-legend').forEach(function(box) {
                box.classList.toggle('jm-cells', cells);
            });
            document.querySelectorAll('.jm-legend [data-cells]').forEach(function(row) {
                row.style.display = cells ? '' : 'none';
            });
        },
        // Too many features in view to draw legibly (or quickly): count them per grid cell.
        jmCells: function(inView, s, o, inside) {
            var ctx = this._ctx, size = opts.cell, cells = {}, top = 1;
            for (var i = 0; i < n; i++) {
                if (!inView(i)) { continue; }
                var cx = (box[4 * i] + box[4 * i + 2]) / 2 * s;
                var cy = (box[4 * i + 1] + box[4 * i + 3]) / 2 * s;
                var key = Math.floor(cx / size) + ':' + Math.floor(cy / size);
                var cl = cells[key] || (cells[key] = {n: 0, gx: Math.floor(cx / size),
                                                      gy: Math.floor(cy / size)});
                cl.n += 1; if (cl.n > top) { top = cl.n; }
            }
            var ramp = opts.ramp, logTop = Math.log(top + 1);
            ctx.textAlign = 'center'; ctx.textBaseline = 'middle';
            ctx.font = 'bold 11px sans-serif';
            Object.keys(cells).forEach(function(key) {
                var cl = cells[key], x = cl.gx * size - o.x, y = cl.gy * size - o.y;
                var step = Math.min(ramp.length - 1,
                                    Math.floor(Math.log(cl.n + 1) / logTop * ramp.length));
                ctx.globalAlpha = 0.8; ctx.fillStyle = ramp[step];
                ctx.fillRect(x + 1, y + 1, size - 2, size - 2);
                ctx.globalAlpha = 1;
                ctx.fillStyle = step >= ramp.length / 2 ? '#ffffff' : '#222222';
                ctx.fillText(cl.n > 9999 ? Math.round(cl.n / 1000) + 'k' : '' + cl.n,
                             x + size / 2, y + size / 2);
                clusters.push({x: x + size / 2, y: y + size / 2, half: size / 2, n: cl.n});
            });
            this.jmLegend(true);
            document.querySelectorAll('.jm-legend [data-grouped]').forEach(function(row) {
                row.style.display = 'none';
            });
            this.jmState('cells', false);
        },
        jmHit: function(pt) {
            var m = this._map, s = Math.pow(2, m.getZoom()), o = m.getPixelOrigin();
            for (var c = clusters.length - 1; c >= 0; c--) {
                var cl = clusters[c], dx = pt.x - cl.x, dy = pt.y - cl.y;
                if (cl.half ? (Math.abs(dx) <= cl.half && Math.abs(dy) <= cl.half)
                            : dx * dx + dy * dy <= (cl.r + 3) * (cl.r + 3)) {
                    return cl.n === 1 ? {i: cl.i} : {cluster: cl};
                }
            }
            var px = (pt.x + o.x) / s, py = (pt.y + o.y) / s, tol = 5 / s;
            var best = null;
            for (var gi = groups.length - 1; gi >= 0 && best === null; gi--) {
                var gr = groups[gi];
                if (window.jmDense && window.jmDense.mode === 'cells') { break; }
                if (gr.g === 0 && m.getZoom() < opts.groupBelow) { continue; }
                for (var t = gr.idx.length - 1; t >= 0; t--) {
                    var i = gr.idx[t];
                    var pad = tol * 3;
                    if (!shown[i] || px < box[4 * i] - pad || px > box[4 * i + 2] + pad ||
                        py < box[4 * i + 1] - pad || py > box[4 * i + 3] + pad) { continue; }
                    if (hitEvent(i, gr, px, py, tol, s)) { best = {i: i}; break; }
                }
            }
            return best;
        },
        _onMouseMove: function(e) {
            var m = this._map;
            if (!m || m.dragging.moving() || m._animatingZoom) { return; }
            var h = this.jmHit(m.mouseEventToLayerPoint(e));
            this._container.style.cursor = h ? 'pointer' : '';
            if (!h) { hideTip(); passOn(this, '_onMouseMove', e); return; }
            var text = h.cluster ? h.cluster.n + ' events here: click to zoom in'
                                 : d.name[h.i] + ' · ' + ymd(d.t0[h.i]);
            showTip(m, m.mouseEventToContainerPoint(e), text);
        },
        _onClick: function(e) {
            var m = this._map, h = this.jmHit(m.mouseEventToLayerPoint(e));
            if (!h) { passOn(this, '_onClick', e); return; }
            L.DomEvent.stop(e);
            var ll = m.mouseEventToLatLng(e);
            if (h.cluster) {
                m.setView(ll, Math.min(m.getZoom() + 2, m.getMaxZoom()));
                return;
            }
            var fid = d.id[h.i];
            window.jmDenseClicked = fid;
            // propagated to the feature group, whose click handler st_folium set (this layer
            // may arrive after st_folium hooked the map's layers)
            this.fire('click', {latlng: ll, layer: {toGeoJSON: function() {
                return {type: 'Feature', geometry: null, properties: {fid: fid}};
            }}}, true);
        },
        _handleMouseOut: function() { hideTip(); },
        jmSource: function() {
            var self = this;
            return {n: n, t0: function(i) { return d.t0[i]; }, t1: function(i) { return d.t1[i]; },
                    kind: function(i) { return d.kinds[d.k[i]]; },
                    apply: function(vis) {
                        for (var i = 0; i < n; i++) { shown[i] = vis[i] ? 1 : 0; }
                        self.jmDraw();
                    }};
        }
    });
    function ymd(t) {
        var s = '' + t;
        return s.slice(0, 4) + '-' + s.slice(4, 6) + '-' + s.slice(6, 8);
    }
    function passOn(self, method, e) {  // zones under this canvas keep their tooltips/clicks
        var under = self._map && self._map._renderer;
        if (under && under !== self && under[method]) { under[method](e); }
    }
    function showTip(m, pt, text) {
        if (!tip) {
            tip = L.DomUtil.create('div', 'leaflet-tooltip jm-dense-tip', m.getContainer());
            tip.style.position = 'absolute'; tip.style.zIndex = 1000;
            tip.style.pointerEvents = 'none';
        }
        tip.textContent = text;  // text, never HTML
        tip.style.left = (pt.x + 14) + 'px'; tip.style.top = (pt.y - 10) + 'px';
        tip.style.display = 'block';
    }
    function hideTip() { if (tip) { tip.style.display = 'none'; } }
    function segDist2(px, py, ax, ay, bx, by) {
        var dx = bx - ax, dy = by - ay, l = dx * dx + dy * dy;
        var t = l ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / l)) : 0;
        var ex = ax + t * dx - px, ey = ay + t * dy - py;
        return ex * ex + ey * ey;
    }
    function hitEvent(i, gr, px, py, tol, s) {
        var inside = false, near = (tol + gr.st.weight / 2 / s);
        for (var p = pathStart[i]; p < pathStart[i + 1]; p++) {
            var v0 = vertStart[p], v1 = vertStart[p + 1];
            if (gr.g === 0) {
                var rr = (gr.st.radius + 3) / s, dx = xy[2 * v0] - px, dy = xy[2 * v0 + 1] - py;
                if (dx * dx + dy * dy <= rr * rr) { return true; }
                continue;
            }
            for (var w = v0 + 1; w < v1; w++) {
                if (segDist2(px, py, xy[2 * w - 2], xy[2 * w - 1], xy[2 * w], xy[2 * w + 1])
                    <= near * near) { return true; }
            }
            if (gr.g === 2) {
                for (var a = v0, b = v1 - 1; a < v1; b = a++) {
                    var ya = xy[2 * a + 1], yb = xy[2 * b + 1];
                    if ((ya > py) !== (yb > py) &&
                        px < (xy[2 * b] - xy[2 * a]) * (py - ya) / (yb - ya) + xy[2 * a]) {
                        inside = !inside;
                    }
                }
            }
        }
        return inside;
    }
    var layer = new Layer({padding: 0.1});
    group.addLayer(layer);
    return layer;
};
