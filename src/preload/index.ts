/** Exposes the shared contract to the renderer as `window.archive`; nothing else crosses. */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { CHANNELS, MENU_COMMANDS, MENU_EVENT, type MenuCommand } from '../shared/channels';
import { EVENT_CHANNEL, type ServiceEvent } from '../shared/events';

const api: Record<string, (input: unknown) => Promise<unknown>> = {};
for (const channel of CHANNELS) {
  api[channel] = (input: unknown) => ipcRenderer.invoke(channel, input);
}
contextBridge.exposeInMainWorld('archive', api);

const commands = new Set<string>(MENU_COMMANDS);
contextBridge.exposeInMainWorld('desktop', {
  /** Calls back with each menu command; returns a function that stops listening. */
  onMenuCommand(callback: (command: MenuCommand) => void): () => void {
    const listener = (_event: unknown, command: unknown): void => {
      if (typeof command === 'string' && commands.has(command)) callback(command as MenuCommand);
    };
    ipcRenderer.on(MENU_EVENT, listener);
    return () => ipcRenderer.removeListener(MENU_EVENT, listener);
  },
  /** Calls back with each event of the core (progress, archive changes); returns an unsubscribe. */
  onServiceEvent(callback: (event: ServiceEvent) => void): () => void {
    const listener = (_event: unknown, payload: unknown): void => {
      if (payload && typeof payload === 'object' && 'type' in payload) callback(payload as ServiceEvent);
    };
    ipcRenderer.on(EVENT_CHANNEL, listener);
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, listener);
  },
  /** The path of a dropped file or folder (sandboxed renderers cannot see paths otherwise). */
  pathForFile(file: File): string {
    return webUtils.getPathForFile(file);
  },
});
