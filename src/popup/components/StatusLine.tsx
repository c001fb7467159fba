import { useEffect } from 'preact/hooks';
import browser from '../../shared/browser';

/** A section's last message, read out by screen readers when it changes; nothing when empty. */
export function StatusLine({ message, testid }: { message: string; testid?: string }) {
  if (!message) return null;
  return (
    <p class="muted" role="status" {...(testid ? { 'data-testid': testid } : {})}>
      {message}
    </p>
  );
}

/** Calls `onChange` while mounted whenever `key` of storage `area` changes (the worker wrote it). */
export function useStorageChange(area: 'local' | 'sync', key: string | undefined, onChange: () => void): void {
  useEffect(() => {
    const listener = (changes: Record<string, unknown>, changed: string) => {
      if (changed === area && (key === undefined || key in changes)) onChange();
    };
    browser.storage.onChanged.addListener(listener);
    return () => browser.storage.onChanged.removeListener(listener);
  }, [area, key]);
}
