// Learning curves of one run: each named series (numbers, [x, y] pairs or {x, y} points) as a
// small SVG line chart.
type Point = { x: number; y: number };

export function toPoints(series: unknown): Point[] {
  if (!Array.isArray(series)) return [];
  return series
    .map((p, i): Point | null => {
      if (typeof p === "number") return { x: i, y: p };
      if (Array.isArray(p) && typeof p[0] === "number" && typeof p[1] === "number")
        return { x: p[0], y: p[1] };
      if (p && typeof p === "object") {
        const o = p as Record<string, unknown>;
        const x = o.x ?? o.step ?? o.spent ?? i;
        const y = o.y ?? o.value ?? o.correctness;
        if (typeof x === "number" && typeof y === "number") return { x, y };
      }
      return null;
    })
    .filter((p): p is Point => p !== null);
}

export function CurveChart({ name, series }: { name: string; series: unknown }) {
  const pts = toPoints(series);
  if (pts.length === 0) return null;
  const W = 280;
  const H = 120;
  const xs = pts.map((p) => p.x);
  const ys = pts.map((p) => p.y);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const [y0, y1] = [Math.min(0, ...ys), Math.max(1, ...ys)];
  const sx = (x: number) => 30 + (x1 === x0 ? 0.5 : (x - x0) / (x1 - x0)) * (W - 40);
  const sy = (y: number) => 10 + (1 - (y - y0) / (y1 - y0 || 1)) * (H - 30);
  return (
    <figure className="curve">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${name} over the run`}>
        <line x1={30} x2={W - 10} y1={H - 20} y2={H - 20} stroke="#999" />
        <line x1={30} x2={30} y1={10} y2={H - 20} stroke="#999" />
        <polyline
          fill="none"
          stroke="#0b5cad"
          strokeWidth={2}
          points={pts.map((p) => `${sx(p.x)},${sy(p.y)}`).join(" ")}
        />
        <text x={32} y={H - 5} fontSize="10">
          {x0}
        </text>
        <text x={W - 12} y={H - 5} fontSize="10" textAnchor="end">
          {x1}
        </text>
        <text x={26} y={16} fontSize="10" textAnchor="end">
          {y1.toFixed(2)}
        </text>
      </svg>
      <figcaption>{name}</figcaption>
    </figure>
  );
}
