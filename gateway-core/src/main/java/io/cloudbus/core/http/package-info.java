/**
 * API for an adapter's REST calls: {@link io.cloudbus.core.http.RestClient} (authorized JSON calls
 * with one retry after a refused token, status classification, {@code Retry-After}, URL redaction
 * for logs). Thread-safe; every call returns a Vert.x {@code Future} failed with a classified
 * {@link io.cloudbus.core.CloudbusException}.
 */
package io.cloudbus.core.http;
