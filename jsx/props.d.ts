/**
 * What a framework template may set on <session-security>, shared by the typings beside
 * this file (react.d.ts, preact.d.ts, vue.d.ts, svelte.d.ts). React 19, Preact, Vue and
 * Svelte set a name the element has as a property (`warnAfter={30}`) and anything else
 * as an attribute (`warn-after="30"`); both are typed. Events are `on` + the event name
 * (`onsession-security-warn`), as React 19, Preact and Svelte 5 listen to them.
 */
import type { SessionSecurity, SessionSecurityEventMap } from '../dist/index.js';

/** The element's settable properties: the reactive ones, each also an attribute. */
export type SessionSecurityProperties = Partial<
  Pick<SessionSecurity, 'pingUrl' | 'user' | 'warnAfter' | 'expireAfter' | 'returnToUrl' | 'pingTimeout' | 'logoutUrl' | 'loginUrl' | 'csrfSelector' | 'noLeaveConfirm' | 'allowCrossOriginLogin'>
> & { loginMode?: 'popup' | 'frame' };

/** The same settings as attributes, and the text-* overrides (plain text). */
export interface SessionSecurityAttributes {
  'ping-url'?: string;
  user?: string;
  'warn-after'?: number | string;
  'expire-after'?: number | string;
  'return-to-url'?: string;
  'ping-timeout'?: number | string;
  'logout-url'?: string;
  'login-url'?: string;
  'login-mode'?: 'popup' | 'frame';
  'csrf-selector'?: string;
  'no-leave-confirm'?: boolean | '';
  'allow-cross-origin-login'?: boolean | '';
  [text: `text-${string}`]: string | undefined;
}

/** `onsession-security-warn={(event) => event.detail.expiresAt}` and the other events. */
export type SessionSecurityEventHandlers = {
  [K in keyof SessionSecurityEventMap as `on${K}`]?: (event: SessionSecurityEventMap[K]) => void;
};

export type { SessionSecurity, SessionSecurityEventMap };
