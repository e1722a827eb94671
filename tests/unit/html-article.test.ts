import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../src/shared/types';
import { decodePage } from '../../src/main/core/archive/decode';
import { htmlToText } from '../../src/main/core/archive/html';
import { readWebPage } from '../../src/main/core/archive/html-article';
import { importFolder, parsedAlike } from '../../src/main/core/archive/import';
import { htmlOfMhtml, isMhtml } from '../../src/main/core/archive/mhtml';
import { readPageArticles } from '../../src/main/core/archive/page';
import { parseRecord, type FileRecord } from '../../src/main/core/archive/read';
import {
  cleanTitle,
  dateOfMeta,
  dateOfUrl,
  firstDate,
  pageOfText,
  readMetaLine,
} from '../../src/main/core/archive/web-meta';
import { archiveWith } from './helpers/tmp';

const FIXTURES = path.resolve('tests/fixtures/html-pages');
const GNE = path.resolve('../shared/corpora/news-web/gne-news-html');
const fixture = (name: string): Buffer => readFileSync(path.join(FIXTURES, name));

/** Site furniture that must never be text of an article: navigation, share bars, notices, footers. */
const FURNITURE =
  /^(?:首页|登录|注册|分享到?|扫一扫|关注我们|相关(?:新闻|阅读|文章|推荐)|推荐阅读|网站地图|网友评论|热点排行|返回顶部|上一篇|下一篇|举报|【?打印本页|【?关闭窗口)|copyright|版权所有|ICP备|责任编辑|本文来源/iu;

function furnitureIn(article: Article): string[] {
  return [
    ...article.paragraphs,
    ...(article.captions ?? []),
    ...(article.sections ?? []).map((s) => s.title),
  ].filter((t) => FURNITURE.test(t));
}

/** Every fixture imported from a folder, as the app reads a folder: file → its record. */
async function importFixtures(): Promise<Map<string, FileRecord>> {
  const files = Object.fromEntries(readdirSync(FIXTURES).map((f) => [f, fixture(f)]));
  const result = await importFolder(archiveWith(files), undefined);
  expect(result.report.files.map((f) => [f.file, f.errors, f.warnings])).toEqual(
    Object.keys(files).map((f) => [f, [], []]),
  );
  return new Map(result.changed.map((r) => [r.file, r]));
}

function only(records: Map<string, FileRecord>, file: string): Article {
  const record = records.get(file);
  expect(record?.articles, file).toHaveLength(1);
  return (record as FileRecord).articles[0];
}

