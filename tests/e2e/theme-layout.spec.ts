import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page, TestInfo } from '@playwright/test';
import { E2E_TOKEN } from '../../playwright.config';
import { expect, openReader, test } from './fixtures';

/**
 * Colours in the light and dark themes (highlights, quotes, search hits, the metrics chart) and the
 * article layout at 1024×700. Every screenshot is also written to SHOTS_DIR for a reviewer.
 */
const SHOTS = process.env.SHOTS_DIR ?? path.join('test-results', 'theme-layout-shots');
const headers = { 'x-newsstack-token': E2E_TOKEN };
const QUERY = '科技创新';
const TITLE = '科技创新为高质量发展赋能蓄力';
const THEMES = ['light', 'dark'] as const;
const SIZES = [
  { width: 1024, height: 700 },
  { width: 1440, height: 900 },
];
/** One passage per colour; green covers the figure 2400家, purple the search hit 科技创新. */
const PASSAGES = {
  yellow: '国家高新技术企业',
  green: '市级科技型企业超2400家',
  blue: '其中国家级创新平台',
  pink: '知识价值信用贷款',
  purple: '拥有科技创新平台',
} as const;
type Color = keyof typeof PASSAGES;
const COLORS = Object.keys(PASSAGES) as Color[];

async function call<T>(page: Page, channel: string, data: object): Promise<T> {
  const response = await page.request.post(`/api/${channel}`, { headers, data });
  expect(response.ok(), `${channel}: ${await response.text()}`).toBe(true);
  return ((await response.json()) as { value: T }).value;
}

async function shot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  const file = path.join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}

async function useTheme(page: Page, theme: 'light' | 'dark' | 'system'): Promise<void> {
  await call(page, 'settings:update', { theme });
}

/** Opens the article with the search hits of QUERY (and the highlights made in beforeAll). */
async function openArticle(page: Page): Promise<void> {
  await openReader(page);
  const box = page.getByRole('combobox', { name: '全文检索' });
  await box.fill(QUERY);
  await box.blur();
  await page.getByTestId('result').filter({ hasText: TITLE }).first().click();
  await expect(page.getByRole('article').getByRole('heading', { level: 1 })).toHaveText(TITLE);
  for (const color of COLORS) {
    await expect(page.getByTestId('notes-panel').locator(`.quote.anno-${color}`).first()).toBeVisible();
  }
}

// --- Colour arithmetic (WCAG 2 contrast; CIE76 colour difference) ------------------------------

type RGB = [number, number, number];

