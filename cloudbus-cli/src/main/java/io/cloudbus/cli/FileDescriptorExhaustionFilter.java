package io.cloudbus.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Marker;

/**
 * Lets one "Too many open files" failure through per minute. A server socket that runs out of file
 * descriptors fails every accept, and Netty's acceptor retries (and logs the failure with a stack
 * trace) every second for as long as it lasts; one line a minute says as much. Every other log
 * event is left alone. Installed by the command line's {@code logback.xml}.
 *
 * <p>Thread-safe.
 */
public final class FileDescriptorExhaustionFilter extends TurboFilter {

  /** At most one such failure is logged per this many nanoseconds. */
  static final long INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

  private static final String MESSAGE = "Too many open files";

  private final LongSupplier nanoTime;
  private final AtomicLong lastLogged = new AtomicLong();
  private volatile boolean loggedOnce;

  public FileDescriptorExhaustionFilter() {
    this(System::nanoTime);
  }

  FileDescriptorExhaustionFilter(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  @Override
  public FilterReply decide(
      Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (!isExhaustion(t, params)) {
      return FilterReply.NEUTRAL;
    }
    long now = nanoTime.getAsLong();
    long last = lastLogged.get();
    if (loggedOnce && now - last < INTERVAL_NANOS) {
      return FilterReply.DENY;
    }
    if (!lastLogged.compareAndSet(last, now)) {
      return FilterReply.DENY; // another thread logs this one
    }
    loggedOnce = true;
    return FilterReply.NEUTRAL;
  }

  private static boolean isExhaustion(Throwable t, Object[] params) {
    if (t == null && params != null && params.length > 0) {
      // SLF4J passes a trailing throwable among the parameters of a formatted message
      t = params[params.length - 1] instanceof Throwable last ? last : null;
    }
    for (int depth = 0; t != null && depth < 8; depth++, t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().contains(MESSAGE)) {
        return true;
      }
    }
    return false;
  }
}
