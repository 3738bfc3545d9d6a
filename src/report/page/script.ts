/**
 * The page's own script (plain browser JavaScript, kept as text so the report stays one file). It
 * decodes the packed datasets (see pack.ts), embeds every chart, sorts tables, and focuses the
 * price chart and the premium chart on a clicked trade. `window.optbotReport.ready` resolves
 * when every chart has rendered (the browser test waits on it).
 */

/** Decoder of pack.ts's PackedColumn; tested against the encoder in test/report/pack.test.ts. */
export const DECODER_SCRIPT = `
function unpackColumn(c) {
  if (c.k === 's') return c.i.map(function (n) { return c.dict[n]; });
  var acc = 0;
  return c.d.map(function (x) {
    if (x === null) return null;
    acc += x;
    return (acc * c.mul) / c.div;
  });
}
function unpackRows(t) {
  var names = Object.keys(t.columns);
  var cols = names.map(function (n) { return unpackColumn(t.columns[n]); });
  var rows = new Array(t.length);
  for (var i = 0; i < t.length; i++) {
    var r = {};
    for (var j = 0; j < names.length; j++) r[names[j]] = cols[j][i];
    rows[i] = r;
  }
  return rows;
}`;

export const PAGE_SCRIPT = `
(function () {
  'use strict';
  ${DECODER_SCRIPT}
  /* The payload travels deflated and base64-encoded (see page.ts): inflate it with the browser's own DecompressionStream. */
  function loadPayload() {
    var bin = atob(document.getElementById('report-data').textContent);
    var bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'))).text().then(JSON.parse);
  }

  /* Lets the page move the overview brush. The brush's signals live in a nested view, out of the
     View API's reach, so the compiled Vega gets a top-level "focus" signal ([from, to] or null),
     mirrored inside the brush's group (an event stream only sees signals of its own scope), and
     the brush's pixel extent follows it. */
  function withFocus(vg, scale) {
    vg.signals = (vg.signals || []).concat([{ name: 'focus', value: null }]);
    (function patch(node) {
      var brush = (node.signals || []).filter(function (s) { return s.name === 'brush_x'; })[0];
      if (brush) {
        node.signals.unshift({ name: 'focus_here', update: 'focus' });
        brush.on = (brush.on || []).concat([{ events: { signal: 'focus_here' },
          update: 'focus_here ? [scale("' + scale + '", focus_here[0]), scale("' + scale + '", focus_here[1])] : brush_x' }]);
      }
      (node.marks || []).forEach(patch);
    })(vg);
    return vg;
  }

  var views = {};
  var rendered = loadPayload().then(function (payload) {
    var rowsCache = {};
    function rows(name) { return rowsCache[name] || (rowsCache[name] = unpackRows(payload.data[name])); }
    return Promise.all(payload.charts.map(function (chart) { return embed(chart, rows); }));
  });
  function embed(chart, rows) {
    var spec = chart.spec;
    spec.datasets = {};
    chart.data.forEach(function (name) { spec.datasets[name] = rows(name); });
    /* Errors only: an empty layer (a zoom with no trades in it) makes Vega warn about infinite extents. */
    var opts = { renderer: chart.renderer, logLevel: vega.Error, actions: { export: true, source: false, compiled: false, editor: false } };
    var target = document.getElementById(chart.id);
    var embedded = chart.focusScale
      ? vegaEmbed(target, withFocus(vegaLite.compile(spec).spec, chart.focusScale), Object.assign({ mode: 'vega' }, opts))
      : vegaEmbed(target, spec, opts);
    return embedded.then(function (r) { views[chart.id] = r.view; });
  }

  function sortBy(table, th) {
    var idx = Array.prototype.indexOf.call(th.parentNode.children, th);
    var numeric = th.getAttribute('data-type') === 'num';
    var asc = th.getAttribute('aria-sort') !== 'ascending';
    th.parentNode.querySelectorAll('th').forEach(function (h) { h.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
    var body = table.tBodies[0];
    var list = Array.prototype.slice.call(body.rows);
    function key(tr) {
      var v = tr.cells[idx].getAttribute('data-v');
      if (v === null) v = tr.cells[idx].textContent;
      return numeric ? (v === '' ? NaN : Number(v)) : v;
    }
    list.sort(function (a, b) {
      var x = key(a), y = key(b);
      if (numeric) {
        if (isNaN(x)) return isNaN(y) ? 0 : 1;
        if (isNaN(y)) return -1;
        return asc ? x - y : y - x;
      }
      return asc ? String(x).localeCompare(String(y)) : String(y).localeCompare(String(x));
    });
    list.forEach(function (tr) { body.appendChild(tr); });
  }
  document.querySelectorAll('table.sortable').forEach(function (table) {
    table.tHead.addEventListener('click', function (e) {
      var th = e.target.closest('th');
      if (th) sortBy(table, th);
    });
    table.tHead.addEventListener('keydown', function (e) {
      var th = e.target.closest('th');
      if (th && (e.key === 'Enter' || e.key === ' ')) { e.preventDefault(); sortBy(table, th); }
    });
  });

  function focusTrade(tr) {
    document.querySelectorAll('tr.focused').forEach(function (r) { r.classList.remove('focused'); });
    tr.classList.add('focused');
    var price = views[tr.getAttribute('data-chart')];
    var from = Number(tr.getAttribute('data-from')), to = Number(tr.getAttribute('data-to'));
    var pad = Math.max(30 * 60000, (to - from) * 0.5);
    var jobs = [];
    if (price) jobs.push(price.signal('focus', [from - pad, to + pad]).runAsync());
    var premium = views['premium-trade'];
    if (premium) {
      jobs.push(premium.signal('trade', tr.getAttribute('data-intent')).runAsync());
      var caption = document.getElementById('premium-trade-caption');
      if (caption) caption.textContent = tr.getAttribute('data-label');
    }
    var target = document.getElementById(tr.getAttribute('data-chart'));
    if (target && target.scrollIntoView) target.scrollIntoView({ block: 'start' });
    return Promise.all(jobs);
  }
  document.querySelectorAll('tr[data-intent]').forEach(function (tr) {
    tr.addEventListener('click', function () { focusTrade(tr); });
  });

  window.optbotReport = { views: views, ready: rendered, focusTrade: focusTrade };
})();
`;
