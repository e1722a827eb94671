/** Binds the shared contract to ipcMain.handle; every argument is validated by the service. */
import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { EVENT_CHANNEL } from '../shared/events';
import { CHANNELS } from '../shared/channels';
import type { Envelope } from '../shared/types';
import { toErrorShape } from './core/errors';
import type { ArchiveService } from './core/service';

export function bindIpc(
  service: ArchiveService,
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean,
): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, async (event, input: unknown): Promise<Envelope<unknown>> => {
      if (!isTrustedSender(event)) {
        return { ok: false, error: { code: 'unauthorized', message: 'call from an unknown frame refused' } };
      }
      try {
        return { ok: true, value: await service.handle(channel, input) };
      } catch (error) {
        return { ok: false, error: toErrorShape(error) };
      }
    });
  }
  // Progress and changes go to every window; a closing window simply misses them.
  service.events.on((event) => {
    for (const win of BrowserWindow.getAllWindows()) {
      if (!win.isDestroyed()) win.webContents.send(EVENT_CHANNEL, event);
    }
  });
}
