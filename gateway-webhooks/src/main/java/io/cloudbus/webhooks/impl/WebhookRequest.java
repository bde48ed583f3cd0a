package io.cloudbus.webhooks.impl;

import io.cloudbus.webhooks.WebhookOptions;
import io.cloudbus.webhooks.WebhookSignature;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The body and headers of one attempt: CloudEvents HTTP (structured or binary), signed. */
record WebhookRequest(Buffer body, MultiMap headers) {

  static WebhookRequest of(WebhookOptions o, JsonObject event, long epochSeconds) {
    Buffer body;
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    if (o.mode().equals("binary")) {
      Object data = event.getValue("data");
      body = data == null ? Buffer.buffer() : Buffer.buffer(Json.encode(data));
      headers.set("Content-Type", event.getString("datacontenttype", "application/json"));
      for (String attribute : event.fieldNames()) {
        Object v = event.getValue(attribute);
        if (!attribute.equals("data")
            && !attribute.equals("datacontenttype")
            && v != null
            && !(v instanceof JsonObject)
            && !(v instanceof JsonArray)) {
          headers.set("ce-" + attribute, String.valueOf(v));
        }
      }
    } else {
      body = event.toBuffer();
      headers.set("Content-Type", "application/cloudevents+json; charset=utf-8");
    }
    headers.set(WebhookSignature.TIMESTAMP_HEADER, Long.toString(epochSeconds));
    headers.set(
        WebhookSignature.SIGNATURE_HEADER,
        WebhookSignature.sign(o.secret(), epochSeconds, body.getBytes()));
    return new WebhookRequest(body, headers);
  }
}
