import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import { forwardRef, useEffect, useImperativeHandle, useRef, type ReactNode } from 'react';
import { readThemeColors, useThemeVersion } from '../../components/theme-colors';

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  Legend,
);

export interface ChartSeries {
  query: string;
  values: (number | null)[];
}

export interface TrendsChartHandle {
  /** The chart as a PNG data URL on the theme's background (the canvas itself is transparent). */
  toPng(): string | null;
}

/**
 * Colours as the canvas needs them (plain rgb()): the theme variables hold light-dark() pairs that
 * only CSS resolves, so each is read back from a hidden probe inside the chart (research.css sets
 * the --research-* variables there).
 */
function themeColors(where: Element): {
  series: string[];
  text: string;
  tick: string;
  grid: string;
  axis: string;
  bg: string;
  tooltipBg: string;
  tooltipFg: string;
} {
  return readThemeColors(where, (read) => ({
    series: [1, 2, 3, 4, 5].map((n) => read(`--research-series-${n}`, '#9a2b1f')),
    text: read('--fg', '#1f1d1a'),
    tick: read('--muted', '#625d55'),
    grid: read('--research-grid', '#e2ddd3'),
    axis: read('--research-axis', '#8a8378'),
    bg: read('--bg', '#fbfaf7'),
    tooltipBg: read('--fg', '#1f1d1a'),
    tooltipFg: read('--bg', '#fbfaf7'),
  }));
}

/**
 * The trends of up to five queries over the periods: lines when there are three periods or more,
 * otherwise bars (a line through one or two points says nothing). A click on a point or bar calls
 * `onPick` with the series and the period's index.
 */
export const TrendsChart = forwardRef<
  TrendsChartHandle,
  {
    labels: string[];
    series: ChartSeries[];
    summary: string;
    format: (value: number) => string;
    onPick: (seriesIndex: number, periodIndex: number) => void;
  }
>(function TrendsChart({ labels, series, summary, format, onPick }, ref): ReactNode {
  const canvas = useRef<HTMLCanvasElement>(null);
  const background = useRef('#ffffff');
  const theme = useThemeVersion();

  useImperativeHandle(ref, () => ({
    toPng: () => {
      const element = canvas.current;
      if (!element) return null;
      const out = document.createElement('canvas');
      out.width = element.width;
      out.height = element.height;
      const context = out.getContext('2d');
      if (!context) return null;
      context.fillStyle = background.current;
      context.fillRect(0, 0, out.width, out.height);
      context.drawImage(element, 0, 0);
      return out.toDataURL('image/png');
    },
  }));

  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    const colors = themeColors(element.parentElement ?? element);
    background.current = colors.bg;
    const asLine = labels.length >= 3;
    const datasets = series.map((s, i) => {
      const color = colors.series[i % colors.series.length];
      return {
        label: s.query,
        data: s.values,
        borderColor: color,
        backgroundColor: color,
        pointBackgroundColor: color,
        pointRadius: 4,
        pointHoverRadius: 7,
        borderWidth: 2,
        borderRadius: 3,
        maxBarThickness: 56,
        spanGaps: true,
      };
    });
    const config = {
      type: asLine ? 'line' : 'bar',
      data: { labels, datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        color: colors.text,
        interaction: { mode: 'nearest', intersect: true },
        plugins: {
          legend: {
            position: 'top',
            align: 'start',
            labels: { color: colors.text, boxWidth: 14, boxHeight: 14, font: { size: 13 } },
          },
          tooltip: {
            backgroundColor: colors.tooltipBg,
            titleColor: colors.tooltipFg,
            bodyColor: colors.tooltipFg,
            callbacks: {
              label: (item: { dataset: { label?: string }; parsed: { y: number | null } }) =>
                `${item.dataset.label ?? ''}: ${item.parsed.y === null ? '—' : format(item.parsed.y)}`,
            },
          },
        },
        scales: {
          x: {
            ticks: { color: colors.tick, autoSkip: true, maxRotation: 50 },
            grid: { display: false },
            border: { color: colors.axis },
          },
          y: {
            beginAtZero: true,
            ticks: { color: colors.tick, callback: (v: number | string) => format(Number(v)) },
            grid: { color: colors.grid },
            border: { color: colors.axis },
          },
        },
        onClick: (_event: unknown, elements: { datasetIndex: number; index: number }[]) => {
          const hit = elements[0];
          if (hit) onPick(hit.datasetIndex, hit.index);
        },
        onHover: (event: { native: Event | null }, elements: unknown[]) => {
          const target = event.native?.target;
          if (target instanceof HTMLElement) target.style.cursor = elements.length ? 'pointer' : 'default';
        },
      },
    } as unknown as ChartConfiguration;
    const chart = new Chart(element, config);
    return () => chart.destroy();
    // `theme` repaints the colours read from the CSS variables when the theme changes.
  }, [labels, series, format, onPick, theme]);

  return (
    <div className="research-chart-canvas">
      <canvas ref={canvas} role="img" aria-label={summary} data-testid="research-canvas" />
    </div>
  );
});
