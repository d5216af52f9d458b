import { h, svg } from './dom.js';

export interface Series {
  readonly key: string;
  readonly label: string;
}

/**
 * Stacked bars, one per row (e.g. sends per day by action), drawn as SVG with a text summary for
 * screen readers and the same numbers as a table under "Show as table". Colours come from CSS
 * classes `series-<key>`, so they follow the page's theme.
 */
export function stackedBars(title: string, rows: ReadonlyArray<{ label: string; values: Readonly<Record<string, number>> }>, series: readonly Series[]): HTMLElement {
  const width = 640;
  const height = 200;
  const pad = { left: 36, bottom: 28, top: 8 };
  const totals = rows.map((r) => series.reduce((sum, s) => sum + (r.values[s.key] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const slot = (width - pad.left) / Math.max(1, rows.length);
  const barWidth = Math.max(2, slot * 0.7);
  const scale = (height - pad.top - pad.bottom) / max;
  const bars = rows.flatMap((row, i) => {
    let y = height - pad.bottom;
    return series.map((s) => {
      const value = row.values[s.key] ?? 0;
      const barHeight = value * scale;
      y -= barHeight;
      return value === 0
        ? null
        : svg('rect', { class: `bar series-${s.key}`, x: (pad.left + i * slot).toFixed(1), y: y.toFixed(1), width: barWidth.toFixed(1), height: barHeight.toFixed(1) }, svg('title', {}, `${row.label}: ${value} ${s.label}`));
    });
  });
  const every = Math.ceil(rows.length / 8);
  const labels = rows.map((row, i) =>
    i % every === 0 ? svg('text', { class: 'axis', x: (pad.left + i * slot).toFixed(1), y: height - 8 }, row.label.slice(5)) : null,
  );
  const axis = [svg('text', { class: 'axis', x: 0, y: pad.top + 10 }, max), svg('text', { class: 'axis', x: 0, y: height - pad.bottom }, 0)];
  const total = totals.reduce((a, b) => a + b, 0);
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': `${title}: ${total} in all over ${rows.length} days` }, ...axis, ...bars, ...labels);
  const legend = h('ul', { class: 'legend' }, ...series.map((s) => h('li', {}, h('span', { class: `swatch series-${s.key}`, 'aria-hidden': 'true' }), s.label)));
  const table = h(
    'table',
    {},
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Day'), ...series.map((s) => h('th', { scope: 'col' }, s.label)))),
    h('tbody', {}, ...rows.map((r) => h('tr', {}, h('th', { scope: 'row' }, r.label), ...series.map((s) => h('td', {}, r.values[s.key] ?? 0))))),
  );
  return h('figure', { class: 'chart' }, h('figcaption', {}, title), chart, legend, h('details', {}, h('summary', {}, 'Show as table'), table));
}

/** Horizontal bars for a top-N list (reason codes, PHI kinds), with the counts written beside them. */
export function rankedBars(title: string, items: ReadonlyArray<{ label: string; count: number }>): HTMLElement {
  if (items.length === 0) return h('figure', { class: 'chart' }, h('figcaption', {}, title), h('p', {}, 'Nothing in this period.'));
  const rowHeight = 22;
  const width = 640;
  const labelWidth = 220;
  const max = Math.max(1, ...items.map((i) => i.count));
  const rows = items.map((item, i) => {
    const y = i * rowHeight;
    const barWidth = ((width - labelWidth - 60) * item.count) / max;
    return svg(
      'g',
      {},
      svg('text', { class: 'axis', x: 0, y: y + 15 }, item.label),
      svg('rect', { class: 'bar series-rank', x: labelWidth, y: y + 4, width: barWidth.toFixed(1), height: rowHeight - 8 }),
      svg('text', { class: 'axis', x: (labelWidth + barWidth + 6).toFixed(1), y: y + 15 }, item.count),
    );
  });
  const chart = svg('svg', { viewBox: `0 0 ${width} ${items.length * rowHeight}`, role: 'img', 'aria-label': `${title}: ${items.map((i) => `${i.label} ${i.count}`).join(', ')}` }, ...rows);
  return h('figure', { class: 'chart' }, h('figcaption', {}, title), chart);
}
