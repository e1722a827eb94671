/**
 * The renderer's one client of the shared contract: Electron IPC through the preload when it is
 * there, otherwise HTTP to browser mode with the per-run token.
 */
import { CHANNELS, TOKEN_HEADER, type Channel, type MenuCommand } from '../../shared/channels';
import type { ArchiveApi, Input, Output } from '../../shared/contract';
import type { ApiErrorShape, Envelope } from '../../shared/types';

export class ApiError extends Error {
  constructor(readonly shape: ApiErrorShape) {
    super(shape.message);
  }
}

type RawBridge = Record<Channel, (input: unknown) => Promise<Envelope<unknown>>>;

/** What the Electron preload adds besides the contract; absent in browser mode. */
export interface DesktopBridge {
  onMenuCommand(callback: (command: MenuCommand) => void): () => void;
  pathForFile(file: File): string;
}

declare global {
  interface Window {
    archive?: RawBridge;
    desktop?: DesktopBridge;
  }
}

const TOKEN_KEY = 'newsstack-token';

function sessionToken(): string {
  const params = new URLSearchParams(window.location.search);
  const fromUrl = params.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    params.delete('token');
    const rest = params.toString();
    window.history.replaceState(
      null,
      '',
      `${window.location.pathname}${rest ? `?${rest}` : ''}${window.location.hash}`,
    );
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

async function overHttp(channel: Channel, input: unknown, token: string): Promise<Envelope<unknown>> {
  let response: Response;
  try {
    response = await fetch(`/api/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
      body: JSON.stringify(input ?? {}),
    });
  } catch {
    return { ok: false, error: { code: 'internal', message: 'the reader service is not running' } };
  }
  try {
    return (await response.json()) as Envelope<unknown>;
  } catch {
    return { ok: false, error: { code: 'internal', message: `unexpected answer (${response.status})` } };
  }
}

function createApi(): ArchiveApi {
  const bridge = window.archive;
  const token = bridge ? '' : sessionToken();
  const api = {} as Record<Channel, (input: unknown) => Promise<unknown>>;
  for (const channel of CHANNELS) {
    api[channel] = async (input: unknown) => {
      const envelope = bridge ? await bridge[channel](input) : await overHttp(channel, input, token);
      if (!envelope.ok) throw new ApiError(envelope.error);
      return envelope.value;
    };
  }
  return api as ArchiveApi;
}

export const api: ArchiveApi = createApi();
export type { Input, Output };
