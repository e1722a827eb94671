/**
 * Colours of the current theme for canvas drawing (Chart.js): the theme variables hold
 * light-dark() pairs that only CSS resolves, so each is read back as plain rgb() from a hidden
 * probe placed where the chart is; and a version that bumps when the theme changes, so a chart
 * repaints.
 */
import { useEffect, useState } from 'react';

/** Bumps when the theme (attribute or system preference) changes, so the chart repaints its colours. */
export function useThemeVersion(): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const bump = (): void => setVersion((v) => v + 1);
    const observer = new MutationObserver(bump);
    observer.observe(document.documentElement, {
      attributes: true,
      attributeFilter: ['data-theme', 'class'],
    });
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    media.addEventListener('change', bump);
    return () => {
      observer.disconnect();
      media.removeEventListener('change', bump);
    };
  }, []);
  return version;
}

/**
 * Reads CSS colours as they apply inside `where`: `read(variable, fallback)` gives each as rgb().
 * The probe lives only while `pick` runs.
 */
export function readThemeColors<T>(
  where: Element,
  pick: (read: (variable: string, fallback: string) => string) => T,
): T {
  const probe = document.createElement('span');
  probe.hidden = true;
  where.appendChild(probe);
  try {
    return pick((variable, fallback) => {
      probe.style.color = `var(${variable}, ${fallback})`;
      return getComputedStyle(probe).color || fallback;
    });
  } finally {
    probe.remove();
  }
}