describe('saved article pages through the import: one article each, with its metadata', () => {
  let records = new Map<string, FileRecord>();
  beforeAll(async () => {
    records = await importFixtures();
  });
  // The imported folder holds copies of the fixtures: their lines are the fixtures' lines.
  const lines = (file: string): string[] => fixture(file).toString('latin1').split(/\r?\n/u);
  const utf8Lines = (file: string): string[] => fixture(file).toString('utf8').split('\n');

  it('a portal page: the story without navigation, share bar, related list, comments or footer', () => {
    const a = only(records, 'portal-article.html');
    expect(a).toMatchObject({
      title: '江北新区开通三条公交线路',
      date: '2019-09-07',
      publication: '江城晚报',
      authors: ['周明远'],
      sections: [{ title: '早晚高峰加密班次', paragraph: 3 }],
    });
    expect(a.byline).toContain('责任编辑：王丽');
    expect(a.paragraphs[1]).toMatch(/^本报讯（记者 周明远）9月7日起/u);
    expect(a.paragraphs.at(-1)).toMatch(/适时调整。$/u);
    expect(furnitureIn(a)).toEqual([]);
    for (const gone of ['网友甲', '地铁四号线', '某地发布暴雨', '不应出现', '微博', '示例新闻网首页'])
      expect(a.text).not.toContain(gone);
    // Provenance: the article starts at the headline's line and ends at its last paragraph's.
    const html = utf8Lines('portal-article.html');
    expect(html[a.source.lineStart - 1]).toContain(`<h1>${a.title}</h1>`);
    expect(html[a.source.lineEnd - 1]).toContain('适时调整');
  });

  it('dates the page only declares: meta tags and JSON-LD; a zoned timestamp is read in China time', () => {
    const a = only(records, 'meta-dates.html');
    expect(a).toMatchObject({ title: '秋粮收购全面展开', date: '2020-10-12', authors: ['李文静'] });
    expect(a.publication).toBe('示例日报');
    const page = (head: string): string =>
      `<html><head><title>甲地新建学校三所_示例网</title>${head}</head><body><h1>甲地新建学校三所</h1><div class="c"><p>今年甲地新建学校三所，新增学位两千个，九月起招生。</p><p>教育部门表示，新学校将配齐师资，保证按时开学，家长可在网上查询学区划分。</p></div></body></html>`;
    const read = (head: string): string | undefined => {
      const r = readWebPage(page(head));
      return r.kind === 'article' ? r.article.date : 'not an article';
    };
    expect(read('<meta property="article:published_time" content="2021-06-21T18:00:00Z">')).toBe(
      '2021-06-22',
    );
    expect(read('<meta name="PubDate" content="2019-09-18 06:23">')).toBe('2019-09-18');
    expect(read('<meta name="og:time " content="2020年09月11日 18:05">')).toBe('2020-09-11');
    expect(read('<link rel="canonical" href="https://x.example.com/a/20200911/1.shtml">')).toBe('2020-09-11');
    expect(read('<!-- saved from url=(0054)http://paper.example.cn/html/2005-03/21/c_1.htm -->')).toBe(
      '2005-03-21',
    );
    expect(read('')).toBeUndefined();
  });

  it('an older GB2312 page: the byline, the source and 2005年3月21日 printed under the title', () => {
    const record = records.get('byline-2005.html');
    expect(record?.encoding).toBe('gb18030');
    const a = only(records, 'byline-2005.html');
    expect(a).toMatchObject({
      title: '我市春季植树活动启动',
      date: '2005-03-21',
      publication: '示例日报',
      authors: ['陈建国'],
    });
    expect(a.byline).toBe('作者：陈建国 责任编辑：刘芳');
    expect(a.paragraphs).toHaveLength(3);
    expect(a.paragraphs[0]).toMatch(/^3月20日上午/u);
    expect(furnitureIn(a)).toEqual([]);
  });

  it('an e-paper page: 版次, the date of the issue, kicker, subtitle and the reporter', () => {
    const a = only(records, 'epaper.html');
    expect(a).toMatchObject({
      title: '全市新增农村自来水用户三万户',
      kicker: '推进城乡供水一体化',
      subtitle: '年底前实现行政村全覆盖',
      page: 'A3',
      date: '2005-03-21',
      publication: '示例日报',
      authors: ['孙立平'],
      byline: '本报记者 孙立平',
    });
    expect(a.paragraphs).toHaveLength(3);
    expect(a.text).not.toMatch(/A0\d版|上一篇/u);
  });

  it('MHTML as Chrome saves it: the quoted-printable UTF-8 page, its lines mapped into the file', () => {
    const a = only(records, 'saved-page.mhtml');
    expect(a).toMatchObject({ title: '老城区改造项目全面开工', date: '2019-09-07', publication: '江城晚报' });
    expect(a.paragraphs).toHaveLength(3);
    expect(a.text).not.toMatch(/Copyright|登录/u);
    const file = lines('saved-page.mhtml');
    expect(file[a.source.lineStart - 1]).toContain('<h1>');
    expect(a.source.lineEnd).toBeGreaterThan(a.source.lineStart);
    expect(file[a.source.lineEnd - 1]).toContain('</p>');
    expect(a.source.lineEnd).toBeLessThan(file.findIndex((l) => l.startsWith('Content-Type: image/png')));
  });

  it('MHT as Internet Explorer saved it: a quoted-printable GB2312 part, its charset honoured', () => {
    const record = records.get('saved-page-gbk.mht');
    expect(record?.encoding).toBe('gb18030');
    const a = only(records, 'saved-page-gbk.mht');
    expect(a).toMatchObject({ title: '我市春季植树活动启动', date: '2005-03-21', authors: ['陈建国'] });
    expect(lines('saved-page-gbk.mht')[a.source.lineStart - 1]).toContain('class=3D"title"');
  });

  it('a page that declares gb2312 but is UTF-8 (and would read as GB18030 mojibake) is read as UTF-8', () => {
    const bytes = fixture('wrong-charset.html');
    // The bytes decode as GB18030 too: without looking past the declaration the page is garbage.
    const garbled = decodePage(bytes, 'gb18030');
    expect(garbled.ok && garbled.encoding).toBe('gb18030');
    expect(records.get('wrong-charset.html')?.encoding).toBe('utf-8');
    expect(only(records, 'wrong-charset.html').title).toBe('全市新增自来水用户三万户');
  });

  it('pages that are not one story are read as page text, as before: an index, a transcription', () => {
    for (const file of ['index.html', 'transcription.html']) {
      const html = fixture(file).toString('utf8');
      expect(readWebPage(html).kind, file).toBe('page');
      const { text, lineMap } = htmlToText(html);
      const before = readPageArticles(file, text, {}, lineMap).articles;
      expect(records.get(file)?.articles.map((a) => a.title)).toEqual(before.map((a) => a.title));
    }
    expect(records.get('transcription.html')?.articles.length).toBeGreaterThanOrEqual(3);
    const twoStories = readFileSync(path.resolve('tests/fixtures/archive/page.html'), 'utf8');
    expect(readWebPage(twoStories).kind).toBe('page');
  });
});

