/**
 * Channel names of the contract between the core and every host. Kept free of runtime
 * dependencies so that the sandboxed preload can bundle it without pulling in zod.
 */
export const CHANNELS = [
  'archive:info',
  'articles:list',
  'articles:get',
  'search:query',
  'browse:list',
  'articles:reveal',
  'settings:get',
  'settings:update',
] as const;

export type Channel = (typeof CHANNELS)[number];

/** Header that carries the per-run token in browser mode. */
export const TOKEN_HEADER = 'x-newsstack-token';
