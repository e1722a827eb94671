import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import Papa from 'papaparse';
import { attachScreenshot, expect, expectAccessible, openReader, search, searchBox, test } from './fixtures';

/**
 * Bookmarks, annotations and notes export in browser mode. Notes persist in the run's data
 * folder and every test adds its own, so each one uses its own tags and notes and never assumes
 * an empty store.
 */

/** The dated page of tests/e2e/pages: 测试报, 2024-03-01, page 2, with markup in its text. */
const DATED_TITLE = '网页代码不会在阅读器里运行';
const DATED_CITATION = `${DATED_TITLE}[N]. 测试报, 2024-03-01(2).`;

/** A marker unique to one test in one run, for tags and notes. */
function unique(label: string): string {
  return `${label}${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
}

async function openArticle(page: Page, query: string, title: string): Promise<Locator> {
  await search(page, query);
  await page.getByTestId('result').filter({ hasText: title }).first().click();
  const article = page.getByRole('article');
  await expect(article.getByRole('heading', { level: 1 })).toHaveText(title);
  return article;
}

/**
 * Selects `needle` in the article body: with the mouse (press on its first character, release on
 * its last), or by setting a DOM selection and dispatching mouseup as a mouse would. Returns what
 * the browser reports as selected.
 */
async function selectPassage(page: Page, needle: string, how: 'mouse' | 'dom'): Promise<string> {
  const points = await page.evaluate(
    ({ needle, how }) => {
      const body = document.querySelector('[data-testid="article-body"]');
      if (!body) throw new Error('no article body');
      for (const p of Array.from(body.querySelectorAll('p'))) {
        const at = (p.textContent ?? '').indexOf(needle);
        if (at < 0) continue;
        // The paragraph's text may be split by highlight marks: map offsets to text nodes.
        const locate = (offset: number, preferEnd: boolean): [Node, number] => {
          const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
          let count = 0;
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            const length = n.textContent?.length ?? 0;
            if (offset < count + length || (preferEnd && offset === count + length)) {
              return [n, offset - count];
            }
            count += length;
          }
          throw new Error(`offset ${offset} is outside the paragraph`);
        };
        p.scrollIntoView({ block: 'center' });
        const range = (from: number, to: number): Range => {
          const r = document.createRange();
          r.setStart(...locate(from, false));
          r.setEnd(...locate(to, true));
          return r;
        };
        if (how === 'dom') {
          const selection = window.getSelection();
          selection?.removeAllRanges();
          selection?.addRange(range(at, at + needle.length));
          p.dispatchEvent(new MouseEvent('mouseup', { bubbles: true, cancelable: true, view: window }));
          return null;
        }
        const first = range(at, at + 1).getBoundingClientRect();
        const last = range(at + needle.length - 1, at + needle.length).getBoundingClientRect();
        return {
          from: { x: first.left + 2, y: first.top + first.height / 2 },
          to: { x: last.right - 2, y: last.top + last.height / 2 },
        };
      }
      throw new Error(`"${needle}" is not in the article`);
    },
    { needle, how },
  );
  if (points) {
    await page.mouse.move(points.from.x, points.from.y);
    await page.mouse.down();
    await page.mouse.move(points.to.x, points.to.y, { steps: 8 });
    await page.mouse.up();
  }
  return page.evaluate(() => window.getSelection()?.toString() ?? '');
}

/** Annotates the current selection through the popover. */
async function annotateSelection(page: Page, color: string, note: string): Promise<void> {
  const popover = page.getByRole('dialog', { name: '标注所选文字' });
  await expect(popover).toBeVisible();
  await popover.getByRole('radio', { name: color }).click();
  await expect(popover.getByRole('radio', { name: color })).toHaveAttribute('aria-checked', 'true');
  await popover.getByRole('button', { name: '添加笔记' }).click();
  await popover.getByRole('textbox', { name: '笔记' }).fill(note);
  await popover.getByRole('button', { name: '标注', exact: true }).click();
  await expect(popover).toBeHidden();
  await expect(page.getByTestId('toast')).toHaveText('已保存批注');
}

/** The text highlighted in `color` (other marks, such as figures, may cut a highlight into pieces). */
async function highlighted(page: Page, color: string): Promise<string> {
  return (await page.getByTestId('article-body').locator(`mark.anno.anno-${color}`).allInnerTexts()).join('');
}

/** The item of the side panel that quotes `quote`. */
function panelItem(page: Page, quote: string): Locator {
  return page.getByTestId('notes-panel').getByTestId('annotation').filter({ hasText: quote });
}

async function openNotesView(page: Page): Promise<Locator> {
  await page.getByRole('navigation').getByRole('button', { name: '笔记' }).click();
  const view = page.getByTestId('notes-view');
  await expect(view.getByRole('heading', { name: '笔记', level: 2 })).toBeVisible();
  return view;
}

/** Exports in `format` from the 笔记 view and returns the downloaded file's name and bytes. */
async function exportAs(view: Locator, page: Page, format: string): Promise<{ name: string; bytes: Buffer }> {
  await view.getByLabel('格式').selectOption(format);
  const downloading = page.waitForEvent('download');
  await view.getByTestId('export').click();
  const download = await downloading;
  const file = await download.path();
  return { name: download.suggestedFilename(), bytes: readFileSync(file) };
}

test('bookmark an article with tags and a note; find it in the 笔记 view by tag', async ({
  page,
}, testInfo) => {
  const tag = unique('书签测试');
  const note = unique('这篇要细读');
  await openReader(page);
  await openArticle(page, '科技创新为高质量发展赋能蓄力', '科技创新为高质量发展赋能蓄力');
  const star = page.getByTestId('bookmark-toggle');
  // Other tests may have bookmarked it already: start from "not bookmarked".
  if ((await star.getAttribute('aria-pressed')) === 'true') {
    await star.click();
    await expect(star).toHaveAttribute('aria-pressed', 'false');
  }
  await expect(star).toHaveText(/☆/);
  await star.click();
  await expect(star).toHaveAttribute('aria-pressed', 'true');
  await expect(star).toHaveText(/★/);
  await expect(page.getByTestId('toast')).toHaveText('已加入书签');

  // As a person does it: tags, Tab into the note, type at once, Tab away.
  const panel = page.getByTestId('notes-panel');
  const tags = panel.getByRole('textbox', { name: '标签' });
  await tags.click();
  await tags.fill(`${tag}， 科技`);
  await tags.press('Tab');
  const noteField = panel.getByRole('textbox', { name: '笔记' });
  await expect(noteField).toBeFocused();
  await page.keyboard.type(note);
  await page.keyboard.press('Tab');
  await expect(tags).toHaveValue(`${tag}, 科技`);
  await expect(noteField).toHaveValue(note);

  await page.reload();
  await expect(page.getByRole('article').getByRole('heading', { level: 1 })).toHaveText(
    '科技创新为高质量发展赋能蓄力',
  );
  await expect(page.getByTestId('bookmark-toggle')).toHaveAttribute('aria-pressed', 'true');
  await expect(panel.getByRole('textbox', { name: '标签' })).toHaveValue(`${tag}, 科技`);
  await expect(panel.getByRole('textbox', { name: '笔记' })).toHaveValue(note);
  await attachScreenshot(page, testInfo, 'bookmark-in-panel');

  const view = await openNotesView(page);
  await view.getByRole('combobox', { name: '标签' }).selectOption({ label: `${tag} (1)` });
  const listed = view.getByTestId('bookmark');
  await expect(listed).toHaveCount(1);
  await expect(listed).toContainText('科技创新为高质量发展赋能蓄力');
  await expect(listed).toContainText(tag);
  await expect(listed).toContainText(note);
  // The text filter finds it by its note too.
  await view.getByRole('combobox', { name: '标签' }).selectOption('');
  await view.getByRole('searchbox', { name: '在书签和批注中查找' }).fill(note);
  await expect(view.getByTestId('bookmark')).toHaveCount(1);
  await attachScreenshot(page, testInfo, 'bookmark-in-notes-view');

  // Opening it from the list brings the article back.
  await view.getByTestId('bookmark').getByRole('button', { name: '科技创新为高质量发展赋能蓄力' }).click();
  await expect(page.getByRole('article').getByRole('heading', { level: 1 })).toHaveText(
    '科技创新为高质量发展赋能蓄力',
  );
});

test('annotate a passage selected with the mouse; it survives a reload; edit, delete and undo', async ({
  page,
}, testInfo) => {
  const passage = '阅读器必须把它们原样显示为文字';
  const note = unique('批注');
  const edited = unique('改过的批注');
  await openReader(page);
  const article = await openArticle(page, '网页代码', DATED_TITLE);
  const body = article.getByTestId('article-body');

  expect(await selectPassage(page, passage, 'mouse')).toBe(passage);
  await attachScreenshot(page, testInfo, 'annotation-popover');
  await annotateSelection(page, '绿色', note);

  await expect.poll(() => highlighted(page, 'green')).toBe(passage);
  await expect(body.locator('mark.anno.anno-green').first()).toHaveAttribute('title', note);
  // The markup in the archive text is still text, and nothing ran.
  expect(await page.evaluate(() => (window as { __pwned?: boolean }).__pwned)).toBeUndefined();
  const item = panelItem(page, passage);
  await expect(item).toHaveCount(1);
  await expect(item).toContainText(note);
  await attachScreenshot(page, testInfo, 'annotation-in-text-and-panel');
  await expectAccessible(page);

  await page.reload();
  await expect(article.getByRole('heading', { level: 1 })).toHaveText(DATED_TITLE);
  await expect.poll(() => highlighted(page, 'green')).toBe(passage);
  await expect(panelItem(page, passage)).toContainText(note);

  // Edit its note in the side panel.
  await panelItem(page, passage).getByRole('button', { name: '编辑笔记' }).click();
  const editor = panelItem(page, passage).getByRole('textbox', { name: '笔记' });
  await expect(editor).toBeFocused();
  await editor.fill(edited);
  await editor.press('Tab');
  await expect(panelItem(page, passage).locator('.note')).toHaveText(edited);
  await expect(body.locator('mark.anno.anno-green').first()).toHaveAttribute('title', edited);

  // Delete it: gone from the text and the panel.
  await panelItem(page, passage).getByRole('button', { name: '删除' }).click();
  await expect(page.getByTestId('toast')).toHaveText(/^已删除[(（]可撤销[)）]$/);
  await expect(panelItem(page, passage)).toHaveCount(0);
  await expect(body.locator('mark.anno.anno-green')).toHaveCount(0);

  // Undo from the 笔记 view brings it back with the edited note.
  const view = await openNotesView(page);
  await expect(view.getByText(edited)).toHaveCount(0);
  await view.getByRole('button', { name: '撤销' }).click();
  await expect(page.getByTestId('toast')).toHaveText(/^已撤销/);
  const restored = view.locator('.annotation-overview li').filter({ hasText: edited });
  await expect(restored).toHaveCount(1);
  await expect(restored.locator('blockquote')).toHaveText(passage);
  await restored.getByRole('button', { name: DATED_TITLE }).click();
  await expect(article.getByRole('heading', { level: 1 })).toHaveText(DATED_TITLE);
  await expect(body.locator('mark.anno.anno-green').first()).toHaveAttribute('title', edited);
  await expect(panelItem(page, passage)).toContainText(edited);
});

test('export Markdown, CSV and Web Annotation JSON from the 笔记 view, and import without duplicates', async ({
  page,
}, testInfo) => {
  const passage = '<b>加粗</b>和<a href="https://example.com">链接</a>';
  const note = unique('导出用的批注');
  await openReader(page);
  const article = await openArticle(page, '网页代码', DATED_TITLE);
  expect(await selectPassage(page, passage, 'dom')).toBe(passage);
  await annotateSelection(page, '蓝色', note);
  await expect.poll(() => highlighted(page, 'blue')).toBe(passage);
  await expect(article.locator('mark.anno.anno-blue').first()).toHaveAttribute('title', note);
  await attachScreenshot(page, testInfo, 'article-with-notes-panel');
  await expectAccessible(page);

  const view = await openNotesView(page);
  await expect(view.locator('.annotation-overview li').filter({ hasText: note })).toHaveCount(1);
  await attachScreenshot(page, testInfo, 'notes-view');
  await expectAccessible(page);

  // Markdown: the article's heading and GB/T 7714 citation, the quote (escaped), the note.
  const md = await exportAs(view, page, 'md');
  expect(md.name).toMatch(/^newsstack-notes-\d{4}-\d{2}-\d{2}\.md$/);
  const markdown = md.bytes.toString('utf8');
  expect(markdown).toContain(`## ${DATED_TITLE}`);
  expect(markdown).toContain(DATED_CITATION);
  expect(markdown).toContain('> \\<b\\>加粗\\</b\\>和\\<a href\\="https://example.com"\\>链接\\</a\\>');
  expect(markdown).toContain(note);
  expect(markdown).toContain('— 蓝色标注');
  // The citation sits under the article's heading.
  const section = markdown.slice(markdown.indexOf(`## ${DATED_TITLE}`));
  expect(section.split('\n')[2]).toBe(DATED_CITATION);

  // CSV: UTF-8 with a byte-order mark, parsed by a CSV parser.
  const csv = await exportAs(view, page, 'csv');
  expect(csv.name).toMatch(/\.csv$/);
  expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const parsed = Papa.parse<Record<string, string>>(csv.bytes.toString('utf8').replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: true,
  });
  expect(parsed.errors).toEqual([]);
  expect(parsed.meta.fields?.slice(0, 4)).toEqual(['type', 'id', 'article_id', 'title']);
  const row = parsed.data.find((r) => r.note === note);
  expect(row).toMatchObject({
    type: 'annotation',
    title: DATED_TITLE,
    publication: '测试报',
    date: '2024-03-01',
    citation: DATED_CITATION,
    quote: passage,
    color: 'blue',
    status: 'anchored',
  });
  expect(Number(row?.end) - Number(row?.start)).toBe(passage.length);

  // JSON: a W3C Web Annotation collection.
  const json = await exportAs(view, page, 'json');
  expect(json.name).toMatch(/\.json$/);
  const collection = JSON.parse(json.bytes.toString('utf8')) as {
    '@context': unknown;
    type: string;
    total: number;
    first: { type: string; items: Record<string, unknown>[] };
  };
  expect(JSON.stringify(collection['@context'])).toContain('http://www.w3.org/ns/anno.jsonld');
  expect(collection.type).toBe('AnnotationCollection');
  expect(collection.first.type).toBe('AnnotationPage');
  expect(collection.total).toBe(collection.first.items.length);
  for (const item of collection.first.items) {
    // The model's required fields: id (an IRI), type, target.
    expect(item.id).toMatch(/^[a-z][a-z0-9+.-]*:/i);
    expect(item.type).toBe('Annotation');
    expect(item.target).toBeTruthy();
  }
  const exported = collection.first.items.find((i) =>
    (i.body as { value: string }[] | undefined)?.some((b) => b.value === note),
  );
  expect(exported).toMatchObject({
    id: expect.stringMatching(/^urn:uuid:/),
    type: 'Annotation',
    motivation: 'commenting',
    created: expect.any(String),
    modified: expect.any(String),
    body: [{ type: 'TextualBody', value: note, purpose: 'commenting' }],
    target: {
      source: expect.stringMatching(/^urn:newsstack:article:/),
      styleClass: 'newsstack-blue',
      selector: expect.arrayContaining([
        expect.objectContaining({
          type: 'TextQuoteSelector',
          exact: passage,
          prefix: expect.stringContaining('第二段写着'),
          suffix: expect.stringContaining('同样只是文字'),
        }),
        expect.objectContaining({ type: 'TextPositionSelector' }),
      ]),
    },
  });

  // Importing what was just exported adds nothing and duplicates nothing.
  const heading = (name: RegExp): Locator => view.getByRole('heading', { level: 3, name });
  const bookmarksBefore = await heading(/^书签/).innerText();
  const annotationsBefore = await heading(/^批注/).innerText();
  await view.getByLabel(/导入 JSON/).setInputFiles({
    name: json.name,
    mimeType: 'application/ld+json',
    buffer: json.bytes,
  });
  // Half- or full-width punctuation, as the translation has it.
  await expect(page.getByTestId('toast')).toHaveText(
    new RegExp(`^导入完成[:：]新增 0[,，]更新 0[,，]未变 ${collection.total}[,，]跳过 0$`),
  );
  await expect(heading(/^书签/)).toHaveText(bookmarksBefore);
  await expect(heading(/^批注/)).toHaveText(annotationsBefore);
  await expect(view.locator('.annotation-overview li').filter({ hasText: note })).toHaveCount(1);
  await attachScreenshot(page, testInfo, 'notes-view-after-import');
});

