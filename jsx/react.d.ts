/**
 * <session-security> in React 19 JSX (React 19 sets properties and listens to custom
 * events natively): `import type {} from 'session-security/react'` once, e.g. next to
 * `import 'session-security/define'`.
 *
 *   <session-security pingUrl="/ping" warnAfter={540} expireAfter={600}
 *     onsession-security-expire={(event) => event.detail.reason} />
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { SessionSecurity, SessionSecurityAttributes, SessionSecurityEventHandlers, SessionSecurityProperties } from './props.js';

export type SessionSecurityReactProps = DetailedHTMLProps<HTMLAttributes<SessionSecurity>, SessionSecurity> & SessionSecurityProperties & SessionSecurityAttributes & SessionSecurityEventHandlers;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'session-security': SessionSecurityReactProps;
    }
  }
}
