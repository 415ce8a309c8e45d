/**
 * Server-rendered SVG bar charts: no script, scale to any width through the viewBox, each bar
 * carries a <title> (a tooltip and what screen readers read).
 */
export interface Bar {
  label: string;
  value: number;
  /** Shown in the tooltip and above the bar, e.g. "12 500 ₽". */
  text: string;
}

// A small viewBox: on a phone the chart is drawn near 1:1, so its text stays readable; CSS caps its width.
const W = 400;
const H = 180;
const PAD = { top: 18, bottom: 26, left: 4, right: 4 };

/** Vertical bars over time; labels are thinned out so they never overlap. */
export function BarChart({ bars, title, color = "var(--accent)" }: { bars: Bar[]; title: string; color?: string }) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const slot = (W - PAD.left - PAD.right) / Math.max(1, bars.length);
  const every = Math.ceil(bars.length / 8);
  const plot = H - PAD.top - PAD.bottom;
  return (
    <svg class="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={title}>
      <title>{title}</title>
      <line x1={PAD.left} x2={W - PAD.right} y1={H - PAD.bottom} y2={H - PAD.bottom} stroke="#d5d8de" />
      {bars.map((b, i) => {
        const h = (b.value / max) * plot;
        const x = PAD.left + i * slot;
        return (
          <g>
            <rect x={(x + slot * 0.15).toFixed(1)} y={(H - PAD.bottom - h).toFixed(1)} width={(slot * 0.7).toFixed(1)} height={h.toFixed(1)} rx="2" fill={color}>
              <title>{`${b.label}: ${b.text}`}</title>
            </rect>
            {bars.length <= 10 && b.value > 0 && (
              <text x={(x + slot / 2).toFixed(1)} y={(H - PAD.bottom - h - 4).toFixed(1)} text-anchor="middle" font-size="11" fill="#39414d">
                {b.text}
              </text>
            )}
            {i % every === 0 && (
              <text x={Math.min(W - 16, Math.max(16, x + slot / 2)).toFixed(1)} y={H - 8} text-anchor="middle" font-size="11" fill="#6b7280">
                {b.label}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}

/** Horizontal bars of shares (0..1), one row per name: utilization, new vs returning. */
export function ShareBars({ rows, title }: { rows: Array<{ label: string; share: number | null; text: string }>; title: string }) {
  const rowH = 30;
  const labelW = 130;
  const h = rows.length * rowH + 4;
  return (
    <svg class="chart shares" viewBox={`0 0 ${W} ${h}`} role="img" aria-label={title}>
      <title>{title}</title>
      {rows.map((r, i) => {
        const y = i * rowH + 4;
        const w = Math.min(1, r.share ?? 0) * (W - labelW - 70);
        return (
          <g>
            <text x="0" y={y + 17} font-size="13" fill="#1f2430">
              {r.label.length > 17 ? `${r.label.slice(0, 16)}…` : r.label}
            </text>
            <rect x={labelW} y={y + 4} width={W - labelW - 70} height="18" rx="4" fill="#eef0f3" />
            <rect x={labelW} y={y + 4} width={w.toFixed(1)} height="18" rx="4" fill="var(--accent)">
              <title>{`${r.label}: ${r.text}`}</title>
            </rect>
            <text x={W - 64} y={y + 17} font-size="13" fill="#39414d">
              {r.text}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
