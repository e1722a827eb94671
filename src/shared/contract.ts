/**
 * The one contract between the core and its hosts (Electron IPC, browser mode over HTTP, the
 * renderer client). Adding a call means adding one entry here plus its handler in the service.
 */
import { z } from 'zod';
import type { Channel } from './channels';
import { SettingsPatchSchema, type Settings } from './settings';
import type {
  ArchiveInfo,
  ArticleSummary,
  ArticleView,
  BrowseResult,
  RevealResult,
  SearchResult,
} from './types';

declare const outputBrand: unique symbol;
interface Call<I extends z.ZodType, O> {
  input: I;
  readonly [outputBrand]?: O;
}
function call<O>() {
  return <I extends z.ZodType>(input: I): Call<I, O> => ({ input });
}

export const contract = {
  'archive:info': call<ArchiveInfo>()(z.object({}).strict()),
  'articles:list': call<ArticleSummary[]>()(z.object({}).strict()),
  'articles:get': call<ArticleView>()(
    z
      .object({
        id: z.string().min(1).max(200),
        query: z.string().max(1000).optional(),
      })
      .strict(),
  ),
  'search:query': call<SearchResult>()(
    z
      .object({
        query: z.string().max(1000),
        limit: z.number().int().min(1).max(10000).optional(),
      })
      .strict(),
  ),
  'browse:list': call<BrowseResult>()(
    z
      .object({
        publication: z.string().max(200).nullable().optional(),
        date: z.string().max(40).nullable().optional(),
      })
      .strict(),
  ),
  'articles:reveal': call<RevealResult>()(z.object({ id: z.string().min(1).max(200) }).strict()),
  'settings:get': call<Settings>()(z.object({}).strict()),
  'settings:update': call<Settings>()(SettingsPatchSchema),
} satisfies Record<Channel, Call<z.ZodType, unknown>>;

export type Contract = typeof contract;
export type Input<C extends Channel> = z.input<Contract[C]['input']>;
export type Output<C extends Channel> = Contract[C] extends Call<z.ZodType, infer O> ? O : never;

/** What every host offers the renderer: one async function per channel. */
export type ArchiveApi = { [C in Channel]: (input: Input<C>) => Promise<Output<C>> };

/** Validates an argument that arrived from outside the core; throws a ZodError when it is wrong. */
export function parseInput<C extends Channel>(channel: C, input: unknown): Input<C> {
  return contract[channel].input.parse(input ?? {}) as Input<C>;
}
