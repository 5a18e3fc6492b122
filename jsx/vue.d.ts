/**
 * <session-security> in Vue 3 templates, checked by vue-tsc (the Vue docs' "non-Vue web
 * components and TypeScript" pattern): `import type {} from 'session-security/vue'` once.
 * Tell Vue the tag is a custom element (vite.config: compilerOptions.isCustomElement).
 *
 *   <session-security ping-url="/ping" :warn-after="540" @session-security-warn="onWarn" />
 */
import type { EmitFn, HTMLAttributes, PublicProps } from 'vue';
import type { SessionSecurity, SessionSecurityAttributes, SessionSecurityEventMap, SessionSecurityProperties } from './props.js';

/** What Vue reads for template checking: props from `$props`, events from `$emit`. */
export type SessionSecurityVueComponent = new () => SessionSecurity & {
  /** @deprecated For template type checking only; not on the element. */
  $props: HTMLAttributes & SessionSecurityProperties & SessionSecurityAttributes & PublicProps;
  /** @deprecated For template type checking only; not on the element. */
  $emit: EmitFn<{ [K in keyof SessionSecurityEventMap]: (event: SessionSecurityEventMap[K]) => void }>;
};

declare module 'vue' {
  interface GlobalComponents {
    'session-security': SessionSecurityVueComponent;
  }
}
