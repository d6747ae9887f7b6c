// A dependency-free SVG line chart: recovery (y) against budget on a log-2 x axis, one series
// per method with ± standard-error bars. Enough for docs/results.md; no plotting library.

export interface PlotPoint {
  x: number;
  y: number;
  /** Half-height of the error bar (standard error); omitted when unknown. */
  err?: number;
}

export interface PlotSeries {
  label: string;
  points: PlotPoint[];
  dashed?: boolean;
}

export interface PlotOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  yMin?: number;
  yMax?: number;
  /** Horizontal reference lines, e.g. 0 (floor) and 1 (ceiling). */
  guides?: number[];
}

const COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2"];
const W = 640;
const H = 400;
const M = { left: 60, right: 170, top: 40, bottom: 50 };
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const f = (n: number) => n.toFixed(1);

export function svgPlot(series: readonly PlotSeries[], o: PlotOptions): string {
  const xs = series.flatMap((s) => s.points.map((p) => p.x)).filter((x) => x > 0);
  const ys = series.flatMap((s) =>
    s.points.flatMap((p) => [p.y - (p.err ?? 0), p.y + (p.err ?? 0)]),
  );
  const lx0 = Math.floor(Math.log2(Math.min(...xs, 1)));
  const lx1 = Math.ceil(Math.log2(Math.max(...xs, 2)));
  const y0 = Math.min(o.yMin ?? 0, ...ys);
  const y1 = Math.max(o.yMax ?? 1, ...ys);
  const px = (x: number) =>
    M.left + ((Math.log2(x) - lx0) / Math.max(1, lx1 - lx0)) * (W - M.left - M.right);
  const py = (y: number) => H - M.bottom - ((y - y0) / (y1 - y0 || 1)) * (H - M.top - M.bottom);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2 - M.right / 2}" y="20" text-anchor="middle" font-size="14">${esc(o.title)}</text>`,
  ];
  // Axes, ticks at powers of two (labelled every other one when crowded) and y every 0.25.
  const step = lx1 - lx0 > 8 ? 2 : 1;
  for (let l = lx0; l <= lx1; l += step) {
    const x = px(2 ** l);
    out.push(`<line x1="${f(x)}" y1="${H - M.bottom}" x2="${f(x)}" y2="${M.top}" stroke="#eee"/>`);
    out.push(`<text x="${f(x)}" y="${H - M.bottom + 16}" text-anchor="middle">${2 ** l}</text>`);
  }
  for (let y = Math.ceil(y0 * 4) / 4; y <= y1 + 1e-9; y += 0.25) {
    const yy = py(y);
    out.push(
      `<line x1="${M.left}" y1="${f(yy)}" x2="${W - M.right}" y2="${f(yy)}" stroke="#eee"/>`,
    );
    out.push(`<text x="${M.left - 6}" y="${f(yy + 4)}" text-anchor="end">${y.toFixed(2)}</text>`);
  }
  for (const g of o.guides ?? []) {
    if (g < y0 || g > y1) continue;
    out.push(
      `<line x1="${M.left}" y1="${f(py(g))}" x2="${W - M.right}" y2="${f(py(g))}" stroke="#888" stroke-dasharray="2,3"/>`,
    );
  }
  out.push(
    `<rect x="${M.left}" y="${M.top}" width="${W - M.left - M.right}" height="${H - M.top - M.bottom}" fill="none" stroke="#333"/>`,
    `<text x="${(M.left + W - M.right) / 2}" y="${H - 12}" text-anchor="middle">${esc(o.xLabel)} (log scale)</text>`,
    `<text transform="translate(16 ${(M.top + H - M.bottom) / 2}) rotate(-90)" text-anchor="middle">${esc(o.yLabel)}</text>`,
  );
  series.forEach((s, i) => {
    const color = COLORS[i % COLORS.length]!;
    const pts = [...s.points].filter((p) => p.x > 0).sort((a, b) => a.x - b.x);
    const dash = s.dashed ? ` stroke-dasharray="6,4"` : "";
    if (pts.length > 1) {
      const d = pts.map((p, j) => `${j ? "L" : "M"}${f(px(p.x))},${f(py(p.y))}`).join(" ");
      out.push(`<path d="${d}" fill="none" stroke="${color}" stroke-width="2"${dash}/>`);
    }
    for (const p of pts) {
      if (p.err !== undefined && p.err > 0) {
        out.push(
          `<line x1="${f(px(p.x))}" y1="${f(py(p.y - p.err))}" x2="${f(px(p.x))}" y2="${f(py(p.y + p.err))}" stroke="${color}"/>`,
        );
      }
      out.push(`<circle cx="${f(px(p.x))}" cy="${f(py(p.y))}" r="3" fill="${color}"/>`);
    }
    const ly = M.top + 14 + i * 18;
    out.push(
      `<line x1="${W - M.right + 12}" y1="${ly - 4}" x2="${W - M.right + 32}" y2="${ly - 4}" stroke="${color}" stroke-width="2"${dash}/>`,
      `<text x="${W - M.right + 38}" y="${ly}">${esc(s.label)}</text>`,
    );
  });
  out.push("</svg>");
  return `${out.join("\n")}\n`;
}
