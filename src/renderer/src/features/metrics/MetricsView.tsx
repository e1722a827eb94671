import type { ReactNode } from 'react';

/** The metric explorer (being built): figures by label across the archive. */
export function MetricsView(_props: {
  onOpenArticle: (id: string) => void;
  onError: (error: unknown) => void;
  onToast: (message: string) => void;
}): ReactNode {
  return null;
}
