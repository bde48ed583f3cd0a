/**
 * API helpers for adapters and the engine: {@link io.cloudbus.core.util.TimerScheduler} (every
 * timer goes through it so that tests capture delays instead of sleeping) and {@link
 * io.cloudbus.core.util.Futures} (guarded hook calls, continuing on a given context), stateless or
 * thread-safe; and {@link io.cloudbus.core.util.RepeatedFailures} (one warning a minute for a
 * failure that repeats), confined to one context.
 */
package io.cloudbus.core.util;
