/**
 * Channel names of the contract between the core and every host. Kept free of runtime
 * dependencies so that the sandboxed preload can bundle it without pulling in zod.
 */
export const CHANNELS = [
  'archive:info',
  'archive:reimport',
  'archive:setFolders',
  'archive:relocateFolder',
  'archive:chooseFolder',
  'server:connect',
  'server:disconnect',
  'server:teamNotes',
  'server:shareNote',
  'server:connection',
  'server:upload',
  'server:jobs',
  'server:retryJob',
  'articles:list',
  'articles:get',
  'articles:correct',
  'articles:correctText',
  'articles:pageFile',
  'corrections:export',
  'corrections:import',
  'search:query',
  'search:collocates',
  'search:concordance',
  'search:trends',
  'search:suggest',
  'search:cite',
  'metrics:article',
  'metrics:explore',
  'browse:list',
  'articles:reveal',
  'settings:get',
  'settings:update',
  'tasks:cancel',
  'notes:bookmark',
  'notes:saveSearch',
  'notes:updateBookmark',
  'notes:deleteBookmark',
  'notes:restoreBookmark',
  'notes:listBookmarks',
  'notes:bookmarkOf',
  'notes:tags',
  'notes:annotate',
  'notes:updateAnnotation',
  'notes:deleteAnnotation',
  'notes:restoreAnnotation',
  'notes:listAnnotations',
  'notes:undo',
  'notes:export',
  'notes:import',
] as const;

export type Channel = (typeof CHANNELS)[number];
export type NotesChannel = Extract<Channel, `notes:${string}`>;

/** Header that carries the per-run token in browser mode. */
export const TOKEN_HEADER = 'x-newsstack-token';

/** Commands the desktop menu sends to the renderer (browser mode has no menu and sends none). */
export const MENU_COMMANDS = [
  'focus-search',
  'find',
  'help',
  'view:search',
  'view:browse',
  'view:notes',
  'view:metrics',
  'view:research',
  'view:report',
  'view:settings',
  'font:larger',
  'font:smaller',
] as const;

export type MenuCommand = (typeof MENU_COMMANDS)[number];

/** The event channel that carries a MenuCommand from the main process to the renderer. */
export const MENU_EVENT = 'menu:command';

/** The calls a newsroom server answers for a desktop app that opened its archive (src/main/server). */
export const SERVER_CHANNELS = [
  'search:query',
  'search:suggest',
  'articles:get',
  'browse:list',
  'search:trends',
  'search:concordance',
  'search:collocates',
  'metrics:explore',
  'articles:correct',
  'articles:correctText',
] as const satisfies readonly Channel[];
export type ServerChannel = (typeof SERVER_CHANNELS)[number];
