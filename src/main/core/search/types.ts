/** The search shapes live in src/shared so the contract and the renderer use the same ones. */
export type * from '../../../shared/search-types';
