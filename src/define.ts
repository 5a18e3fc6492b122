/** Registers <session-security>: the CDN bundle's entry and `import 'session-security/define'`. */
// First, before lit loads: a clear error when Trusted Types keeps lit from loading.
import './browser/trusted-types.js';
import { SessionSecurity } from './session-security.js';

if (!customElements.get('session-security')) customElements.define('session-security', SessionSecurity);

declare global {
  interface HTMLElementTagNameMap {
    'session-security': SessionSecurity;
  }
}
export { SessionSecurity };
// The typed events (and their HTMLElementEventMap entries) for `import 'session-security/define'` alone.
export type * from './events.js';
