import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  ScatterController,
  Tooltip,
  type ChartConfiguration,
  type TooltipItem,
} from 'chart.js';
import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import { readThemeColors, useThemeVersion } from '../../components/theme-colors';
import { useTranslation } from 'react-i18next';
import {
  compactNumber,
  dateTime,
  kindName,
  perName,
  type ExplorerRow,
  type Language,
  type Series,
} from './rows';

// Only what these charts use, so the bundle carries no unused controllers.
Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  ScatterController,
  Tooltip,
);

/** Bars beyond this many are unreadable; the table has the rest. */
const MAX_BARS = 40;
const DAY_MS = 86_400_000;

interface Point {
  x: number;
  y: number;
  row: ExplorerRow;
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Ticks on calendar boundaries (1 January, or the first of a month) rather than at odd days. */
function calendarTicks(min: number, max: number): number[] {
  const lo = new Date(min);
  const years = (max - min) / (365.25 * DAY_MS);
  const out: number[] = [];
  if (years >= 2) {
    const step = Math.max(1, Math.ceil(years / 8));
    for (let y = lo.getUTCFullYear() + 1; ; y += step) {
      const t = Date.UTC(y, 0, 1);
      if (t > max) break;
      out.push(t);
    }
  } else {
    const months = years * 12;
    const step = [1, 2, 3, 6].find((s) => months / s <= 8) ?? 12;
    let y = lo.getUTCFullYear();
    let m = lo.getUTCMonth() + 1;
    for (;;) {
      if (m > 11) {
        y += Math.floor(m / 12);
        m %= 12;
      }
      const t = Date.UTC(y, m, 1);
      if (t > max) break;
      if (m % step === 0) out.push(t);
      m += 1;
    }
  }
  return out.length ? out : [min, max];
}

function calendarLabel(ms: number): string {
  const day = isoDay(ms);
  if (day.endsWith('-01-01')) return day.slice(0, 4);
  if (day.endsWith('-01')) return day.slice(0, 7);
  return day;
}

function paren(text: string, language: Language): string {
  return language === 'zh' ? `（${text}）` : ` (${text})`;
}

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * The chart's colours as the canvas needs them: plain rgb() values. The theme variables hold
 * light-dark() pairs, which only CSS resolves, so each is read back from a hidden probe placed where
 * the chart is (metrics.css sets the --chart-* variables there).
 */
function themeColors(
  where: Element,
): Record<'series' | 'seriesHover' | 'text' | 'tick' | 'grid' | 'axis' | 'tooltipBg' | 'tooltipFg', string> {
  return readThemeColors(where, (read) => ({
    series: read('--chart-series', '#9a2b1f'),
    seriesHover: read('--chart-series-hover', '#1f1d1a'),
    text: read('--chart-text', '#1f1d1a'),
    tick: read('--chart-tick', '#625d55'),
    grid: read('--chart-grid', '#e2ddd3'),
    axis: read('--chart-axis', '#8a8378'),
    tooltipBg: read('--chart-tooltip-bg', '#1f1d1a'),
    tooltipFg: read('--chart-tooltip-fg', '#fbfaf7'),
  }));
}

/**
 * Values of one series (same kind and unit) over the articles' dates as a scatter chart, or, when
 * no article is dated, as bars by article in table order. The canvas is an image with a summary
 * for screen readers; the visible table holds every number.
 */
export function MetricsChart({
  series,
  label,
  onOpenArticle,
}: {
  series: Series;
  label: string;
  onOpenArticle: (id: string) => void;
}): ReactNode {
  const { t, i18n } = useTranslation();
  const language: Language = i18n.language.startsWith('en') ? 'en' : 'zh';
  const canvas = useRef<HTMLCanvasElement>(null);
  const theme = useThemeVersion();

  const plot = useMemo(() => {
    const valued = series.rows.filter((r) => r.metric.value !== null);
    const dated: Point[] = [];
    for (const row of valued) {
      const x = dateTime(row.date);
      if (x !== null) dated.push({ x, y: row.metric.value as number, row });
    }
    // One dated point is no trend: then bars by article show more.
    if (dated.length >= 2) {
      dated.sort((a, b) => a.x - b.x);
      return {
        mode: 'date' as const,
        points: dated,
        undated: valued.length - dated.length,
        total: valued.length,
      };
    }
    const points = valued.slice(0, MAX_BARS).map((row, i) => ({ x: i, y: row.metric.value as number, row }));
    return { mode: 'article' as const, points, undated: 0, total: valued.length };
  }, [series]);

  const basis = [
    series.per ? perName(series.per, language) : '',
    series.abroad ? (language === 'zh' ? '国外' : 'abroad') : '',
  ].filter(Boolean);
  const seriesName = `${kindName(series.kind, language)}${series.unit ? paren(series.unit, language) : ''}${basis.length ? paren(basis.join(', '), language) : ''}`;
  const summary = useMemo(() => {
    if (plot.points.length === 0) return t('metricsView.chartNoValues');
    const byValue = [...plot.points].sort((a, b) => a.y - b.y);
    const min = byValue[0];
    const max = byValue[byValue.length - 1];
    if (plot.points.length === 1) {
      return t('metricsView.summaryOne', {
        label,
        series: seriesName,
        figure: min.row.metric.text,
        title: shorten(min.row.title, 24),
        date: min.row.date ? paren(min.row.date, language) : '',
      });
    }
    if (plot.mode === 'date') {
      return t('metricsView.summaryDate', {
        label,
        series: seriesName,
        count: plot.points.length,
        from: isoDay(plot.points[0].x),
        to: isoDay(plot.points[plot.points.length - 1].x),
        min: `${min.row.metric.text}${paren(min.row.date ?? '', language)}`,
        max: `${max.row.metric.text}${paren(max.row.date ?? '', language)}`,
      });
    }
    return t('metricsView.summaryArticle', {
      label,
      series: seriesName,
      count: plot.points.length,
      min: min.row.metric.text,
      minTitle: shorten(min.row.title, 24),
      max: max.row.metric.text,
      maxTitle: shorten(max.row.title, 24),
    });
  }, [plot, label, seriesName, language, t]);

  useEffect(() => {
    const element = canvas.current;
    if (!element || plot.points.length === 0) return;
    const colors = themeColors(element.parentElement ?? element);
    const compact = (v: number): string =>
      compactNumber(v, series.kind, language) ??
      new Intl.NumberFormat(language === 'en' ? 'en' : 'zh-CN', { maximumFractionDigits: 2 }).format(v);
    const rowOf = (item: Pick<TooltipItem<'bar'>, 'dataIndex'>): ExplorerRow =>
      plot.points[item.dataIndex].row;
    const tooltip = {
      backgroundColor: colors.tooltipBg,
      titleColor: colors.tooltipFg,
      bodyColor: colors.tooltipFg,
      displayColors: false,
      callbacks: {
        title: (items: Pick<TooltipItem<'bar'>, 'dataIndex'>[]) =>
          items[0] ? shorten(rowOf(items[0]).title, 40) : '',
        label: (item: Pick<TooltipItem<'bar'>, 'dataIndex'>) => {
          const row = rowOf(item);
          return [row.metric.text, row.metric.label ?? '', row.date ?? ''].filter(Boolean).join(' · ');
        },
      },
    };
    const yAxis = {
      reverse: series.kind === 'rank',
      ticks: {
        color: colors.tick,
        // Places, things counted and years come in whole numbers.
        precision: ['rank', 'count', 'date'].includes(series.kind) ? 0 : undefined,
        callback: (v: number | string) => compact(Number(v)),
      },
      grid: { color: colors.grid },
      border: { color: colors.axis },
      title: { display: Boolean(series.unit), text: series.unit, color: colors.tick },
    };
    const common = {
      responsive: true,
      maintainAspectRatio: false,
      animation: false as const,
      color: colors.text,
      onClick: (_event: unknown, elements: { index: number }[]) => {
        const hit = elements[0];
        if (hit) onOpenArticle(plot.points[hit.index].row.articleId);
      },
      onHover: (event: { native: Event | null }, elements: unknown[]) => {
        const target = event.native?.target;
        if (target instanceof HTMLElement) target.style.cursor = elements.length ? 'pointer' : 'default';
      },
    };
    let config: ChartConfiguration<'bar'> | ChartConfiguration<'scatter'> | ChartConfiguration<'line'>;
    if (plot.mode === 'date') {
      const xs = plot.points.map((p) => p.x);
      const lo = Math.min(...xs);
      const hi = Math.max(...xs);
      const pad = Math.max(15 * DAY_MS, (hi - lo) * 0.04);
      config = {
        type: 'scatter',
        data: {
          datasets: [
            {
              data: plot.points.map(({ x, y }) => ({ x, y })),
              backgroundColor: colors.series,
              borderColor: colors.series,
              pointRadius: 5,
              pointHoverRadius: 7,
            },
          ],
        },
        options: {
          ...common,
          plugins: { tooltip },
          scales: {
            x: {
              type: 'linear',
              min: lo - pad,
              max: hi + pad,
              afterBuildTicks: (axis) => {
                axis.ticks = calendarTicks(axis.min, axis.max).map((value) => ({ value }));
              },
              ticks: { color: colors.tick, callback: (v) => calendarLabel(Number(v)) },
              grid: { color: colors.grid },
              border: { color: colors.axis },
            },
            y: yAxis,
          },
        },
      };
    } else {
      const labels = plot.points.map((p) =>
        [p.row.metric.text, shorten(p.row.title, 10), p.row.date ?? ''].filter(Boolean),
      );
      const x = {
        type: 'category' as const,
        offset: true,
        ticks: { color: colors.tick, autoSkip: true, maxRotation: 60 },
        grid: { display: false },
        border: { color: colors.axis },
      };
      if (series.kind === 'rank') {
        // A place is not an amount: dots on a reversed axis, first place on top, not bars.
        const worst = Math.max(...plot.points.map((p) => p.y));
        config = {
          type: 'line',
          data: {
            labels,
            datasets: [
              {
                data: plot.points.map((p) => p.y),
                showLine: false,
                backgroundColor: colors.series,
                borderColor: colors.series,
                pointRadius: 6,
                pointHoverRadius: 8,
              },
            ],
          },
          options: {
            ...common,
            plugins: { tooltip },
            scales: { x, y: { ...yAxis, min: 1, suggestedMax: worst + 1 } },
          },
        };
      } else {
        config = {
          type: 'bar',
          data: {
            labels,
            datasets: [
              {
                data: plot.points.map((p) => p.y),
                backgroundColor: colors.series,
                hoverBackgroundColor: colors.seriesHover,
                borderRadius: 3,
                maxBarThickness: 48,
              },
            ],
          },
          options: {
            ...common,
            plugins: { tooltip },
            scales: { x, y: { ...yAxis, beginAtZero: true } },
          },
        };
      }
    }
    const chart = new Chart(element, config as ChartConfiguration);
    return () => chart.destroy();
    // `theme` repaints the colours read from the CSS variables when the theme changes.
  }, [plot, series.kind, series.unit, language, onOpenArticle, theme]);

  const notes = [
    plot.mode === 'date' && plot.undated > 0 ? t('metricsView.undated', { count: plot.undated }) : null,
    plot.mode === 'article' && plot.total > plot.points.length
      ? t('metricsView.capped', { shown: plot.points.length, total: plot.total })
      : null,
    plot.mode === 'article' && plot.points.length > 0 ? t('metricsView.noDates') : null,
  ].filter((n): n is string => n !== null);

  return (
    <figure className="metrics-chart" data-testid="metrics-chart">
      {plot.points.length > 0 ? (
        <div className="metrics-chart-canvas">
          <canvas ref={canvas} role="img" aria-label={summary} data-testid="metrics-canvas" />
        </div>
      ) : null}
      <figcaption>
        {/* The canvas already reads this summary out; this copy is for the eye. */}
        <span aria-hidden="true">{summary}</span>
        {notes.map((n) => (
          <span key={n} className="metrics-note">
            {n}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
