package io.cloudbus.cli;

import io.cloudbus.core.AdapterProvider;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The installed adapters, found with {@link ServiceLoader}, by {@link AdapterProvider#name()}. */
final class Adapters {

  private Adapters() {}

  /** Every installed provider by name; the first one wins on a duplicate name. */
  static Map<String, AdapterProvider> load() {
    Map<String, AdapterProvider> providers = new TreeMap<>();
    for (AdapterProvider p : ServiceLoader.load(AdapterProvider.class)) {
      providers.putIfAbsent(p.name(), p);
    }
    return providers;
  }
}
