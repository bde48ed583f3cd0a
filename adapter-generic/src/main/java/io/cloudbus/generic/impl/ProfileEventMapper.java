package io.cloudbus.generic.impl;

import io.cloudbus.core.CloudbusEvent;
import io.cloudbus.generic.VendorProfile;
import io.cloudbus.generic.VendorProfile.Ignore;
import io.cloudbus.generic.VendorProfile.Rule;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a profile's {@code ignore} and {@code mapping} rules to received frames. No I/O,
 * thread-safe. An event's id is its rule's {@code id} template when every value it names is
 * present; else, per the profile's {@code dedup}, a content hash or the receive time, the
 * connection epoch and the frame's sequence number ({@link #newConnection()} starts an epoch). A
 * frame that no rule matches becomes the profile's {@code unmatched} event ({@code unmapped} by
 * default): nothing is dropped except frames an {@code ignore} rule names.
 */
public final class ProfileEventMapper {

  private static final Logger LOG = LoggerFactory.getLogger(ProfileEventMapper.class);

  private final VendorProfile profile;
  private final String vendor;
  private final String account;
  private final JsonObject vars;
  private final java.util.concurrent.atomic.AtomicLong sequence =
      new java.util.concurrent.atomic.AtomicLong();
  private volatile String epoch = newEpoch();

  /**
   * @param vars template variables ({@code vendor}, {@code account}, {@code config}); must not
   *     contain the token (mapping templates cannot read it)
   */
  public ProfileEventMapper(VendorProfile profile, String vendor, String account, JsonObject vars) {
    this(profile, vendor, account, vars, true);
  }

  private ProfileEventMapper(
      VendorProfile profile, String vendor, String account, JsonObject vars, boolean copy) {
    this.profile = profile;
    this.vendor = vendor;
    this.account = account;
    if (copy) {
      this.vars = vars.copy();
      this.vars.remove("token");
    } else if (vars.containsKey("token")) {
      throw new IllegalArgumentException("vars must not contain the token");
    } else {
      this.vars = vars;
    }
  }

  /**
   * A mapper that keeps {@code vars} itself instead of a copy (a copy of an account's variables is
   * about 550 B per socket): for a caller that never changes {@code vars} afterwards, as {@link
   * io.cloudbus.generic.GenericCloudSocket} does.
   *
   * @throws IllegalArgumentException when {@code vars} holds a {@code token}
   */
  public static ProfileEventMapper sharing(
      VendorProfile profile, String vendor, String account, JsonObject vars) {
    return new ProfileEventMapper(profile, vendor, account, vars, false);
  }

  /**
   * Starts a new epoch for {@code dedup: none} ids: call on every (re)connect. An epoch is the time
   * in base 36 plus a random part, so ids never repeat across connections and restarts.
   */
  public void newConnection() {
    epoch = newEpoch();
    sequence.set(0);
  }

  private static String newEpoch() {
    return Long.toString(System.currentTimeMillis(), 36)
        + "-"
        + Long.toString(java.util.concurrent.ThreadLocalRandom.current().nextLong(1L << 40), 36);
  }

  /**
   * The events of one frame: none for an ignored frame, else exactly one. The frame is handed over:
   * the event's {@code data.raw} is {@code frame} itself, not a copy (one deep copy less per frame;
   * the bus copies the event for each consumer), so the caller must not modify it after.
   */
  public List<CloudbusEvent> toEvents(JsonObject frame) {
    for (Ignore ignore : profile.ignore()) {
      if (ignore.match().test(frame)) {
        LOG.debug("[{}/{}] ignored frame ({})", vendor, account, ignore.reason());
        return List.of();
      }
    }
    for (Rule rule : profile.mapping()) {
      if (rule.match().test(frame)) {
        return List.of(apply(rule, frame));
      }
    }
    return List.of(apply(profile.unmatched(), frame));
  }

  private CloudbusEvent apply(Rule rule, JsonObject frame) {
    String id = rule.id() == null ? null : rule.id().renderComplete(frame, vars);
    if (id == null || id.isEmpty()) {
      id =
          profile.dedup() == VendorProfile.Dedup.NONE
              // every frame is its own event: identical frames are distinct changes. The receive
              // time first: ids then sort by time across connections and accounts, and the
              // journal's unique index takes them where the last ones went (one page per write,
              // not one per account: benchmarks.md, "Group commit")
              ? Long.toString(System.currentTimeMillis(), 36)
                  + "-"
                  + epoch
                  + "-"
                  + sequence.incrementAndGet()
              // a retransmission has the same content: derive the id from it so that it dedups
              : Json.contentHash(rule.hashOf().get(frame));
    }
    JsonObject data =
        rule.data() == null ? new JsonObject() : rule.data().renderObject(frame, vars);
    data.put("raw", frame);
    return CloudbusEvent.builder(vendor, account)
        .id(id)
        .name(rule.name())
        .subject(
            emptyToNull(rule.subject() == null ? null : rule.subject().renderString(frame, vars)))
        .time(time(rule, frame))
        .vendorType(
            emptyToNull(
                rule.vendorType() == null ? null : rule.vendorType().renderString(frame, vars)))
        .data(data)
        .build();
  }

  private Instant time(Rule rule, JsonObject frame) {
    if (rule.time() == null) {
      return Instant.now();
    }
    Object v = rule.time().render(frame, vars);
    if (v instanceof Number n) {
      long x = n.longValue();
      // Heuristic on magnitude: epoch seconds until the year 33658, else milliseconds.
      return x > 1_000_000_000_000L ? Instant.ofEpochMilli(x) : Instant.ofEpochSecond(x);
    }
    if (v instanceof String s && !s.isEmpty()) {
      try {
        return OffsetDateTime.parse(s).toInstant();
      } catch (DateTimeParseException e) {
        LOG.debug("[{}/{}] unparseable event time '{}', using now", vendor, account, s);
      }
    }
    return Instant.now();
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