function parseRgb(css: string): RGB {
  const m = css.match(/rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)/);
  if (!m) throw new Error(`not an rgb() colour: ${css}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function luminance([r, g, b]: RGB): number {
  const lin = (c: number): number => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

function contrast(a: RGB, b: RGB): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

function lab([r, g, b]: RGB): RGB {
  const lin = (c: number): number => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const [R, G, B] = [lin(r), lin(g), lin(b)];
  const f = (t: number): number => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  const x = f((0.4124 * R + 0.3576 * G + 0.1805 * B) / 0.95047);
  const y = f(0.2126 * R + 0.7152 * G + 0.0722 * B);
  const z = f((0.0193 * R + 0.1192 * G + 0.9505 * B) / 1.08883);
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}

/** CIE76 ΔE: about 2 is just noticeable; two highlights side by side need far more. */
function deltaE(a: RGB, b: RGB): number {
  const [p, q] = [lab(a), lab(b)];
  return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}

/** Text colour and the opaque background behind it, as the page computes them. */
async function colorsOf(page: Page, selector: string): Promise<{ fg: RGB; bg: RGB }> {
  const found = await page.evaluate((selector) => {
    const element = document.querySelector(selector);
    if (!element) return null;
    const parse = (css: string): number[] => {
      const m = css.match(/rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?/);
      if (!m) return [0, 0, 0, 0];
      const alpha = m[4] === undefined ? 1 : m[4].endsWith('%') ? parseFloat(m[4]) / 100 : Number(m[4]);
      return [Number(m[1]), Number(m[2]), Number(m[3]), alpha];
    };
    // Composite translucent backgrounds over their ancestors' until opaque.
    const layers: number[][] = [];
    for (let e: Element | null = element; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    let bg = [255, 255, 255];
    for (const [r, g, b, a] of layers.reverse()) bg = [r, g, b].map((v, i) => v * a + bg[i] * (1 - a));
    return { fg: getComputedStyle(element).color, bg: `rgb(${bg.map(Math.round).join(', ')})` };
  }, selector);
  expect(found, `${selector} is on the page`).not.toBeNull();
  return { fg: parseRgb(found?.fg ?? ''), bg: parseRgb(found?.bg ?? '') };
}

// --- Setup: one highlight per colour on the article, removed afterwards -------------------------

const created: string[] = [];

test.beforeAll(async ({ request }) => {
  const post = async <T>(channel: string, data: object): Promise<T> => {
    const response = await request.post(`/api/${channel}`, { headers, data });
    expect(response.ok(), `${channel}: ${await response.text()}`).toBe(true);
    return ((await response.json()) as { value: T }).value;
  };
  const found = await post<{ hits: { id: string; title: string }[] }>('search:query', { query: TITLE });
  const id = found.hits.find((h) => h.title === TITLE)?.id as string;
  const article = await post<{ text: string }>('articles:get', { id });
  for (const color of COLORS) {
    const start = article.text.indexOf(PASSAGES[color]);
    expect(start, `“${PASSAGES[color]}” is in the article`).toBeGreaterThanOrEqual(0);
    const made = await post<{ id: string }>('notes:annotate', {
      articleId: id,
      start,
      end: start + PASSAGES[color].length,
      color,
    });
    created.push(made.id);
  }
});

test.afterAll(async ({ request }) => {
  for (const id of created) {
    await request.post('/api/notes:deleteAnnotation', { headers, data: { id } });
  }
  await request.post('/api/settings:update', { headers, data: { theme: 'system' } });
});

// --- Colours ---------------------------------------------------------------------------------

for (const theme of THEMES) {
  test(`${theme}: highlights, quotes and search hits are readable (AA) and highlights never look like hits`, async ({
    page,
  }, testInfo) => {
    await useTheme(page, theme);
    await page.setViewportSize(SIZES[1]);
    await openArticle(page);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);

    const body = '[data-testid="article-body"]';
    const hit = await colorsOf(page, `${body} mark.hit:not(.current):not(.anno)`);
    const current = await colorsOf(page, `${body} mark.hit.current`);
    const checks: { what: string; fg: RGB; bg: RGB }[] = [
      { what: 'search hit', ...hit },
      { what: 'current search hit', ...current },
      { what: 'search hit inside a highlight', ...(await colorsOf(page, `${body} mark.anno.hit`)) },
      { what: 'figure inside a highlight', ...(await colorsOf(page, `${body} mark.anno.metric`)) },
    ];
    for (const color of COLORS) {
      const mark = await colorsOf(page, `${body} mark.anno.anno-${color}:not(.hit):not(.metric)`);
      const quote = await colorsOf(page, `[data-testid="notes-panel"] .quote.anno-${color}`);
      checks.push(
        { what: `${color} highlight`, ...mark },
        { what: `${color} quote in the side panel`, ...quote },
      );
      // The quote in the side panel shows the colour of its highlight, so the two can be matched.
      expect.soft(quote.bg, `${color} quote has the highlight's colour`).toEqual(mark.bg);
      // A highlight must not pass for a search hit (or the current one).
      expect
        .soft(deltaE(mark.bg, hit.bg), `${color} highlight vs search hit (ΔE)`)
        .toBeGreaterThanOrEqual(25);
      expect
        .soft(deltaE(mark.bg, current.bg), `${color} highlight vs current hit (ΔE)`)
        .toBeGreaterThanOrEqual(25);
    }
    for (const { what, fg, bg } of checks) {
      expect.soft(contrast(fg, bg), `${what}: text rgb(${fg}) on rgb(${bg})`).toBeGreaterThanOrEqual(4.5);
    }

    for (const size of SIZES) {
      await page.setViewportSize(size);
      await shot(page, testInfo, `article-${theme}-${size.width}x${size.height}`);
    }
    mkdirSync(SHOTS, { recursive: true });
    await page.getByTestId('notes-panel').screenshot({
      path: path.join(SHOTS, `notes-panel-${theme}-${SIZES[0].width}x${SIZES[0].height}.png`),
    });
  });

  test(`${theme}: the metrics chart's series, labels, axes and grid stand out from its background`, async ({
    page,
  }, testInfo) => {
    await useTheme(page, theme);
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await openReader(page);
      await page.getByRole('navigation').getByRole('button', { name: '指标', exact: true }).click();
      await page.getByRole('searchbox', { name: '指标名称' }).fill('高新技术企业');
      const canvas = page.getByTestId('metrics-canvas');
      await expect(canvas).toBeVisible();
      await canvas.scrollIntoViewIfNeeded();
      // What is drawn, summed up in the page: the panel colour behind the canvas, the most common
      // opaque colour (the bars), the colours of long horizontal runs (axis and grid lines, longer
      // than any bar is wide), and the opaque colours in the label strips (left and bottom).
      const drawn = await canvas.evaluate((element: HTMLCanvasElement) => {
        let bg = 'rgba(0, 0, 0, 0)';
        for (
          let e: Element | null = element;
          e && /rgba\(.*,\s*0\)|transparent/.test(bg);
          e = e.parentElement
        ) {
          bg = getComputedStyle(e).backgroundColor;
        }
        const { width, height } = element;
        const data =
          element.getContext('2d')?.getImageData(0, 0, width, height).data ?? new Uint8ClampedArray();
        const key = (x: number, y: number): string | null => {
          const i = (y * width + x) * 4;
          return data[i + 3] === 255 ? `${data[i]},${data[i + 1]},${data[i + 2]}` : null;
        };
        const counts = new Map<string, number>();
        for (let y = 0; y < height; y++) {
          for (let x = 0; x < width; x++) {
            const k = key(x, y);
            if (k) counts.set(k, (counts.get(k) ?? 0) + 1);
          }
        }
        const series = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
        const lines = new Set<string>();
        for (let y = 0; y < height; y++) {
          let run = 0;
          for (let x = 1; x < width; x++) {
            const k = key(x, y);
            run = k && k !== series && k === key(x - 1, y) ? run + 1 : 0;
            if (k && run === 120) lines.add(k);
          }
        }
        const ink = (x0: number, x1: number, y0: number, y1: number): string[] => {
          const found = new Set<string>();
          for (let y = y0; y < y1; y++) {
            for (let x = x0; x < x1; x++) {
              const k = key(x, y);
              if (k && k !== series) found.add(k);
            }
          }
          return [...found];
        };
        return {
          bg,
          series,
          lines: [...lines],
          valueLabels: ink(0, 36, 0, height - 60),
          articleLabels: ink(40, width, height - 30, height),
        };
      });
      const bg = parseRgb(drawn.bg);
      const rgb = (k: string): RGB => k.split(',').map(Number) as RGB;
      const series = rgb(drawn.series);
      expect(contrast(series, bg), `series rgb(${series}) on rgb(${bg})`).toBeGreaterThanOrEqual(3);
      expect(drawn.lines.length, 'the chart has axis and grid lines').toBeGreaterThan(0);
      for (const line of drawn.lines) {
        expect(contrast(rgb(line), bg), `axis/grid line rgb(${line}) on rgb(${bg})`).toBeGreaterThanOrEqual(
          1.4,
        );
      }
      // Labels: the strongest ink (the core of each glyph) in each strip.
      const strongest = (keys: string[]): number => Math.max(1, ...keys.map((k) => contrast(rgb(k), bg)));
      expect(strongest(drawn.valueLabels), 'value-axis labels').toBeGreaterThanOrEqual(4.5);
      expect(strongest(drawn.articleLabels), 'article-axis labels').toBeGreaterThanOrEqual(4.5);
      await shot(page, testInfo, `metrics-${theme}-${size.width}x${size.height}`);
    }
  });
}

