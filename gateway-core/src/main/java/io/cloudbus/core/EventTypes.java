package io.cloudbus.core;

/**
 * The normalized event names of the contract. The CloudEvents {@code type} is {@link #PREFIX} plus
 * the name, e.g. {@code io.cloudbus.alarm.triggered}. A vendor event that maps to none of these is
 * still delivered as {@link #UNMAPPED}, never dropped.
 */
public final class EventTypes {

  /** Prefix of every CloudEvents type published by cloudbus. */
  public static final String PREFIX = "io.cloudbus.";

  public static final String ALARM_TRIGGERED = "alarm.triggered";

  /**
   * A reconnect that may have lost events: {@code subject} the account, {@code data: {from, to,
   * reason}} (RFC 3339 times; reason {@code no_history}, {@code gateway_restart} or {@code
   * history_window}; {@code retention} when the bridge service tells a resuming consumer that its
   * journal no longer holds every event after the resume point).
   */
  public static final String STREAM_GAP = "stream.gap";

  public static final String ALARM_CANCELED = "alarm.canceled";
  public static final String SECURITY_DISARMED = "security.disarmed";
  public static final String SECURITY_ARMED_AWAY = "security.armed_away";
  public static final String SECURITY_ARMED_HOME = "security.armed_home";
  public static final String SECURITY_EXIT_DELAY = "security.exit_delay";
  public static final String SECURITY_ENTRY_DELAY = "security.entry_delay";
  public static final String DOORBELL_RING = "doorbell.ring";
  public static final String DEVICE_CHANGED = "device.changed";
  public static final String COMMAND_SUCCEEDED = "command.succeeded";
  public static final String COMMAND_FAILED = "command.failed";
  public static final String CALL_ANSWERED = "call.answered";
  public static final String CALL_MISSED = "call.missed";
  public static final String CALL_ENDED = "call.ended";
  public static final String CAMERA_MOTION = "camera.motion";
  public static final String DEVICE_UNREACHABLE = "device.unreachable";
  public static final String DEVICE_RESTORED = "device.restored";
  public static final String SYSTEM_POWER_LOST = "system.power_lost";
  public static final String SYSTEM_POWER_RESTORED = "system.power_restored";
  public static final String SYSTEM_CONNECTION_LOST = "system.connection_lost";
  public static final String SYSTEM_CONNECTION_RESTORED = "system.connection_restored";
  public static final String SYSTEM_TEST = "system.test";
  public static final String LOCK_UNLOCKED = "lock.unlocked";
  public static final String LOCK_LOCKED = "lock.locked";
  public static final String LOCK_ERROR = "lock.error";
  public static final String ENTITY_STATE_CHANGED = "entity.state_changed";
  public static final String RESOURCE_CREATED = "resource.created";
  public static final String RESOURCE_UPDATED = "resource.updated";
  public static final String RESOURCE_DELETED = "resource.deleted";
  public static final String UNMAPPED = "unmapped";

  private EventTypes() {}

  /** The CloudEvents type of a name: {@code io.cloudbus.<name>}. */
  public static String type(String name) {
    return PREFIX + name;
  }
}
