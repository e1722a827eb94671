import { describe, expect, it } from 'vitest';
import { articlesOfPage } from '../../src/main/core/archive/page';
import { citeGbt7714 } from '../../src/shared/citation';

describe('bylines on their own line become the author', () => {
  it('an office that signs the article (本报评论员, 新华社评论员) is its author, and citations carry it', () => {
    const page = [
      '## 坚定不移推进高质量发展',
      '',
      '本报评论员',
      '',
      '发展是第一要务，人才是第一资源，创新是第一动力。',
      '',
      '## 以改革激发活力',
      '',
      '新华社评论员',
      '',
      '改革开放是决定当代中国命运的关键一招。',
    ].join('\n');
    const [first, second] = articlesOfPage('2024-01-02_人民日报_01.md', page);
    expect(first).toMatchObject({
      title: '坚定不移推进高质量发展',
      byline: '本报评论员',
      authors: ['本报评论员'],
    });
    expect(first.text).not.toContain('本报评论员');
    expect(second).toMatchObject({ byline: '新华社评论员', authors: ['新华社评论员'] });
    expect(citeGbt7714(first)).toBe('本报评论员. 坚定不移推进高质量发展[N]. 人民日报, 2024-01-02(1).');
  });

  it('a lone name right under the headline and before the text is the byline; elsewhere it stays text', () => {
    const page = [
      '## 社区食堂开到家门口',
      '',
      '王彩艳',
      '',
      '家住北碚区的李阿姨最近多了一个好去处。',
      '',
      '社区食堂每天供应三餐，价格实惠。',
    ].join('\n');
    const [article] = articlesOfPage('a.md', page);
    expect(article).toMatchObject({ title: '社区食堂开到家门口', byline: '王彩艳', authors: ['王彩艳'] });
    expect(article.paragraphs[0]).toBe('家住北碚区的李阿姨最近多了一个好去处。');
    // A name-like word between paragraphs is not taken for a byline.
    const [other] = articlesOfPage(
      'b.md',
      ['## 标题', '', '正文第一段。', '', '黄河', '', '正文第二段。'].join('\n'),
    );
    expect(other.byline).toBeUndefined();
  });
});
