/**
 * The benchmark chart: a Vega-Lite specification (log-log lines of wall time against N,
 * one per mode, and the quota bound dashed), compiled to Vega and rendered headless to
 * SVG with `vega`'s `View.toSVG()` (no browser, no canvas).
 */
import { pathToFileURL } from "node:url";
import type * as Vega from "vega";
import type * as VegaLite from "vega-lite/build/index";
import type { Measurement, Mode } from "./main";
import type { Quota } from "./measure";

/** A point of the chart: one series at one N. */
export interface ChartPoint {
  readonly series: string;
  readonly n: number;
  readonly seconds: number;
}

const LABELS: Record<Mode, string> = {
  "reconciler-sets": "ResponseSet, reconciler",
  "pulumi-sets": "ResponseSet, pulumi up",
  "pulumi-singles": "singles, pulumi up",
  "naive-sdk": "naive SDK (fails)",
};
const BOUND = "quota bound (C − burst) / rps";
/** The colours of the hand-drawn chart this replaces (Okabe–Ito), mode by mode. */
const COLORS: Record<Mode | "bound", string> = {
  "reconciler-sets": "#0072b2",
  "pulumi-sets": "#009e73",
  "pulumi-singles": "#e69f00",
  "naive-sdk": "#d55e00",
  bound: "#787878",
};
const MODES: readonly Mode[] = ["reconciler-sets", "pulumi-sets", "pulumi-singles", "naive-sdk"];

/** The chart's data: the wall time of each measured mode at each N, and the reconciler's bound where it is above 0. */
export function chartPoints(results: readonly Measurement[]): ChartPoint[] {
  const points: ChartPoint[] = [];
  for (const mode of MODES) {
    for (const m of results.filter((r) => r.mode === mode).sort((a, b) => a.n - b.n)) {
      if (m.wallSeconds > 0) points.push({ series: LABELS[mode], n: m.n, seconds: m.wallSeconds });
    }
  }
  for (const m of results.filter((r) => r.mode === "reconciler-sets").sort((a, b) => a.n - b.n)) {
    if (m.boundSeconds > 0) points.push({ series: BOUND, n: m.n, seconds: m.boundSeconds });
  }
  return points;
}

/** The Vega-Lite specification of the chart. */
export function chartSpec(results: readonly Measurement[], quota: Quota): VegaLite.TopLevelSpec {
  const points = chartPoints(results);
  const modes = MODES.filter((m) => results.some((r) => r.mode === m));
  const domain = [...modes.map((m) => LABELS[m]), ...(points.some((p) => p.series === BOUND) ? [BOUND] : [])];
  const range = [...modes.map((m) => COLORS[m]), ...(domain.includes(BOUND) ? [COLORS.bound] : [])];
  const sizes = [...new Set(points.map((p) => p.n))].sort((a, b) => a - b);
  const encoding = {
    x: { field: "n", type: "quantitative", title: "N responses", scale: { type: "log", domain: [sizes[0] ?? 1, sizes.at(-1) ?? 10], nice: false, padding: 24 }, axis: { values: sizes, format: "d", grid: true } },
    y: { field: "seconds", type: "quantitative", title: "seconds (log)", scale: { type: "log" } },
    color: { field: "series", type: "nominal", title: null, scale: { domain, range }, legend: { orient: "right", labelLimit: 260, symbolType: "stroke", symbolStrokeWidth: 2.5 } },
    strokeDash: { condition: { test: `datum.series === '${BOUND}'`, value: [8, 6] }, value: [1, 0] },
    tooltip: [{ field: "series" }, { field: "n" }, { field: "seconds" }],
  } as const;
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: `Time to converge N responses, quota ${quota.rps} rps burst ${quota.burst}`,
    width: 640,
    height: 400,
    background: "white",
    data: { values: points },
    layer: [{ mark: { type: "line", strokeWidth: 2.5 } }, { mark: { type: "point", filled: true, size: 60 }, encoding: { strokeDash: { value: [1, 0] } } }],
    encoding,
  } as unknown as VegaLite.TopLevelSpec;
}

/**
 * `vega` and `vega-lite` are ES modules (vega with a top-level await), which CommonJS cannot
 * `require()`: they are loaded with a real `import()` (TypeScript would turn a plain one into
 * `require`), by file URL so that the specifier resolves from here.
 */
const importModule = new Function("url", "return import(url)") as (url: string) => Promise<unknown>;
const load = async <T>(name: string): Promise<T> => (await importModule(pathToFileURL(require.resolve(name)).href)) as T;

/** The chart as an SVG document. */
export async function renderChartSvg(results: readonly Measurement[], quota: Quota): Promise<string> {
  const [vega, vegaLite] = await Promise.all([load<typeof Vega>("vega"), load<typeof VegaLite>("vega-lite")]);
  const { spec } = vegaLite.compile(chartSpec(results, quota));
  const view = new vega.View(vega.parse(spec), { renderer: "none" });
  try {
    return `${await view.toSVG()}\n`;
  } finally {
    view.finalize();
  }
}
