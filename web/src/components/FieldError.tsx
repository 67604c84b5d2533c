import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';

/**
 * Ids for tying a form's fields to their error messages: `ids('password')` is unique to this
 * mounted form, so two forms on one screen (or one per table row) never share one.
 */
export function useFieldIds(): (name: string) => string {
  const base = useId();
  return (name) => `${base}-${name}`;
}

/**
 * The attributes of a field in error (WCAG 3.3.1, 4.1.2): a screen reader says it is invalid and
 * reads the message with it. Nothing when the field is fine.
 */
export function invalidProps(messageId: string, invalid: boolean): { 'aria-invalid'?: 'true'; 'aria-describedby'?: string } {
  return invalid ? { 'aria-invalid': 'true', 'aria-describedby': messageId } : {};
}

/** A field's error message, under the field; `id` is the one given to invalidProps. */
export function FieldError({ id, testid, children }: { id: string; testid?: string; children: ComponentChildren }) {
  return (
    <small id={id} class="field-error" data-testid={testid}>
      {children}
    </small>
  );
}
