/** Every console message of the element starts the same way, so that one filter finds them all. */
const PREFIX = '<session-security>: ';

/** Bad input, reported where it is refused (the element goes on with a safe default). */
export const logError = (message: string, ...details: unknown[]): void => console.error(PREFIX + message, ...details);
export const logWarning = (message: string): void => console.warn(PREFIX + message);
