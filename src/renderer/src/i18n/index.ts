/** UI strings in Chinese and English; the language follows the system unless chosen. */
const zh = {
  appName: '报刊阅读器',
  searchPlaceholder: '搜索全文,例如 双减、高新技术企业…',
  searchLabel: '搜索',
  results: (n: number) => `共 ${n} 条结果`,
  noResults: (q: string) => `没有找到“${q}”。试试更短的词,或检查错别字。`,
  emptyHint: '输入关键词开始搜索;下面列出档案中的全部文章。',
  allArticles: (n: number) => `档案共 ${n} 篇文章`,
  pickArticle: '从左侧选择一篇文章阅读。',
  loading: '加载中…',
  source: '来源',
  lines: (a: number, b: number) => `第 ${a}–${b} 行`,
  errorPrefix: '出错了:',
  retry: '重试',
  language: 'English',
  matches: (n: number) => `${n} 处匹配`,
};

export type Strings = typeof zh;

const en: Strings = {
  appName: 'Newsstack',
  searchPlaceholder: 'Search the full text, e.g. 双减, 高新技术企业…',
  searchLabel: 'Search',
  results: (n) => `${n} result${n === 1 ? '' : 's'}`,
  noResults: (q) => `Nothing found for “${q}”. Try a shorter word or check the spelling.`,
  emptyHint: 'Type to search; below are all articles in the archive.',
  allArticles: (n) => `${n} articles in the archive`,
  pickArticle: 'Choose an article on the left to read it.',
  loading: 'Loading…',
  source: 'Source',
  lines: (a, b) => `lines ${a}–${b}`,
  errorPrefix: 'Error: ',
  retry: 'Retry',
  language: '中文',
  matches: (n) => `${n} match${n === 1 ? '' : 'es'}`,
};

export type Language = 'zh' | 'en';

export function systemLanguage(): Language {
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

export function strings(language: Language): Strings {
  return language === 'zh' ? zh : en;
}
