import type { ReactNode } from 'react';

/** A folder path typed by hand (browser mode has no folder dialog), with its button. */
export function PathInput({
  label,
  action,
  value,
  onChange,
  onSubmit,
  busy,
}: {
  label: string;
  action: string;
  value: string;
  onChange: (value: string) => void;
  onSubmit: () => void;
  busy: boolean;
}): ReactNode {
  return (
    <>
      <input
        type="text"
        aria-label={label}
        placeholder={label}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => e.key === 'Enter' && onSubmit()}
      />
      <button type="button" onClick={onSubmit} disabled={busy || !value.trim()}>
        {action}
      </button>
    </>
  );
}