describe('MHTML and upgrades', () => {
  it('reads a base64 part and finds the page part among pictures', () => {
    const html =
      '<html><head><meta charset="utf-8"><title>标题</title></head><body><p>正文。</p></body></html>';
    const mhtml = [
      'MIME-Version: 1.0',
      'Content-Type: multipart/related; boundary="b1"; type="text/html"',
      '',
      '--b1',
      'Content-Type: image/gif',
      'Content-Transfer-Encoding: base64',
      '',
      'R0lGODlhAQABAAAAACw=',
      '--b1',
      'Content-Type: text/html; charset="utf-8"',
      'Content-Transfer-Encoding: base64',
      'Content-Location: https://example.com/2021/0618/a.html',
      '',
      ...(Buffer.from(html)
        .toString('base64')
        .match(/.{1,76}/gu) ?? []),
      '--b1--',
    ].join('\n');
    const bytes = Buffer.from(mhtml);
    expect(isMhtml(bytes)).toBe(true);
    expect(isMhtml(Buffer.from(html))).toBe(false);
    const page = htmlOfMhtml(bytes);
    expect(Buffer.from(page?.bytes ?? []).toString('utf8')).toBe(html);
    expect(page).toMatchObject({ charset: 'utf-8', url: 'https://example.com/2021/0618/a.html' });
  });

  it('version 3 reads HTML folders again on upgrade, and nothing else', () => {
    expect(parsedAlike({ format: 'html' }, 2)).toBe(false);
    expect(parsedAlike({ format: 'text' }, 2)).toBe(true);
    expect(parsedAlike({ format: 'markdown' }, 2)).toBe(true);
    expect(parsedAlike({ format: 'html' }, 3)).toBe(true);
  });
});

describe('what a page prints about its article', () => {
  it('titles without the site, dates written every way, 版次, bylines', () => {
    expect(cleanTitle('多地项目连环爆雷_网易新闻')).toEqual({ title: '多地项目连环爆雷', site: '网易新闻' });
    expect(cleanTitle('女儿出嫁，郑板桥画了几笔兰花当嫁妆--文化--人民网').title).toBe(
      '女儿出嫁，郑板桥画了几笔兰花当嫁妆',
    );
    expect(cleanTitle('交通运输部着力打造综合交通网络-股票频道-和讯网').site).toBe('和讯网');
    expect(cleanTitle('棱镜|数据业大整顿：爬虫与现金贷共生共荣_腾讯新闻').title).toBe(
      '棱镜|数据业大整顿：爬虫与现金贷共生共荣',
    );
    expect(cleanTitle('COVID-19 疫苗研发进展').title).toBe('COVID-19 疫苗研发进展');
    for (const text of [
      '2005-03-21 11:21',
      '2005/03/21',
      '2005年3月21日',
      '发布时间：2005.3.21',
      '２００５年３月２１日',
    ])
      expect(firstDate(text), text).toBe('2005-03-21');
    expect(firstDate('2005-02-30 或 2005-13-01')).toBeUndefined();
    expect(dateOfMeta('2019-09-07T13:43:45+08:00')).toBe('2019-09-07');
    expect(dateOfMeta('2007-08-20-23:59:59')).toBe('2007-08-20');
    expect(dateOfUrl('http://paper.example.cn/html/2020-03/21/nw.D110000_1-03.htm')).toBe('2020-03-21');
    expect(dateOfUrl('https://news.example.com/doc-123456789012.shtml')).toBeUndefined();
    expect(pageOfText('第A03版：要闻')).toBe('A3');
    expect(pageOfText('03版：要闻')).toBe('3');
    expect(pageOfText('版次：B2')).toBe('B2');
    expect(readMetaLine('本报记者 王晓明 《 示例日报 》（ 2020年03月21日 第 01 版）')).toMatchObject({
      date: '2020-03-21',
      page: '1',
      publication: '示例日报',
      authors: ['王晓明'],
    });
    expect(readMetaLine('2019-09-26 10:56:28 证券时报网')).toMatchObject({ source: '证券时报网' });
    expect(readMetaLine('石佳/中国青年报')).toMatchObject({ authors: ['石佳'], source: '中国青年报' });
    expect(readMetaLine('2019-09-26 12:11来源：证券时报网作者：李在山')).toMatchObject({
      source: '证券时报网',
      authors: ['李在山'],
    });
    expect(readMetaLine('本文来源：新京报 责任编辑：史建磊_NBJ11331')).toMatchObject({
      source: '新京报',
      editors: ['史建磊'],
    });
    expect(readMetaLine('2019年06月15日08:18 来源：人民网-文化频道').authors).toEqual([]);
    expect(readMetaLine('会议强调，要统筹好减与加的关系。').meta).toBeFalsy();
  });
});

