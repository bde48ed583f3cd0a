package io.cloudbus.service;

import io.cloudbus.core.journal.JournalOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the JSON form of {@link ServiceOptions} ({@link ServiceOptions#fromJson}): missing fields
 * take their defaults; a wrong type, a bad value or an unknown field throws {@link
 * IllegalArgumentException} naming the field. Stateless.
 */
final class ServiceOptionsReader {

  private static final Set<String> FIELDS =
      Set.of(
          "host",
          "httpPort",
          "tcpPort",
          "tokens",
          "tlsCertPath",
          "tlsKeyPath",
          "maxFrameBytes",
          "maxClients",
          "clientQueueHighWaterMark",
          "recentEventsSize",
          "bridgePingTimeoutMs",
          "vendors",
          "allowedOrigins",
          "insecureNoAuth",
          "openReads",
          "journal");

  private ServiceOptionsReader() {}

  static ServiceOptions read(JsonObject json) {
    ServiceOptions.Builder b = ServiceOptions.builder();
    for (Map.Entry<String, Object> e : json) {
      if (!FIELDS.contains(e.getKey()) && !ServiceLimits.RANGES.containsKey(e.getKey())) {
        throw new IllegalArgumentException("unknown service option: " + e.getKey());
      }
    }
    try {
      if (json.containsKey("host")) b.host(json.getString("host"));
      if (json.containsKey("httpPort")) b.httpPort(json.getInteger("httpPort"));
      if (json.containsKey("tcpPort")) b.tcpPort(json.getInteger("tcpPort"));
      if (json.containsKey("maxFrameBytes")) b.maxFrameBytes(json.getInteger("maxFrameBytes"));
      if (json.containsKey("maxClients")) b.maxClients(json.getInteger("maxClients"));
      if (json.containsKey("clientQueueHighWaterMark")) {
        b.clientQueueHighWaterMark(json.getInteger("clientQueueHighWaterMark"));
      }
      if (json.containsKey("recentEventsSize")) {
        b.recentEventsSize(json.getInteger("recentEventsSize"));
      }
      if (json.containsKey("bridgePingTimeoutMs")) {
        b.bridgePingTimeoutMs(json.getLong("bridgePingTimeoutMs"));
      }
      b.tls(json.getString("tlsCertPath"), json.getString("tlsKeyPath"));
      if (json.containsKey("insecureNoAuth")) b.insecureNoAuth(json.getBoolean("insecureNoAuth"));
      if (json.containsKey("openReads")) b.openReads(json.getBoolean("openReads"));
      if (json.containsKey("journal")) {
        b.journal(JournalOptions.fromJson(json.getJsonObject("journal")));
      }
    } catch (ClassCastException | NullPointerException e) {
      throw new IllegalArgumentException(
          "service options: wrong type of a field: " + e.getMessage());
    }
    Object tokens = json.getValue("tokens");
    if (tokens != null) {
      if (!(tokens instanceof JsonArray array)) {
        throw new IllegalArgumentException("tokens must be an array");
      }
      List<ApiToken> list = new ArrayList<>();
      for (int i = 0; i < array.size(); i++) {
        if (!(array.getValue(i) instanceof JsonObject entry)) {
          throw new IllegalArgumentException("tokens[" + i + "] must be an object");
        }
        try {
          list.add(ApiToken.fromJson(entry));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("tokens[" + i + "]." + e.getMessage(), e);
        }
      }
      b.tokens(list);
    }
    Object vendors = json.getValue("vendors");
    if (vendors != null) {
      if (!(vendors instanceof JsonArray array)) {
        throw new IllegalArgumentException("vendors must be an array of names");
      }
      List<String> list = new ArrayList<>();
      array.forEach(v -> list.add(String.valueOf(v)));
      b.vendors(list);
    }
    Object origins = json.getValue("allowedOrigins");
    if (origins != null) {
      if (!(origins instanceof JsonArray array)) {
        throw new IllegalArgumentException("allowedOrigins must be an array of origins");
      }
      List<String> list = new ArrayList<>();
      array.forEach(v -> list.add(String.valueOf(v)));
      b.allowedOrigins(list);
    }
    b.limits(ServiceLimits.fromJson(json));
    return b.build();
  }
}
