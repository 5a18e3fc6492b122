/** Public API, free of side effects: import './define.js' (or 'session-security/define') to register the tag. */
export { SessionSecurity } from './session-security.js';
export { SessionController, type Cause, type ControllerEvents, type Peers, type Pinger } from './core/controller.js';
export { parsePingResponse, PING_HEADER, PING_HEADER_VALUE, type PingAnswer, type LogoutReason } from './core/protocol.js';
export { DEFAULT_TIMES } from './core/config.js';
export type { Phase } from './core/timeline.js';
export type { Times } from './core/protocol.js';
export {
  SESSION_SECURITY_EVENTS,
  type SessionSecurityEventMap,
  type SessionSecurityWarnDetail,
  type SessionSecurityExtendDetail,
  type SessionSecurityExpireDetail,
  type SessionSecurityPingErrorDetail,
  type SessionSecurityResumeDetail,
} from './events.js';
