package io.cloudbus.benchmarks;

/**
 * Typical vendor frames, as their push sockets send them (shapes from docs/protocols, values
 * shortened). Text, because decoding the frame is part of what is measured.
 */
final class Frames {

  private Frames() {}

  /** A SimpliSafe {@code com.simplisafe.event.standard} envelope (a keypad disarm, CID 1400). */
  static final String SIMPLISAFE_EVENT_STANDARD =
      "{\"data\":{\"eventTimestamp\":1632957286,\"eventCid\":1400,\"zoneCid\":\"1\","
          + "\"sensorType\":1,\"sensorSerial\":\"abcdef12\",\"account\":\"abcdef12\","
          + "\"userId\":12345,\"sid\":12345,\"info\":\"System Disarmed by Master PIN\","
          + "\"pinName\":\"Master PIN\",\"sensorName\":\"\","
          + "\"messageSubject\":\"SimpliSafe System Disarmed\",\"messageBody\":\"System Disarmed:"
          + " Your SimpliSafe security system was disarmed by Keypad Master PIN at 1234 Main"
          + " Street on 9-29-21 at 5:14 pm\",\"eventType\":\"activity\",\"timezone\":2,"
          + "\"locationOffset\":-360,\"eventId\":16803409109},"
          + "\"datacontenttype\":\"application/json\",\"id\":\"id:16803409109\","
          + "\"source\":\"messagequeue\",\"specversion\":\"1.0\","
          + "\"time\":\"2021-09-29T23:14:46.000Z\",\"type\":\"com.simplisafe.event.standard\"}";

  /** BTicino {@code BNC1-rtc} offer: head, then a session id, then {@link #BTICINO_OFFER_TAIL}. */
  static final String BTICINO_OFFER_HEAD =
      "{\"push_type\":\"BNC1-rtc\",\"extra_params\":{\"tag_id\":\"dgo4dB6RqEk=\","
          + "\"correlation_id\":\"1499514006757899539\",\"session_id\":\"";

  static final String BTICINO_OFFER_TAIL =
      "\",\"data\":{\"type\":\"offer\",\"session_description\":{\"type\":\"call\","
          + "\"sdp\":\"v=0\\r\\no=- 4611731400430051336 2 IN IP4 127.0.0.1\\r\\ns=-\\r\\nt=0 0\\r\\n\","
          + "\"module_id\":\"d9a63b-a06f-2ef633a2f733\",\"modules\":[{\"type\":\"BNEU\","
          + "\"id\":\"d9a63b-a06f-2ef633a2f733\",\"name\":\"Citofono Strada\"}]}},"
          + "\"device_id\":\"00:03:50:d9:a6:3b\",\"home_id\":\"67bdb3ed1a2b3c4d5e6f7a8b\"}}";

  /** BTicino {@code BNC1-incoming_call}: head, then a session id, then the tail. */
  static final String BTICINO_INCOMING_HEAD =
      "{\"push_type\":\"BNC1-incoming_call\",\"extra_params\":{\"event_type\":\"incoming_call\","
          + "\"device_id\":\"00:03:50:d9:a6:3b\",\"home_id\":\"67bdb3ed1a2b3c4d5e6f7a8b\","
          + "\"home_name\":\"MyHome\",\"timestamp\":1774877242,"
          + "\"camera_id\":\"00:03:50:d9:a6:3b\",\"event_id\":\"69ca7a3aeeefc6e8a1cf8cef\","
          + "\"subevent_id\":\"69ca7a3a59c54a2c490395f4\","
          + "\"snapshot_url\":\"https://example.invalid/snapshot.jpg\","
          + "\"vignette_url\":\"https://example.invalid/vignette.jpg\",\"session_id\":\"";

  static final String BTICINO_INCOMING_TAIL = "\"}}";

  /** A Home Assistant {@code state_changed} event message of a subscription. */
  static final String HOME_ASSISTANT_STATE_CHANGED =
      "{\"id\":1,\"type\":\"event\",\"event\":{\"event_type\":\"state_changed\",\"data\":{"
          + "\"entity_id\":\"light.kitchen\","
          + "\"old_state\":{\"entity_id\":\"light.kitchen\",\"state\":\"off\","
          + "\"attributes\":{\"friendly_name\":\"Kitchen\",\"supported_color_modes\":[\"brightness\"]},"
          + "\"last_changed\":\"2026-11-21T10:00:00.000000+00:00\","
          + "\"last_updated\":\"2026-11-21T10:00:00.000000+00:00\","
          + "\"context\":{\"id\":\"01JD0000000000000000000000\",\"parent_id\":null,\"user_id\":null}},"
          + "\"new_state\":{\"entity_id\":\"light.kitchen\",\"state\":\"on\","
          + "\"attributes\":{\"friendly_name\":\"Kitchen\",\"brightness\":255,"
          + "\"supported_color_modes\":[\"brightness\"]},"
          + "\"last_changed\":\"2026-11-21T10:00:05.000000+00:00\","
          + "\"last_updated\":\"2026-11-21T10:00:05.000000+00:00\","
          + "\"context\":{\"id\":\"01JD0000000000000000000001\",\"parent_id\":null,\"user_id\":null}}},"
          + "\"origin\":\"LOCAL\",\"time_fired\":\"2026-11-21T10:00:05.000000+00:00\","
          + "\"context\":{\"id\":\"01JD0000000000000000000001\",\"parent_id\":null,\"user_id\":null}}}";

  /** A Pylight {@code update} broadcast of the {@code products} table. */
  static final String PYLIGHT_UPDATE =
      "{\"type\":\"update\",\"model\":\"products\","
          + "\"data\":{\"id\":42,\"name\":\"Widget\",\"price\":9.5,\"stock\":17}}";
}
