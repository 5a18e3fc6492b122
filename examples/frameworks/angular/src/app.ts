// Angular: a standalone component with CUSTOM_ELEMENTS_SCHEMA. A static attribute keeps
// its HTML name (ping-url: "pingUrl" would be the attribute pingurl); Angular sets [property]
// bindings as the element's properties (all of them here, ping URL included: the element
// reads them in its first update, after Angular set them) and listens to (event) bindings itself; it does not
// type-check a custom element's bindings, so the handlers type their events here.
import { CUSTOM_ELEMENTS_SCHEMA, Component, signal } from '@angular/core';
import 'session-security/define';
import type { SessionSecurityEventMap, SessionSecurityExpireDetail } from 'session-security';

// The test page passes short times in the query (?warn=60&expire=120); a real app renders its own.
const query = new URLSearchParams(location.search);

@Component({
  selector: 'app-root',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    @if (expired(); as detail) {
      <p id="expired">Signed out ({{ detail.reason }}). <a href="/login">Sign in again</a></p>
    } @else {
      <main>
        <h1>Angular</h1>
        <button id="remove" (click)="protectedArea.set(false)">Leave the protected area</button>
        @if (protectedArea()) {
          <session-security
            [pingUrl]="pingUrl"
            [warnAfter]="warnAfter"
            [expireAfter]="expireAfter"
            (session-security-warn)="onWarn($event)"
            (session-security-extend)="onExtend($event)"
            (session-security-expire)="onExpire($event)"
          ></session-security>
        }
        <ol id="log">
          @for (line of log(); track $index) {
            <li>{{ line }}</li>
          }
        </ol>
      </main>
    }
  `,
})
export class App {
  readonly pingUrl = '/session/ping';
  readonly warnAfter = Number(query.get('warn') ?? 540);
  readonly expireAfter = Number(query.get('expire') ?? 600);
  readonly log = signal<string[]>([]);
  readonly expired = signal<SessionSecurityExpireDetail | undefined>(undefined);
  readonly protectedArea = signal(true);

  #note(line: string) {
    this.log.update((lines) => [...lines, line]);
  }
  onWarn(event: Event) {
    const { detail } = event as SessionSecurityEventMap['session-security-warn'];
    this.#note(`warn ${detail.cause} ${detail.timeout}`);
  }
  onExtend(event: Event) {
    this.#note(`extend ${(event as SessionSecurityEventMap['session-security-extend']).detail.cause}`);
  }
  onExpire(event: Event) {
    // Handled here: the app shows its own signed-out view (a router would navigate).
    event.preventDefault();
    const { detail } = event as SessionSecurityEventMap['session-security-expire'];
    this.#note(`expire ${detail.reason}`);
    this.expired.set(detail);
  }
}
