/**
 * Signing in again after expiry, without leaving the page: opens the login page (popup or
 * frame, relogin.ts), probes the server until a session exists, and decides who it
 * belongs to. The same user resumes in place; anyone else, or a server that does not name
 * users, leaves (a reloaded page), so nobody ever sees another user's page.
 */
import type { PingAnswer } from '../core/protocol.js';
import { ReloginWindow } from './relogin.js';

export type IdleAnswer = Extract<PingAnswer, { kind: 'idle' }>;

export interface ReloginHost {
  /** Asks the server now (a ping reporting no activity). */
  ping(): Promise<PingAnswer>;
  /** The user this page belongs to, if known. */
  user(): string | undefined;
  /** The dialog's content changed. */
  update(): void;
  /** Someone signed in: the same user resumes with this answer; anyone else leaves. */
  done(outcome: 'resume' | 'leave', answer: IdleAnswer): void;
}

export class ReloginFlow {
  /** The session expired in this page (its dialog is ours to show), until it resumes. */
  expiredHere = false;
  /** What the sign-in part of the dialog shows. */
  frame = false;
  popupBlocked = false;
  #window?: ReloginWindow;
  #probing = false;
  #probeAgain = false;

  constructor(private readonly host: ReloginHost) {}

  /** A sign-in is on offer (the "sign in again" dialog). */
  get pending(): boolean {
    return !!this.#window;
  }

  /** At expiry: offers signing in again when there is a login page; false otherwise (leave). */
  expire(canSignIn: boolean): boolean {
    this.expiredHere = true;
    if (!canSignIn) return false;
    this.#window = new ReloginWindow(() => this.probe());
    this.#show(false, false);
    return true;
  }

  /** The user chose to sign in: the login page in a frame, or a popup (maybe blocked). */
  signIn(login: URL, inFrame: boolean): void {
    if (!this.#window) return;
    if (inFrame) this.#window.watch();
    this.#show(inFrame, !inFrame && !this.#window.openPopup(login));
  }

  /** Back to the "sign in again" button. */
  cancel(): void {
    this.#window?.close();
    this.#show(false, false);
  }

  /** The element went away: no popup or timer outlives it; expiredHere stays for its return. */
  stop(): void {
    this.#window?.close();
    this.#window = undefined;
  }

  /** While a sign-in is pending: has someone signed in? */
  async probe(): Promise<void> {
    if (!this.#window) return;
    // A reason to look again while a probe is under way (the user just came back from
    // the login page) must not be lost: the answer under way may predate the sign-in.
    if (this.#probing) {
      this.#probeAgain = true;
      return;
    }
    this.#probing = true;
    const answer = await this.host.ping();
    this.#probing = false;
    const again = this.#probeAgain;
    this.#probeAgain = false;
    if (answer.kind !== 'idle' || !this.#window) {
      if (again) this.probe();
      return;
    }
    this.stop();
    this.frame = this.popupBlocked = false;
    const before = this.host.user();
    const same = !!before && answer.user === before;
    if (same) this.expiredHere = false;
    this.host.done(same ? 'resume' : 'leave', answer);
  }

  #show(frame: boolean, popupBlocked: boolean): void {
    this.frame = frame;
    this.popupBlocked = popupBlocked;
    this.host.update();
  }
}
