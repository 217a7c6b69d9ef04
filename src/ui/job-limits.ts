/** The job worker's attempt limit, for the browser (mirrors LIVENESS.maxAttempts in src/server/jobs/liveness.ts). */
export const LIVENESS_MAX_ATTEMPTS = 3;
