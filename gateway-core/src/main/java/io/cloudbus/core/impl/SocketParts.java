package io.cloudbus.core.impl;

import io.cloudbus.core.AuthHandler;
import io.cloudbus.core.CloudSocket;
import io.cloudbus.core.CloudSocketOptions;
import io.cloudbus.core.util.TimerScheduler;
import java.time.Clock;

/**
 * The parts a socket's engine ({@link SocketRuntime}, {@link SocketSupervisor}) works with; all
 * created and owned by its {@link CloudSocket}, which keeps the stats, handler registries, pipeline
 * and status tracker across deployments so that they answer before deployment too.
 *
 * @param hooks the socket's protected hooks
 * @param auth the socket's auth handler, or null for a socket without authentication
 */
public record SocketParts(
    SocketHooks hooks,
    CloudSocketOptions options,
    AuthHandler auth,
    SocketStats stats,
    HandlerRegistry<Void> connectHandlers,
    HandlerRegistry<Throwable> disconnectHandlers,
    EventPipeline pipeline,
    StatusTracker status,
    TimerScheduler timers,
    Clock clock) {}
