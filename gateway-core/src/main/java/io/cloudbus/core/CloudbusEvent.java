package io.cloudbus.core;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Objects;

/**
 * One normalized event: a CloudEvents 1.0 event in the JSON structured format (the contract in
 * docs/architecture.md). Immutable; build with {@link #builder(String, String)}.
 *
 * <p>The {@code id} must be derived from the vendor's own identity of the event, so the same vendor
 * event always gets the same id: deduplication relies on it.
 */
public final class CloudbusEvent {

  public static final String SPEC_VERSION = "1.0";
  public static final String CONTENT_TYPE = "application/json";

  private final String id;
  private final String vendor;
  private final String account;
  private final String name;
  private final String subject;
  private final Instant time;
  private final String vendorType;
  private final JsonObject data;

  private CloudbusEvent(Builder b) {
    this.id = requireText(b.id, "id");
    this.vendor = requireText(b.vendor, "vendor");
    this.account = requireText(b.account, "account");
    this.name = requireText(b.name, "name");
    this.subject = b.subject;
    this.time = b.time == null ? Instant.now() : b.time;
    this.vendorType = b.vendorType;
    this.data = b.data == null ? new JsonObject() : b.data;
  }

  private static String requireText(String value, String field) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("CloudbusEvent." + field + " must not be empty");
    }
    return value;
  }

  /** Starts an event of one account; {@code vendor} and {@code account} name its source. */
  public static Builder builder(String vendor, String account) {
    return new Builder().vendor(vendor).account(account);
  }

  /** The event id, stable for the same vendor event. */
  public String id() {
    return id;
  }

  public String vendor() {
    return vendor;
  }

  public String account() {
    return account;
  }

  /** The normalized name, e.g. {@code alarm.triggered}; see {@link EventTypes}. */
  public String name() {
    return name;
  }

  /** The CloudEvents type: {@code io.cloudbus.<name>}. */
  public String type() {
    return EventTypes.type(name);
  }

  /** {@code /cloudbus/<vendor>/<account>}. */
  public String source() {
    return "/cloudbus/" + vendor + "/" + account;
  }

  /** The device, sensor, entity, resource or call session; may be null. */
  public String subject() {
    return subject;
  }

  /** The vendor's event time. */
  public Instant time() {
    return time;
  }

  /** The vendor's own type, e.g. {@code 1400} or {@code BNC1-rtc:offer}; may be null. */
  public String vendorType() {
    return vendorType;
  }

  /** The normalized fields plus {@code raw}, the vendor payload untouched. Do not mutate. */
  public JsonObject data() {
    return data;
  }

  /** The CloudEvents JSON structured form. A new object on every call. */
  public JsonObject toJson() {
    return toJsonSharingData().put("data", data.copy());
  }

  /**
   * The CloudEvents JSON structured form whose {@code data} is this event's own {@link #data()}
   * object, not a copy: for publishers whose transport copies or encodes it anyway (the event bus's
   * JSON codec copies for every local consumer and encodes for remote ones), so an event is not
   * copied once more on its way out. The caller must not modify the result's {@code data}.
   */
  public JsonObject toJsonSharingData() {
    // its text is encoded once for the journal and every /ws and SSE client
    JsonObject json =
        io.cloudbus.core.impl.EventJson.newEvent()
            .put("specversion", SPEC_VERSION)
            .put("id", id)
            .put("source", source())
            .put("type", type());
    if (subject != null) {
      json.put("subject", subject);
    }
    json.put("time", io.cloudbus.core.impl.InstantText.format(time))
        .put("datacontenttype", CONTENT_TYPE)
        .put("vendor", vendor)
        .put("account", account);
    if (vendorType != null) {
      json.put("vendortype", vendorType);
    }
    return json.put("data", data);
  }

  /**
   * Reads the JSON form back. Throws {@link IllegalArgumentException} naming the missing or
   * malformed attribute.
   */
  public static CloudbusEvent fromJson(JsonObject json) {
    String type = json.getString("type");
    if (type == null || !type.startsWith(EventTypes.PREFIX)) {
      throw new IllegalArgumentException("type must start with " + EventTypes.PREFIX);
    }
    return builder(json.getString("vendor"), json.getString("account"))
        .id(json.getString("id"))
        .name(type.substring(EventTypes.PREFIX.length()))
        .subject(json.getString("subject"))
        .time(Instant.parse(Objects.requireNonNull(json.getString("time"), "time")))
        .vendorType(json.getString("vendortype"))
        .data(json.getJsonObject("data"))
        .build();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CloudbusEvent other && toJson().equals(other.toJson());
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, vendor, account, name);
  }

  @Override
  public String toString() {
    return type() + " " + id + " " + source() + (subject == null ? "" : " " + subject);
  }

  /** Builds a {@link CloudbusEvent}; {@link #build()} validates. */
  public static final class Builder {
    private String id;
    private String vendor;
    private String account;
    private String name;
    private String subject;
    private Instant time;
    private String vendorType;
    private JsonObject data;

    private Builder() {}

    public Builder id(String id) {
      this.id = id;
      return this;
    }

    public Builder vendor(String vendor) {
      this.vendor = vendor;
      return this;
    }

    public Builder account(String account) {
      this.account = account;
      return this;
    }

    /** The normalized name (without prefix), e.g. {@link EventTypes#DOORBELL_RING}. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder subject(String subject) {
      this.subject = subject;
      return this;
    }

    /** The vendor's event time; now when not set. */
    public Builder time(Instant time) {
      this.time = time;
      return this;
    }

    public Builder vendorType(String vendorType) {
      this.vendorType = vendorType;
      return this;
    }

    /** The normalized fields; by convention includes {@code raw}, the vendor payload. */
    public Builder data(JsonObject data) {
      this.data = data;
      return this;
    }

    public CloudbusEvent build() {
      return new CloudbusEvent(this);
    }
  }
}
