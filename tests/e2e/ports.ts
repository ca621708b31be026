/**
 * Ports of the browser tests: the main server's (E2E_PORT, 3210 by default) and, above it, those
 * of the specs that start servers of their own, so that two checkouts can run their suites side by
 * side with different E2E_PORTs.
 */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3210);

export const CRASH_PORT = E2E_PORT + 41;
export const MAIL_PORT = E2E_PORT + 43;
export const STARTUP_PORT = E2E_PORT + 47;
export const BAD_INPUT_PORT = E2E_PORT + 48;
/** The fault specs' own servers: FAULTS_PORT and the three above it. */
export const FAULTS_PORT = E2E_PORT + 50;
/** The sign-in limits spec's own server (tests/e2e/sign-in-limits.spec.ts). */
export const SIGN_IN_PORT = E2E_PORT + 17;
