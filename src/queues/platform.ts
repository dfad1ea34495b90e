/**
 * The parts of the Workers runtime's Queues and Durable Objects that the reminder fan-out uses (kept
 * local, like src/worker.ts's ExecutionContext: the full typings clash with DOM's).
 */
export interface QueueProducer<Body> {
  send(body: Body, options?: { delaySeconds?: number }): Promise<void>;
  sendBatch(messages: Iterable<{ body: Body; delaySeconds?: number }>): Promise<void>;
}

export interface QueueMessage<Body> {
  readonly id: string;
  readonly timestamp: Date;
  readonly body: Body;
  /** 1 on the first delivery. */
  readonly attempts: number;
  ack(): void;
  retry(options?: { delaySeconds?: number }): void;
}

export interface MessageBatch<Body> {
  readonly queue: string;
  readonly messages: readonly QueueMessage<Body>[];
  ackAll(): void;
  retryAll(options?: { delaySeconds?: number }): void;
}

export interface DurableObjectNamespace {
  idFromName(name: string): unknown;
  get(id: unknown): { fetch(input: string, init?: RequestInit): Promise<Response> };
}

/** The Worker's bindings for the fan-out; absent in a deployment made before it (direct sending). */
export interface ReminderQueueBindings {
  REMINDER_QUEUE?: QueueProducer<unknown>;
  TELEGRAM_PACE?: DurableObjectNamespace;
  /** Messages a second across all consumers (default 28, under Telegram's 30). */
  REMINDER_RATE?: string;
  /** Seconds a consumer's claim on a job's rows holds before a redelivery may take them over (default 60). */
  REMINDER_LEASE_SECONDS?: string;
  /** A job whose sends failed (5xx, network) comes back after attempts × this many seconds (default 5). */
  REMINDER_RETRY_SECONDS?: string;
  /** Subrequests a consumer invocation may make (default 48, sizes.ts: the free plan's 50 less a margin). What does not fit goes back on the queue. */
  REMINDER_SUBREQUESTS?: string;
}
