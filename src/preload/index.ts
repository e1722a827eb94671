/** Exposes the shared contract to the renderer as `window.archive`; nothing else crosses. */
import { contextBridge, ipcRenderer } from 'electron';
import { CHANNELS } from '../shared/channels';

const api: Record<string, (input: unknown) => Promise<unknown>> = {};
for (const channel of CHANNELS) {
  api[channel] = (input: unknown) => ipcRenderer.invoke(channel, input);
}
contextBridge.exposeInMainWorld('archive', api);
