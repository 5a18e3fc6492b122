/**
 * <session-security> in Preact JSX (Preact sets properties the element has and listens
 * to `on` + the event name): `import type {} from 'session-security/preact'` once.
 */
import type { HTMLAttributes } from 'preact';
import type { SessionSecurity, SessionSecurityAttributes, SessionSecurityEventHandlers, SessionSecurityProperties } from './props.js';

export type SessionSecurityPreactProps = HTMLAttributes<SessionSecurity> & SessionSecurityProperties & SessionSecurityAttributes & SessionSecurityEventHandlers;

declare module 'preact' {
  namespace JSX {
    interface IntrinsicElements {
      'session-security': SessionSecurityPreactProps;
    }
  }
}
