/**
 * The renderer's one client of the shared contract: Electron IPC through the preload when it is
 * there, otherwise HTTP to browser mode with the per-run token.
 */
import { CHANNELS, TOKEN_HEADER, type Channel, type MenuCommand } from '../../shared/channels';
import type { ArchiveApi, Input, Output } from '../../shared/contract';
import type { ServiceEvent } from '../../shared/events';
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
  onServiceEvent(callback: (event: ServiceEvent) => void): () => void;
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
  const api = {} as Record<Channel, (input: unknown) => Promise<unknown>>;
  for (const channel of CHANNELS) {
    api[channel] = async (input: unknown) => {
      const envelope = bridge ? await bridge[channel](input) : await overHttp(channel, input, token());
      if (!envelope.ok) throw new ApiError(envelope.error);
      return envelope.value;
    };
  }
  return api as ArchiveApi;
}

let sharedToken: string | null = null;
function token(): string {
  sharedToken ??= window.archive ? '' : sessionToken();
  return sharedToken;
}

export const api: ArchiveApi = createApi();

const RECONNECT_MS = 2000;

/**
 * Listens to the core's events (progress, archive changes). In browser mode this is a streamed
 * response that reconnects when it drops. Returns a function that stops listening.
 */
export function subscribe(listener: (event: ServiceEvent) => void): () => void {
  if (window.desktop) return window.desktop.onServiceEvent(listener);
  const controller = new AbortController();
  const run = async (): Promise<void> => {
    while (!controller.signal.aborted) {
      try {
        const response = await fetch('/api/events', {
          headers: { [TOKEN_HEADER]: token() },
          signal: controller.signal,
        });
        if (!response.ok || !response.body) throw new Error(String(response.status));
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end = buffer.indexOf('\n\n');
          while (end >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            for (const line of block.split('\n')) {
              if (line.startsWith('data: ')) listener(JSON.parse(line.slice(6)) as ServiceEvent);
            }
            end = buffer.indexOf('\n\n');
          }
        }
      } catch {
        // Dropped or refused: wait and try again, unless we were asked to stop.
      }
      if (!controller.signal.aborted) await new Promise((r) => setTimeout(r, RECONNECT_MS));
    }
  };
  void run();
  return () => controller.abort();
}
export type { Input, Output };