/** Random pages: sentences, sites' furniture, links, headings, broken and unclosed markup. */
const SENTENCES = [
  '全市新增企业十家，同比增长。',
  '会议强调，要统筹好“减”与“加”的关系。',
  '记者从市水务局获悉，今年以来全市新增农村自来水用户三万户。',
  '分享到',
  'Copyright ©',
  '责任编辑：王丽',
  '2019-09-07 来源：江城晚报',
];
const TAGS = [
  '<p>',
  '</p>',
  '<div class="nav">',
  '<div class="content">',
  '<div class="share">',
  '</div>',
  '<br>',
];
const piece = fc.oneof(
  { arbitrary: fc.constantFrom(...SENTENCES), weight: 6 },
  { arbitrary: fc.string({ maxLength: 12 }), weight: 1 },
  {
    arbitrary: fc.constantFrom(...TAGS, '<h1>', '</h1>', '<h2>', '</h2>', '<footer>', '</footer>'),
    weight: 4,
  },
  {
    arbitrary: fc.constantFrom(
      '<a href="#">',
      '</a>',
      '<b>',
      '</b>',
      '<script>var a = "脚本";</script>',
      '<!-- 注释 -->',
    ),
    weight: 2,
  },
  {
    arbitrary: fc.constantFrom(
      '&nbsp;',
      '&lt;',
      '　　',
      '\n',
      '<img src=x>',
      '<li>',
      '<ul>',
      '<table><tr><td>',
      '</td></tr></table>',
    ),
    weight: 2,
  },
);
const head = fc.subarray([
  '<title>标题_示例网</title>',
  '<meta property="article:published_time" content="2020-01-02">',
  '<meta property="og:title" content="标题">',
]);

describe('property: the extractor', () => {
  it('never throws, and an article is text of the page: its paragraphs are in the page, in order', () => {
    let articles = 0;
    fc.assert(
      fc.property(head, fc.array(piece, { maxLength: 150 }), (heads, pieces) => {
        const html = `<html><head>${heads.join('')}</head><body>${pieces.join('')}</body></html>`;
        const reading = readWebPage(html);
        if (reading.kind === 'page') return;
        articles++;
        const { article } = reading;
        const collapse = (s: string): string => s.replace(/\s+/gu, ' ').trim();
        const page = collapse(htmlToText(html).text.replace(/^#+ /gmu, ''));
        expect(article.title.length).toBeGreaterThan(0);
        expect(article.start).toBeLessThanOrEqual(article.end);
        let from = 0;
        for (const p of article.paragraphs) {
          expect(p.text).not.toContain('脚本');
          const at = page.indexOf(collapse(p.text), from);
          expect(at, p.text).toBeGreaterThanOrEqual(0);
          from = at;
        }
      }),
      { numRuns: 1000 },
    );
    // The generator makes article pages too, not only pages the extractor turns down.
    expect(articles).toBeGreaterThan(10);
  });
});

describe.skipIf(!existsSync(GNE))('real article pages (GNE test pages, 24 sites)', () => {
  // Skipped when ../shared/corpora/news-web is absent (a fresh clone elsewhere): the pages are the
  // publishers' and are read by path, never copied into the project.
  it('every page gives one article with a title, a date and no site furniture', () => {
    const files = existsSync(GNE) ? readdirSync(GNE).filter((f) => f.endsWith('.html')) : [];
    expect(files).toHaveLength(24);
    const problems: string[] = [];
    for (const file of files) {
      const bytes = readFileSync(path.join(GNE, file));
      const page = { root: GNE, file, absolute: path.join(GNE, file), size: bytes.length, mtimeMs: 1 };
      const record = parseRecord({ ...page, format: 'html' }, bytes, { metaLayers: [] });
      if (record.articles.length !== 1) {
        problems.push(`${file}: ${record.articles.length} articles`);
        continue;
      }
      const [a] = record.articles;
      if (!a.title || /[_|｜].{0,8}$/u.test(a.title)) problems.push(`${file}: title ${a.title}`);
      if (!/^\d{4}-\d\d-\d\d$/u.test(a.date ?? '')) problems.push(`${file}: no date`);
      if (a.text.length < 100) problems.push(`${file}: body of ${a.text.length} characters`);
      const furniture = furnitureIn(a);
      if (furniture.length) problems.push(`${file}: furniture ${furniture.join(' / ')}`);
    }
    expect(problems).toEqual([]);
  });
});
