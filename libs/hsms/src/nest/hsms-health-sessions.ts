/** Extra data of a health result (terminus reserves the `status` key). */
export type HealthResultData = Record<string, unknown>;

/** A health result as terminus builds it: `{ [key]: { ...data, status } }`. */
export type HealthResultLike = Record<string, Record<string, unknown>>;

/** One indicator's result builder: terminus's HealthIndicatorSession, reduced to what we call. */
export interface HealthResultSession {
  up(data: HealthResultData): HealthResultLike;
  down(data: HealthResultData): HealthResultLike;
}

/**
 * The part of @nestjs/terminus's HealthIndicatorService (terminus 11 and later) that the HSMS
 * health indicator uses, kept structural so that nothing here needs terminus to load.
 */
export interface HealthIndicatorSessions {
  check(key: string): HealthResultSession;
}

/** How terminus is loaded; a parameter so that its absence can be tested. */
export type TerminusLoader = () => Promise<{ HealthIndicatorService: new () => HealthIndicatorSessions }>;

/**
 * Builds the same results as terminus's HealthIndicatorService (data first, then `status`), for
 * applications without terminus that serve the indicator's result from an endpoint of their own.
 */
export const plainHealthSessions: HealthIndicatorSessions = {
  check: (key) => ({
    up: (data) => ({ [key]: { ...data, status: 'up' } }),
    down: (data) => ({ [key]: { ...data, status: 'down' } }),
  }),
};

/**
 * Terminus's HealthIndicatorService when @nestjs/terminus (an optional peer dependency) is
 * installed, else plainHealthSessions. It is imported here, on first use, never when the library
 * loads. Any other failure to load it (a broken installation) is thrown.
 */
export async function loadHealthSessions(load: TerminusLoader = () => import('@nestjs/terminus')): Promise<HealthIndicatorSessions> {
  try {
    const { HealthIndicatorService } = await load();
    return new HealthIndicatorService();
  } catch (error) {
    if (isTerminusMissing(error)) return plainHealthSessions;
    throw error;
  }
}

/** Node's error for an ESM import of a package that is not installed, naming terminus itself. */
function isTerminusMissing(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && error.message.includes("'@nestjs/terminus'");
}
