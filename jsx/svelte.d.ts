/**
 * <session-security> in Svelte 5 markup, checked by svelte-check: `import type {} from
 * 'session-security/svelte'` once (e.g. in src/app.d.ts or the component using it).
 *
 *   <session-security ping-url="/ping" warn-after={540} onsession-security-warn={onWarn}></session-security>
 */
import type { HTMLAttributes } from 'svelte/elements';
import type { SessionSecurity, SessionSecurityAttributes, SessionSecurityEventHandlers, SessionSecurityProperties } from './props.js';

export type SessionSecuritySvelteProps = HTMLAttributes<SessionSecurity> & SessionSecurityProperties & SessionSecurityAttributes & SessionSecurityEventHandlers;

declare module 'svelte/elements' {
  interface SvelteHTMLElements {
    'session-security': SessionSecuritySvelteProps;
  }
}
