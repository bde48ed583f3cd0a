/**
 * Implementation of the client, not API: the JSON reader/writer ({@link
 * io.cloudbus.client.impl.Json}), protocol frames, backoff, the bounded inbox, URL and close-code
 * rules. May change without notice.
 */
package io.cloudbus.client.impl;
