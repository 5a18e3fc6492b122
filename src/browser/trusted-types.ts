/**
 * Says why the tag is missing when Trusted Types keeps lit from loading. define.ts
 * imports this first, so that it runs before lit does.
 *
 * Under `require-trusted-types-for 'script'`, lit creates a policy named "lit-html" when
 * it loads. A `trusted-types` directive that does not allow that name (or allows it once
 * while the page loads lit twice, without 'allow-duplicates') makes lit's module throw:
 * nothing of the element runs, the tag is never defined, and no timeout ever happens.
 * The browser reports the violation in its own words; this names the element and the fix.
 */
export const LIT_POLICY = 'lit-html';

if (typeof document === 'object' && 'trustedTypes' in globalThis) {
  const onViolation = (event: SecurityPolicyViolationEvent): void => {
    if (event.effectiveDirective !== 'trusted-types' || !event.sample.startsWith(LIT_POLICY) || customElements.get('session-security')) return;
    document.removeEventListener('securitypolicyviolation', onViolation);
    console.error(`<session-security> not defined, nobody will be signed out: CSP trusted-types must allow "${LIT_POLICY}" (and 'allow-duplicates' if lit loads twice).`);
  };
  document.addEventListener('securitypolicyviolation', onViolation);
  // Modules evaluate in one go, so by the next microtask the tag is defined, or lit threw.
  // Defined: there is nothing to watch for, and the listener goes.
  queueMicrotask(() => {
    if (customElements.get('session-security')) document.removeEventListener('securitypolicyviolation', onViolation);
  });
}
