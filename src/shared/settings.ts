/** The user's settings: one schema shared by the core (which stores them) and the renderer. */
import { z } from 'zod';

export const VIEWS = ['search', 'browse', 'notes', 'metrics', 'research', 'report', 'settings'] as const;
export type View = (typeof VIEWS)[number];

export const UiStateSchema = z
  .object({
    view: z.enum(VIEWS).optional(),
    query: z.string().max(1000).optional(),
    articleId: z.string().max(200).optional(),
    scrollTop: z.number().min(0).max(1e8).optional(),
  })
  .strict();

export const WindowStateSchema = z
  .object({
    width: z.number().int().min(200).max(20000),
    height: z.number().int().min(200).max(20000),
    x: z.number().int().optional(),
    y: z.number().int().optional(),
    maximized: z.boolean().optional(),
  })
  .strict();

export const SettingsSchema = z.object({
  language: z.enum(['system', 'zh', 'en']).default('system'),
  theme: z.enum(['system', 'light', 'dark']).default('system'),
  fontSize: z.number().int().min(12).max(32).default(17),
  /** Archive folders the user chose; empty means the bundled sample archive. */
  archiveDirs: z.array(z.string().min(1).max(4096)).max(100).default([]),
  /** Folders opened before, newest first, for the "recent archives" menu. */
  recentArchives: z.array(z.string().min(1).max(4096)).max(20).default([]),
  ui: UiStateSchema.default({}),
  window: WindowStateSchema.optional(),
});

export type Settings = z.infer<typeof SettingsSchema>;

/** What a caller may change: any top-level field; `ui` is merged, not replaced. */
export const SettingsPatchSchema = z
  .object({
    language: SettingsSchema.shape.language.unwrap().optional(),
    theme: SettingsSchema.shape.theme.unwrap().optional(),
    fontSize: z.number().int().min(12).max(32).optional(),
    archiveDirs: z.array(z.string().min(1).max(4096)).max(100).optional(),
    recentArchives: z.array(z.string().min(1).max(4096)).max(20).optional(),
    ui: UiStateSchema.optional(),
    window: WindowStateSchema.optional(),
  })
  .strict();

export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});
