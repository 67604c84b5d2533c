import { useEffect, useRef } from 'preact/hooks';

/** What was just done, read in the language of the moment (the text is a function: a language switch re-reads it). */
export type Done = { text: () => string } | null;

/**
 * The notice of what was just done. After a decision the form or button that led to it is gone:
 * the focus goes to the notice, which a screen reader announces (role status).
 */
export function DoneNotice({ done, testid }: { done: Done; testid: string }) {
  const told = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (done) told.current?.focus();
  }, [done]);
  if (!done) return null;
  return (
    <p class="notice" role="status" tabIndex={-1} ref={told} data-testid={testid}>
      {done.text()}
    </p>
  );
}
