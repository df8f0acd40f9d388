/*
 * Hands the Years slider's range to the map frame, which filters its events in the
 * browser: a slider move then re-sends and re-draws nothing from the server.
 *
 * The page also watches the slider itself, so the map follows a drag or a key press at
 * once, without waiting for the server's rerun (which still updates the table and counts).
 * Globals on the top window: __jmPushYears, __jmYears, __jmYearsWatch, __jmYearsLabel.
 * In the map frame it calls window.jmSetYears(lo, hi) (layers/js/playback.js) and
 * window.jmZoneYears(lo, hi) (layers/js/zones.js).
 */
function jmYearsBridge(lo, hi, label) {
  var top = window.parent && window.parent !== window ? window.parent : window;
  var doc = top.document;
  top.__jmPushYears = top.__jmPushYears || function (lo, hi) {
    top.__jmYears = [lo, hi];
    doc.querySelectorAll('iframe[title="streamlit_folium.st_folium"]').forEach(function (f) {
      try {
        if (f.contentWindow.jmSetYears) { f.contentWindow.jmSetYears(lo, hi); }
        if (f.contentWindow.jmZoneYears) { f.contentWindow.jmZoneYears(lo, hi); }
      } catch (e) { /* a frame of another origin: not ours */ }
    });
  };
  if (!top.__jmYearsWatch) {
    top.__jmYearsWatch = true;
    top.setInterval(function () {
      var boxes = doc.querySelectorAll('[data-testid="stSlider"]');
      for (var i = 0; i < boxes.length; i++) {
        var name = boxes[i].querySelector('[data-testid="stWidgetLabel"]');
        if (!name || name.textContent.trim() !== top.__jmYearsLabel) { continue; }
        var ins = boxes[i].querySelectorAll('input[type="range"]');
        if (ins.length !== 2) { return; }
        var a = +ins[0].value, b = +ins[1].value, y = top.__jmYears || [];
        if (a !== y[0] || b !== y[1]) { top.__jmPushYears(Math.min(a, b), Math.max(a, b)); }
        return;
      }
    }, 40);
  }
  top.__jmYearsLabel = label;
  top.__jmPushYears(lo, hi);
}
