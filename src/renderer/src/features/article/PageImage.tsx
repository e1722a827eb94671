import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PageRegion } from '../../../../shared/types';
import { api } from '../../api';
import { describeError } from '../../errors';

type PdfJs = typeof import('pdfjs-dist');
let loading: Promise<PdfJs> | null = null;

/** pdf.js, loaded the first time a page image is shown, with its worker from the app's own files. */
function pdfjs(): Promise<PdfJs> {
  loading ??= Promise.all([import('pdfjs-dist'), import('pdfjs-dist/build/pdf.worker.min.mjs?url')]).then(
    ([lib, worker]) => {
      lib.GlobalWorkerOptions.workerSrc = worker.default;
      return lib;
    },
  );
  return loading;
}

function bytesOf(base64: string): Uint8Array {
  const raw = atob(base64);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

type State = { kind: 'loading' } | { kind: 'shown' } | { kind: 'failed'; message: string };

/**
 * The printed page an article comes from (PDF pages), drawn by pdf.js, with the article's region
 * outlined; a click shows it larger.
 */
export function PageImage({ articleId, region }: { articleId: string; region: PageRegion }): ReactNode {
  const { t } = useTranslation();
  const [large, setLarge] = useState(false);
  return (
    <section className="page-image" aria-label={t('pageImage.title')}>
      <h2>{t('pageImage.title', { page: region.page })}</h2>
      <button
        type="button"
        className="page-image-open"
        onClick={() => setLarge(true)}
        title={t('pageImage.enlarge')}
        aria-label={t('pageImage.enlarge')}
      >
        <PageCanvas articleId={articleId} region={region} width={260} testId="page-image" />
      </button>
      {large && <LargePage articleId={articleId} region={region} onClose={() => setLarge(false)} />}
    </section>
  );
}

function LargePage({
  articleId,
  region,
  onClose,
}: {
  articleId: string;
  region: PageRegion;
  onClose: () => void;
}): ReactNode {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (dialog.current && !dialog.current.open) dialog.current.showModal();
  }, []);
  return (
    <dialog
      ref={dialog}
      className="help page-image-large"
      aria-label={t('pageImage.large')}
      onCancel={onClose}
    >
      <PageCanvas
        articleId={articleId}
        region={region}
        width={Math.min(900, Math.round(window.innerWidth * 0.85))}
        testId="page-image-large"
      />
      <div className="popover-actions">
        <button type="button" className="primary" onClick={onClose}>
          {t('help.close')}
        </button>
      </div>
    </dialog>
  );
}

function PageCanvas({
  articleId,
  region,
  width,
  testId,
}: {
  articleId: string;
  region: PageRegion;
  width: number;
  testId: string;
}): ReactNode {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  useEffect(() => {
    let cancelled = false;
    let destroy: (() => Promise<void>) | null = null;
    (async () => {
      const [lib, file] = await Promise.all([pdfjs(), api['articles:pageFile']({ id: articleId })]);
      const task = lib.getDocument({
        data: bytesOf(file.data),
        isEvalSupported: false,
        // Built beside the page (electron.vite.config.ts): for PDFs that do not embed their fonts.
        cMapUrl: new URL('pdfjs/cmaps/', document.baseURI).href,
        cMapPacked: true,
        standardFontDataUrl: new URL('pdfjs/standard_fonts/', document.baseURI).href,
      });
      destroy = () => task.destroy();
      const doc = await task.promise;
      const page = await doc.getPage(Math.min(region.page, doc.numPages));
      const base = page.getViewport({ scale: 1 });
      const scale = width / base.width;
      const viewport = page.getViewport({ scale: scale * window.devicePixelRatio });
      const target = canvas.current;
      if (cancelled || !target) return;
      target.width = Math.round(viewport.width);
      target.height = Math.round(viewport.height);
      setSize({ width, height: Math.round(base.height * scale) });
      await page.render({ canvas: target, viewport }).promise;
      if (!cancelled) setState({ kind: 'shown' });
    })().catch((error: unknown) => {
      if (!cancelled) setState({ kind: 'failed', message: describeError(error, t) });
    });
    return () => {
      cancelled = true;
      void destroy?.();
    };
  }, [articleId, region.page, width, t]);
  return (
    <span
      className="page-canvas"
      data-testid={testId}
      data-state={state.kind}
      style={size ? { width: size.width, height: size.height } : { width }}
    >
      <canvas ref={canvas} style={size ? { width: size.width, height: size.height } : undefined} />
      {state.kind === 'shown' &&
        region.boxes.map(([x0, y0, x1, y1], i) => (
          <span
            key={i}
            className="page-region"
            data-testid="page-region"
            style={{
              left: `${x0 * 100}%`,
              top: `${y0 * 100}%`,
              width: `${(x1 - x0) * 100}%`,
              height: `${(y1 - y0) * 100}%`,
            }}
          />
        ))}
      {state.kind === 'loading' && <span className="page-status">{t('pageImage.loading')}</span>}
      {state.kind === 'failed' && (
        <span className="page-status" role="alert">
          {t('pageImage.failed', { message: state.message })}
        </span>
      )}
    </span>
  );
}
