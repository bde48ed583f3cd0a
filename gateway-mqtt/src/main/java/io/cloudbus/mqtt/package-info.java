/**
 * The MQTT output of cloudbus: {@link io.cloudbus.mqtt.MqttOutput} publishes events, account
 * status, device state and Home Assistant discovery to an MQTT broker and routes the command topics
 * that discovery declares to the command bus addresses. Options: {@link
 * io.cloudbus.mqtt.MqttOutputOptions}; topics: {@link io.cloudbus.mqtt.MqttTopics}; the rest is in
 * {@code impl}. See docs/mqtt.md.
 */
package io.cloudbus.mqtt;