// The app has light and dark themes only; a high-contrast look comes from the system (forced colours).
test('forced colours (system high contrast): search hits and highlights still differ and read at 4.5:1', async ({
  page,
}, testInfo) => {
  await useTheme(page, 'dark');
  await page.emulateMedia({ forcedColors: 'active' });
  await page.setViewportSize(SIZES[0]);
  await openArticle(page);
  const body = '[data-testid="article-body"]';
  const hit = await colorsOf(page, `${body} mark.hit:not(.current):not(.anno)`);
  for (const color of COLORS) {
    const mark = await colorsOf(page, `${body} mark.anno.anno-${color}:not(.hit):not(.metric)`);
    expect.soft(deltaE(mark.bg, hit.bg), `${color} highlight vs search hit (ΔE)`).toBeGreaterThanOrEqual(25);
    expect.soft(contrast(mark.fg, mark.bg), `${color} highlight text`).toBeGreaterThanOrEqual(4.5);
  }
  expect(contrast(hit.fg, hit.bg), 'search hit text').toBeGreaterThanOrEqual(4.5);
  await shot(page, testInfo, 'article-forced-colors-1024x700');
});

// --- Layout at 1024×700 --------------------------------------------------------------------

for (const theme of THEMES) {
  test(`${theme}: at 1024×700 the toolbar is one row and the side panel stays beside the article`, async ({
    page,
  }, testInfo) => {
    await useTheme(page, theme);
    await page.setViewportSize({ width: 1024, height: 700 });
    await openArticle(page);
    const toolbar = page.getByRole('toolbar');
    const bar = await toolbar.boundingBox();
    const control = await toolbar.getByRole('button').first().boundingBox();
    expect(bar && control).toBeTruthy();
    if (!bar || !control) return;
    // One row: the bar is less than two controls high.
    expect(bar.height, `toolbar ${bar.height}px high, a control ${control.height}px`).toBeLessThan(
      control.height * 2,
    );

    // The side panel (notes and figures) is to the right of the article, starting at its top.
    const article = await page.getByRole('article').boundingBox();
    const side = await page.getByTestId('notes-panel').boundingBox();
    expect(article && side).toBeTruthy();
    if (!article || !side) return;
    expect(side.x, 'side panel starts right of the article').toBeGreaterThanOrEqual(
      article.x + article.width - 1,
    );
    expect(side.y, 'side panel is beside the article, not below it').toBeLessThan(article.y + 120);
    expect(side.x + side.width).toBeLessThanOrEqual(1024);
    expect(article.width, 'the article keeps a readable measure').toBeGreaterThanOrEqual(360);
    await shot(page, testInfo, `layout-${theme}-1024x700`);

    // No action is lost: Tab reaches every toolbar control, and each one is on screen and on top
    // (an action in the overflow menu shows the menu while it has focus).
    const labels = await toolbar
      .getByRole('button')
      .evaluateAll((list) =>
        list.filter((b) => !(b as HTMLButtonElement).disabled).map((b) => b.textContent),
      );
    const reached: string[] = [];
    await toolbar.getByRole('button').first().focus();
    for (let i = 0; i < labels.length; i++) {
      const focused = await page.evaluate(() => {
        const active = document.activeElement as HTMLElement;
        const r = active.getBoundingClientRect();
        const top = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
        return {
          label: active.textContent,
          inToolbar: Boolean(active.closest('[role="toolbar"]')),
          shown: r.width > 8 && r.height > 8 && (top === active || active.contains(top)),
        };
      });
      if (!focused.inToolbar) break;
      expect(focused.shown, `“${focused.label}” is visible when focused`).toBe(true);
      reached.push(focused.label ?? '');
      if (i === 6) await shot(page, testInfo, `toolbar-overflow-focus-${theme}-1024x700`);
      await page.keyboard.press('Tab');
    }
    expect(reached).toEqual(labels);

    // With the mouse: pointing at the end of the row shows the other actions; 查找 opens find.
    await page.mouse.move(bar.x + bar.width - 16, bar.y + bar.height / 2);
    const find = toolbar.getByRole('button', { name: '查找', exact: true });
    await expect
      .poll(() =>
        find.evaluate((b) => {
          const r = b.getBoundingClientRect();
          return document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) === b;
        }),
      )
      .toBe(true);
    await shot(page, testInfo, `toolbar-overflow-hover-${theme}-1024x700`);
    await find.click();
    await expect(page.getByRole('searchbox', { name: '在本文中查找' })).toBeVisible();
  });
}

test('at 1440×900 the layout is as before: side panel 260 px wide beside the article', async ({ page }) => {
  await useTheme(page, 'light');
  await page.setViewportSize({ width: 1440, height: 900 });
  await openArticle(page);
  const article = await page.getByRole('article').boundingBox();
  const side = await page.locator('.side').boundingBox();
  expect(side?.width).toBe(260);
  expect(side?.x ?? 0).toBeGreaterThanOrEqual((article?.x ?? 0) + (article?.width ?? 0));
});

test('below 800 px the side panel may go below the article', async ({ page }, testInfo) => {
  await useTheme(page, 'dark');
  await page.setViewportSize({ width: 760, height: 700 });
  await openArticle(page);
  await shot(page, testInfo, 'article-dark-760x700');
});
