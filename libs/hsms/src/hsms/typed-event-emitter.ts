import { EventEmitter } from 'node:events';

/** Listener of an event whose arguments are the tuple `A`. */
export type TypedListener<A extends unknown[]> = (...args: A) => void;

/** Methods whose event-name and listener types TypedEventEmitter narrows. */
type NarrowedMethods =
  | 'on'
  | 'once'
  | 'off'
  | 'addListener'
  | 'removeListener'
  | 'prependListener'
  | 'prependOnceListener'
  | 'emit'
  | 'listenerCount'
  | 'listeners'
  | 'removeAllListeners';

/**
 * A node:events EventEmitter whose events are the map `E` (event name -> argument tuple).
 * Unlike `EventEmitter<E>` from @types/node, a subclass may extend `E` with events of its own and
 * still be used where the base class is expected (HsmsHandler subclasses in the manager): the
 * untyped methods (eventNames, rawListeners) keep Node's wide types.
 */
export interface TypedEventEmitter<E extends Record<keyof E, unknown[]>> extends Omit<EventEmitter, NarrowedMethods> {
  on<K extends keyof E & string>(event: K, listener: TypedListener<E[K]>): this;
  once<K extends keyof E & string>(event: K, listener: TypedListener<E[K]>): this;
  off<K extends keyof E & string>(event: K, listener: TypedListener<E[K]>): this;
  addListener<K extends keyof E & string>(event: K, listener: TypedListener<E[K]>): this;
  removeListener<K extends keyof E & string>(event: K, listener: TypedListener<E[K]>): this;
  prependListener<K extends keyof E & string>(event: K, listener: TypedListener<E[K]>): this;
  prependOnceListener<K extends keyof E & string>(event: K, listener: TypedListener<E[K]>): this;
  emit<K extends keyof E & string>(event: K, ...args: E[K]): boolean;
  listenerCount<K extends keyof E & string>(event: K): number;
  listeners<K extends keyof E & string>(event: K): Array<TypedListener<E[K]>>;
  removeAllListeners<K extends keyof E & string>(event?: K): this;
}

/** The class to extend: `class X extends TypedEventEmitter<XEvents> {}` (at run time, EventEmitter). */
export const TypedEventEmitter = EventEmitter as unknown as new <E extends Record<keyof E, unknown[]>>() => TypedEventEmitter<E>;
