// Recovery vs budget on a log axis, drawn as plain SVG on the server.
import type { TrackTable } from "~/server/services/leaderboard";
import { trackTitle } from "./format";

const W = 640;
const H = 300;
const PAD = { left: 48, right: 16, top: 16, bottom: 40 };
const COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"];

export function RecoveryChart({ table, methods = 5 }: { table: TrackTable; methods?: number }) {
  const budgets = table.budgets.filter((b) => b > 0);
  if (budgets.length === 0) return null;
  const rows = [...table.rows].sort((a, b) => a.rank - b.rank).slice(0, methods);
  const lo = Math.log10(Math.min(...budgets));
  const hi = Math.log10(Math.max(...budgets));
  const x = (b: number) =>
    PAD.left + (hi === lo ? 0.5 : (Math.log10(b) - lo) / (hi - lo)) * (W - PAD.left - PAD.right);
  const y = (v: number) =>
    PAD.top + (1 - Math.max(-0.2, Math.min(1.2, v))) * ((H - PAD.top - PAD.bottom) / 1.0);
  const title = `${trackTitle(table.track)}: recovery vs budget`;
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H + 40}`} role="img" aria-label={title}>
        <title>{title}</title>
        {[0, 0.25, 0.5, 0.75, 1].map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} stroke="#ddd" />
            <text x={PAD.left - 6} y={y(v) + 4} textAnchor="end" fontSize="11">
              {v * 100}%
            </text>
          </g>
        ))}
        {budgets.map((b) => (
          <text key={b} x={x(b)} y={H - PAD.bottom + 18} textAnchor="middle" fontSize="11">
            {b}
          </text>
        ))}
        <text x={(W + PAD.left) / 2} y={H - 6} textAnchor="middle" fontSize="12">
          budget (log scale)
        </text>
        {rows.map((row, i) => {
          const color = COLORS[i % COLORS.length];
          const pts = budgets
            .map((b) => ({ b, s: row.budgets[String(b)] }))
            .filter((p): p is { b: number; s: NonNullable<typeof p.s> } => Boolean(p.s));
          return (
            <g key={row.submissionId} stroke={color} fill={color}>
              <polyline
                fill="none"
                strokeWidth={2}
                points={pts.map((p) => `${x(p.b)},${y(p.s.mean)}`).join(" ")}
              />
              {pts.map((p) => (
                <g key={p.b}>
                  <line
                    x1={x(p.b)}
                    x2={x(p.b)}
                    y1={y(p.s.mean - p.s.se)}
                    y2={y(p.s.mean + p.s.se)}
                  />
                  <circle cx={x(p.b)} cy={y(p.s.mean)} r={3} />
                </g>
              ))}
              <text
                x={PAD.left + 8 + (i % 3) * 200}
                y={H + 14 + Math.floor(i / 3) * 16}
                stroke="none"
                fontSize="12"
              >
                ● {row.method}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
