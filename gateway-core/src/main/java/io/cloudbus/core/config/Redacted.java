package io.cloudbus.core.config;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * The one way options types show themselves without their secrets ({@code toString} of every
 * options class that holds a password, a secret or a URL that may carry one): the type's name and
 * its JSON, each secret field as {@value #MASK} when present.
 */
public final class Redacted {

  /** What a secret shows as. */
  public static final String MASK = "***";

  private Redacted() {}

  /**
   * {@code type + json}, the {@code secrets} fields masked when present (a copy: {@code json} is
   * not changed).
   */
  public static String of(String type, JsonObject json, String... secrets) {
    JsonObject shown = json.copy();
    for (String field : secrets) {
      if (shown.getValue(field) != null) {
        shown.put(field, MASK);
      }
    }
    return type + shown.encode();
  }

  /**
   * The scheme, host and port of {@code url}, then {@code /…} when it has anything more (path,
   * query, fragment or user info: any may hold a credential; many services put a token in the
   * path). A value that is not a URL shows as {@value #MASK}.
   */
  public static String url(String url) {
    if (url == null) {
      return null;
    }
    try {
      URI u = new URI(url);
      if (u.getScheme() == null || u.getHost() == null) {
        return MASK;
      }
      String base =
          u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
      String path = u.getRawPath();
      boolean more =
          u.getRawUserInfo() != null
              || u.getRawQuery() != null
              || u.getRawFragment() != null
              || (path != null && !path.isEmpty() && !path.equals("/"));
      return more ? base + "/…" : base;
    } catch (URISyntaxException e) {
      return MASK;
    }
  }
}
