import { css } from 'lit';

export const styles = css`
  :host {
    display: contents;
  }
  dialog {
    /* Stays seen when hide-page.ts hides the rest of the document. */
    visibility: visible;
    box-sizing: border-box;
    max-width: min(32rem, calc(100vw - 2rem));
    padding: 1.5rem;
    border: 1px solid var(--session-security-border-color, #767676);
    border-radius: var(--session-security-radius, 0.5rem);
    background: var(--session-security-background, Canvas);
    color: var(--session-security-color, CanvasText);
    font: var(--session-security-font, inherit);
    line-height: 1.5;
  }
  dialog::backdrop {
    background: var(--session-security-backdrop, rgb(0 0 0 / 0.6));
  }
  /* After expiry, or while the server is asked past the deadline: nothing behind shows. */
  dialog.hidden-page::backdrop {
    background: Canvas;
  }
  h2 {
    margin: 0 0 0.5rem;
    font-size: 1.25rem;
  }
  p {
    margin: 0 0 1rem;
  }
  button {
    min-width: 24px;
    min-height: 2.75rem;
    padding: 0.5rem 1rem;
    font: inherit;
    border: 2px solid transparent;
    border-radius: 0.25rem;
    background: var(--session-security-accent, #1d4ed8);
    color: var(--session-security-accent-text, #fff);
    cursor: pointer;
  }
  button:focus-visible {
    outline: 3px solid var(--session-security-focus, #f59e0b);
    outline-offset: 2px;
  }
`;
