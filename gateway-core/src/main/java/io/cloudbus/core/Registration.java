package io.cloudbus.core;

/** A handle on something registered (a handler, a listener); {@link #remove()} undoes it. */
@FunctionalInterface
public interface Registration {

  /** Removes the registration. Idempotent: a second call does nothing. */
  void remove();
}
