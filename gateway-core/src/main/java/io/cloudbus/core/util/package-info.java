/**
 * API helpers for adapters and the engine: {@link io.cloudbus.core.util.TimerScheduler} (every
 * timer goes through it so that tests capture delays instead of sleeping) and {@link
 * io.cloudbus.core.util.Futures} (guarded hook calls, continuing on a given context). Stateless or
 * thread-safe.
 */
package io.cloudbus.core.util;
