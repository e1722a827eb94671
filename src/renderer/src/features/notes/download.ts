import type { ExportResult } from '../../../../shared/contract';

/** Saves text as a file through the browser (browser mode has no native save dialog). */
export function download(fileName: string, content: string, mime: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Hands an export to the user: the desktop app already saved it (or the user cancelled the save
 * dialog); browser mode downloads it. Says what happened in a toast.
 */
export function deliverExport(
  r: ExportResult,
  onToast: (message: string) => void,
  t: (key: string, options?: Record<string, unknown>) => string,
): void {
  if (r.savedTo) onToast(t('notes.exportedTo', { path: r.savedTo }));
  else if (r.content !== undefined) {
    download(r.fileName, r.content, r.mime);
    onToast(t('notes.exported', { name: r.fileName }));
  }
}