test('save a search and run it again from the 笔记 view', async ({ page }, testInfo) => {
  await openReader(page);
  await search(page, '北碚');
  await expect(page.getByTestId('result').first()).toBeVisible();
  const total = await page.getByTestId('status').innerText();
  await page.getByRole('button', { name: '保存此检索' }).click();
  await expect(page.getByTestId('toast')).toHaveText('已保存检索');

  await search(page, '');
  const view = await openNotesView(page);
  const saved = view.getByTestId('bookmark').filter({ hasText: '保存的检索' }).filter({ hasText: '北碚' });
  await expect(saved).toHaveCount(1);
  await attachScreenshot(page, testInfo, 'saved-search');
  await saved.getByRole('button', { name: /北碚/ }).click();
  await expect(searchBox(page)).toHaveValue('北碚');
  await expect(page.getByTestId('status')).toHaveText(total);
  await expect(page.getByTestId('result').first()).toBeVisible();
});

test('from the 笔记 view: filter by colour, edit tags and note there, open the article at the passage', async ({
  page,
}, testInfo) => {
  const title = '科技创新为高质量发展赋能蓄力';
  const passage = '北碚区科技局负责人介绍';
  const tag = unique('科创');
  const note = unique('远处的批注');
  await openReader(page);
  await openArticle(page, '赋能蓄力', title);
  expect(await selectPassage(page, passage, 'dom')).toBe(passage);
  await annotateSelection(page, '粉色', unique('初稿'));

  const view = await openNotesView(page);
  await view.getByLabel('按颜色筛选批注').selectOption('pink');
  const items = view.locator('.annotation-overview li');
  await expect(items.filter({ hasText: passage })).not.toHaveCount(0);
  for (const quote of await items.locator('blockquote').all()) await expect(quote).toHaveClass(/anno-pink/);
  const item = items.filter({ hasText: passage }).last();

  // Note and tags are edited where the annotation is listed.
  await item.getByRole('button', { name: '编辑' }).click();
  await item.getByRole('textbox', { name: '笔记' }).fill(note);
  await item.getByRole('textbox', { name: '标签' }).fill(`${tag}，北碚`);
  await item.getByRole('button', { name: '保存' }).click();
  await expect(page.getByTestId('toast')).toHaveText('已保存批注');
  const saved = view.locator('.annotation-overview li').filter({ hasText: note });
  await expect(saved.locator('.tags')).toHaveText(`${tag}，北碚`);
  await view.getByLabel('标签').first().selectOption(tag);
  await expect(view.locator('.annotation-overview li')).toHaveCount(1);
  await attachScreenshot(page, testInfo, 'notes-view-edit-and-filter');
  await page.screenshot({ path: '/tmp/shots/notes-view.png' });

  // Its title opens the article scrolled to the passage, far down the page.
  await view.locator('.annotation-overview li').getByRole('button', { name: title }).click();
  const mark = page
    .getByTestId('article-body')
    .locator('mark.anno.anno-pink')
    .filter({ hasText: '北碚区科技局' });
  await expect(mark.first()).toBeInViewport();
  await expect(page.getByRole('article').getByRole('heading', { level: 1 })).not.toBeInViewport();
  await page.screenshot({ path: '/tmp/shots/notes-open-at.png' });
  await expectAccessible(page);
});
