import { css } from 'lit';

/**
 * Defaults that look right on an unstyled page and follow the user's colours: system
 * colours (Canvas, CanvasText) adapt to dark mode and forced colours. Theming: the
 * --session-security-* custom properties and the ::part() names (README).
 * No transitions or animations at all, so prefers-reduced-motion has nothing to stop.
 *
 * The custom properties, for the custom elements manifest (custom-elements-manifest.
 * config.mjs adds them to <session-security>'s entry):
 * @cssprop [--session-security-accent=#1d4ed8] - The primary button's background and border.
 * @cssprop [--session-security-accent-text=#fff] - The primary button's text.
 * @cssprop [--session-security-background=Canvas] - The dialog, and the opaque backdrop after expiry.
 * @cssprop [--session-security-color=CanvasText] - The dialog's text.
 * @cssprop [--session-security-backdrop=rgb(0 0 0 / 0.6)] - The backdrop while warning.
 * @cssprop [--session-security-border-color=#767676] - The dialog's and secondary buttons' border.
 * @cssprop [--session-security-radius=0.5rem] - The dialog's corner radius.
 * @cssprop [--session-security-font=inherit] - The dialog's font.
 * @cssprop [--session-security-focus=Highlight] - The focus outline.
 * @cssprop [--session-security-link=LinkText] - The link's color.
 */
export const styles = css`
  :host {
    display: contents;
  }
  dialog {
    /* Stays seen when hide-page.ts hides the rest of the document. */
    visibility: visible;
    box-sizing: border-box;
    inline-size: min(34rem, calc(100vw - 2rem));
    max-block-size: calc(100dvh - 2rem);
    overflow: auto;
    padding: 1.5rem;
    border: 1px solid var(--session-security-border-color, #767676);
    border-radius: var(--session-security-radius, 0.5rem);
    background: var(--session-security-background, Canvas);
    color: var(--session-security-color, CanvasText);
    font: var(--session-security-font, inherit);
    line-height: 1.5;
    overflow-wrap: break-word;
  }
  dialog::backdrop {
    background: var(--session-security-backdrop, rgb(0 0 0 / 0.6));
  }
  /* After expiry, or while the server is asked past the deadline: nothing behind shows. */
  dialog.hidden-page::backdrop {
    background: var(--session-security-background, Canvas);
  }
  h2 {
    margin: 0 0 0.5rem;
    font-size: 1.25rem;
  }
  p {
    margin: 0 0 1rem;
  }
  [part~='countdown'] {
    font-variant-numeric: tabular-nums;
    font-weight: bold;
  }
  [part~='actions'],
  form {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    align-items: center;
  }
  button {
    min-inline-size: 24px;
    min-block-size: 2.75rem;
    padding: 0.5rem 1rem;
    font: inherit;
    border: 2px solid var(--session-security-accent, #1d4ed8);
    border-radius: 0.25rem;
    background: var(--session-security-accent, #1d4ed8);
    color: var(--session-security-accent-text, #fff);
    cursor: pointer;
  }
  [part~='sign-out'],
  [part~='cancel'] {
    background: transparent;
    color: inherit;
  }
  a {
    color: var(--session-security-link, LinkText);
    padding-block: 0.5rem;
  }
  button:focus-visible,
  a:focus-visible {
    outline: 3px solid var(--session-security-focus, Highlight);
    outline-offset: 2px;
  }
  iframe {
    display: block;
    inline-size: 100%;
    block-size: min(32rem, 60dvh);
    margin-block-end: 1rem;
    border: 1px solid var(--session-security-border-color, #767676);
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    visibility: visible;
  }
  @media (forced-colors: active) {
    button {
      border-color: ButtonText;
    }
  }
`;
