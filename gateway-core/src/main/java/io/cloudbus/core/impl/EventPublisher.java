package io.cloudbus.core.impl;

import io.cloudbus.core.CloudbusAddresses;
import io.cloudbus.core.CloudbusEvent;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;

/**
 * Publishes one account's events and status on the event bus, per the contract: every event to
 * {@link CloudbusAddresses#EVENTS} and {@link CloudbusAddresses#events(String, String)}, every
 * status to {@link CloudbusAddresses#STATUS}, each with headers {@code vendor}, {@code account},
 * {@code type}. The event JSON is built once per event. Thread-safe.
 */
public final class EventPublisher {

  /** The {@code type} header of status messages. */
  public static final String STATUS_TYPE = "status";

  private final EventBus bus;
  private final DeliveryBacklog delivery;
  private final String vendor;
  private final String account;
  private final String accountAddress;

  /** A publisher whose events are not counted in a {@link DeliveryBacklog}. */
  public EventPublisher(EventBus bus, String vendor, String account) {
    this(bus, null, vendor, account);
  }

  /**
   * @param delivery counts each event until the gateway service handled it (null: not counted)
   */
  public EventPublisher(EventBus bus, DeliveryBacklog delivery, String vendor, String account) {
    this.bus = SharedEventCodec.register(bus);
    this.delivery = delivery;
    this.vendor = vendor;
    this.account = account;
    this.accountAddress = CloudbusAddresses.events(vendor, account);
  }

  /**
   * Publishes {@code event}; returns the JSON that went out, which shares {@code data} with the
   * event and is handed as is to every local consumer ({@link SharedEventCodec}), so do not modify
   * it.
   */
  public JsonObject publish(CloudbusEvent event) {
    JsonObject json = event.toJsonSharingData();
    DeliveryOptions headers = headers(event.type()).setCodecName(SharedEventCodec.NAME);
    publishEvent(json, headers);
    return json;
  }

  /**
   * Publishes {@code json} (the JSON of {@code event}, not modified afterwards) with the {@link
   * CloudbusAddresses#HEADER_POSITION} and {@link CloudbusAddresses#HEADER_JOURNAL} headers when
   * {@code position} is positive (an event journaled in {@code journalId}).
   */
  public void publish(CloudbusEvent event, JsonObject json, long position, String journalId) {
    DeliveryOptions headers = headers(event.type()).setCodecName(SharedEventCodec.NAME);
    if (position > 0) {
      headers.addHeader(CloudbusAddresses.HEADER_POSITION, Long.toString(position));
      headers.addHeader(CloudbusAddresses.HEADER_JOURNAL, journalId);
    }
    publishEvent(json, headers);
  }

  private void publishEvent(JsonObject json, DeliveryOptions headers) {
    if (delivery != null) {
      delivery.published(headers);
    }
    try {
      bus.publish(CloudbusAddresses.EVENTS, json, headers);
    } catch (RuntimeException e) {
      if (delivery != null) {
        delivery.unpublished(headers);
      }
      throw e;
    }
    bus.publish(accountAddress, json, headers);
  }

  /** Publishes a status body on {@link CloudbusAddresses#STATUS}. */
  public void publishStatus(JsonObject status) {
    bus.publish(CloudbusAddresses.STATUS, status, headers(STATUS_TYPE));
  }

  private DeliveryOptions headers(String type) {
    return new DeliveryOptions()
        .addHeader(CloudbusAddresses.HEADER_VENDOR, vendor)
        .addHeader(CloudbusAddresses.HEADER_ACCOUNT, account)
        .addHeader(CloudbusAddresses.HEADER_TYPE, type);
  }
}
