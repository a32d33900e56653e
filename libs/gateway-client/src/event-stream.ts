import { type JetStreamManager, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import { EVENT_SUBJECT_PREFIX, GATEWAY_EVENT_STREAM } from './gateway-subjects.js';

export interface EventStreamOptions {
  /** Stream name. Default HSMS_EVENTS. */
  name?: string;
  /**
   * JetStream de-duplication window (ms): a re-sent event whose message id was stored within it is
   * acknowledged without being stored again. It must cover the longest time a tool may take to
   * re-send an event after a failover. Default 120,000 (the server's own default).
   */
  duplicateWindowMs?: number;
  /** How long events are kept (ms). Default 7 days. */
  maxAgeMs?: number;
  /** Replicas (1 on a single server, 3 on a production cluster). Default 1. */
  replicas?: number;
}

/**
 * Creates the event stream (`hsms.evt.>`, file storage, limits retention) or leaves an existing
 * one as it is; gateways and consumers both call it, so either may start first.
 */
export async function ensureEventStream(jsm: JetStreamManager, options: EventStreamOptions = {}): Promise<string> {
  const name = options.name ?? GATEWAY_EVENT_STREAM;
  try {
    await jsm.streams.info(name);
    return name;
  } catch {
    // not there yet: create it below (a concurrent creator with the same config is fine)
  }
  try {
    await jsm.streams.add({
      name,
      subjects: [`${EVENT_SUBJECT_PREFIX}.>`],
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      duplicate_window: nanos(options.duplicateWindowMs ?? 120_000),
      max_age: nanos(options.maxAgeMs ?? 7 * 24 * 3600_000),
      num_replicas: options.replicas ?? 1,
    });
  } catch (error) {
    await jsm.streams.info(name).catch(() => {
      throw error; // a real failure, not a lost race with another creator
    });
  }
  return name;
}
