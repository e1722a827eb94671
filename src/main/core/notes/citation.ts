/** Citations in the GB/T 7714-2015 newspaper form; one implementation, shared with the reader. */
export { citeGbt7714 as citeArticle, pageNumber } from '../../../shared/citation';
